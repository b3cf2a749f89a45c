"""The SPARQL endpoint /sparql: the SPARQL 1.1 Protocol for queries, the Service Description and the editor."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Flask, Response, current_app, render_template, request, url_for
from flask.blueprints import BlueprintSetupState

from kg.build import STORE_DIR
from kg.query_guard import refuse_outbound_requests
from kg.settings import Settings
from server.errors import ApiError
from server.graph import GraphService, graph_service
from server.negotiation import HTML, RDF_TYPES, RESULT_TYPES, MediaType, by_name_or_accept
from server.remote_runner import RemoteQueryRunner
from server.sparql_child import QueryJob
from server.sparql_description import ServiceFacts, describe_service, write_description
from server.sparql_editor import QUERIES_DIR, ExampleQuery, load_examples
from server.sparql_protocol import (
    READ_ONLY,
    ProtocolRequest,
    choose_result_formats,
    looks_like_update,
    read_protocol_request,
)
from server.sparql_runner import QueryRunner

blueprint = Blueprint("sparql", __name__)
ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
TRUNCATED_HEADER = "X-SPARQL-Truncated"
EXPOSED_HEADERS = f"Link, Content-Location, ETag, Vary, {TRUNCATED_HEADER}"
PREFLIGHT_MAX_AGE = "86400"
MEDIA_TYPES_BY_NAME = {media.name: media for media in (*RESULT_TYPES, *RDF_TYPES)}
DESCRIPTION_TYPES = (*RDF_TYPES, HTML)


@dataclass
class SparqlService:
    """What the endpoint keeps for the life of the app: its query runner, examples and settings."""

    runner: QueryRunner | RemoteQueryRunner
    examples: tuple[ExampleQuery, ...]
    settings: Settings
    prefixes: dict[str, str]

    @classmethod
    def open(cls, graph: GraphService) -> SparqlService:
        prefixes = graph.published.prefixes
        runner: QueryRunner | RemoteQueryRunner
        if graph.endpoint is not None:
            runner = RemoteQueryRunner(graph, timeout=graph.settings.query_timeout)
        else:
            runner = QueryRunner(
                store_dir=graph.release / STORE_DIR,
                prefixes=prefixes,
                timeout=graph.settings.query_timeout,
            )
        return cls(runner, load_examples(QUERIES_DIR, graph.iris), graph.settings, prefixes)


def sparql_service(app: Flask | None = None) -> SparqlService:
    """The SparqlService of the current (or given) app."""
    service = (app or current_app).extensions["sparql"]
    assert isinstance(service, SparqlService)
    return service


@blueprint.record_once
def open_sparql_service(state: BlueprintSetupState) -> None:
    """Set the endpoint up once, when the blueprint is registered (no child process is started yet)."""
    app = state.app
    assert isinstance(app, Flask)
    app.extensions["sparql"] = SparqlService.open(graph_service(app))


@blueprint.route("/sparql", methods=["GET", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"])
def endpoint() -> Response:
    """Answer a query, or, with none, give a browser the editor and a program the Service Description."""
    if request.method == "OPTIONS":
        return answer_preflight()
    if request.method not in ALLOWED_METHODS:
        raise ApiError(
            405,
            f"{request.method} is not allowed here: query with GET or POST (read-only endpoint)",
        )
    protocol = read_protocol_request(request)
    if protocol.query is None:
        return answer_without_query(protocol.format)
    return answer_query(protocol)


@blueprint.after_request
def add_protocol_headers(response: Response) -> Response:
    """Every answer varies by Accept; a 405 lists the allowed methods; CORS reads the truncation header."""
    response.vary.add("Accept")
    response.headers.setdefault("Access-Control-Expose-Headers", EXPOSED_HEADERS)
    if response.status_code == 405:
        response.headers["Allow"] = ", ".join(ALLOWED_METHODS)
    return response


def answer_query(protocol: ProtocolRequest) -> Response:
    """Run the query in the query child and send its serialised result (or its error)."""
    assert protocol.query is not None
    formats = choose_result_formats(protocol.format, request.headers.get("Accept"))
    refuse_outbound_requests(protocol.query)
    service = sparql_service()
    endpoint_url = url_for("sparql.endpoint", _external=True)
    job = QueryJob(
        query=protocol.query,
        base_iri=endpoint_url,
        default_graphs=protocol.default_graphs,
        named_graphs=protocol.named_graphs,
        solutions_format=formats.solutions.name if formats.solutions else None,
        boolean_format=formats.boolean.name if formats.boolean else None,
        graph_format=formats.graph.name if formats.graph else None,
        row_cap=service.settings.row_cap,
        link=endpoint_url,
    )
    answer = service.runner.run(job)
    if answer.status != 200:
        if answer.status == 400 and looks_like_update(protocol.query):
            raise ApiError(403, READ_ONLY)
        raise ApiError(answer.status, answer.message)
    response = Response(
        answer.body, content_type=content_type(MEDIA_TYPES_BY_NAME[answer.format_name])
    )
    if answer.truncated:
        response.headers[TRUNCATED_HEADER] = str(job.row_cap)
    return response


def answer_without_query(format_name: str | None) -> Response:
    """The editor for a browser, the Service Description in an RDF format for a program."""
    chosen = by_name_or_accept(format_name, request.headers.get("Accept"), DESCRIPTION_TYPES)
    if chosen is None:
        names = ", ".join(media.media_type for media in DESCRIPTION_TYPES)
        raise ApiError(406, f"without a query this endpoint gives its description as {names}")
    if chosen is HTML:
        return render_editor()
    service = sparql_service()
    facts = ServiceFacts(
        endpoint=url_for("sparql.endpoint", _external=True),
        void=f"{request.url_root}.well-known/void",
        manifest=graph_service().manifest,
        query_timeout=service.settings.query_timeout,
        row_cap=service.settings.row_cap,
    )
    body = write_description(describe_service(facts), chosen)
    return Response(body, content_type=content_type(chosen))


def render_editor() -> Response:
    """YASGUI, served from this server, with one tab per example query, querying this endpoint."""
    service = sparql_service()
    html = render_template(
        "sparql.html",
        examples=[{"name": e.name, "title": e.title, "query": e.text} for e in service.examples],
        prefixes=service.prefixes,
        endpoint=url_for("sparql.endpoint"),
        description_types=RDF_TYPES,
        settings=service.settings,
    )
    return Response(html, content_type=content_type(HTML))


def answer_preflight() -> Response:
    """A CORS preflight: any origin may GET or POST a query with the protocol's headers."""
    response = Response(status=204)
    del response.headers["Content-Type"]
    response.headers["Allow"] = ", ".join(ALLOWED_METHODS)
    response.headers["Access-Control-Allow-Methods"] = ", ".join(ALLOWED_METHODS)
    response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
    response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return response


def content_type(media: MediaType) -> str:
    """The Content-Type header of a media type; text types say they are UTF-8."""
    if media.media_type.startswith("text/"):
        return f"{media.media_type}; charset=utf-8"
    return media.media_type
