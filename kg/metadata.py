"""The metadata graph: the source documents, their curation, and the dataset (VoID, DCAT)."""

from __future__ import annotations

from collections import Counter

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, RDFS, VOID, XSD

from kg.formats import FORMATS, dump_filename, iana_media_type
from kg.iris import Iris
from kg.namespaces import SCHEMA
from kg.sources import Source

COUNTED_CLASSES = ("Person", "Organization", "Role", "Move", "Evidence", "Mention")


def describe_sources(graph: Graph, iris: Iris, sources: list[Source]) -> None:
    """Describe each document (what is known, and nothing else) and its curation activity."""
    rd = iris.vocab
    for source in sources:
        document = iris.document(source.doc_id)
        graph.add((document, RDF.type, rd.SourceDocument))
        graph.add((document, RDFS.label, Literal(source.title or f"Document {source.doc_id}")))
        graph.add((document, DCTERMS.identifier, Literal(source.doc_id)))
        graph.add((document, DCTERMS.language, Literal(source.language)))
        graph.add((document, SCHEMA.text, Literal(source.text, lang=source.language)))
        graph.add((document, rd.sha256, Literal(source.sha256)))
        graph.add(
            (
                document,
                rd.characterCount,
                Literal(len(source.text), datatype=XSD.integer),
            )
        )
        if source.title:
            graph.add((document, DCTERMS.title, Literal(source.title, lang=source.language)))
        if source.publisher:
            graph.add((document, DCTERMS.publisher, Literal(source.publisher)))
        if source.published is not None:
            graph.add((document, DCTERMS.issued, source.published))
        if source.url:
            graph.add((document, SCHEMA.url, Literal(source.url, datatype=XSD.anyURI)))
        curation = iris.curation(source.doc_id)
        graph.add((curation, RDF.type, rd.CurationActivity))
        graph.add((curation, RDF.type, PROV.Activity))
        graph.add((curation, RDFS.label, Literal(f"Curation of {source.doc_id}", lang="en")))
        graph.add((curation, RDFS.label, Literal(f"Curation de {source.doc_id}", lang="fr")))
        graph.add((curation, PROV.used, document))


def describe_dataset(
    graph: Graph, iris: Iris, document_graphs: list[Graph], sources: list[Source]
) -> None:
    """VoID and DCAT description of the dataset: size, class partitions, vocabulary, dumps."""
    rd = iris.vocab
    dataset = iris.dataset
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("Revolving Door", lang="en")))
    graph.add((dataset, DCTERMS.title, Literal("La porte tournante", lang="fr")))
    graph.add(
        (
            dataset,
            DCTERMS.description,
            Literal(
                "Who moves between AI organisations, when, in what role, with every fact traced "
                "to the quote of the article that states it.",
                lang="en",
            ),
        )
    )
    graph.add(
        (
            dataset,
            DCTERMS.description,
            Literal(
                "Qui passe d'une organisation d'IA à une autre, quand, à quel poste, chaque fait "
                "relié à la citation de l'article qui l'énonce.",
                lang="fr",
            ),
        )
    )
    graph.add((dataset, VOID.uriSpace, Literal(iris.base)))
    graph.add((dataset, VOID.vocabulary, iris.ontology))
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(f"{iris.base}sparql")))
    triples = len(set().union(*document_graphs))  # distinct: a fact two documents state counts once
    graph.add((dataset, VOID.triples, Literal(triples, datatype=XSD.integer)))
    graph.add((dataset, VOID.documents, Literal(len(sources), datatype=XSD.integer)))
    for source in sources:
        graph.add((dataset, DCTERMS.source, iris.document(source.doc_id)))
    counts = count_instances(iris, document_graphs)
    for name in COUNTED_CLASSES:
        partition = iris.class_partition(name)
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], rd[name]))
        graph.add((partition, VOID.entities, Literal(counts[rd[name]], datatype=XSD.integer)))
    for fmt in FORMATS:
        dump = iris.dump(dump_filename(fmt))
        graph.add((dataset, VOID.dataDump, dump))
        graph.add((dataset, DCAT.distribution, dump))
        graph.add((dump, RDF.type, DCAT.Distribution))
        graph.add((dump, DCAT.downloadURL, dump))
        graph.add((dump, DCAT.mediaType, URIRef(iana_media_type(fmt))))
        graph.add((dump, DCTERMS.format, Literal(fmt.media_type)))
        graph.add((dump, DCTERMS.title, Literal(f"Revolving Door ({fmt.name})", lang="en")))


def count_instances(iris: Iris, document_graphs: list[Graph]) -> Counter[URIRef]:
    """Distinct instances of each class across the document graphs."""
    instances: dict[URIRef, set[URIRef]] = {}
    for document_graph in document_graphs:
        for subject, klass in document_graph.subject_objects(RDF.type):
            if isinstance(klass, URIRef) and isinstance(subject, URIRef):
                instances.setdefault(klass, set()).add(subject)
    return Counter({klass: len(members) for klass, members in instances.items()})


def set_version(graph: Graph, iris: Iris, version: str) -> None:
    """Record the dataset version (a content hash) in the metadata graph."""
    graph.add((iris.dataset, DCTERMS.hasVersion, Literal(version)))
