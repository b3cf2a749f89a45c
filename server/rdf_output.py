"""Quads written in a negotiated RDF format: dataset formats keep each triple in its named graph, triple
formats get the union; Oxigraph writes them all but JSON-LD, compacted with the published context."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from operator import attrgetter

import pyoxigraph as ox

from server.jsonld import compact_jsonld
from server.negotiation import MediaType
from server.terms import value_of

OXIGRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}
DATASET_FORMATS = frozenset({"trig", "nquads"})
PREFIX_LINE = b"@prefix "
# The sort key of a triple whose terms all have a `.value` (no quoted triple), read in C: a big
# organisation's description has tens of thousands of triples.
_PLAIN_TRIPLE_KEY = attrgetter("subject.value", "predicate.value", "object.value")


def serialize_quads(
    quads: Iterable[ox.Quad], media: MediaType, prefixes: Mapping[str, str]
) -> bytes:
    """The quads in `media`'s format, sorted, so that the same quads always give the same bytes."""
    statements: list[ox.Triple] | list[ox.Quad]
    if media.name in DATASET_FORMATS:
        statements = sorted(set(quads), key=_quad_key)
    else:
        statements = sort_triples({quad.triple for quad in quads})
        if media.name == "jsonld":
            return compact_jsonld(statements, prefixes)
    if media.name not in OXIGRAPH_FORMATS:
        raise ValueError(f"{media.name} is not an RDF format")
    written = ox.serialize(statements, format=OXIGRAPH_FORMATS[media.name], prefixes=dict(prefixes))
    assert written is not None  # Oxigraph returns the bytes when it is given no output
    return drop_unused_prefixes(written)


def drop_unused_prefixes(text: bytes) -> bytes:
    """Remove the leading `@prefix p: <…> .` lines (Turtle, TriG) whose `p:` the rest never uses."""
    if not text.startswith(PREFIX_LINE):
        return text
    lines = text.split(b"\n")
    count = next(
        (i for i, line in enumerate(lines) if not line.startswith(PREFIX_LINE)), len(lines)
    )
    body = b"\n".join(lines[count:])
    kept = [line for line in lines[:count] if line.split(b" ", 2)[1] in body]
    return b"\n".join([*kept, body])


def sort_triples(triples: Collection[ox.Triple]) -> list[ox.Triple]:
    """Triples by subject, predicate and object value (the order `_triple_key` gives)."""
    try:
        return sorted(triples, key=_PLAIN_TRIPLE_KEY)
    except AttributeError:  # a quoted triple, which has no `.value`
        return sorted(triples, key=_triple_key)


def _triple_key(triple: ox.Triple) -> tuple[str, str, str]:
    return (value_of(triple.subject), triple.predicate.value, value_of(triple.object))


def _quad_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    graph = quad.graph_name
    return (
        graph.value if isinstance(graph, ox.NamedNode) else "",
        value_of(quad.subject),
        quad.predicate.value,
        value_of(quad.object),
    )
