"""Triples as compacted JSON-LD: node objects keyed by the published context's prefixes, no processor needed."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def compact_jsonld(triples: Iterable[ox.Triple], context: Mapping[str, str]) -> bytes:
    """A JSON-LD document: the context inline (the prefixes it uses), then one node object per subject,
    sorted by @id, one per line.

    Values keep their exact lexical form ({"@value", "@type"}); a property with one value is not wrapped
    in a list. Since the graph has no blank nodes, every node object has an @id.
    """
    namespaces = sorted(context.items(), key=lambda item: -len(item[1]))
    nodes: dict[str, dict[str, list[Any]]] = {}
    for triple in triples:
        if not isinstance(triple.subject, ox.NamedNode):
            raise ValueError(f"no JSON-LD node for {triple.subject}: the graph has no blank nodes")
        node = nodes.setdefault(triple.subject.value, {})
        if triple.predicate.value == RDF_TYPE and isinstance(triple.object, ox.NamedNode):
            node.setdefault("@type", []).append(compact_iri(triple.object.value, namespaces))
            continue
        key = compact_iri(triple.predicate.value, namespaces)
        node.setdefault(key, []).append(json_value(triple.object, namespaces))
    lines = [
        json.dumps(
            {"@id": compact_iri(subject, namespaces), **_properties(node)}, ensure_ascii=False
        )
        for subject, node in sorted(nodes.items())
    ]
    graph = ",\n  ".join(lines)
    used = {prefix: iri for prefix, iri in context.items() if f'"{prefix}:' in graph}
    head = json.dumps(used, ensure_ascii=False, indent=1).replace("\n", "\n ")
    return f'{{\n "@context": {head},\n "@graph": [\n  {graph}\n ]\n}}\n'.encode()


def compact_iri(iri: str, namespaces: list[tuple[str, str]]) -> str:
    """`prefix:local` for the longest namespace that `iri` starts with, else the IRI itself."""
    for prefix, namespace in namespaces:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            local = iri[len(namespace) :]
            if not local.startswith("//"):
                return f"{prefix}:{local}"
    return iri


def json_value(term: Any, namespaces: list[tuple[str, str]]) -> Any:
    """The JSON-LD value object of an RDF term (a plain string for an xsd:string literal)."""
    if isinstance(term, ox.NamedNode):
        return {"@id": compact_iri(term.value, namespaces)}
    if isinstance(term, ox.Literal):
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": compact_iri(term.datatype.value, namespaces)}
    raise ValueError(f"no JSON-LD form for {term!r}: the graph has no blank nodes")


def _properties(node: dict[str, list[Any]]) -> dict[str, Any]:
    ordered = sorted(node.items(), key=lambda item: (item[0] != "@type", item[0]))
    return {
        key: values[0] if len(values) == 1 else sorted(values, key=_sort_key)
        for key, values in ordered
    }


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
