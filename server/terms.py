"""Reading what Oxigraph returns: the text of a term, the solutions of a SELECT."""

from __future__ import annotations

import pyoxigraph as ox

from kg.store import GraphStore


def value_of(term: object) -> str:
    """The IRI of a named node, the lexical form of a literal (a quoted triple as N-Triples)."""
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term.value
    return str(term)


def solutions(store: GraphStore, query: str) -> ox.QuerySolutions:
    """The solutions of a SELECT query."""
    result = store.query(query)
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError("a SELECT query was expected")
    return result
