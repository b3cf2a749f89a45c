"""Incremental validation (stored results by unit) gives the same report as a full one, and redoes little."""

from __future__ import annotations

import dataclasses
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.build import validate_compiled
from kg.compile import CompiledDataset, compile_dataset
from kg.corpus import CorpusSpec, write_corpus
from kg.iris import Iris
from kg.namespaces import SCHEMA
from kg.progress import Progress
from kg.validation import ValidationReport
from kg.validation_cache import ValidationCache

ARTICLES = 24
QUIET = Progress(enabled=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Articles 0..23 of a world of 25, and article 24 kept aside in `extra/`."""
    directory = tmp_path_factory.mktemp("corpus")
    write_corpus(CorpusSpec(articles=ARTICLES, world=ARTICLES + 1), directory / "seeds", QUIET)
    write_corpus(
        CorpusSpec(articles=1, start=ARTICLES, world=ARTICLES + 1), directory / "extra", QUIET
    )
    return directory


@pytest.fixture
def seeds(corpus: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "seeds"
    shutil.copytree(corpus / "seeds", copy)
    return copy


@pytest.fixture(scope="module")
def compiled(corpus: Path) -> CompiledDataset:
    return compile_dataset(corpus / "seeds", Iris(), QUIET)


@pytest.fixture(scope="module")
def expected(compiled: CompiledDataset) -> ValidationReport:
    """The full validation of the corpus."""
    return full(compiled)


@pytest.fixture(scope="module")
def warm(compiled: CompiledDataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build directory whose cache holds the results of every unit of the corpus."""
    build_dir = tmp_path_factory.mktemp("warm")
    incremental(compiled, build_dir)
    return build_dir


@pytest.fixture
def build_dir(warm: Path, tmp_path: Path) -> Path:
    """A copy of the warm build directory, for a test to change."""
    return Path(shutil.copytree(warm, tmp_path / "build"))


def full(compiled: CompiledDataset) -> ValidationReport:
    return validate_compiled(compiled, QUIET)


def incremental(
    compiled: CompiledDataset, build_dir: Path
) -> tuple[ValidationReport, ValidationCache]:
    cache = ValidationCache.open(build_dir, compiled.shapes)
    return validate_compiled(compiled, QUIET, cache=cache), cache


def break_graphs(compiled: CompiledDataset) -> None:
    """Violations in three documents (their graph or their description) and in the metadata unit."""
    rd = compiled.iris.vocab
    first, second, third = compiled.document_graphs[:3]
    move = min(first.subjects(RDF.type, rd.Move), key=str)
    first.remove((move, rd.status, None))
    role = URIRef(f"{compiled.iris.base}role/someone-at-somewhere")
    second.add((role, RDF.type, rd.Role))
    compiled.metadata.remove((URIRef(str(third.identifier)), SCHEMA.text, None))
    compiled.metadata.add((URIRef("http://example.org/thing"), RDF.type, rd.CurationActivity))


def test_incremental_equals_full_on_a_conforming_corpus(
    compiled: CompiledDataset, expected: ValidationReport, tmp_path: Path
) -> None:
    assert expected.conforms and expected.units == ARTICLES + 1
    cold, cache = incremental(compiled, tmp_path)
    assert cold == expected and cache.counts.validated == ARTICLES + 1
    again, cache = incremental(compiled, tmp_path)
    assert again == expected and again.describe() == expected.describe()
    assert (cache.counts.reused, cache.counts.validated) == (ARTICLES + 1, 0)


def test_incremental_equals_full_on_graphs_with_violations(corpus: Path, build_dir: Path) -> None:
    broken = compile_dataset(corpus / "seeds", Iris(), QUIET)
    break_graphs(broken)
    expected = full(broken)
    assert not expected.conforms
    graphs = {v.graph for v in expected.violations}
    assert len(graphs) == 4  # three documents and the metadata unit
    report, cache = incremental(broken, build_dir)
    assert report == expected and report.describe() == expected.describe()
    assert cache.counts.validated == 4 and cache.counts.reused == ARTICLES - 3
    again, cache = incremental(broken, build_dir)  # the violations come back from the cache
    assert again == expected and cache.counts.reused == ARTICLES + 1


def test_adding_an_article_revalidates_its_unit_and_the_metadata(
    corpus: Path, seeds: Path, build_dir: Path
) -> None:
    for path in (corpus / "extra").glob("00024_*"):
        shutil.copy(path, seeds)
    added = compile_dataset(seeds, Iris(), QUIET)
    report, cache = incremental(added, build_dir)
    assert report == full(added) and report.units == ARTICLES + 2
    assert (cache.counts.validated, cache.counts.reused) == (2, ARTICLES)


def test_changing_an_article_revalidates_its_unit_and_the_metadata(
    seeds: Path, build_dir: Path
) -> None:
    claims = next(
        p for p in sorted(seeds.glob("*.claims.yaml")) if "status: completed" in p.read_text()
    )
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("status: completed", "status: rumoured", 1), encoding="utf-8")
    changed = compile_dataset(seeds, Iris(), QUIET)
    report, cache = incremental(changed, build_dir)
    assert report == full(changed)
    assert (cache.counts.validated, cache.counts.reused) == (2, ARTICLES - 1)


