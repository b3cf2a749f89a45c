"""Checks kg/store.py: loading, SELECT/ASK/CONSTRUCT, the materialised default graph, and refusals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import BadInputError, StoreError
from kg.published import PublishedBuild
from kg.store import OxigraphStore

EX = "http://example.org/"
NAMED = (
    f"<{EX}a> <{EX}p> <{EX}b> <{EX}g1> .\n"
    f"<{EX}a> <{EX}p> <{EX}b> <{EX}g2> .\n"
    f'<{EX}a> <{EX}name> "Alice"@en <{EX}g1> .\n'
).encode()
DEFAULT = (f'<{EX}a> <{EX}p> <{EX}b> .\n<{EX}a> <{EX}name> "Alice"@en .\n').encode()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[OxigraphStore]:
    store = OxigraphStore.create(tmp_path / "store")
    store.replace_all(NAMED, DEFAULT)
    yield store
    store.close()


def select(store: OxigraphStore, sparql: str) -> list[ox.QuerySolution]:
    """The solutions of a SELECT query."""
    result = store.query(sparql)
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


def count(store: OxigraphStore, sparql: str) -> int:
    rows = select(store, sparql)
    assert len(rows) == 1
    return int(rows[0]["n"].value)


def test_select(fresh: OxigraphStore) -> None:
    rows = select(fresh, f"SELECT ?name WHERE {{ <{EX}a> <{EX}name> ?name }}")
    assert [(row["name"].value, row["name"].language) for row in rows] == [("Alice", "en")]


def test_ask(fresh: OxigraphStore) -> None:
    assert bool(fresh.query(f"ASK {{ <{EX}a> <{EX}p> <{EX}b> }}")) is True
    assert bool(fresh.query(f"ASK {{ <{EX}b> <{EX}p> <{EX}a> }}")) is False


def test_construct(fresh: OxigraphStore) -> None:
    result = fresh.query(f"CONSTRUCT {{ ?o <{EX}inverse> ?s }} WHERE {{ ?s <{EX}p> ?o }}")
    assert isinstance(result, ox.QueryTriples)
    triples = {(t.subject.value, t.predicate.value, t.object.value) for t in result}
    assert triples == {(f"{EX}b", f"{EX}inverse", f"{EX}a")}


def test_triple_in_two_graphs_counts_once_in_default_graph(fresh: OxigraphStore) -> None:
    assert count(fresh, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}p> ?o }}") == 1
    assert count(fresh, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == 2


def test_triple_in_two_graphs_counts_twice_across_named_graphs(fresh: OxigraphStore) -> None:
    assert count(fresh, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s <{EX}p> ?o }} }}") == 2
    graphs = {
        row["g"].value
        for row in select(fresh, f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s <{EX}p> ?o }} }}")
    }
    assert graphs == {f"{EX}g1", f"{EX}g2"}


def test_count_quads_includes_default_graph(fresh: OxigraphStore) -> None:
    assert fresh.count_quads() == 5


def test_replace_all_replaces(fresh: OxigraphStore) -> None:
    fresh.replace_all(
        f"<{EX}c> <{EX}q> <{EX}d> <{EX}g3> .\n".encode(), f"<{EX}c> <{EX}q> <{EX}d> .\n".encode()
    )
    assert bool(fresh.query(f"ASK {{ <{EX}a> ?p ?o }}")) is False
    assert bool(fresh.query(f"ASK {{ GRAPH ?g {{ <{EX}a> ?p ?o }} }}")) is False
    assert bool(fresh.query(f"ASK {{ GRAPH <{EX}g3> {{ <{EX}c> <{EX}q> <{EX}d> }} }}")) is True
    assert fresh.count_quads() == 2


def test_syntax_error_is_bad_input(fresh: OxigraphStore) -> None:
    with pytest.raises(BadInputError, match="syntax") as caught:
        fresh.query("SELEC ?s WHERE { ?s ?p ?o }")
    assert "\n" not in caught.value.message


def test_undeclared_prefix_is_bad_input(fresh: OxigraphStore) -> None:
    with pytest.raises(BadInputError, match="syntax"):
        fresh.query("SELECT * WHERE { ?s nope:p ?o }")


def test_service_refused_before_evaluation(fresh: OxigraphStore) -> None:
    # Port 9 (discard) on localhost: were the query run, the engine would try to connect.
    with pytest.raises(BadInputError, match="SERVICE is refused"):
        fresh.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")


def test_create_on_a_file_is_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot create the store"):
        OxigraphStore.create(blocker / "store")


def test_open_read_only_missing_is_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open the store"):
        OxigraphStore.open_read_only(tmp_path / "missing")


def test_published_store_answers(store: OxigraphStore) -> None:
    documents = {
        row["d"].value for row in select(store, "SELECT ?d WHERE { ?d a rd:SourceDocument }")
    }
    assert documents == {
        "http://127.0.0.1:8080/document/openai-hemorragie-lilian-weng",
        "http://127.0.0.1:8080/document/porte-tournante-ia",
    }


def test_two_read_only_opens_at_once(published: PublishedBuild) -> None:
    first = published.open_embedded_store()
    second = published.open_embedded_store()
    try:
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?p a rd:Person }"
        assert count(first, query) == count(second, query)
        assert count(first, query) > 0
    finally:
        first.close()
        second.close()


def test_prefixes_usable_without_prefix_lines(published: PublishedBuild) -> None:
    opened = OxigraphStore.open_read_only(
        published.release / "store", {"who": "http://127.0.0.1:8080/person/"}
    )
    try:
        assert bool(opened.query("ASK { who:lilian-weng ?p ?o }")) is True
        assert bool(opened.query("ASK { who:nobody-at-all ?p ?o }")) is False
    finally:
        opened.close()


def test_no_prefixes_means_prefixed_name_is_error(published: PublishedBuild) -> None:
    opened = OxigraphStore.open_read_only(published.release / "store")
    try:
        with pytest.raises(BadInputError, match="syntax"):
            opened.query("ASK { who:lilian-weng ?p ?o }")
    finally:
        opened.close()


def test_published_default_graph_is_the_set_union(
    store: OxigraphStore, published: PublishedBuild
) -> None:
    names = " ".join(f"<{name}>" for name in published.manifest["default_graph"])
    distinct = count(
        store,
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE {"
        f" VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} }} }}",
    )
    with_duplicates = count(
        store,
        f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} }}",
    )
    assert with_duplicates > distinct  # some facts are stated by both documents
    assert count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == distinct


def test_published_shared_triple_once_in_default_graph(store: OxigraphStore) -> None:
    # OpenAI is named, hence typed, by both documents.
    typed = "organization:openai a rd:Organization"
    assert count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {typed} }} }}") == 2
    assert count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {typed} }}") == 1
