"""Checks kg/entities.py on the real seeds/entities.yaml and on broken copies of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.entities import Entity, load_entities
from kg.errors import BadInputError

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
ENTITIES = SEEDS_DIR / "entities.yaml"


def test_real_entities_load() -> None:
    entities = load_entities(ENTITIES)
    people = {slug for slug, entity in entities.items() if entity.kind == "person"}
    organizations = {slug for slug, entity in entities.items() if entity.kind == "organization"}
    assert people == {
        "mira-murati", "alex-heath", "andrea-vallone", "jan-leike", "max-stoiber", "lilian-weng",
        "ilya-sutskever", "bob-mcgrew", "andrej-karpathy", "suchir-balaji",
    }  # fmt: skip
    assert organizations == {
        "openai", "anthropic", "thinking-machines-lab", "shopify", "the-verge", "new-york-times",
    }  # fmt: skip
    assert entities["lilian-weng"] == Entity(
        slug="lilian-weng", kind="person", name="Lilian Weng", aliases=("Weng",)
    )
    assert entities["new-york-times"].names == ("The New York Times", "New York Times")
    assert entities["openai"].aliases == ()
    assert entities["openai"].names == ("OpenAI",)
    assert list(entities)[:2] == ["mira-murati", "alex-heath"]  # file order


def test_every_slug_is_its_own_key() -> None:
    for slug, entity in load_entities(ENTITIES).items():
        assert entity.slug == slug


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "entities.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path) -> BadInputError:
    with pytest.raises(BadInputError) as caught:
        load_entities(path)
    return caught.value


def test_names_and_aliases_are_stripped(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "people:\n  a-b:\n    name: ' A B '\n    aliases: [' B ']\n"
        "organizations:\n  c:\n    name: C\n",
    )
    assert load_entities(path)["a-b"] == Entity("a-b", "person", "A B", ("B",))


def test_a_section_may_be_absent(tmp_path: Path) -> None:
    """`data.get(section) or {}` means an absent section is meant to be read as empty."""
    path = write(tmp_path, "people:\n  a-b:\n    name: A B\n")
    assert load_entities(path) == {"a-b": Entity("a-b", "person", "A B")}


def test_a_section_may_be_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "people:\norganizations:\n  c:\n    name: C\n")
    assert load_entities(path) == {"c": Entity("c", "organization", "C")}


@pytest.mark.parametrize("slug", ["Lilian-Weng", "lilian_weng", "lilian--weng", "'lilian weng'",
                                  "hémorragie", "'-openai'", "'2024-'"])  # fmt: skip
def test_bad_slug(tmp_path: Path, slug: str) -> None:
    path = write(tmp_path, f"people:\n  jan-leike:\n    name: Jan Leike\n  {slug}:\n    name: X\n")
    error = refused(path)
    assert str(error).startswith(f"{path}:4: ")
    assert "is not a slug (lowercase ASCII words joined by '-')" in str(error)


def test_slug_both_person_and_organization(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "people:\n  openai:\n    name: Sam\norganizations:\n  anthropic:\n    name: Anthropic\n"
        "  openai:\n    name: OpenAI\n",
    )
    error = refused(path)
    assert str(error) == f"{path}:7: 'openai' is both a person and an organisation"


def test_slug_twice_in_one_section(tmp_path: Path) -> None:
    path = write(tmp_path, "people:\n  a:\n    name: A\n  a:\n    name: B\n")
    assert str(refused(path)) == f"{path}:4: YAML error: duplicate key 'a'"


def test_unknown_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "people:\n  jan-leike:\n    name: Jan Leike\n  lilian-weng:\n    name: Lilian Weng\n"
        "    alias: [Weng]\n",
    )
    error = refused(path)
    assert str(error) == f"{path}:4: 'lilian-weng': unknown key 'alias'"


def test_unknown_section(tmp_path: Path) -> None:
    path = write(tmp_path, "people:\n  a:\n    name: A\norganisations:\n  b:\n    name: B\n")
    error = refused(path)
    assert str(error) == (
        f"{path}:4: unknown section 'organisations'; expected ['organizations', 'people']"
    )


@pytest.mark.parametrize(
    "entry",
    [
        "\n    aliases: [Weng]",  # no name
        "\n    name:",  # null name
        "\n    name: ''",  # empty name
        "\n    name: '   '",  # blank name
        "\n    name: 42",  # not text
        "\n    name: [Lilian, Weng]",
    ],
)
def test_missing_or_bad_name(tmp_path: Path, entry: str) -> None:
    path = write(
        tmp_path, f"organizations:\n  openai:\n    name: OpenAI\npeople:\n  lilian-weng:{entry}\n"
    )
    error = refused(path)
    assert str(error) == f"{path}:5: 'lilian-weng' needs a non-empty 'name'"


def test_entry_not_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "people:\n  a:\n    name: A\n  lilian-weng: Lilian Weng\n")
    assert str(refused(path)) == f"{path}:4: 'lilian-weng' must be a mapping with a 'name'"


@pytest.mark.parametrize(
    "aliases",
    [
        "Weng",  # a string, not a list
        "[Weng, '']",  # an empty alias
        "[Weng, '  ']",
        "[Weng, 42]",  # not text
        "[[Weng]]",
        "{Weng: 1}",
    ],
)
def test_bad_aliases(tmp_path: Path, aliases: str) -> None:
    path = write(
        tmp_path,
        f"people:\n  jan-leike:\n    name: Jan Leike\n  lilian-weng:\n    name: Lilian Weng\n"
        f"    aliases: {aliases}\n",
    )
    error = refused(path)
    assert str(error) == f"{path}:4: 'lilian-weng': 'aliases' must be a list of names"


def test_section_not_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "organizations:\n  a:\n    name: A\npeople:\n  - lilian-weng\n")
    assert str(refused(path)) == f"{path}:4: 'people' must map slugs to entries"


def test_broken_real_file_on_a_copy(seeds_copy: Path) -> None:
    path = seeds_copy / "entities.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  jan-leike:\n    name: Jan Leike\n"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "  jan-leike:\n    nom: Jan Leike\n"), encoding="utf-8")
    line = text.splitlines().index("  jan-leike:") + 1
    error = refused(path)
    assert str(error) == f"{path}:{line}: 'jan-leike': unknown key 'nom'"
    assert error.location is not None
    assert (error.location.path, error.location.line) == (path, line)
