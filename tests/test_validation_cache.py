"""The validation cache: keys follow content and shapes; a damaged or forged entry is never trusted."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.build import DoesNotConformError, build, validate_compiled
from kg.compile import CompiledDataset, compile_dataset
from kg.corpus import CorpusSpec, write_corpus
from kg.iris import Iris
from kg.oxigraph_terms import sorted_ntriples
from kg.progress import Progress
from kg.validation import Violation
from kg.validation_cache import (
    CACHE_DIR,
    ENGINE,
    ValidationCache,
    format_entry,
    parse_entry,
    shapes_fingerprint,
)

QUIET = Progress(enabled=False)
ARTICLES = 6


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("corpus")
    write_corpus(CorpusSpec(articles=ARTICLES), directory, QUIET)
    return directory


@pytest.fixture(scope="module")
def compiled(seeds: Path) -> CompiledDataset:
    return compile_dataset(seeds, Iris(), QUIET)


def entries(build_dir: Path) -> list[Path]:
    return sorted((build_dir / CACHE_DIR).glob("*/*.json"))


def test_an_entry_reads_back_only_as_itself() -> None:
    violation = Violation("g", "f", "p", "v", "m", "s", "Violation")
    text = format_entry("k" * 64, "g", [violation])
    assert parse_entry(text, "k" * 64, "g") == [violation]
    assert parse_entry(text, "j" * 64, "g") is None  # another unit's key
    assert parse_entry(text, "k" * 64, "h") is None  # another unit's name
    assert parse_entry(text[: len(text) // 2], "k" * 64, "g") is None  # cut short
    forged = json.loads(text)
    forged["results"] = []  # "no results" without the matching checksum
    assert parse_entry(json.dumps(forged), "k" * 64, "g") is None


def test_keys_follow_the_content_the_name_and_the_shapes(compiled: CompiledDataset) -> None:
    cache = ValidationCache.open(Path("unused"), compiled.shapes)
    graph = Graph()
    graph.add((URIRef("http://example.org/a"), RDF.value, Literal("x")))
    key = cache.key("unit", sorted_ntriples(graph))
    assert key == cache.key("unit", sorted_ntriples(set(graph))) and len(key) == 64
    assert key != cache.key("other unit", sorted_ntriples(graph))
    graph.add((URIRef("http://example.org/a"), RDF.value, Literal("y")))
    assert key != cache.key("unit", sorted_ntriples(graph))
    other_shapes = Graph()
    other_shapes.add((URIRef("http://example.org/s"), RDF.type, URIRef("http://example.org/S")))
    other = ValidationCache.open(Path("unused"), other_shapes)
    assert other.key("unit", sorted_ntriples(graph)) != cache.key("unit", sorted_ntriples(graph))


def test_the_fingerprint_covers_the_software_and_our_engine_source(
    compiled: CompiledDataset,
) -> None:
    """Editing the code that runs pySHACL or reads its results (or upgrading pySHACL, rdflib,
    pyoxigraph, Python) changes every key: stored results of older code are never reused."""
    package = Path(__file__).resolve().parents[1] / "kg"
    source = hashlib.sha256()
    for module in ("shacl_engine.py", "validation_report.py", "oxigraph_terms.py"):
        source.update((package / module).read_bytes())
    expected = hashlib.sha256(f"{ENGINE}\n{source.hexdigest()}\n".encode())
    expected.update(sorted_ntriples(compiled.shapes))
    assert shapes_fingerprint(compiled.shapes) == expected.hexdigest()
    assert "pyshacl" in ENGINE and "python" in ENGINE


def test_a_corrupted_cache_file_is_ignored_and_validated_again(
    compiled: CompiledDataset, tmp_path: Path
) -> None:
    expected = validate_compiled(
        compiled, QUIET, cache=ValidationCache.open(tmp_path, compiled.shapes)
    )
    damaged = entries(tmp_path)
    damaged[0].write_text(damaged[0].read_text(encoding="utf-8")[:40], encoding="utf-8")
    damaged[1].write_bytes(b"\xff\xfe not even text")
    damaged[2].unlink()
    damaged[2].mkdir()  # unreadable as a file
    cache = ValidationCache.open(tmp_path, compiled.shapes)
    assert validate_compiled(compiled, QUIET, cache=cache) == expected
    assert (cache.counts.ignored, cache.counts.validated) == (3, 3)
    assert cache.counts.unwritable == 1  # the directory stands where the file would go
    assert cache.counts.reused == ARTICLES + 1 - 3


def test_a_forged_conforming_result_cannot_publish_a_broken_graph(
    seeds: Path, tmp_path: Path
) -> None:
    build_dir = tmp_path / "build"
    broken = compile_dataset(seeds, Iris(), QUIET)
    rd = broken.iris.vocab
    graph = broken.document_graphs[0]
    graph.remove((min(graph.subjects(RDF.type, rd.Move), key=str), rd.status, None))
    cache = ValidationCache.open(build_dir, broken.shapes)
    assert not validate_compiled(broken, QUIET, cache=cache).conforms
    for path in entries(build_dir):
        entry = json.loads(path.read_text(encoding="utf-8"))
        if entry["results"]:
            path.write_text(json.dumps({**entry, "results": []}), encoding="utf-8")
    again = ValidationCache.open(build_dir, broken.shapes)
    assert not validate_compiled(broken, QUIET, cache=again).conforms
    assert again.counts.ignored == 1


def swap_role_before(text: str) -> str | None:
    """The claims text with a move's role_before replaced by another role of the file, if any."""
    if "role_before: " not in text:
        return None
    role = text.split("role_before: ", 1)[1].split("\n", 1)[0]
    ids = [line.removeprefix("- id: ") for line in text.splitlines() if line.startswith("- id: ")]
    others = [claim for claim in ids if "-at-" in claim and claim != role]
    return text.replace(f"role_before: {role}", f"role_before: {others[0]}", 1) if others else None


def test_a_build_never_publishes_what_a_warm_cache_has_not_seen(
    seeds: Path, tmp_path: Path
) -> None:
    build(seeds, tmp_path, Iris(), QUIET)
    broken_seeds = tmp_path / "broken"
    broken_seeds.mkdir()
    for path in seeds.iterdir():
        (broken_seeds / path.name).write_bytes(path.read_bytes())
    for path in sorted(broken_seeds.glob("*.claims.yaml")):
        swapped = swap_role_before(path.read_text(encoding="utf-8"))
        if swapped is not None:
            path.write_text(swapped, encoding="utf-8")
            break
    else:
        pytest.fail("no move with a role before and another role in the corpus")
    with pytest.raises(DoesNotConformError) as raised:
        build(broken_seeds, tmp_path, Iris(), QUIET)
    assert any("Move-rolesAgree" in v.shape for v in raised.value.report.violations)
