"""Checks that `kg` run as a real process exits 2 on bad input, says where, and leaves the build as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
FIRST = "000_b6ab9247b09f1895"
SECOND = "004_326b055be2d4181b"


def run_kg(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`python -m kg ARGS` from the project root, with no KG_* variables from the environment."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("KG_")}
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@dataclass(frozen=True)
class Snapshot:
    """What a reader of the build directory sees: the release `current` names and its manifest."""

    current_target: str
    manifest: bytes
    releases: tuple[str, ...]
    entries: tuple[str, ...]


def snapshot(build_dir: Path) -> Snapshot:
    current = build_dir / "current"
    assert current.is_symlink()
    return Snapshot(
        current_target=os.readlink(current),
        manifest=(current.resolve() / "manifest.json").read_bytes(),
        releases=tuple(sorted(p.name for p in (build_dir / "releases").iterdir())),
        entries=tuple(sorted(p.name for p in build_dir.iterdir())),
    )


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build directory holding one successful build of the real seeds, made by the CLI."""
    directory = tmp_path_factory.mktemp("cli-build")
    result = run_kg("build", "--seeds", SEEDS_DIR, "--build-dir", directory, "-q")
    assert result.returncode == 0, result.stderr
    assert "published" in result.stdout
    return directory


@pytest.fixture(scope="module")
def published(build_dir: Path) -> Snapshot:
    return snapshot(build_dir)


