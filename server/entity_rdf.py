"""The RDF of one resource, as quads from two SPARQL queries: its own triples (and its fragments'), the
triples that point to it, the facts that involve it with their evidence and quotes, and the labels and
titles that make the neighbours readable."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pyoxigraph as ox

from kg.store import GraphStore
from server.terms import solutions

OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
# What the description shows of a neighbour (a resource it links to, or that links to it): enough to
# read and cite it (the title, publisher and date of a document; the label of anything else).
READING_PROPERTIES: tuple[str, ...] = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://purl.org/dc/terms/title",
    "http://purl.org/dc/terms/publisher",
    "http://purl.org/dc/terms/issued",
    "https://schema.org/url",
)
# The links from a fact to a resource that do not make the fact "about" it (provenance, annotations).
NOT_INVOLVING: tuple[str, ...] = (
    f"{PROV}wasDerivedFrom",
    f"{PROV}wasGeneratedBy",
)
_UNSAFE_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri_ref(iri: str) -> str:
    """`<iri>` for a SPARQL query; refuses characters that would break out of the IRI."""
    if _UNSAFE_IRI.search(iri):
        raise ValueError(f"not an IRI that may be put in a query: {iri!r}")
    return f"<{iri}>"


def resource_exists(store: GraphStore, iri: str) -> bool:
    """Whether the default graph has triples about `iri`."""
    return bool(store.query(f"ASK {{ {iri_ref(iri)} ?p ?o }}"))


def describe_resource(
    store: GraphStore, iri: str, vocab: str, base: str, graphs: Sequence[str]
) -> list[ox.Quad]:
    """The quads that describe `iri`, each in the named graph of `graphs` that holds it, or in the
    default graph when `graphs` is empty; empty when the graph says nothing about `iri`."""
    described: set[object] = set()  # the resources whose own triples are all in
    linked: set[object] = set()  # the resources the description links to, or that link to it
    quads: list[ox.Quad] = []
    for solution in solutions(store, _description_query(iri, vocab, graphs)):
        subject, value = solution[0], solution[2]
        quads.append(_quad(solution))
        if solution[4] is None:
            linked.add(subject)  # a triple pointing to the resource
        else:
            described.add(subject)
        if isinstance(value, ox.NamedNode):
            linked.add(value)
    neighbours = {
        term
        for term in linked - described
        if isinstance(term, ox.NamedNode) and term.value.startswith(base) and "#" not in term.value
    }
    if neighbours:
        quads.extend(_select_quads(store, _reading_query(neighbours, graphs)))
    return quads


def graph_quads(store: GraphStore, graph: str) -> list[ox.Quad]:
    """Every quad of one named graph."""
    return _select_quads(
        store,
        f"SELECT ?s ?p ?o ?g WHERE {{ BIND({iri_ref(graph)} AS ?g) GRAPH ?g {{ ?s ?p ?o }} }}",
    )


def _select_quads(store: GraphStore, query: str) -> list[ox.Quad]:
    return [_quad(solution) for solution in solutions(store, query)]


def _quad(solution: ox.QuerySolution) -> ox.Quad:
    """The quad of a solution whose first four variables are ?s ?p ?o ?g (by position: faster)."""
    graph = solution[3]
    if graph is None:
        return ox.Quad(solution[0], solution[1], solution[2])
    return ox.Quad(solution[0], solution[1], solution[2], graph)


def _in_graphs(pattern: str, graphs: Sequence[str]) -> str:
    """`pattern` matched in each of `graphs` (bound to ?g), or in the default graph when there are none
    (data served with `kg serve --data` that has no named graphs)."""
    if not graphs:
        return pattern
    return f"GRAPH ?g {{ {pattern} }} FILTER(?g IN ({', '.join(iri_ref(g) for g in graphs)}))"


EVIDENCE_PATH = (
    "rd:hasEvidence|rd:hasEvidence/oa:hasTarget|rd:hasEvidence/oa:hasTarget/oa:hasSelector"
    "|oa:hasTarget|oa:hasTarget/oa:hasSelector"
)


def _description_query(iri: str, vocab: str, graphs: Sequence[str]) -> str:
    # The entity and its facts, each with what EVIDENCE_PATH reaches: written as a union rather than
    # `?fact (rd:hasEvidence?)/…? ?s`, whose zero-length steps Virtuoso 7 evaluates wrongly.
    entity = iri_ref(iri)
    not_involving = ", ".join(iri_ref(p) for p in NOT_INVOLVING)
    facts = (
        f"?fact ?link {entity} ; a ?type . FILTER(?type IN (rd:Role, rd:Move)"
        f" && ?link NOT IN ({not_involving}, rd:hasEvidence))"
    )
    return f"""
PREFIX rd: {iri_ref(vocab)}
PREFIX oa: {iri_ref(OA)}
SELECT ?s ?p ?o ?g ?out WHERE {{
  {{
    {{ SELECT DISTINCT ?s WHERE {{
      {{ BIND({entity} AS ?s) }}
      UNION {{ {entity} {EVIDENCE_PATH} ?s }}
      UNION {{ {facts} BIND(?fact AS ?s) }}
      UNION {{ {facts} ?fact {EVIDENCE_PATH} ?s }}
    }} }}
    {_in_graphs("?s ?p ?o", graphs)}
    BIND(true AS ?out)
  }}
  UNION
  {{ {_in_graphs(f"?s ?p {entity}", graphs)} BIND({entity} AS ?o) }}
}}"""


def _reading_query(neighbours: set[ox.NamedNode], graphs: Sequence[str]) -> str:
    return f"""
SELECT ?s ?p ?o ?g WHERE {{
  VALUES ?s {{ {" ".join(sorted(iri_ref(n.value) for n in neighbours))} }}
  {_in_graphs("?s ?p ?o", graphs)}
  FILTER(?p IN ({", ".join(iri_ref(p) for p in READING_PROPERTIES)}))
}}"""
