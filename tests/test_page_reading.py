"""How pages read the store: descriptions folded straight from solutions, triples sorted by value."""

from __future__ import annotations

import pyoxigraph as ox

from kg.store import OxigraphStore
from server.page_graph import Term, Vocabulary, describe_query
from server.rdf_output import _triple_key, sort_triples

EX = "http://example.org/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
VOCABULARY = Vocabulary({"ex": EX, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}, {})
QUERY = "SELECT ?s ?p ?o ?label WHERE { ?s ?p ?o OPTIONAL { ?o rdfs:label ?label } }"


def store_of(
    *triples: tuple[
        ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal
    ],
) -> OxigraphStore:
    store = ox.Store()
    for subject, predicate, value in triples:
        store.add(ox.Quad(subject, predicate, value))
    return OxigraphStore(store, {"rdfs": "http://www.w3.org/2000/01/rdf-schema#"})


def test_a_description_keeps_each_value_once_with_all_its_labels() -> None:
    move, org, knows = ox.NamedNode(f"{EX}move"), ox.NamedNode(f"{EX}org"), ox.NamedNode(f"{EX}to")
    label = ox.NamedNode(RDFS_LABEL)
    store = store_of(
        (move, knows, org),
        (org, label, ox.Literal("Org", language="en")),
        (org, label, ox.Literal("Organisation", language="fr")),
        (move, ox.NamedNode(f"{EX}date"), ox.Literal("2024", datatype=ox.NamedNode(f"{EX}year"))),
    )
    described = describe_query(store, QUERY, VOCABULARY)
    values = described[f"{EX}move"].values
    assert values["ex:date"] == [Term("2024", False, None, f"{EX}year")]
    [destination] = values["ex:to"]
    assert destination.value == f"{EX}org" and destination.is_iri
    assert sorted(destination.labels) == [("Org", "en"), ("Organisation", "fr")]
    assert described[f"{EX}org"].texts("rdfs:label")[0].lang in ("en", "fr")


def test_blank_subjects_and_values_are_left_out() -> None:
    node, blank = ox.NamedNode(f"{EX}a"), ox.BlankNode()
    store = store_of((node, ox.NamedNode(f"{EX}p"), blank), (blank, ox.NamedNode(f"{EX}p"), node))
    assert describe_query(store, QUERY, VOCABULARY) == {}


def test_triples_are_sorted_by_their_values_quoted_triples_included() -> None:
    a, b, p = ox.NamedNode(f"{EX}a"), ox.NamedNode(f"{EX}b"), ox.NamedNode(f"{EX}p")
    plain = [ox.Triple(b, p, ox.Literal("1")), ox.Triple(a, p, b), ox.Triple(a, p, ox.Literal("z"))]
    assert sort_triples(set(plain)) == sorted(plain, key=_triple_key)
    assert [t.subject for t in sort_triples(set(plain))] == [a, a, b]
    quoted = [*plain, ox.Triple(a, p, ox.Triple(a, p, b))]
    assert sort_triples(set(quoted)) == sorted(quoted, key=_triple_key)
