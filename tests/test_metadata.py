"""Checks kg/metadata.py: document and curation descriptions, VoID partitions and DCAT dumps, by isomorphism."""

from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic, to_isomorphic

from kg.formats import FORMATS, dump_filename, iana_media_type
from kg.iris import Iris
from kg.metadata import (
    COUNTED_CLASSES,
    count_instances,
    describe_dataset,
    describe_sources,
    set_version,
)
from kg.sources import Source, sha256_of

# Open namespaces: pytest's collection probes module globals, which rdflib's closed ones warn about.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
VOID = Namespace("http://rdfs.org/ns/void#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
BASE = "https://example.org/kg/"
IRIS = Iris(BASE)
RD = IRIS.vocab
PREFIXES = f"""
@prefix rd: <{BASE}ontology#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def make_source(
    doc_id: str,
    text: str,
    *,
    title: str | None = None,
    publisher: str | None = None,
    published: Literal | None = None,
    url: str | None = None,
) -> Source:
    return Source(
        stem=f"000_{doc_id}",
        doc_id=doc_id,
        text_path=Path(f"/nonexistent/000_{doc_id}.txt"),
        text=text,
        sha256=sha256_of(text.encode("utf-8")),
        language="fr",
        title=title,
        publisher=publisher,
        published=published,
        url=url,
    )


def assert_same(actual: Graph, turtle: str) -> None:
    wanted = Graph().parse(data=PREFIXES + turtle, format="turtle")
    assert not any(isinstance(term, BNode) for triple in actual for term in triple)
    assert isomorphic(actual, wanted), (
        f"missing: {sorted(set(to_isomorphic(wanted)) - set(to_isomorphic(actual)))}\n"
        f"extra: {sorted(set(to_isomorphic(actual)) - set(to_isomorphic(wanted)))}"
    )


def test_unknown_source_metadata_stays_unknown() -> None:
    text = "Déjà l’équipe part."
    graph = Graph()
    describe_sources(graph, IRIS, [make_source("bare", text)])
    assert_same(
        graph,
        f"""
        <https://example.org/kg/document/bare> a rd:SourceDocument ;
            rdfs:label "Document bare" ;
            dct:identifier "bare" ;
            dct:language "fr" ;
            schema:text "Déjà l’équipe part."@fr ;
            rd:sha256 "{sha256_of(text.encode("utf-8"))}" ;
            rd:characterCount "19"^^xsd:integer .
        <https://example.org/kg/activity/curation/bare> a rd:CurationActivity, prov:Activity ;
            rdfs:label "Curation of bare"@en, "Curation de bare"@fr ;
            prov:used <https://example.org/kg/document/bare> .
        """,
    )
    document = IRIS.document("bare")
    assert graph.value(document, DCTERMS.publisher) is None
    assert graph.value(document, DCTERMS.issued) is None
    assert graph.value(document, DCTERMS["title"]) is None


def test_known_source_metadata_stated() -> None:
    text = "Lilian Weng quitte OpenAI."
    graph = Graph()
    source = make_source(
        "weng",
        text,
        title="Weng s’en va",
        publisher="Le Monde",
        published=Literal("2024-11", datatype=XSD.gYearMonth),
        url="https://example.com/a?b=1",
    )
    describe_sources(graph, IRIS, [source])
    assert_same(
        graph,
        f"""
        <https://example.org/kg/document/weng> a rd:SourceDocument ;
            rdfs:label "Weng s’en va" ;
            dct:title "Weng s’en va"@fr ;
            dct:identifier "weng" ;
            dct:language "fr" ;
            dct:publisher "Le Monde" ;
            dct:issued "2024-11"^^xsd:gYearMonth ;
            schema:url "https://example.com/a?b=1"^^xsd:anyURI ;
            schema:text "Lilian Weng quitte OpenAI."@fr ;
            rd:sha256 "{sha256_of(text.encode("utf-8"))}" ;
            rd:characterCount "26"^^xsd:integer .
        <https://example.org/kg/activity/curation/weng> a rd:CurationActivity, prov:Activity ;
            rdfs:label "Curation of weng"@en, "Curation de weng"@fr ;
            prov:used <https://example.org/kg/document/weng> .
        """,
    )


def test_publisher_known_date_unknown() -> None:
    graph = Graph()
    describe_sources(graph, IRIS, [make_source("half", "Un texte.", publisher="Wired")])
    document = IRIS.document("half")
    assert list(graph.objects(document, DCTERMS.publisher)) == [Literal("Wired")]
    assert list(graph.objects(document, DCTERMS.issued)) == []


def document_graphs() -> list[Graph]:
    """Two document graphs; Weng and OpenAI are named by both, OpenAI's role only by the first."""
    first = Graph(identifier=IRIS.document("a"))
    second = Graph(identifier=IRIS.document("b"))
    weng, murati = IRIS.person("lilian-weng"), IRIS.person("mira-murati")
    openai = IRIS.organization("openai")
    for graph in (first, second):
        graph.add((weng, RDF.type, RD.Person))
        graph.add((openai, RDF.type, RD.Organization))
    first.add((murati, RDF.type, RD.Person))
    first.add((IRIS.role("weng-at-openai"), RDF.type, RD.Role))
    second.add((IRIS.move("weng-leaves-openai"), RDF.type, RD.Move))
    second.add((IRIS.move("murati-leaves-openai"), RDF.type, RD.Move))
    second.add((IRIS.evidence("b", "weng-leaves-openai", 1), RDF.type, RD.Evidence))
    return [first, second]


def test_count_instances_distinct_across_graphs() -> None:
    counts = count_instances(IRIS, document_graphs())
    assert counts[RD.Person] == 2
    assert counts[RD.Organization] == 1
    assert counts[RD.Role] == 1
    assert counts[RD.Move] == 2
    assert counts[RD.Evidence] == 1
    assert counts[RD.Mention] == 0


def test_class_partitions() -> None:
    graph = Graph()
    graphs = document_graphs()
    describe_dataset(graph, IRIS, graphs, [make_source("a", "x"), make_source("b", "y")])
    dataset = IRIS.dataset
    partitions = Graph()
    for partition in graph.objects(dataset, VOID.classPartition):
        partitions.add((dataset, VOID.classPartition, partition))
        for predicate, value in graph.predicate_objects(partition):
            partitions.add((partition, predicate, value))
    assert_same(
        partitions,
        """
        <https://example.org/kg/dataset> void:classPartition
            <https://example.org/kg/dataset/class/Person>,
            <https://example.org/kg/dataset/class/Organization>,
            <https://example.org/kg/dataset/class/Role>,
            <https://example.org/kg/dataset/class/Move>,
            <https://example.org/kg/dataset/class/Evidence>,
            <https://example.org/kg/dataset/class/Mention> .
        <https://example.org/kg/dataset/class/Person> void:class rd:Person ;
            void:entities "2"^^xsd:integer .
        <https://example.org/kg/dataset/class/Organization> void:class rd:Organization ;
            void:entities "1"^^xsd:integer .
        <https://example.org/kg/dataset/class/Role> void:class rd:Role ;
            void:entities "1"^^xsd:integer .
        <https://example.org/kg/dataset/class/Move> void:class rd:Move ;
            void:entities "2"^^xsd:integer .
        <https://example.org/kg/dataset/class/Evidence> void:class rd:Evidence ;
            void:entities "1"^^xsd:integer .
        <https://example.org/kg/dataset/class/Mention> void:class rd:Mention ;
            void:entities "0"^^xsd:integer .
        """,
    )
    assert len(COUNTED_CLASSES) == 6


def test_dataset_size_and_sources() -> None:
    graph = Graph()
    graphs = document_graphs()
    describe_dataset(graph, IRIS, graphs, [make_source("a", "x"), make_source("b", "y")])
    dataset = IRIS.dataset
    assert set(graph.objects(dataset, RDF.type)) == {VOID.Dataset, DCAT.Dataset}
    assert graph.value(dataset, VOID.documents) == Literal(2, datatype=XSD.integer)
    distinct = set(graphs[0]) | set(graphs[1])  # a triple both documents state counts once
    assert graph.value(dataset, VOID.triples) == Literal(len(distinct), datatype=XSD.integer)
    assert set(graph.objects(dataset, DCTERMS.source)) == {IRIS.document("a"), IRIS.document("b")}
    assert graph.value(dataset, VOID.uriSpace) == Literal(BASE)
    assert graph.value(dataset, VOID.vocabulary) == URIRef(f"{BASE}ontology")
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef(f"{BASE}sparql")
    assert {t.language for t in graph.objects(dataset, DCTERMS["title"])} == {"en", "fr"}  # type: ignore[attr-defined]
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)


