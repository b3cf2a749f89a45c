"""Media types as data, and one pure function that picks a format: explicit extension, then Accept, then default."""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header


@dataclass(frozen=True)
class MediaType:
    """A representation the server can produce."""

    name: str
    media_type: str
    extensions: tuple[str, ...]
    aliases: tuple[str, ...] = ()


# RDF documents (entities, CONSTRUCT/DESCRIBE results); the first is the default for programs.
RDF_TYPES: tuple[MediaType, ...] = (
    MediaType("turtle", "text/turtle", ("ttl",), ("application/x-turtle",)),
    MediaType("jsonld", "application/ld+json", ("jsonld",)),
    MediaType("nt", "application/n-triples", ("nt",)),
    MediaType("rdfxml", "application/rdf+xml", ("rdf",), ("application/xml", "text/xml")),
    MediaType("trig", "application/trig", ("trig",)),
    MediaType("nquads", "application/n-quads", ("nq",)),
)
HTML = MediaType("html", "text/html", ("html",), ("application/xhtml+xml",))
# SPARQL SELECT/ASK results; the first is the default.
RESULT_TYPES: tuple[MediaType, ...] = (
    MediaType("json", "application/sparql-results+json", ("srj",), ("application/json",)),
    MediaType("xml", "application/sparql-results+xml", ("srx",), ("application/xml", "text/xml")),
    MediaType("csv", "text/csv", ("csv",)),
    MediaType("tsv", "text/tab-separated-values", ("tsv",)),
)


def by_extension(extension: str, candidates: tuple[MediaType, ...]) -> MediaType | None:
    """The candidate an explicit file extension names, if any."""
    return next((c for c in candidates if extension in c.extensions), None)


def by_name(name: str, candidates: tuple[MediaType, ...]) -> MediaType | None:
    """The candidate a `format=` parameter names: its name, an extension or a media type."""
    lowered = name.strip().lower()
    for candidate in candidates:
        if lowered in (
            candidate.name,
            candidate.media_type,
            *candidate.extensions,
            *candidate.aliases,
        ):
            return candidate
    return None


def by_accept(accept_header: str | None, candidates: tuple[MediaType, ...]) -> MediaType | None:
    """The candidate the Accept header prefers, honouring q-values; the first one for */* or no header.

    None when the header accepts none of the candidates (the caller answers 406).
    """
    if not accept_header or not accept_header.strip():
        return candidates[0]
    accept = parse_accept_header(accept_header, MIMEAccept)
    best: tuple[float, int, MediaType] | None = None
    for order, candidate in enumerate(candidates):
        quality = max(accept.quality(t) for t in (candidate.media_type, *candidate.aliases))
        if quality <= 0:
            continue
        specific = any(
            value.lower() in (candidate.media_type, *candidate.aliases) for value, _ in accept
        )
        key = (quality, 1 if specific else 0, -order)
        if best is None or key > (best[0], best[1], -candidates.index(best[2])):
            best = (quality, 1 if specific else 0, candidate)
    return None if best is None else best[2]


# SPARQL ASK results: a boolean has a form in SPARQL JSON and XML only (none in CSV or TSV).
BOOLEAN_TYPES: tuple[MediaType, ...] = RESULT_TYPES[:2]


def by_name_or_accept(
    name: str | None, accept_header: str | None, candidates: tuple[MediaType, ...]
) -> MediaType | None:
    """An explicit format name (a `format=` parameter) wins; without one, the Accept header decides."""
    if name:
        return by_name(name, candidates)
    return by_accept(accept_header, candidates)
