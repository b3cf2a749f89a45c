"""Serialise the dataset in every export format, deterministically: the same graph gives the same bytes.

rdflib's serialisers write in the order of its hash-based indexes, which changes from one Python
process to the next; so the triples are sorted once (as N-Triples/N-Quads lines) and written in that
order by Oxigraph's serialisers, and the JSON-LD written by rdflib is put in a canonical order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.formats import RdfFormat

if TYPE_CHECKING:
    from kg.compile import CompiledDataset

OXIGRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "rdfxml": ox.RdfFormat.RDF_XML}


def nquad_lines(graphs: list[Graph]) -> list[str]:
    """The sorted N-Quads lines (each ending in a newline) of the given named graphs."""
    dataset = Dataset()
    for graph in graphs:
        target = dataset.graph(graph.identifier)
        for triple in graph:
            target.add(triple)
    text = dataset.serialize(format="nquads")
    return sorted(line + "\n" for line in text.splitlines() if line.strip())


def ntriple_lines(graph: Graph) -> list[str]:
    """The sorted N-Triples lines of a graph."""
    text = graph.serialize(format="nt")
    return sorted(line + "\n" for line in text.splitlines() if line.strip())


def jsonld_context(prefixes: dict[str, str]) -> dict[str, Any]:
    """The published JSON-LD context: the project's prefixes, sorted."""
    return {"@context": dict(sorted(prefixes.items()))}


def serialize(compiled: CompiledDataset, fmt: RdfFormat) -> bytes:
    """The whole dataset (dataset formats) or its default graph (graph formats) in `fmt`."""
    prefixes = compiled.prefixes
    if fmt.dataset:
        lines = nquad_lines(compiled.graphs)
        if fmt.sorted_lines:
            return "".join(lines).encode("utf-8")
        quads = list(ox.parse("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS))
        quads.sort(key=lambda quad: str(quad.graph_name))  # stable: sorted lines within a graph
        return _written(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes))
    union = compiled.default_graph()
    lines = ntriple_lines(union)
    if fmt.sorted_lines:
        return "".join(lines).encode("utf-8")
    if fmt.name == "jsonld":
        text = union.serialize(format="json-ld", context=jsonld_context(prefixes)["@context"])
        return canonical_jsonld(text).encode("utf-8")
    triples = ox.parse("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return _written(ox.serialize(triples, format=OXIGRAPH_FORMATS[fmt.name], prefixes=prefixes))


def canonical_jsonld(text: str) -> str:
    """Re-order a JSON-LD document: nodes by @id, each property's values by their JSON form."""
    document = json.loads(text)

    def order(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: order(item) for key, item in sorted(value.items())}
        if isinstance(value, list):
            items = [order(item) for item in value]
            return sorted(
                items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False)
            )
        return value

    return json.dumps(order(document), indent=1, ensure_ascii=False) + "\n"


def write_context(compiled: CompiledDataset, path: Path) -> None:
    """Write the published JSON-LD context next to the dumps."""
    context = jsonld_context(compiled.prefixes)
    path.write_text(json.dumps(context, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _written(data: bytes | None) -> bytes:
    assert data is not None  # pyoxigraph returns the bytes when no output is given
    return data
