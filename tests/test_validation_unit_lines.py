"""Units written from the compiled lines are the bytes written from their triples, and never stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg.build import validate_compiled
from kg.compile import CompiledDataset, compile_dataset
from kg.corpus import CorpusSpec, write_corpus
from kg.iris import Iris
from kg.namespaces import SCHEMA
from kg.oxigraph_terms import sorted_ntriples
from kg.progress import Progress
from kg.serialize import nquad_lines
from kg.validation import unit_triples
from kg.validation_cache import ValidationCache
from kg.validation_unit_lines import UnitBytes, unit_ntriples, written

QUIET = Progress(enabled=False)
ARTICLES = 12


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("corpus") / "seeds"
    write_corpus(CorpusSpec(articles=ARTICLES), directory, QUIET)
    return directory


@pytest.fixture
def fresh(seeds: Path) -> CompiledDataset:
    """A compiled corpus of its own, for a test to change."""
    return compile_dataset(seeds, Iris(), QUIET)


def from_lines(compiled: CompiledDataset) -> list[UnitBytes]:
    return list(unit_ntriples(compiled.document_graphs, compiled.metadata, compiled.graph_lines))


def from_triples(compiled: CompiledDataset) -> list[UnitBytes]:
    """The units written from the graphs' current triples, ignoring any recorded lines."""
    units = unit_triples(compiled.document_graphs, compiled.metadata)
    return [(name, sorted_ntriples(triples)) for name, triples in units]


def test_compile_records_the_current_lines_of_the_documents_and_metadata(
    fresh: CompiledDataset,
) -> None:
    for graph in [*fresh.document_graphs, fresh.metadata]:
        assert fresh.graph_lines.current(graph) == nquad_lines([graph])


def test_units_from_lines_are_the_units_from_triples(
    fresh: CompiledDataset, compiled: CompiledDataset
) -> None:
    for dataset in (fresh, compiled):  # a generated corpus and the project's seeds
        units = from_lines(dataset)
        assert len(units) == len(dataset.document_graphs) + 1
        assert units == from_triples(dataset)


def test_a_document_graph_changed_after_compile_is_written_as_it_is_now(
    fresh: CompiledDataset,
) -> None:
    graph = fresh.document_graphs[3]
    before = dict(from_lines(fresh))[str(graph.identifier)]
    graph.add((URIRef("http://example.org/added"), RDF.value, Literal("after compile")))
    after = dict(from_lines(fresh))[str(graph.identifier)]
    assert after != before and b"after compile" in after
    assert from_lines(fresh) == from_triples(fresh)


def test_metadata_changed_after_compile_is_written_as_it_is_now(fresh: CompiledDataset) -> None:
    document = URIRef(str(fresh.document_graphs[0].identifier))
    fresh.metadata.remove((document, SCHEMA.text, None))
    units = from_lines(fresh)
    assert units == from_triples(fresh)
    assert b"schema.org/text" not in dict(units)[str(document)]


def test_a_graph_changed_after_compile_is_validated_again(
    fresh: CompiledDataset, tmp_path: Path
) -> None:
    """The stored result of the unit as compiled is not reused once its graph has changed."""
    conforming = validate_compiled(fresh, QUIET, cache=ValidationCache.open(tmp_path, fresh.shapes))
    assert conforming.conforms
    rd = fresh.iris.vocab
    graph = fresh.document_graphs[5]
    graph.remove((min(graph.subjects(RDF.type, rd.Move), key=str), rd.status, None))
    cache = ValidationCache.open(tmp_path, fresh.shapes)
    report = validate_compiled(fresh, QUIET, cache=cache)
    assert (cache.counts.validated, cache.counts.reused) == (1, ARTICLES)
    assert not report.conforms
    assert {v.graph for v in report.violations} == {str(graph.identifier)}
    assert report == validate_compiled(fresh, QUIET)  # the full validation agrees


def test_lines_are_cut_before_their_graph_name_only() -> None:
    tricky = '<http://a> <http://b> "x <http://example.org/g> .\\n y" <http://example.org/g> .\n'
    plain = "<http://a> <http://b> <http://c> <http://example.org/g> .\n"
    assert written([tricky, plain]) == (
        b'<http://a> <http://b> "x <http://example.org/g> .\\n y" .\n'
        b"<http://a> <http://b> <http://c> .\n"
    )


def test_written_units_are_sorted_and_distinct() -> None:
    line = "<http://a> <http://b> <http://c> <http://example.org/{}> .\n"
    earlier = "<http://0> <http://b> <http://c> <http://example.org/m> .\n"
    assert written([line.format("g"), earlier, line.format("m")]) == (
        b"<http://0> <http://b> <http://c> .\n<http://a> <http://b> <http://c> .\n"
    )
