"""The RDF formats the project exports, as data: name, file extension, media type, parser/serializer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RdfFormat:
    """One export format. `dataset` formats keep named graphs; the others hold the default graph."""

    name: str
    extension: str
    media_type: str
    rdflib_name: str
    dataset: bool
    sorted_lines: bool = False


FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat("turtle", "ttl", "text/turtle", "turtle", dataset=False),
    RdfFormat("jsonld", "jsonld", "application/ld+json", "json-ld", dataset=False),
    RdfFormat("nt", "nt", "application/n-triples", "nt", dataset=False, sorted_lines=True),
    RdfFormat("rdfxml", "rdf", "application/rdf+xml", "xml", dataset=False),
    RdfFormat("trig", "trig", "application/trig", "trig", dataset=True),
    RdfFormat("nquads", "nq", "application/n-quads", "nquads", dataset=True, sorted_lines=True),
)
FORMATS_BY_NAME = {fmt.name: fmt for fmt in FORMATS}
DUMP_STEM = "revolving-door"


def dump_filename(fmt: RdfFormat) -> str:
    """The file name of a format's dump."""
    return f"{DUMP_STEM}.{fmt.extension}"


def iana_media_type(fmt: RdfFormat) -> str:
    """The IANA registry IRI of a format's media type (for DCAT)."""
    return f"https://www.iana.org/assignments/media-types/{fmt.media_type}"
