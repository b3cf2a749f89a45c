"""Serialise the dataset in every export format, deterministically: the same graph gives the same bytes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph

from kg.formats import RdfFormat

if TYPE_CHECKING:
    from kg.compile import CompiledDataset


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


def jsonld_context(graph: Graph) -> dict[str, Any]:
    """The published JSON-LD context: the graph's bound prefixes, sorted."""
    prefixes = {prefix: str(namespace) for prefix, namespace in graph.namespaces() if prefix}
    return {"@context": dict(sorted(prefixes.items()))}


def serialize(compiled: CompiledDataset, fmt: RdfFormat) -> bytes:
    """The whole dataset (dataset formats) or its default graph (graph formats) in `fmt`."""
    if fmt.dataset:
        if fmt.sorted_lines:
            return "".join(nquad_lines(compiled.graphs)).encode("utf-8")
        return compiled.to_rdflib_dataset().serialize(format=fmt.rdflib_name, encoding="utf-8")
    union = compiled.default_graph()
    if fmt.sorted_lines:
        return "".join(ntriple_lines(union)).encode("utf-8")
    if fmt.name == "jsonld":
        context = jsonld_context(union)["@context"]
        text = union.serialize(format="json-ld", context=context, sort_keys=True, indent=1)
        return text.encode("utf-8")
    return union.serialize(format=fmt.rdflib_name, encoding="utf-8")


def write_context(compiled: CompiledDataset, path: Path) -> None:
    """Write the published JSON-LD context next to the dumps."""
    context = jsonld_context(compiled.default_graph())
    path.write_text(json.dumps(context, indent=2, sort_keys=True) + "\n", encoding="utf-8")