def assert_refused(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    for text in expected:
        assert text in result.stderr, (text, result.stderr)


def build_broken(
    seeds: Path, build_dir: Path, published: Snapshot, *expected: str
) -> subprocess.CompletedProcess[str]:
    """Build broken seeds into the published build dir: exit 2, the message, nothing changed."""
    result = run_kg("build", "--seeds", seeds, "--build-dir", build_dir, "-q")
    assert_refused(result, *expected)
    assert result.stderr.startswith("kg build: "), result.stderr
    assert result.stdout == ""
    assert snapshot(build_dir) == published
    return result


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def last_line_of(path: Path, marker: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    numbers = [n for n, line in enumerate(lines, 1) if marker in line]
    assert numbers, f"{marker!r} not in {path.name}"
    return numbers[-1]


@dataclass(frozen=True)
class Broken:
    """One curation rule broken once: the edit, the line to name, the claim and the message."""

    old: str
    new: str
    marker: str
    claim: str
    message: str


BROKEN: dict[str, Broken] = {
    "quote not verbatim": Broken(
        'quote: "Jan Leike, un chercheur en alignement"',
        'quote: "Jan Leike, un brillant chercheur en alignement"',
        "un brillant chercheur",
        "jan-leike-described",
        "quote not found verbatim in the text",
    ),
    "quote occurring twice": Broken(
        'quote: "Thinking Machines Lab de Mira Murati"',
        'quote: "du Thinking Machines Lab"',
        'quote: "du Thinking Machines Lab"',
        "mira-murati-thinking-machines-lab",
        "quote occurs 2 times in the text",
    ),
    "unknown entity slug": Broken(
        "    person: jan-leike\n",
        "    person: jan-leik\n",
        "person: jan-leik",
        "jan-leike-at-anthropic",
        "'person' names 'jan-leik', which is not in entities.yaml",
    ),
    "an organisation as mover": Broken(
        "mover: andrea-vallone",
        "mover: openai",
        "mover: openai",
        "andrea-vallone-openai-to-anthropic",
        "'mover' must name a person",
    ),
    "status outside the list": Broken(
        "status: expected",
        "status: likely",
        "status: likely",
        "thinking-machines-lab-two-employees-expected-at-openai",
        "'status' must be one of completed, announced, expected, rumoured",
    ),
    "bad date": Broken(
        'date: "2024"',
        'date: "2024-13"',
        'date: "2024-13"',
        "jan-leike-leaves-openai",
        "'2024-13' is not a date",
    ),
    "unknown key": Broken(
        "    reported_by: the-verge\n",
        "    reported_by: the-verge\n    source: the-verge\n",
        "source: the-verge",
        "andrea-vallone-openai-to-anthropic",
        "unknown key 'source' for a move claim",
    ),
    "duplicate claim id": Broken(
        "- id: jan-leike-at-anthropic",
        "- id: anthropic-described",
        "- id: anthropic-described",
        "anthropic-described",
        "claim id used twice in this file",
    ),
    "role_before naming no role": Broken(
        "role_before: andrea-vallone-at-openai",
        "role_before: andrea-vallone-at-opena",
        "- id: andrea-vallone-openai-to-anthropic",
        "andrea-vallone-openai-to-anthropic",
        "which is not a role claim of this file",
    ),
    "move with neither mover nor group": Broken(
        "    mover: jan-leike\n",
        "",
        "- id: jan-leike-leaves-openai",
        "jan-leike-leaves-openai",
        "a move has either a 'mover' or a 'group'",
    ),
    "move with both mover and group": Broken(
        "    mover: max-stoiber\n",
        "    mover: max-stoiber\n    group: {headcount: 1}\n",
        "- id: max-stoiber-shopify-to-openai",
        "max-stoiber-shopify-to-openai",
        "a move has either a 'mover' or a 'group'",
    ),
    "move with neither from nor to": Broken(
        "    mover: jan-leike\n    from: openai\n",
        "    mover: jan-leike\n",
        "- id: jan-leike-leaves-openai",
        "jan-leike-leaves-openai",
        "a move needs 'from' or 'to'",
    ),
    "reason not the article's words": Broken(
        "reason: \"préoccupations concernant l'engagement de l'entreprise en matière de sécurité de l'IA\"",
        'reason: "inquiétudes sur la sécurité"',
        'reason: "inquiétudes sur la sécurité"',
        "jan-leike-leaves-openai",
        "'reason' must be the article's own words",
    ),
    "claim without quote": Broken(
        '    quote: "Jan Leike, un chercheur en alignement"\n',
        "",
        "- id: jan-leike-described",
        "jan-leike-described",
        "every claim needs the 'quote' that states it",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN.values()), ids=list(BROKEN))
def test_broken_claim_exits_2_and_keeps_the_published_build(
    seeds_copy: Path, build_dir: Path, published: Snapshot, case: Broken
) -> None:
    path = seeds_copy / f"{FIRST}.claims.yaml"
    edit(path, case.old, case.new)
    line = last_line_of(path, case.marker)
    build_broken(
        seeds_copy,
        build_dir,
        published,
        f"{path}:{line} (claim {case.claim!r}): ",
        case.message,
    )


def test_yaml_syntax_error(seeds_copy: Path, build_dir: Path, published: Snapshot) -> None:
    path = seeds_copy / f"{FIRST}.claims.yaml"
    edit(path, "    type: description\n    entity: jan-leike\n",
         "    type: description\n   entity: jan-leike\n")  # fmt: skip
    line = last_line_of(path, "   entity: jan-leike")
    build_broken(seeds_copy, build_dir, published, f"{path}:{line}: YAML error: ")


def test_duplicate_yaml_key_in_entities(
    seeds_copy: Path, build_dir: Path, published: Snapshot
) -> None:
    path = seeds_copy / "entities.yaml"
    edit(path, "  shopify:\n", "  shopify:\n    name: Shopify\n  openai:\n")
    line = last_line_of(path, "  openai:")
    build_broken(
        seeds_copy, build_dir, published, f"{path}:{line}: YAML error: duplicate key 'openai'"
    )


def test_non_utf8_source(seeds_copy: Path, build_dir: Path, published: Snapshot) -> None:
    path = seeds_copy / f"{SECOND}.txt"
    path.write_bytes(b"\xff\xfe" + path.read_bytes())
    build_broken(seeds_copy, build_dir, published, f"{path}: not UTF-8 (byte 0: ")


def test_empty_source(seeds_copy: Path, build_dir: Path, published: Snapshot) -> None:
    path = seeds_copy / f"{FIRST}.txt"
    path.write_bytes(b"")
    build_broken(seeds_copy, build_dir, published, f"{path}: the source text is empty")


def test_edited_source(seeds_copy: Path, build_dir: Path, published: Snapshot) -> None:
    path = seeds_copy / f"{FIRST}.txt"
    path.write_bytes(path.read_bytes() + b"\n")
    meta = seeds_copy / f"{FIRST}.meta.yaml"
    build_broken(seeds_copy, build_dir, published, f"{meta}:7: sha256 ", "was the text edited?")


@pytest.mark.parametrize("base", ["relative/path/", "http://example.org", "ftp://example.org/"])
def test_bad_base_uri(build_dir: Path, published: Snapshot, base: str) -> None:
    result = run_kg(
        "build", "--seeds", SEEDS_DIR, "--build-dir", build_dir, "--base-uri", base, "-q"
    )
    assert_refused(result, "base URI must be an absolute http(s) IRI ending with '/'", repr(base))
    assert snapshot(build_dir) == published


def test_unknown_export_format(build_dir: Path, published: Snapshot) -> None:
    result = run_kg("export", "--build-dir", build_dir, "--format", "ntriples")
    assert_refused(result, "invalid choice: 'ntriples'", "usage: kg export")
    assert result.stdout == ""
    assert snapshot(build_dir) == published


def test_query_syntax_error(build_dir: Path) -> None:
    result = run_kg("query", "--build-dir", build_dir, "SELECT ?s WHERE { ?s ?p }")
    assert_refused(result, "kg query: ")
    assert "syntax" in result.stderr.lower()
    assert result.stdout == ""


def test_query_with_service_refused(build_dir: Path) -> None:
    query = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    result = run_kg("query", "--build-dir", build_dir, query)
    assert_refused(result, "SERVICE is refused")
    assert result.stdout == ""


def test_query_runs_on_the_published_build(build_dir: Path) -> None:
    """The control for the refusals above: a well-formed query on the same build succeeds."""
    result = run_kg("query", "--build-dir", build_dir, "ASK { ?s ?p ?o }", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "true" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("query", "SELECT * WHERE { ?s ?p ?o }"),
        ("export", "--format", "nquads"),
        ("stats",),
    ],
    ids=["query", "export", "stats"],
)
def test_command_before_any_build(tmp_path: Path, args: tuple[str, ...]) -> None:
    empty = tmp_path / "never-built"
    result = run_kg(*args, "--build-dir", empty)
    assert_refused(result, f"no published build in {empty}: run `kg build` first")
    assert result.stdout == ""
    assert not empty.exists()