def test_removing_an_article_revalidates_only_the_metadata(seeds: Path, build_dir: Path) -> None:
    stem = sorted(seeds.glob("*.txt"))[3].name.removesuffix(".txt")
    for path in seeds.glob(f"{stem}.*"):
        path.unlink()
    removed = compile_dataset(seeds, Iris(), QUIET)
    report, cache = incremental(removed, build_dir)
    assert report == full(removed) and report.units == ARTICLES
    assert (cache.counts.validated, cache.counts.reused) == (1, ARTICLES - 1)
    assert cache.prune() == 2  # the removed unit's result and the previous metadata unit's


def test_changed_shapes_invalidate_every_stored_result(
    compiled: CompiledDataset, expected: ValidationReport, build_dir: Path
) -> None:
    shapes = Graph(identifier=compiled.shapes.identifier)
    for triple in compiled.shapes:
        shapes.add(triple)
    shape = URIRef(f"{compiled.iris.base}shapes#Person-name")
    shapes.add((shape, RDFS.comment, Literal("a shape changed", lang="en")))
    cache = ValidationCache.open(build_dir, shapes)
    assert cache.shapes_key != ValidationCache.open(build_dir, compiled.shapes).shapes_key
    edited = dataclasses.replace(compiled, shapes=shapes)
    report = validate_compiled(edited, QUIET, cache=cache)
    assert report == expected
    assert (cache.counts.validated, cache.counts.reused) == (ARTICLES + 1, 0)


def test_full_validation_ignores_but_refreshes_the_stored_results(
    compiled: CompiledDataset, expected: ValidationReport, build_dir: Path
) -> None:
    cache = ValidationCache.open(build_dir, compiled.shapes, reuse=False)
    assert validate_compiled(compiled, QUIET, cache=cache) == expected
    assert (cache.counts.validated, cache.counts.reused) == (ARTICLES + 1, 0)
    assert sorted(cache.directory.glob("*/*")) == sorted(
        (build_dir / "validation-cache").glob("*/*")
    )


def test_renaming_a_shared_entity_revalidates_every_document_that_names_it(
    compiled: CompiledDataset, seeds: Path, build_dir: Path
) -> None:
    """A person's name is written into every document graph that names the person (and only those):
    their units' content changes, so exactly they (and the metadata unit) are validated again."""
    people = Counter(
        str(person)
        for graph in compiled.document_graphs
        for person in set(graph.subjects(RDF.type, compiled.iris.vocab.Person))
    )
    person, naming = people.most_common(1)[0]
    assert 1 < naming < ARTICLES
    slug = person.rsplit("/", 1)[1]
    registry = yaml.safe_load((seeds / "entities.yaml").read_text(encoding="utf-8"))
    entry = registry["people"][slug]
    entry["aliases"] = [entry["name"], *entry.get("aliases", [])]  # the texts still name the person
    entry["name"] = f"{entry['name']} Jr."
    (seeds / "entities.yaml").write_text(yaml.safe_dump(registry, allow_unicode=True), "utf-8")
    renamed = compile_dataset(seeds, Iris(), QUIET)
    report, cache = incremental(renamed, build_dir)
    assert report == full(renamed) and report.conforms
    assert (cache.counts.validated, cache.counts.reused) == (naming + 1, ARTICLES - naming)
