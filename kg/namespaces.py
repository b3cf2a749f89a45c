"""The namespaces of the vocabularies the graph reuses, and the prefixes dumps and queries bind."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
CRM = Namespace("http://www.cidoc-crm.org/cidoc-crm/")
TIME = Namespace("http://www.w3.org/2006/time#")
SH = Namespace("http://www.w3.org/ns/shacl#")
VANN = Namespace("http://purl.org/vocab/vann/")

__all__ = [
    "CRM",
    "DCAT",
    "DCTERMS",
    "FOAF",
    "OA",
    "ORG",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SKOS",
    "TIME",
    "VANN",
    "VOID",
    "XSD",
    "external_prefixes",
]


def external_prefixes() -> dict[str, str]:
    """Return prefix → namespace for the reused vocabularies, in a fixed order."""
    return {
        "dcat": str(DCAT),
        "dct": str(DCTERMS),
        "foaf": str(FOAF),
        "oa": str(OA),
        "org": str(ORG),
        "owl": str(OWL),
        "prov": str(PROV),
        "rdf": str(RDF),
        "rdfs": str(RDFS),
        "schema": str(SCHEMA),
        "sh": str(SH),
        "skos": str(SKOS),
        "time": str(TIME),
        "void": str(VOID),
        "xsd": str(XSD),
    }
