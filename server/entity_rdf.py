"""The RDF of one resource, as quads from a few SPARQL queries: its own triples (and its fragments'),
the triples that point to it, the facts that involve it with their evidence and quotes, and the labels
and titles that make the neighbours readable.

Each store gets the formulation it answers fast (docs/scale-out.md): the embedded store one query
joining the resources involved with their triples; a remote store first the resources, then their
triples by `VALUES`, as CONSTRUCTs: Virtuoso plans the joined query badly (seconds for a big
organisation) and writes N-Triples several times faster than SPARQL JSON results."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pyoxigraph as ox

from kg.remote_store import RemoteStore
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
SUBJECTS_PER_QUERY = 1000  # IRIs in one VALUES block; a big organisation has a few thousand
_UNSAFE_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri_ref(iri: str) -> str:
    """`<iri>` for a SPARQL query; refuses characters that would break out of the IRI."""
    if _UNSAFE_IRI.search(iri):
        raise ValueError(f"not an IRI that may be put in a query: {iri!r}")
    return f"<{iri}>"


def iri_refs(iris: Sequence[str]) -> str:
    """`<a> <b> …` for a query (one check of them all: a big description has thousands)."""
    if _UNSAFE_IRI.search("".join(iris)):
        raise ValueError(
            f"not IRIs that may be put in a query: {[i for i in iris if _UNSAFE_IRI.search(i)]!r}"
        )
    return "<" + "> <".join(iris) + ">" if iris else ""


def resource_exists(store: GraphStore, iri: str) -> bool:
    """Whether the default graph has triples about `iri`."""
    return bool(store.query(f"ASK {{ {iri_ref(iri)} ?p ?o }}"))


def describe_resource(
    store: GraphStore,
    iri: str,
    vocab: str,
    base: str,
    graphs: Sequence[str],
    per_query: int = SUBJECTS_PER_QUERY,
    in_one_query: bool | None = None,
) -> list[ox.Quad]:
    """The quads that describe `iri`, each in the named graph of `graphs` that holds it, or in the
    default graph when `graphs` is empty; empty when the graph says nothing about `iri`.

    The resources involved and their triples are read `in_one_query` (by default on the embedded
    store), or the resources first and then their triples, `per_query` resources a query."""
    if in_one_query is None:
        in_one_query = not isinstance(store, RemoteStore)
    if in_one_query:
        own, pointing = _read_joined(store, iri, vocab, graphs)
    else:
        own, pointing = _read_split(store, iri, vocab, graphs, per_query)
    described = {quad.subject for quad in own}  # the resources whose own triples are all in
    linked = {quad.subject for quad in pointing} | {
        quad.object for quad in (*own, *pointing) if isinstance(quad.object, ox.NamedNode)
    }  # the resources the description links to, or that link to it
    neighbours = sorted(
        term.value
        for term in linked - described
        if isinstance(term, ox.NamedNode) and term.value.startswith(base) and "#" not in term.value
    )
    reading = f"FILTER(?p IN ({', '.join(iri_ref(p) for p in READING_PROPERTIES)}))"
    return [*own, *pointing, *_fetch_by_subject(store, neighbours, reading, graphs, per_query)]


def _read_joined(
    store: GraphStore, iri: str, vocab: str, graphs: Sequence[str]
) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """The triples of the resources involved, and those pointing to `iri`, from one query."""
    own: list[ox.Quad] = []
    pointing: list[ox.Quad] = []
    for solution in solutions(store, _description_query(iri, vocab, graphs)):
        (pointing if solution[4] is None else own).append(_quad(solution))
    return own, pointing


def _read_split(
    store: GraphStore, iri: str, vocab: str, graphs: Sequence[str], per_query: int
) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """The resources involved, then their triples by VALUES; the triples pointing to `iri`."""
    subjects = list(
        solutions(store, f"{_prologue(vocab)} SELECT DISTINCT ?s WHERE {_subjects(iri)}")
    )
    named = sorted(s[0].value for s in subjects if isinstance(s[0], ox.NamedNode))
    own = _fetch_by_subject(store, named, "", graphs, per_query)
    if any(isinstance(s[0], ox.BlankNode) for s in subjects):  # not in our data; `kg serve --data`
        blank = f"{{ SELECT DISTINCT ?s WHERE {{ {_subjects(iri)} FILTER(isBlank(?s)) }} }}"
        own += _fetch_quads(store, f"{blank} {_in_graphs('?s ?p ?o', graphs)}", graphs, vocab)
    entity = iri_ref(iri)
    pointing = _fetch_quads(
        store, f"{_in_graphs(f'?s ?p {entity}', graphs)} BIND({entity} AS ?o)", graphs
    )
    return own, pointing


def graph_quads(store: GraphStore, graph: str) -> list[ox.Quad]:
    """Every quad of one named graph."""
    return _select_quads(
        store,
        f"SELECT ?s ?p ?o ?g WHERE {{ BIND({iri_ref(graph)} AS ?g) GRAPH ?g {{ ?s ?p ?o }} }}",
    )


def _fetch_by_subject(
    store: GraphStore,
    subjects: Sequence[str],
    condition: str,
    graphs: Sequence[str],
    per_query: int,
) -> list[ox.Quad]:
    """The quads `?s ?p ?o` (that meet `condition`) of each of `subjects`, by VALUES blocks of at
    most `per_query` subjects."""
    quads: list[ox.Quad] = []
    for start in range(0, len(subjects), per_query):
        chunk = iri_refs(subjects[start : start + per_query])
        where = f"VALUES ?s {{ {chunk} }} {_in_graphs('?s ?p ?o', graphs)} {condition}"
        quads += _fetch_quads(store, where, graphs)
    return quads


def _fetch_quads(
    store: GraphStore, where: str, graphs: Sequence[str], vocab: str | None = None
) -> list[ox.Quad]:
    """The quads `?s ?p ?o` (`?g` when `graphs`) that `where` binds; in the default graph by a
    CONSTRUCT, which a remote store answers in N-Triples."""
    prologue = "" if vocab is None else _prologue(vocab)
    if graphs:
        return _select_quads(store, f"{prologue} SELECT ?s ?p ?o ?g WHERE {{ {where} }}")
    result = store.query(f"{prologue} CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}")
    if not isinstance(result, ox.QueryTriples | list):
        raise TypeError("a CONSTRUCT query was expected")
    return [ox.Quad(triple.subject, triple.predicate, triple.object) for triple in result]


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


def _prologue(vocab: str) -> str:
    return f"PREFIX rd: {iri_ref(vocab)} PREFIX oa: {iri_ref(OA)}"


def _subjects(iri: str) -> str:
    """The group that binds ?s to each resource whose own triples describe `iri`: itself, the facts
    that involve it, and what EVIDENCE_PATH reaches from either (evidence, targets, selectors)."""
    # A union rather than `?fact (rd:hasEvidence?)/…? ?s`, whose zero-length steps Virtuoso 7
    # evaluates wrongly.
    entity = iri_ref(iri)
    not_involving = ", ".join(iri_ref(p) for p in NOT_INVOLVING)
    facts = (
        f"?fact ?link {entity} ; a ?type . FILTER(?type IN (rd:Role, rd:Move)"
        f" && ?link NOT IN ({not_involving}, rd:hasEvidence))"
    )
    return f"""{{
  {{ BIND({entity} AS ?s) }}
  UNION {{ {entity} {EVIDENCE_PATH} ?s }}
  UNION {{ {facts} BIND(?fact AS ?s) }}
  UNION {{ {facts} ?fact {EVIDENCE_PATH} ?s }}
}}"""


def _description_query(iri: str, vocab: str, graphs: Sequence[str]) -> str:
    """The resources involved joined with their triples (?out bound), and the triples pointing to
    `iri`, in one query."""
    entity = iri_ref(iri)
    return f"""
{_prologue(vocab)}
SELECT ?s ?p ?o ?g ?out WHERE {{
  {{
    {{ SELECT DISTINCT ?s WHERE {_subjects(iri)} }}
    {_in_graphs("?s ?p ?o", graphs)}
    BIND(true AS ?out)
  }}
  UNION
  {{ {_in_graphs(f"?s ?p {entity}", graphs)} BIND({entity} AS ?o) }}
}}"""
