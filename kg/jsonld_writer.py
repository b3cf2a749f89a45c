"""Write a graph as compacted JSON-LD, one node a line, straight from its sorted triples."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class Compactor:
    """Shortens IRIs with the longest namespace of the context that leaves a plain local part."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.namespaces = sorted(prefixes.items(), key=lambda item: -len(item[1]))
        self.terms: dict[str, str] = {}  # the few IRIs used on every node: properties, classes

    def compact_term(self, iri: str) -> str:
        """`compact` for a property, class or datatype IRI, remembered (there are few of them)."""
        compacted = self.terms.get(iri)
        if compacted is None:
            compacted = self.terms[iri] = self.compact(iri)
        return compacted

    def compact(self, iri: str) -> str:
        for prefix, namespace in self.namespaces:
            if iri.startswith(namespace):
                local = iri[len(namespace) :]
                if local and not local.startswith("//"):
                    return f"{prefix}:{local}"
        return iri


def write_jsonld(triples: Iterable[ox.Triple], prefixes: dict[str, str]) -> bytes:
    """The JSON-LD document of the triples, which must come grouped by subject (as sorted lines are).

    `{"@context": {prefix: namespace}, "@graph": [node, ...]}`: a node is its `@id`, its `@type` and
    one key per property, IRIs shortened by the context; nodes in subject order, values in triple
    order, so the same triples give the same bytes, in time proportional to the triples.
    """
    compactor = Compactor(prefixes)
    context = json.dumps(dict(sorted(prefixes.items())), ensure_ascii=False)
    nodes = (json.dumps(node, ensure_ascii=False) for node in group_nodes(triples, compactor))
    return (
        '{"@context": ' + context + ',\n "@graph": [\n  ' + ",\n  ".join(nodes) + "\n ]}\n"
    ).encode("utf-8")


def group_nodes(triples: Iterable[ox.Triple], compactor: Compactor) -> Iterator[dict[str, Any]]:
    """One JSON-LD node per run of triples with the same subject."""
    subject: Any = None
    properties: dict[str, list[Any]] = {}
    for triple in triples:
        if triple.subject != subject:
            if subject is not None:
                yield make_node(subject, properties, compactor)
            subject, properties = triple.subject, {}
        predicate = triple.predicate.value
        if predicate == RDF_TYPE and isinstance(triple.object, ox.NamedNode):
            properties.setdefault("@type", []).append(compactor.compact_term(triple.object.value))
        else:
            key = compactor.compact_term(predicate)
            properties.setdefault(key, []).append(value_of(triple.object, compactor))
    if subject is not None:
        yield make_node(subject, properties, compactor)


def make_node(
    subject: Any, properties: dict[str, list[Any]], compactor: Compactor
) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": node_id(subject, compactor)}
    for key in sorted(properties, key=lambda k: (k != "@type", k)):
        values = properties[key]
        node[key] = values[0] if len(values) == 1 else values
    return node


def node_id(term: Any, compactor: Compactor) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return compactor.compact(term.value)


def value_of(term: Any, compactor: Compactor) -> Any:
    """A property value: a plain string, a value object, or a node reference."""
    if isinstance(term, ox.Literal):
        if term.language is not None:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": compactor.compact_term(term.datatype.value)}
    return {"@id": node_id(term, compactor)}
