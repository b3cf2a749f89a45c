"""Compiling the seeds gives the golden document graphs, a content version, and the whole dataset."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, URIRef

from kg.compile import CompiledDataset, compile_dataset
from kg.iris import Iris
from kg.progress import Progress
from tests.conftest import SEEDS_DIR, assert_same_graph

GOLDEN = Path(__file__).parent / "golden" / "documents.nq"


def test_document_graphs_match_the_golden_graphs(compiled: CompiledDataset) -> None:
    golden = Dataset()
    golden.parse(GOLDEN, format="nquads")
    expected = {str(g.identifier): g for g in golden.graphs() if len(g)}
    assert sorted(expected) == sorted(str(g.identifier) for g in compiled.document_graphs)
    for graph in compiled.document_graphs:
        assert_same_graph(graph, expected[str(graph.identifier)])


def test_graphs_are_named_as_the_model_says(compiled: CompiledDataset, iris: Iris) -> None:
    names = [str(g.identifier) for g in compiled.graphs]
    assert names == [
        str(iris.document("porte-tournante-ia")),
        str(iris.document("openai-hemorragie-lilian-weng")),
        str(iris.metadata_graph),
        str(iris.ontology),
        str(iris.shapes),
    ]
    assert compiled.default_graph_names == [URIRef(n) for n in names[:3]]


def test_default_graph_is_the_set_union_of_documents_and_metadata(
    compiled: CompiledDataset,
) -> None:
    union = compiled.default_graph()
    expected = set(compiled.metadata).union(*compiled.document_graphs)
    assert set(union) == expected
    assert len(union) < sum(len(g) for g in compiled.document_graphs) + len(compiled.metadata)


def test_version_is_a_content_hash(compiled: CompiledDataset) -> None:
    again = compile_dataset(SEEDS_DIR, Iris(), Progress(enabled=False))
    assert again.version == compiled.version and len(compiled.version) == 16
    other_base = compile_dataset(SEEDS_DIR, Iris("https://example.org/"), Progress(enabled=False))
    assert other_base.version != compiled.version


def test_version_changes_when_a_claim_changes(seeds_copy: Path, compiled: CompiledDataset) -> None:
    claims = seeds_copy / "000_b6ab9247b09f1895.claims.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace("status: completed", "status: rumoured", 1),
        encoding="utf-8",
    )
    changed = compile_dataset(seeds_copy, Iris(), Progress(enabled=False))
    assert changed.version != compiled.version
