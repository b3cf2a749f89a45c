"""The benchmark's generator: deterministic, our IRI scheme, and every quote at its offsets."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.generate import Samples, generate, main, samples_path
from bench.sizes import parse_size, size_label

BASE = "http://127.0.0.1:8080/"
OA = "http://www.w3.org/ns/oa#"
SCHEMA_TEXT = ox.NamedNode("https://schema.org/text")
METADATA = ox.NamedNode(f"{BASE}graph/metadata")


def select(store: ox.Store, query: str) -> ox.QuerySolutions:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return result


def subject_iri(quad: ox.Quad) -> str:
    assert isinstance(quad.subject, ox.NamedNode)
    return quad.subject.value


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Samples]:
    path = tmp_path_factory.mktemp("bench") / "10k.trig"
    return path, generate(10_000, path, seed=7)


@pytest.fixture(scope="module")
def store(generated: tuple[Path, Samples]) -> ox.Store:
    loaded = ox.Store()
    loaded.bulk_load(path=str(generated[0]), format=ox.RdfFormat.TRIG)
    return loaded


def test_same_seed_same_bytes_other_seed_other_graph(
    generated: tuple[Path, Samples], tmp_path: Path
) -> None:
    path, samples = generated
    again = generate(10_000, tmp_path / "again.trig", seed=7)
    other = generate(10_000, tmp_path / "other.trig", seed=8)
    assert (tmp_path / "again.trig").read_bytes() == path.read_bytes()
    assert again == samples
    assert (tmp_path / "other.trig").read_bytes() != path.read_bytes()
    assert other != samples


def test_about_the_size_asked_with_one_graph_per_document(
    generated: tuple[Path, Samples], store: ox.Store
) -> None:
    _, samples = generated
    assert 10_000 <= samples.triples < 11_000
    assert len(store) == samples.triples
    graphs = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    documents = {g for g in graphs if g.startswith(f"{BASE}document/")}
    assert graphs == documents | {METADATA.value}
    assert len(documents) == samples.documents
    described = set(store.quads_for_pattern(None, SCHEMA_TEXT, None, METADATA))
    assert {subject_iri(q) for q in described} == documents


def test_every_quote_is_the_text_at_its_offsets(store: ox.Store) -> None:
    query = f"""
    SELECT ?annotation ?text ?exact ?prefix ?suffix ?start ?end WHERE {{
      GRAPH ?document {{
        ?annotation <{OA}hasTarget> ?target .
        ?target <{OA}hasSource> ?source ; <{OA}hasSelector> ?quote, ?position .
        ?quote <{OA}exact> ?exact ; <{OA}prefix> ?prefix ; <{OA}suffix> ?suffix .
        ?position <{OA}start> ?start ; <{OA}end> ?end .
      }}
      GRAPH <{METADATA.value}> {{ ?source <https://schema.org/text> ?text }}
      FILTER(?source = ?document)
    }}"""
    checked = 0
    for row in select(store, query):
        text, start, end = row["text"].value, int(row["start"].value), int(row["end"].value)
        assert text[start:end] == row["exact"].value, row["annotation"]
        assert text[:start].endswith(row["prefix"].value)
        assert text[end:].startswith(row["suffix"].value)
        checked += 1
    assert checked > 300
    assert "evidence/" in str(row["annotation"].value) or "mention/" in str(row["annotation"].value)


def test_iris_follow_the_project_scheme(store: ox.Store, generated: tuple[Path, Samples]) -> None:
    _, samples = generated
    subjects = {subject_iri(q) for q in store.quads_for_pattern(None, None, None, None)}
    kinds = {s.removeprefix(BASE).split("/")[0] for s in subjects}
    assert kinds == {
        "person",
        "organization",
        "role",
        "move",
        "document",
        "evidence",
        "mention",
        "activity",
    }
    assert all(s.startswith(BASE) for s in subjects)
    assert any(s.endswith("#position") and "/evidence/" in s for s in subjects)
    assert set(samples.persons) <= subjects and set(samples.organizations) <= subjects
    assert samples.search_terms and all(t.isascii() and len(t) == 4 for t in samples.search_terms)


def test_organisations_are_skewed(store: ox.Store) -> None:
    query = f"""SELECT ?org (COUNT(DISTINCT ?move) AS ?n) WHERE {{
      GRAPH ?g {{ ?move <{BASE}ontology#toOrganization> ?org }} }} GROUP BY ?org ORDER BY DESC(?n)"""
    counts = [int(row["n"].value) for row in select(store, query)]
    assert len(counts) >= 12
    assert counts[0] >= 3 * counts[len(counts) // 2]


def test_samples_are_written_beside_the_data(generated: tuple[Path, Samples]) -> None:
    path, samples = generated
    assert Samples.read(samples_path(path)) == samples


def test_cli_refuses_a_bad_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--triples", "lots", "-o", str(tmp_path / "x.trig")]) == 2
    assert "not a size" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "triples", "label"),
    [("10k", 10_000, "10k"), ("1M", 1_000_000, "1m"), ("250000", 250_000, "250k"), ("7", 7, "7")],
)
def test_sizes(text: str, triples: int, label: str) -> None:
    assert parse_size(text) == triples
    assert size_label(triples) == label


def test_a_size_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="not a size"):
        parse_size("0k")
