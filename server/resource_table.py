"""A resource's description as rows for its plain page: compact names, links that stay on this server."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from server.jsonld import compact_iri
from server.terms import value_of

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@dataclass(frozen=True)
class Cell:
    """A term as shown: its text and, for an IRI, where the link goes."""

    text: str
    href: str | None = None


@dataclass(frozen=True)
class Row:
    """One statement of the description."""

    subject: Cell
    predicate: Cell
    value: Cell


@dataclass(frozen=True)
class ResourceTable:
    """The page's content: a title, the resource's own statements, and those of its neighbours."""

    title: str
    own: list[Row]
    others: list[Row]


def resource_table(
    iri: str, quads: Iterable[ox.Quad], prefixes: Mapping[str, str], base: str, root: str
) -> ResourceTable:
    """The statements about `iri` first, then the others, each sorted; duplicates across graphs once."""
    namespaces = sorted(prefixes.items(), key=lambda item: -len(item[1]))
    triples = sorted(
        {quad.triple for quad in quads},
        key=lambda t: (value_of(t.subject), t.predicate.value, value_of(t.object)),
    )

    def cell(term: object) -> Cell:
        text = value_of(term)
        if isinstance(term, ox.NamedNode):
            href = root + "/" + text[len(base) :] if text.startswith(base) else text
            return Cell(compact_iri(text, namespaces), href)
        return Cell(text)

    rows = [Row(cell(t.subject), cell(t.predicate), cell(t.object)) for t in triples]
    own = [row for row, t in zip(rows, triples, strict=True) if value_of(t.subject) == iri]
    others = [row for row, t in zip(rows, triples, strict=True) if value_of(t.subject) != iri]
    labels = [
        value_of(t.object)
        for t in triples
        if value_of(t.subject) == iri and t.predicate.value == LABEL
    ]
    return ResourceTable(title=labels[0] if labels else iri, own=own, others=others)
