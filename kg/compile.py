"""Compile `seeds/` into the whole dataset: document graphs, metadata, ontology and shapes graphs."""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.assemble import assemble_document_graph, entity_names
from kg.claims import Claim, load_claims
from kg.entities import load_entities
from kg.graph_changes import GraphLines, counted_graph
from kg.iris import Iris
from kg.metadata import describe_dataset, describe_sources, set_version
from kg.name_index import NameIndex
from kg.namespaces import external_prefixes
from kg.progress import Progress
from kg.serialize import nquad_lines, nquad_lines_by_graph
from kg.sources import Source, load_sources
from kg.vocabulary_files import load_ontology, load_shapes

ENTITIES_FILE = "entities.yaml"


@dataclass
class CompiledDataset:
    """Every graph of one build, before it is stored or published."""

    iris: Iris
    sources: list[Source]
    claims: dict[str, list[Claim]]
    document_graphs: list[Graph]
    metadata: Graph
    ontology: Graph
    shapes: Graph
    version: str = ""
    quad_lines: list[str] = field(default_factory=list)  # of every graph, sorted; made once
    graph_lines: GraphLines = field(default_factory=GraphLines)  # each graph's, while unchanged

    @property
    def graphs(self) -> list[Graph]:
        """All named graphs: documents, metadata, ontology, shapes."""
        return [*self.document_graphs, self.metadata, self.ontology, self.shapes]

    @property
    def prefixes(self) -> dict[str, str]:
        """The prefixes dumps and queries use: the reused vocabularies' and the project's own."""
        return {**external_prefixes(), **self.iris.prefixes()}

    @property
    def default_graph_names(self) -> list[URIRef]:
        """The graphs whose union is the default graph of queries and of union dumps."""
        return [URIRef(str(g.identifier)) for g in [*self.document_graphs, self.metadata]]

    def default_graph(self) -> Graph:
        """The union of the document graphs and the metadata graph, as one graph."""
        union = Graph(bind_namespaces="none")
        bind_prefixes(union, self.iris)
        triples: set[tuple[Node, Node, Node]] = set()
        for graph in [*self.document_graphs, self.metadata]:
            triples.update(graph)
        for triple in sorted(triples):
            union.add(triple)
        return union


def bind_prefixes(graph: Graph, iris: Iris) -> None:
    """Bind the prefixes that make dumps readable (the graph is made without rdflib's defaults)."""
    for prefix, namespace in {**external_prefixes(), **iris.prefixes()}.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def compile_dataset(seeds_dir: Path, iris: Iris, progress: Progress) -> CompiledDataset:
    """Read and check every source and claim, and assemble the graphs; raises BadInputError."""
    progress.step(f"reading entities and sources from {seeds_dir}")
    entities = load_entities(seeds_dir / ENTITIES_FILE)
    sources = load_sources(seeds_dir)
    names = NameIndex.of(entity_names(entities))
    claims: dict[str, list[Claim]] = {}
    document_graphs = []
    for index, source in enumerate(sources, start=1):
        claims[source.doc_id] = load_claims(source, entities)
        document_graphs.append(
            assemble_document_graph(iris, source, claims[source.doc_id], entities, names)
        )
        progress.count("documents assembled", index, len(sources))
    metadata = counted_graph(iris.metadata_graph)
    describe_sources(metadata, iris, sources)
    describe_dataset(metadata, iris, document_graphs, sources)
    compiled = CompiledDataset(
        iris=iris,
        sources=sources,
        claims=claims,
        document_graphs=document_graphs,
        metadata=metadata,
        ontology=load_ontology(iris),
        shapes=load_shapes(iris),
    )
    progress.step("writing the graphs as sorted N-Quads")
    by_graph = nquad_lines_by_graph(compiled.graphs)
    lines = sorted(line for graph_lines in by_graph for line in graph_lines)
    compiled.version = content_version(lines)
    versioned = Graph(identifier=metadata.identifier)
    set_version(versioned, iris, compiled.version)
    set_version(metadata, iris, compiled.version)
    metadata_lines = by_graph[len(document_graphs)]
    for line in nquad_lines([versioned]):
        bisect.insort(lines, line)
        bisect.insort(metadata_lines, line)
    compiled.quad_lines = lines
    for graph, graph_lines in zip(compiled.graphs, by_graph, strict=True):
        compiled.graph_lines.record(graph, graph_lines)
    progress.step(f"compiled {len(lines):,} quads, version {compiled.version}")
    return compiled


def content_version(lines: list[str]) -> str:
    """The dataset version: the first 16 hex digits of the sha256 of its sorted N-Quads lines."""
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8"))
    return digest.hexdigest()[:16]
