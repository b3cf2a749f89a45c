"""Responses shared by every dereferenceable resource: the format negotiated or named, 303 See Other,
the document with its validators, Content-Location, and a Link to every other representation."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from flask import Response, request

from server.conditional import Validators, add_validators, is_not_modified, not_modified_response
from server.errors import ApiError
from server.negotiation import HTML, RDF_TYPES, MediaType, by_accept, by_extension

# JSON clients asking for application/json get JSON-LD, which is JSON.
JSONLD = dataclasses.replace(
    next(t for t in RDF_TYPES if t.name == "jsonld"), aliases=("application/json",)
)
RDF_CHOICES: tuple[MediaType, ...] = tuple(JSONLD if t.name == "jsonld" else t for t in RDF_TYPES)
# Turtle first: it is what a client that names no type (no Accept, or */*) gets; browsers ask for HTML.
RESOURCE_CHOICES: tuple[MediaType, ...] = (*RDF_CHOICES, HTML)


def primary_extension(media: MediaType) -> str:
    return media.extensions[0]


def negotiate(choices: tuple[MediaType, ...]) -> MediaType:
    """The representation the request's Accept header prefers among `choices`, or 406."""
    chosen = by_accept(request.headers.get("Accept"), choices)
    if chosen is None:
        offered = ", ".join(choice.media_type for choice in choices)
        raise ApiError(
            406, f"none of the requested media types is available here; try one of: {offered}"
        )
    return chosen


def named_format(extension: str, choices: tuple[MediaType, ...]) -> MediaType:
    """The representation an explicit extension names, or 404 (the URL names no document)."""
    chosen = by_extension(extension, choices)
    if chosen is None:
        offered = ", ".join(f".{primary_extension(choice)}" for choice in choices)
        raise ApiError(404, f"no such representation of this resource; it has: {offered}")
    return chosen


def link_header(
    urls: Mapping[str, str], choices: tuple[MediaType, ...], current: str | None
) -> str:
    """`<url>; rel="alternate"; type="…"` for every representation but `current` (a media name)."""
    return ", ".join(
        f'<{urls[choice.name]}>; rel="alternate"; type="{choice.media_type}"'
        for choice in choices
        if choice.name != current and choice.name in urls
    )


def see_other(location: str, links: str) -> Response:
    """303 See Other to the representation chosen by Accept (the answer depends on Accept)."""
    response = Response(f"See {location}\n", status=303, mimetype="text/plain")
    response.headers["Location"] = location
    response.headers["Vary"] = "Accept"
    if links:
        response.headers["Link"] = links
    return response


@dataclass(frozen=True)
class Framing:
    """The headers that frame a representation: its own URL, its alternates, what it varies with."""

    content_location: str
    links: str
    vary: tuple[str, ...]


def framing_for(
    media: MediaType, content_location: str, links: str, *, negotiated: bool
) -> Framing:
    """Vary: Accept when the format was negotiated; Accept-Language for HTML (pages are in English or
    French, by `?lang=` or Accept-Language)."""
    vary = (*(("Accept",) if negotiated else ()), *(("Accept-Language",) if media is HTML else ()))
    return Framing(content_location=content_location, links=links, vary=vary)


def variant_of(media: MediaType) -> str:
    """What distinguishes this representation in its ETag: its format, and for HTML the language asked."""
    if media is not HTML:
        return media.name
    asked = f"{request.args.get('lang', '')}|{request.headers.get('Accept-Language', '')}"
    return f"html-{hashlib.sha256(asked.encode()).hexdigest()[:12]}"


def document(
    body: bytes | str, media: MediaType, validators: Validators, framing: Framing
) -> Response:
    """A representation with its validators, Content-Location, Links and Vary."""
    response = Response(body, status=200, mimetype=media.media_type)
    return _framed(add_validators(response, validators), framing)


def not_modified(validators: Validators, framing: Framing) -> Response | None:
    """The 304 for a conditional request whose copy is current, else None (make the document)."""
    if not is_not_modified(request, validators):
        return None
    return _framed(not_modified_response(validators), framing)


def _framed(response: Response, framing: Framing) -> Response:
    response.headers["Content-Location"] = framing.content_location
    if framing.links:
        response.headers["Link"] = framing.links
    if framing.vary:
        response.headers["Vary"] = ", ".join(framing.vary)
    return response
