"""Convert RDF terms between rdflib and Oxigraph (rdflib's plain literals are Oxigraph's xsd:string ones)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, cast

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

XSD_STRING = str(XSD.string)


def to_oxigraph(term: Node) -> Any:
    """The Oxigraph term of an rdflib IRI, blank node or literal (exact types first: it is hot)."""
    kind = type(term)
    if kind is URIRef:
        return ox.NamedNode(str(term))
    if kind is Literal or isinstance(term, Literal):
        literal = cast(Literal, term)
        if literal.language is not None:
            return ox.Literal(str(literal), language=literal.language)
        if literal.datatype is not None:
            return ox.Literal(str(literal), datatype=ox.NamedNode(str(literal.datatype)))
        return ox.Literal(str(literal))
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term: Any) -> Identifier:
    """The rdflib term of an Oxigraph term; xsd:string literals come back plain, as rdflib makes them."""
    if isinstance(term, ox.Literal):
        if term.language is not None:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == XSD_STRING else datatype)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return URIRef(term.value)


def oxigraph_quads(graphs: Iterable[Graph]) -> Iterator[Any]:
    """Every triple of the named graphs, as Oxigraph quads in its graph."""
    for graph in graphs:
        name = ox.NamedNode(str(graph.identifier))
        for s, p, o in graph:
            yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name)


def sorted_ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> bytes:
    """The triples as N-Triples, one a line, sorted: the same bytes for the same set of triples."""
    converted = (ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in triples)
    data = ox.serialize(converted, format=ox.RdfFormat.N_TRIPLES) or b""
    return b"".join(sorted(set(data.splitlines(keepends=True))))
