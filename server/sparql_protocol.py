"""Read a SPARQL 1.1 Protocol query request: the query, its dataset and its result formats, or refuse it."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from flask import Request
from werkzeug.datastructures import MultiDict

from server.errors import ApiError
from server.negotiation import (
    BOOLEAN_TYPES,
    RDF_TYPES,
    RESULT_TYPES,
    MediaType,
    by_name,
    by_name_or_accept,
)

FORM = "application/x-www-form-urlencoded"
DIRECT_QUERY = "application/sparql-query"
DIRECT_UPDATE = "application/sparql-update"
UPDATE_PARAMETERS = ("update", "using-graph-uri", "using-named-graph-uri")
READ_ONLY = (
    "this endpoint is read-only: SPARQL Update is not accepted (the data changes only by"
    " publishing a new build)"
)
# A `format=` name of a SELECT/ASK format, asked of a CONSTRUCT/DESCRIBE result, means its RDF sibling.
GRAPH_SIBLINGS = {"json": "jsonld", "xml": "rdfxml"}
# After comments, BASE and PREFIX declarations, an update starts with one of these words.
_PROLOGUE = re.compile(
    r"(?:\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s*[^\s:]*:\s*<[^>]*>)*", re.IGNORECASE
)
_UPDATE_START = re.compile(
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class ProtocolRequest:
    """A query request as the protocol defines it; `query` is None when none was given."""

    query: str | None
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    format: str | None


@dataclass(frozen=True)
class ResultFormats:
    """The format each kind of result would be written in; None when the request accepts none."""

    solutions: MediaType | None
    boolean: MediaType | None
    graph: MediaType | None


def read_protocol_request(request: Request) -> ProtocolRequest:
    """The query, dataset and format of a GET or POST request; ApiError when the protocol is broken."""
    parameters, body_query = _parameters(request)
    if any(name in parameters for name in UPDATE_PARAMETERS):
        raise ApiError(403, READ_ONLY)
    queries = parameters.getlist("query")
    if body_query is not None:
        if queries:
            raise ApiError(400, "the query is the request body: do not also give a query parameter")
        queries = [body_query]
    if len(queries) > 1:
        raise ApiError(400, f"give exactly one query parameter, not {len(queries)}")
    query = queries[0] if queries else None
    if query is not None and not query.strip():
        raise ApiError(400, "the query is empty")
    if query is None and request.method == "POST":
        raise ApiError(400, "a POST must carry a query (query= in the form, or the request body)")
    formats = parameters.getlist("format")
    return ProtocolRequest(
        query=query,
        default_graphs=_graph_iris(parameters, "default-graph-uri"),
        named_graphs=_graph_iris(parameters, "named-graph-uri"),
        format=formats[0] if formats else None,
    )


def _parameters(request: Request) -> tuple[MultiDict[str, str], str | None]:
    """The request's parameters (URL and form) and, for a direct POST, the query in its body."""
    parameters: MultiDict[str, str] = MultiDict(request.args)
    if request.method != "POST":
        return parameters, None
    media_type = request.mimetype
    if media_type == FORM:
        parameters.update(request.form)
        return parameters, None
    if media_type == DIRECT_QUERY:
        return parameters, _body_text(request)
    if media_type == DIRECT_UPDATE:
        raise ApiError(403, READ_ONLY)
    if not media_type:
        raise ApiError(
            400, f"a POST needs a Content-Type: {FORM} or {DIRECT_QUERY} (SPARQL 1.1 Protocol)"
        )
    raise ApiError(
        415,
        f"a query is POSTed as {FORM} or {DIRECT_QUERY}, not {media_type} (SPARQL 1.1 Protocol)",
    )


def _body_text(request: Request) -> str:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise ApiError(415, f"a query body must be UTF-8, not {charset}")
    try:
        return request.get_data().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiError(
            400, f"the query body is not UTF-8: {error.reason} at byte {error.start}"
        ) from None


def _graph_iris(parameters: MultiDict[str, str], name: str) -> tuple[str, ...] | None:
    """The graphs a dataset parameter names, checked; None when the request names no dataset at all.

    The protocol's dataset replaces the query's: once either parameter is given, the other one, absent,
    means an empty list.
    """
    if "default-graph-uri" not in parameters and "named-graph-uri" not in parameters:
        return None
    iris = tuple(parameters.getlist(name))
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError as error:
            raise ApiError(400, f"{name} {iri!r} is not an absolute IRI: {error}") from None
    return iris


def choose_result_formats(format_name: str | None, accept_header: str | None) -> ResultFormats:
    """The formats of each kind of result, from `format=` or Accept; 406 when no kind has one."""
    formats = ResultFormats(
        solutions=by_name_or_accept(format_name, accept_header, RESULT_TYPES),
        boolean=by_name_or_accept(format_name, accept_header, BOOLEAN_TYPES),
        graph=by_name_or_accept(format_name, accept_header, RDF_TYPES),
    )
    if format_name and formats.graph is None and formats.solutions is not None:
        sibling = GRAPH_SIBLINGS.get(formats.solutions.name)
        formats = ResultFormats(
            formats.solutions, formats.boolean, by_name(sibling, RDF_TYPES) if sibling else None
        )
    if formats == ResultFormats(None, None, None):
        raise ApiError(406, _no_format_message(format_name))
    return formats


def _no_format_message(format_name: str | None) -> str:
    names = ", ".join(t.media_type for t in (*RESULT_TYPES, *RDF_TYPES))
    asked = f"format {format_name!r}" if format_name else "the Accept header"
    return f"{asked} names no format this endpoint writes; it writes {names}"


def looks_like_update(query: str) -> bool:
    """Whether `query`, past its prologue, starts like a SPARQL Update operation."""
    prologue = _PROLOGUE.match(query)
    return bool(_UPDATE_START.match(query, prologue.end() if prologue else 0))
