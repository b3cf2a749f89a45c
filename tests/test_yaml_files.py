"""Checks kg/yaml_files.py: line numbers of mappings and keys, and the refusal of malformed YAML files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import BadInputError
from kg.yaml_files import LineDict, load_yaml_mapping, read_text

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

CLAIMS = """\
# a comment on line 1
claims:

  - id: first
    type: role
    quote: "abc"

  - id: second
    type: move
    group: {headcount: 3, description: "trois"}
    quote:
      - "x"
      - {text: "y", occurrence: 2}
"""


def write(tmp_path: Path, text: str | bytes, name: str = "file.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_lines_of_mappings_and_keys(tmp_path: Path) -> None:
    data = load_yaml_mapping(write(tmp_path, CLAIMS))
    assert isinstance(data, LineDict)
    assert data.line == 2
    assert data.line_of("claims") == 2
    first, second = data["claims"]
    assert isinstance(first, LineDict) and isinstance(second, LineDict)
    assert first == {"id": "first", "type": "role", "quote": "abc"}
    assert first.line == 4
    assert first.key_lines == {"id": 4, "type": 5, "quote": 6}
    assert second.line == 8
    assert second.line_of("group") == 10
    assert second["group"].line == 10
    assert second["group"].key_lines == {"headcount": 10, "description": 10}
    assert second.line_of("quote") == 11
    flow = second["quote"][1]
    assert isinstance(flow, LineDict)
    assert flow == {"text": "y", "occurrence": 2}
    assert flow.line == 13


def test_line_of_a_missing_key_is_the_mapping_line(tmp_path: Path) -> None:
    data = load_yaml_mapping(write(tmp_path, CLAIMS))
    second = data["claims"][1]
    assert second.line_of("mover") == 8
    assert "mover" not in second


def test_real_entities_file_lines() -> None:
    data = load_yaml_mapping(SEEDS_DIR / "entities.yaml")
    lines = (SEEDS_DIR / "entities.yaml").read_text(encoding="utf-8").splitlines()
    assert data.line_of("people") == lines.index("people:") + 1
    assert data.line_of("organizations") == lines.index("organizations:") + 1
    people = data["people"]
    assert lines[people.line_of("lilian-weng") - 1] == "  lilian-weng:"
    assert lines[people["lilian-weng"].line_of("name") - 1] == "    name: Lilian Weng"


def test_duplicate_key_refused_with_its_line(tmp_path: Path) -> None:
    text = (
        "people:\n  openai:\n    name: OpenAI\n  anthropic:\n    name: A\n  openai:\n    name: B\n"
    )
    path = write(tmp_path, text)
    with pytest.raises(BadInputError) as caught:
        load_yaml_mapping(path)
    assert str(caught.value) == f"{path}:6: YAML error: duplicate key 'openai'"
    assert caught.value.location is not None
    assert caught.value.location.line == 6


def test_duplicate_key_in_a_flow_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\nb: {x: 1,\n    x: 2}\n")
    with pytest.raises(BadInputError, match="duplicate key 'x'") as caught:
        load_yaml_mapping(path)
    assert str(caught.value).startswith(f"{path}:3: ")


def test_duplicate_top_level_key(tmp_path: Path) -> None:
    path = write(tmp_path, "id: a\ntitle: null\nid: b\n")
    with pytest.raises(BadInputError) as caught:
        load_yaml_mapping(path)
    assert str(caught.value) == f"{path}:3: YAML error: duplicate key 'id'"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\nb: [1, 2\nc: 3\n", 3),  # unclosed flow sequence
        ('claims:\n  - id: x\n    quote: "abc\n  - id: y\n', 5),  # unclosed quoted scalar
        ("a:\n  b: 1\n c: 2\n", 3),  # bad indentation
        ("a: 1\n\tb: 2\n", 2),  # a tab as indentation
        ("a: 1\nb: @x\n", 2),  # reserved indicator
    ],
)
def test_syntax_error_names_file_and_line(tmp_path: Path, text: str, line: int) -> None:
    path = write(tmp_path, text)
    with pytest.raises(BadInputError) as caught:
        load_yaml_mapping(path)
    assert str(caught.value).startswith(f"{path}:{line}: YAML error: ")
    assert caught.value.location is not None
    assert (caught.value.location.path, caught.value.location.line) == (path, line)


def test_non_text_key_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\n2024: x\n")
    with pytest.raises(BadInputError) as caught:
        load_yaml_mapping(path)
    assert str(caught.value) == f"{path}:2: YAML error: keys must be text, found 2024"


def test_non_utf8_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b"id: caf\xe9\n")  # Latin-1
    with pytest.raises(BadInputError) as caught:
        load_yaml_mapping(path)
    assert str(caught.value).startswith(f"{path}: not UTF-8 (byte 7: ")
    with pytest.raises(BadInputError, match="not UTF-8"):
        read_text(path)


def test_utf16_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "id: café\n".encode("utf-16"))
    with pytest.raises(BadInputError) as caught:
        load_yaml_mapping(path)
    assert str(caught.value).startswith(f"{path}: not UTF-8 (byte 0: ")


def test_missing_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    with pytest.raises(BadInputError) as caught:
        load_yaml_mapping(path)
    assert str(caught.value) == f"{path}: file not found"


def test_read_text_keeps_the_text_as_is(tmp_path: Path) -> None:
    text = "l’IA\u00a0: « oui »\r\n"
    path = write(tmp_path, text.encode("utf-8"))
    assert read_text(path) == text


@pytest.mark.parametrize(
    "text",
    ["- a\n- b\n", "just text\n", "42\n", "", "# only a comment\n", "null\n"],
)
def test_top_level_not_a_mapping_refused(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(BadInputError) as caught:
        load_yaml_mapping(path)
    assert str(caught.value) == f"{path}:1: the file must hold a YAML mapping at its top level"


def test_unsafe_tags_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "a: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(BadInputError) as caught:
        load_yaml_mapping(path)
    assert str(caught.value).startswith(f"{path}:1: YAML error: ")
