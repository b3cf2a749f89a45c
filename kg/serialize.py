"""Serialise the dataset in every export format, deterministically: the same graph gives the same bytes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Graph

from kg.formats import RdfFormat
from kg.jsonld_writer import write_jsonld
from kg.oxigraph_terms import oxigraph_quads

if TYPE_CHECKING:
    from kg.compile import CompiledDataset

OXIGRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "rdfxml": ox.RdfFormat.RDF_XML}


@dataclass(frozen=True)
class DatasetLines:
    """The dataset as sorted lines: every quad, and the distinct triples of the default graph.

    Every format is written from these lines, made once per build by Oxigraph's serialiser (rdflib's
    writes in the order of its hash-based indexes, and slowly): N-Quads and N-Triples are the lines;
    TriG, Turtle and RDF/XML are written by Oxigraph from them, JSON-LD by `jsonld_writer`.
    """

    quads: list[str]
    union: list[str]

    @classmethod
    def of(cls, compiled: CompiledDataset) -> DatasetLines:
        default = {f"<{name}>" for name in compiled.default_graph_names}
        return cls(compiled.quad_lines, union_lines(compiled.quad_lines, default))


def nquad_lines(graphs: list[Graph]) -> list[str]:
    """The sorted N-Quads lines (each ending in a newline) of the given named graphs."""
    data = ox.serialize(oxigraph_quads(graphs), format=ox.RdfFormat.N_QUADS)
    return sorted(_written(data).decode("utf-8").splitlines(keepends=True))


def nquad_lines_by_graph(graphs: list[Graph]) -> list[list[str]]:
    """The sorted N-Quads lines of each graph, in the given order (those of all graphs: merge them)."""
    return [nquad_lines([graph]) for graph in graphs]


def union_lines(quad_lines: list[str], graphs: set[str]) -> list[str]:
    """The sorted distinct N-Triples lines of the quads in `graphs` (each written `<iri>`)."""
    triples = set()
    for line in quad_lines:
        split = line.rindex(" <")  # the graph name: an IRI holds no space and no '<'
        if line[split + 1 : -3] in graphs:
            triples.add(line[:split] + " .\n")
    return sorted(triples)


def jsonld_context(prefixes: dict[str, str]) -> dict[str, Any]:
    """The published JSON-LD context: the project's prefixes, sorted."""
    return {"@context": dict(sorted(prefixes.items()))}


def serialize(compiled: CompiledDataset, fmt: RdfFormat) -> bytes:
    """The whole dataset (dataset formats) or its default graph (graph formats) in `fmt`."""
    return serialize_lines(DatasetLines.of(compiled), fmt, compiled.prefixes)


def serialize_lines(lines: DatasetLines, fmt: RdfFormat, prefixes: dict[str, str]) -> bytes:
    """The dataset given as lines, in `fmt`."""
    if fmt.dataset:
        data = "".join(lines.quads).encode("utf-8")
        if fmt.sorted_lines:
            return data
        quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
        quads.sort(key=lambda quad: str(quad.graph_name))  # stable: sorted lines within a graph
        return _written(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes))
    data = "".join(lines.union).encode("utf-8")
    if fmt.sorted_lines:
        return data
    triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    if fmt.name == "jsonld":
        return write_jsonld(triples, jsonld_context(prefixes)["@context"])
    return _written(ox.serialize(triples, format=OXIGRAPH_FORMATS[fmt.name], prefixes=prefixes))


def write_context(compiled: CompiledDataset, path: Path) -> None:
    """Write the published JSON-LD context next to the dumps."""
    context = jsonld_context(compiled.prefixes)
    path.write_text(json.dumps(context, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _written(data: bytes | None) -> bytes:
    assert data is not None  # pyoxigraph returns the bytes when no output is given
    return data