def test_every_dump_format_is_a_distribution() -> None:
    graph = Graph()
    describe_dataset(graph, IRIS, document_graphs(), [make_source("a", "x")])
    dataset = IRIS.dataset
    distributions = set(graph.subjects(RDF.type, DCAT.Distribution))
    assert distributions == {IRIS.dump(dump_filename(fmt)) for fmt in FORMATS}
    assert set(graph.objects(dataset, DCAT.distribution)) == distributions
    assert set(graph.objects(dataset, VOID.dataDump)) == distributions
    for fmt in FORMATS:
        dump = URIRef(f"{BASE}dumps/revolving-door.{fmt.extension}")
        assert graph.value(dump, DCAT.downloadURL) == dump
        assert graph.value(dump, DCAT.mediaType) == URIRef(iana_media_type(fmt))
        assert graph.value(dump, DCTERMS["format"]) == Literal(fmt.media_type)
        assert graph.value(dump, DCTERMS["title"]) == Literal(
            f"Revolving Door ({fmt.name})", lang="en"
        )


def test_turtle_distribution_exactly() -> None:
    graph = Graph()
    describe_dataset(graph, IRIS, [], [])
    turtle = URIRef(f"{BASE}dumps/revolving-door.ttl")
    described = Graph()
    for predicate, value in graph.predicate_objects(turtle):
        described.add((turtle, predicate, value))
    assert_same(
        described,
        """
        @prefix dcat: <http://www.w3.org/ns/dcat#> .
        <https://example.org/kg/dumps/revolving-door.ttl> a dcat:Distribution ;
            dcat:downloadURL <https://example.org/kg/dumps/revolving-door.ttl> ;
            dcat:mediaType <https://www.iana.org/assignments/media-types/text/turtle> ;
            dct:format "text/turtle" ;
            dct:title "Revolving Door (turtle)"@en .
        """,
    )


def test_set_version() -> None:
    graph = Graph()
    set_version(graph, IRIS, "0123456789abcdef")
    assert_same(graph, '<https://example.org/kg/dataset> dct:hasVersion "0123456789abcdef" .')
