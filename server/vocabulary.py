"""The ontology and the shapes at their namespace IRIs: a page for people (pyLODE's, made at build time;
a list of the shapes), RDF by Accept or by extension; the ontology's version IRI redirects."""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, render_template, request

from kg.ontology_docs import ONTOLOGY_DOCS_FILE
from server.entity_rdf import graph_quads, iri_ref
from server.errors import ApiError
from server.graph import graph_service
from server.negotiation import HTML
from server.publication import Publication, publication
from server.rdf_output import serialize_quads
from server.representation import (
    RESOURCE_CHOICES,
    document,
    framing_for,
    link_header,
    named_format,
    negotiate,
    not_modified,
    primary_extension,
    see_other,
    variant_of,
)
from server.shapes_listing import list_shapes

OWL_VERSION_IRI = "http://www.w3.org/2002/07/owl#versionIRI"


def ontology(extension: str | None = None) -> Response:
    """/ontology and /ontology.{ext}: the ontology's documentation or its RDF."""
    published = publication()
    return vocabulary_response("ontology", published.ontology, extension, ontology_page)


def shapes(extension: str | None = None) -> Response:
    """/shapes and /shapes.{ext}: the list of shapes or their RDF."""
    published = publication()
    return vocabulary_response("shapes", published.shapes, extension, shapes_page)


def ontology_version(version: str) -> Response:
    """/ontology/{version}: 303 to /ontology when it is the ontology's version IRI, else 404."""
    published = publication()
    version_iri = f"{published.ontology}/{version}"
    ask = (
        f"ASK {{ GRAPH {iri_ref(published.ontology)} "
        f"{{ {iri_ref(published.ontology)} {iri_ref(OWL_VERSION_IRI)} {iri_ref(version_iri)} }} }}"
    )
    if "/" in version or not bool(graph_service().store.query(ask)):
        raise ApiError(404, "no such version of the ontology is published here")
    return see_other(f"{request.script_root}/ontology", "")


def vocabulary_response(
    name: str, iri: str, extension: str | None, page: Callable[[Publication], bytes | str]
) -> Response:
    """A graph published at its own IRI: 200 with Content-Location (hash IRIs: no 303 needed)."""
    published = publication()
    if iri not in published.named_graphs:
        raise ApiError(404, f"this build publishes no {name} graph")
    root = request.script_root
    urls = {media.name: f"{root}/{name}.{primary_extension(media)}" for media in RESOURCE_CHOICES}
    media = (
        negotiate(RESOURCE_CHOICES)
        if extension is None
        else named_format(extension, RESOURCE_CHOICES)
    )
    validators = published.validators(f"{name}-{variant_of(media)}")
    links = link_header(urls, RESOURCE_CHOICES, media.name)
    framing = framing_for(media, urls[media.name], links, negotiated=extension is None)
    cached = not_modified(validators, framing)
    if cached is not None:
        return cached
    if media is HTML:
        body = page(published)
    else:
        quads = graph_quads(graph_service().store, iri)
        body = serialize_quads(quads, media, published.prefixes)
    return document(body, media, validators, framing)


def ontology_page(published: Publication) -> bytes:
    """pyLODE's page of the ontology, written into the release at build time."""
    try:
        return (published.release / ONTOLOGY_DOCS_FILE).read_bytes()
    except OSError:
        raise ApiError(
            404, "this build has no ontology documentation page; see /ontology.ttl"
        ) from None


def shapes_page(published: Publication) -> str:
    """The shapes listed with their targets, constraints and messages."""
    root = request.script_root
    listing = list_shapes(
        graph_quads(graph_service().store, published.shapes), published.shapes, published.prefixes
    )
    return render_template(
        "shapes.html",
        listing=listing,
        iri=published.shapes,
        ontology_url=f"{root}/ontology",
        alternates=[
            (media, f"{root}/shapes.{primary_extension(media)}")
            for media in RESOURCE_CHOICES
            if media is not HTML
        ],
    )
