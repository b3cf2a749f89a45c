"""Each validation unit as its sorted N-Triples, from the compiled lines of graphs left unchanged.

A unit's key hashes its sorted N-Triples (`kg.validation_cache`). Made from the unit's rdflib triples,
that costs Python work on every triple of the dataset at every build; the compile has already written
every graph as sorted N-Quads lines, and a line is a triple's N-Triples line with its graph's name
before the final dot. So a unit whose graphs are unchanged since the compile (`GraphLines.current`)
is written from those lines, and any other from its triples: the same bytes either way.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.graph_changes import GraphLines
from kg.oxigraph_terms import sorted_ntriples, to_oxigraph
from kg.validation_units import owners, unit_triples

UnitBytes = tuple[str, bytes]  # (the name results carry, the unit's sorted N-Triples)


def unit_ntriples(
    document_graphs: list[Graph], metadata: Graph, lines: GraphLines
) -> Iterator[UnitBytes]:
    """The units of `validation_units`, in its order, each as its sorted N-Triples."""
    metadata_lines = lines.current(metadata)
    if metadata_lines is None or any(lines.current(g) is None for g in document_graphs):
        yield from slow_units(document_graphs, metadata)
        return
    documents = [URIRef(str(graph.identifier)) for graph in document_graphs]
    descriptions, rest = split_lines(metadata_lines, owners(metadata, set(documents)))
    for document, graph in zip(documents, document_graphs, strict=True):
        own = lines.current(graph) or []
        yield str(document), written([*own, *descriptions.get(str(document), ())])
    yield str(metadata.identifier), written(rest)


def slow_units(document_graphs: list[Graph], metadata: Graph) -> Iterator[UnitBytes]:
    """The units written from their triples (some graph changed since it was compiled)."""
    for name, triples in unit_triples(document_graphs, metadata):
        yield name, sorted_ntriples(triples)


def split_lines(
    metadata_lines: list[str], owner: dict[Node, URIRef]
) -> tuple[dict[str, list[str]], list[str]]:
    """The metadata lines describing each document (by the document's IRI), and the rest."""
    by_subject = {str(to_oxigraph(node)): str(document) for node, document in owner.items()}
    descriptions: dict[str, list[str]] = {}
    rest = []
    for line in metadata_lines:
        document = by_subject.get(line[: line.index(" ")])
        if document is None:
            rest.append(line)
        else:
            descriptions.setdefault(document, []).append(line)
    return descriptions, rest


def written(quad_lines: list[str]) -> bytes:
    """The sorted distinct N-Triples of N-Quads lines (an IRI holds no space and no '<')."""
    triples = {line[: line.rindex(" <")] + " .\n" for line in quad_lines}
    return "".join(sorted(triples)).encode("utf-8")
