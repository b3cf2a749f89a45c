"""What is validated together: each document with its own description, then the rest of the metadata."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import PROV
from rdflib.term import Node

from kg.shacl_engine import UnitGraph, unit_graph

Triple = tuple[Node, Node, Node]
Unit = tuple[str, Graph]  # (the name results carry, the triples validated together)
DEFAULT_GRAPH_UNIT = "default graph"


def validation_units(document_graphs: list[Graph], metadata: Graph) -> Iterable[Unit]:
    """Each document graph with its description, in the given order, then the metadata unit.

    A document's unit is its named graph plus what the metadata graph says of it: every triple whose
    subject is the document, and every triple of the resource that used it and nothing else (its
    curation activity). The metadata unit is the rest of the metadata graph: the dataset's VoID and
    DCAT description, and any description that belongs to no document unit. Every metadata triple is
    validated once; a document is checked for what it states and what is said of it; and adding a
    document re-validates only its own unit and the metadata unit, which grows by one triple (its
    `dct:source`) per document, not with the texts.
    """
    for name, triples in unit_triples(document_graphs, metadata):
        yield name, unit_graph(name, triples)


def unit_triples(
    document_graphs: list[Graph], metadata: Graph
) -> Iterator[tuple[str, list[Triple]]]:
    """The units of `validation_units` as lists of triples (cheaper to hash and to send)."""
    documents = [URIRef(str(graph.identifier)) for graph in document_graphs]
    descriptions, rest = split_metadata(metadata, set(documents))
    for document, graph in zip(documents, document_graphs, strict=True):
        yield str(document), [*graph, *descriptions.get(document, ())]
    yield str(metadata.identifier), rest


def split_metadata(
    metadata: Graph, documents: set[URIRef]
) -> tuple[dict[URIRef, list[Triple]], list[Triple]]:
    """The metadata triples that describe each document (by document), and the rest."""
    owner = owners(metadata, documents)
    descriptions: dict[URIRef, list[Triple]] = {}
    rest = []
    for triple in metadata:
        document = owner.get(triple[0])
        if document is None:
            rest.append(triple)
        else:
            descriptions.setdefault(document, []).append(triple)
    return descriptions, rest


def owners(metadata: Graph, documents: set[URIRef]) -> dict[Node, URIRef]:
    """The document each described resource belongs to: a document itself, and a resource that
    used that document and nothing else (its curation activity)."""
    users: dict[Node, set[Node]] = {}
    for user, used in metadata.subject_objects(PROV.used):
        users.setdefault(user, set()).add(used)
    owner: dict[Node, URIRef] = {document: document for document in documents}
    for user, uses in users.items():
        only = next(iter(uses))
        if len(uses) == 1 and isinstance(only, URIRef) and only in documents and user not in owner:
            owner[user] = only
    return owner


def units_from_dataset(dataset: Dataset, metadata_graph: URIRef, skip: set[URIRef]) -> list[Unit]:
    """Validation units of any loaded dataset: each named graph (with its document's description),
    the metadata unit, and the default graph if it holds triples; graphs in `skip` are left out."""
    metadata = Graph(identifier=metadata_graph)
    add_all(metadata, dataset.graph(metadata_graph))
    documents = []
    default_triples = UnitGraph(identifier=DEFAULT_GRAPH_UNIT)
    for graph in dataset.graphs():
        name = graph.identifier
        if name == DATASET_DEFAULT_GRAPH_ID:
            add_all(default_triples, graph)
        elif name != metadata_graph and name not in skip and len(graph):
            documents.append(graph)
    documents.sort(key=lambda g: str(g.identifier))
    units = list(validation_units(documents, metadata))
    if len(default_triples):
        units.append((DEFAULT_GRAPH_UNIT, default_triples))
    return units


def add_all(graph: Graph, triples: Iterable[Triple]) -> None:
    """Add triples to a graph (rdflib's `addN` wants quads)."""
    add = graph.add
    for triple in triples:
        add(triple)
