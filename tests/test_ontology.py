"""Checks the OWL ontology in ontology/revolving-door.ttl against the terms of docs/model.md."""

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

ONTOLOGY_FILE = Path(__file__).resolve().parent.parent / "ontology" / "revolving-door.ttl"
ONTOLOGY = URIRef("http://127.0.0.1:8080/ontology")
RD = Namespace("http://127.0.0.1:8080/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")

# The spec: the terms of the tables of docs/model.md.
CLASSES = [
    "Person",
    "Organization",
    "Role",
    "Move",
    "SourceDocument",
    "Evidence",
    "Mention",
    "CurationActivity",
    "MoveStatus",
]
OBJECT_PROPERTIES = [
    "person",
    "organization",
    "reportsTo",
    "mover",
    "fromOrganization",
    "toOrganization",
    "roleBefore",
    "roleAfter",
    "status",
    "reportedBy",
    "hasEvidence",
    "hasMention",
    "mentions",
]
DATATYPE_PROPERTIES = [
    "roleTitle",
    "roleDescription",
    "startDate",
    "endDate",
    "hasEnded",
    "headcount",
    "groupDescription",
    "date",
    "timeframe",
    "reason",
    "announcedVia",
    "sha256",
    "characterCount",
]
STATUSES = ["completed", "announced", "expected", "rumoured"]
OTHER_TERMS = ["MoveStatusScheme", "evidencing"]
ALL_TERMS = CLASSES + OBJECT_PROPERTIES + DATATYPE_PROPERTIES + STATUSES + OTHER_TERMS


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def rd_subjects(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(RD))}


def languages(graph: Graph, subject: URIRef, predicate: URIRef) -> set[str]:
    return {
        o.language
        for o in graph.objects(subject, predicate)
        if isinstance(o, Literal) and o.language
    }


def test_ontology_header(graph: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in graph
    assert languages(graph, ONTOLOGY, DCTERMS.title) >= {"en", "fr"}
    assert languages(graph, ONTOLOGY, DCTERMS.description) >= {"en", "fr"}
    assert graph.value(ONTOLOGY, OWL.versionInfo) == Literal("0.1.0")
    assert graph.value(ONTOLOGY, OWL.versionIRI) == URIRef("http://127.0.0.1:8080/ontology/0.1.0")
    assert graph.value(ONTOLOGY, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )


def test_no_blank_nodes(graph: Graph) -> None:
    blanks = [t for triple in graph for t in triple if isinstance(t, BNode)]
    assert blanks == []


@pytest.mark.parametrize("predicate", [RDFS.label, RDFS.comment])
def test_every_term_is_labelled_and_commented_in_en_and_fr(graph: Graph, predicate: URIRef) -> None:
    missing = {
        str(s): sorted({"en", "fr"} - languages(graph, s, predicate))
        for s in rd_subjects(graph)
        if not languages(graph, s, predicate) >= {"en", "fr"}
    }
    assert missing == {}


def test_every_term_is_defined_by_the_ontology(graph: Graph) -> None:
    undefined = sorted(
        str(s) for s in rd_subjects(graph) if (s, RDFS.isDefinedBy, ONTOLOGY) not in graph
    )
    assert undefined == []


def test_the_terms_are_exactly_those_of_the_model(graph: Graph) -> None:
    assert rd_subjects(graph) == {RD[name] for name in ALL_TERMS}


@pytest.mark.parametrize("name", CLASSES)
def test_class_is_declared(graph: Graph, name: str) -> None:
    assert (RD[name], RDF.type, OWL.Class) in graph


@pytest.mark.parametrize(
    ("name", "kind"),
    [(n, OWL.ObjectProperty) for n in OBJECT_PROPERTIES]
    + [(n, OWL.DatatypeProperty) for n in DATATYPE_PROPERTIES],
)
def test_property_is_typed(graph: Graph, name: str, kind: URIRef) -> None:
    types = set(graph.objects(RD[name], RDF.type))
    assert types & {OWL.ObjectProperty, OWL.DatatypeProperty} == {kind}


def test_person_and_organization_are_disjoint(graph: Graph) -> None:
    assert (RD.Person, OWL.disjointWith, RD.Organization) in graph


@pytest.mark.parametrize("name", STATUSES)
def test_status_concept_is_in_the_scheme(graph: Graph, name: str) -> None:
    concept = RD[name]
    assert (RD.MoveStatusScheme, RDF.type, SKOS.ConceptScheme) in graph
    assert (concept, RDF.type, RD.MoveStatus) in graph
    assert (concept, RDF.type, SKOS.Concept) in graph
    assert (concept, SKOS.inScheme, RD.MoveStatusScheme) in graph
    assert languages(graph, concept, SKOS.prefLabel) >= {"en", "fr"}
    assert languages(graph, concept, SKOS.definition) >= {"en", "fr"}


def test_evidencing_motivation(graph: Graph) -> None:
    assert (RD.evidencing, RDF.type, OA.Motivation) in graph
    assert (RD.evidencing, SKOS.broader, OA.describing) in graph
