"""Every IRI of the graph dereferences: 303 See Other from the resource to the representation Accept
prefers, each representation at its own URL; the dataset's description also at /.well-known/void."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from flask import Response, render_template, request, send_file

from server import pages
from server.entity_rdf import describe_resource, graph_quads, resource_exists
from server.errors import ApiError
from server.graph import graph_service
from server.negotiation import HTML, MediaType
from server.publication import Publication, publication
from server.rdf_output import DATASET_FORMATS, serialize_quads
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
from server.resource_paths import (
    DATASET,
    PathTooLongError,
    ResourcePath,
    UnsafePathError,
    interpretations,
)
from server.resource_table import resource_table
from server.void import describe_dataset

DATASET_PAGE = "/dumps/"  # the dataset's page for people: its dumps, with sizes and checksums
CONTEXT_FILE = "context.jsonld"


@dataclass(frozen=True)
class Resource:
    """A resource of the graph a request names; a named graph that is no subject is described by its
    content."""

    where: ResourcePath
    iri: str
    graph_only: bool

    def urls(self) -> dict[str, str]:
        """Media name → the URL of that representation."""
        root = request.script_root
        found = {m.name: root + self.where.url(primary_extension(m)) for m in RESOURCE_CHOICES}
        if self.where.kind.name == "dataset":
            found[HTML.name] = root + DATASET_PAGE
        return found


def dereference(path: str) -> Response:
    """GET/HEAD of any path under the base: 303 for a resource, 200 for one of its representations."""
    resource = resolve(path, publication())
    urls = resource.urls()
    if resource.where.extension is None:
        chosen = negotiate(RESOURCE_CHOICES)
        return see_other(urls[chosen.name], link_header(urls, RESOURCE_CHOICES, None))
    media = named_format(resource.where.extension, RESOURCE_CHOICES)
    if media is HTML and resource.where.kind.name == "dataset":
        return see_other(urls[HTML.name], link_header(urls, RESOURCE_CHOICES, HTML.name))
    return representation(resource, media, urls, negotiated=False)


def void() -> Response:
    """The dataset's VoID/DCAT description, by Accept (Turtle by default); people go to the dumps page.

    Always there: data served with `kg serve --data` has no metadata graph, but its dumps and endpoint.
    """
    published = publication()
    where = ResourcePath(kind=DATASET, path="dataset", extension=None)
    resource = Resource(where=where, iri=published.dataset, graph_only=False)
    urls = resource.urls()
    media = negotiate(RESOURCE_CHOICES)
    if media is HTML:
        return see_other(urls[HTML.name], link_header(urls, RESOURCE_CHOICES, None))
    return representation(resource, media, urls, negotiated=True)


def context() -> Response:
    """The published JSON-LD context (its prefixes are the dumps' and the documents')."""
    published = publication()
    validators = published.validators("context")
    return send_file(
        published.release / CONTEXT_FILE,
        mimetype="application/ld+json",
        etag=validators.etag,
        last_modified=validators.last_modified,
        conditional=True,
    )


def resolve(path: str, published: Publication) -> Resource:
    """The resource a path names, or 400 (hostile path) / 404 (no such resource)."""
    try:
        candidates = interpretations(path)
    except PathTooLongError as error:
        raise ApiError(414, str(error)) from None
    except UnsafePathError:
        raise ApiError(
            400, "the path is malformed or unsafe (dot segments, control bytes, bad escapes)"
        ) from None
    store = graph_service().store
    for candidate in candidates:
        iri = candidate.iri(published.base)
        if resource_exists(store, iri):
            return Resource(where=candidate, iri=iri, graph_only=False)
        if iri in published.named_graphs:
            return Resource(where=candidate, iri=iri, graph_only=True)
    raise ApiError(404, "no resource of this dataset has this IRI")


def representation(
    resource: Resource, media: MediaType, urls: dict[str, str], *, negotiated: bool
) -> Response:
    """One representation of a resource, or 304 when the client's copy is current."""
    published = publication()
    validators = published.validators(variant_of(media))
    links = link_header(urls, RESOURCE_CHOICES, media.name)
    framing = framing_for(media, urls[media.name], links, negotiated=negotiated)
    cached = not_modified(validators, framing)
    if cached is not None:
        return cached
    if media is HTML:
        body: bytes | str = resource_html(resource, published)
    else:
        quads = resource_quads(resource, published, by_graph=media.name in DATASET_FORMATS)
        body = serialize_quads(quads, media, published.prefixes)
    return document(body, media, validators, framing)


def resource_quads(
    resource: Resource, published: Publication, *, by_graph: bool = False
) -> list[ox.Quad]:
    """The RDF that describes the resource: from the named graphs that state it (`by_graph`), or from
    the default graph, which the store holds as their union (faster, for the triple formats)."""
    service = graph_service()
    if resource.where.kind.name == "dataset":
        return describe_dataset(service.store, service.iris, service.manifest)
    if resource.graph_only:
        return graph_quads(service.store, resource.iri)
    graphs = published.default_graphs if by_graph else ()
    return describe_resource(service.store, resource.iri, published.vocab, published.base, graphs)


def resource_html(resource: Resource, published: Publication) -> str:
    """The resource's page: the pages' own when it has one, else its description as a table."""
    kind = resource.where.kind
    if kind.page is not None:
        page = pages.render_entity_html(kind.page, resource.iri)
        if page is not None:
            return page
    table = resource_table(
        resource.iri,
        resource_quads(resource, published),
        published.prefixes,
        published.base,
        request.script_root,
    )
    urls = resource.urls()
    return render_template(
        "linked_data_resource.html",
        iri=resource.iri,
        table=table,
        alternates=[(media, urls[media.name]) for media in RESOURCE_CHOICES if media is not HTML],
    )
