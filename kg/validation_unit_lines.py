"""Each validation unit as its sorted N-Triples, from the compiled lines of graphs left unchanged.

A unit's key hashes its sorted N-Triples (`kg.validation_cache`). Made from the unit's rdflib triples,
that costs Python work on every triple of the dataset at every build; the compile has already written
every graph as sorted N-Quads lines, and a line is a triple's N-Triples line with its graph's name
before the final dot. So each unit is written from the lines of its graphs: those made by the compile
for a graph unchanged since (`GraphLines.current`), lines written again from its current triples for
any other; the same bytes as from the unit's triples (`tests/test_validation_unit_lines.py`).
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.graph_changes import GraphLines
from kg.oxigraph_terms import to_oxigraph
from kg.serialize import nquad_lines
from kg.validation_units import owners

UnitBytes = tuple[str, bytes]  # (the name results carry, the unit's sorted N-Triples)


def unit_ntriples(
    document_graphs: list[Graph], metadata: Graph, lines: GraphLines
) -> Iterator[UnitBytes]:
    """The units of `validation_units`, in its order, each as its sorted N-Triples."""
    documents = [URIRef(str(graph.identifier)) for graph in document_graphs]
    owner = owners(metadata, set(documents))
    descriptions, rest = split_lines(lines_now(metadata, lines), owner)
    for document, graph in zip(documents, document_graphs, strict=True):
        own = lines_now(graph, lines)
        yield str(document), written([*own, *descriptions.get(str(document), ())])
    yield str(metadata.identifier), written(rest)


def lines_now(graph: Graph, lines: GraphLines) -> list[str]:
    """The graph's sorted N-Quads lines: as compiled if it is unchanged since, else written again."""
    current = lines.current(graph)
    return nquad_lines([graph]) if current is None else current


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
