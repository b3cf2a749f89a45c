"""The W3C SPARQL 1.1 Protocol tests (manifest in ../shared/w3c-rdf-tests) against the real server.

The test data (data1.nt … data3.nt) is served with `kg serve --data`, as a TriG file built from the
manifest's `ut:graphData`: each file becomes the named graph the tests name in `default-graph-uri` and
`named-graph-uri`, so the dataset tests need no network. Which tests apply to a read-only endpoint:

- the 13 `query_*` tests and the 7 bad query tests (`bad_query_*`, `bad_multiple_queries`): all run
  as written and must pass;
- the 7 bad update tests (`bad_update_*`, `bad_multiple_updates`) expect a 4xx refusal: they run as written (a read-only endpoint refuses
  every update, with 403, or 400/415 when the request is malformed before being an update at all);
- the 7 `update_*` tests expect an update to succeed (2xx): they do not apply to a read-only endpoint.
  Their update requests are sent anyway and must be refused with 403 (read-only), and the store must
  be unchanged; their follow-up queries check the update's effect, so they are not run.
"""

from __future__ import annotations

import http.client
import json
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDFS
from rdflib.term import Node

from kg.settings import EMBEDDED_STORE
from tests.conftest import SHARED_DIR, STORES, store_environment, virtuoso_endpoint
from tests.test_sparql_live import kg_serve

SUITE = SHARED_DIR / "w3c-rdf-tests" / "sparql11" / "protocol"
MANIFEST = SUITE / "manifest.ttl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
TABULAR_TYPES = {
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
}
BOOLEAN_TYPES = {"application/sparql-results+json", "application/sparql-results+xml"}
RDF_TYPES = {
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
    "application/trig",
    "application/n-quads",
}

DATA1_IS_THERE = "ASK { GRAPH ?g { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type } }"

# The W3C suite is part of ../shared, which every checkout of this project has beside it: never skip.
assert MANIFEST.exists(), f"the W3C SPARQL protocol tests are missing: {MANIFEST}"


@dataclass(frozen=True)
class ProtocolRequest:
    """One `ht:Request` of a test, and the response it expects."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    statuses: frozenset[int]
    boolean: bool | None
    result_format: str | None


@dataclass(frozen=True)
class ProtocolTest:
    name: str
    title: str
    requests: tuple[ProtocolRequest, ...]
    graph_data: tuple[tuple[str, Path], ...]


def read_manifest(path: Path) -> list[ProtocolTest]:
    """Every test of the manifest, in its order, as plain records."""
    graph = Graph().parse(path, format="turtle")
    manifest = next(graph.subjects(MF.entries, None))
    entries = Collection(graph, value(graph, manifest, MF.entries))
    return [read_test(graph, entry) for entry in entries if isinstance(entry, URIRef)]


def value(graph: Graph, subject: Node, predicate: URIRef) -> Node:
    """The one value the manifest must give."""
    found = graph.value(subject, predicate)
    assert found is not None, (subject, predicate)
    return found


def read_test(graph: Graph, entry: URIRef) -> ProtocolTest:
    action = value(graph, entry, MF.action)
    requests = Collection(graph, value(graph, action, HT.requests))
    graph_data = tuple(
        (str(graph.value(data, RDFS.label)), SUITE / Path(str(graph.value(data, UT.graph))).name)
        for data in graph.objects(entry, UT.graphData)
    )
    return ProtocolTest(
        name=str(entry).rsplit("#", 1)[1],
        title=str(graph.value(entry, MF.name)),
        requests=tuple(read_request(graph, request) for request in requests),
        graph_data=graph_data,
    )


def read_request(graph: Graph, request: Node) -> ProtocolRequest:
    headers: list[tuple[str, str]] = []
    header_list = graph.value(request, HT.headers)
    if header_list is not None:
        for header in Collection(graph, header_list):
            headers.append(
                (str(graph.value(header, HT.fieldName)), str(graph.value(header, HT.fieldValue)))
            )
    body_node = graph.value(request, HT.body)
    body = None
    if body_node is not None:
        encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(body_node, CNT.chars)).encode(encoding.lower())
    response = value(graph, request, HT.resp)
    statuses = frozenset(
        int(str(code).removeprefix(HTS)[0]) for code in graph.objects(response, MF.expectedStatus)
    )
    boolean = graph.value(response, MF.expectedBoolean)
    result_format = graph.value(response, MF.expectedFormat)
    return ProtocolRequest(
        method=str(graph.value(request, HT.methodName)),
        path=str(graph.value(request, HT.absolutePath)),
        headers=tuple(headers),
        body=body,
        statuses=statuses,
        boolean=bool(boolean.toPython()) if isinstance(boolean, Literal) else None,
        result_format=str(result_format) if result_format is not None else None,
    )


TESTS = read_manifest(MANIFEST) if MANIFEST.exists() else []
QUERY_TESTS = [
    t
    for t in TESTS
    if t.name.startswith(("query_", "bad_query_")) or t.name == "bad_multiple_queries"
]
REFUSED_UPDATE_TESTS = [
    t for t in TESTS if t.name.startswith("bad_update_") or t.name == "bad_multiple_updates"
]
UPDATE_TESTS = [t for t in TESTS if t.name.startswith("update_")]


def write_test_data(tests: list[ProtocolTest], path: Path) -> Path:
    """One TriG file: each data file of the tests as the named graph its label names."""
    graphs = {label: data for test in tests for label, data in test.graph_data}
    quads = [
        ox.Quad(quad.subject, quad.predicate, quad.object, ox.NamedNode(label))
        for label, data in sorted(graphs.items())
        for quad in ox.parse(path=data, format=ox.RdfFormat.N_TRIPLES)
    ]
    serialized = ox.serialize(quads, format=ox.RdfFormat.TRIG)
    assert serialized is not None
    path.write_bytes(serialized)
    return path


@pytest.fixture(scope="module", params=STORES)
def protocol_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """`kg serve --data` over the test data, on a free port, on each store; yields host:port."""
    directory = tmp_path_factory.mktemp("w3c-protocol")
    data = write_test_data(TESTS, directory / "protocol-tests.trig")
    arguments, environment = ["--data", str(data)], {}
    if request.param != EMBEDDED_STORE:
        endpoint = virtuoso_endpoint(request.getfixturevalue("spare_virtuoso"))
        arguments += ["--store", endpoint.query_url]
        environment = store_environment(endpoint)
    with kg_serve(arguments, directory / "serve.log", environment) as url:
        yield url.removeprefix("http://")


def send(address: str, request: ProtocolRequest) -> http.client.HTTPResponse:
    """Send a request exactly as the manifest writes it (its path rebased from /sparql/ to /sparql)."""
    assert request.path.startswith("/sparql/"), request.path
    path = "/sparql" + request.path.removeprefix("/sparql/")
    connection = http.client.HTTPConnection(address, timeout=30)
    connection.request(request.method, path, body=request.body, headers=dict(request.headers))
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def check_response(request: ProtocolRequest, response: http.client.HTTPResponse) -> None:
    """The status class, the result's format and its boolean are those the manifest expects."""
    body: bytes = response.body  # type: ignore[attr-defined]
    assert response.status // 100 in request.statuses, (response.status, body[:300])
    media_type = response.headers.get_content_type()
    if request.result_format == "boolean":
        assert media_type in BOOLEAN_TYPES, media_type
    elif request.result_format == "tabular":
        assert media_type in TABULAR_TYPES, media_type
    elif request.result_format == "RDF":
        assert media_type in RDF_TYPES, media_type
        list(ox.parse(body, ox.RdfFormat.from_media_type(media_type)))
    if request.boolean is not None:
        assert read_boolean(media_type, body) is request.boolean


def read_boolean(media_type: str, body: bytes) -> bool:
    if media_type == "application/sparql-results+json":
        return bool(json.loads(body)["boolean"])
    result = ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
    assert isinstance(result, ox.QueryBoolean)
    return bool(result)


@pytest.mark.parametrize("test", QUERY_TESTS, ids=lambda test: test.name)
def test_query_protocol(protocol_server: str, test: ProtocolTest) -> None:
    for request in test.requests:
        check_response(request, send(protocol_server, request))


@pytest.mark.parametrize("test", REFUSED_UPDATE_TESTS, ids=lambda test: test.name)
def test_updates_are_refused_as_the_tests_expect(protocol_server: str, test: ProtocolTest) -> None:
    for request in test.requests:
        response = send(protocol_server, request)
        check_response(request, response)
        assert b"Traceback" not in response.body  # type: ignore[attr-defined]


@pytest.mark.parametrize("test", UPDATE_TESTS, ids=lambda test: test.name)
def test_update_tests_do_not_apply_and_their_updates_are_refused(
    protocol_server: str, test: ProtocolTest
) -> None:
    update = test.requests[0]
    assert update.method == "POST" and update.statuses == frozenset({2, 3})
    response = send(protocol_server, update)
    assert response.status == 403
    assert b"read-only" in response.body  # type: ignore[attr-defined]
    unchanged = ProtocolRequest(
        "GET",
        "/sparql/?" + urllib.parse.urlencode({"query": DATA1_IS_THERE}),
        (),
        None,
        frozenset({2}),
        True,
        "boolean",
    )
    check_response(unchanged, send(protocol_server, unchanged))


def test_every_test_of_the_manifest_is_classified() -> None:
    assert len(TESTS) == 34
    assert (len(QUERY_TESTS), len(REFUSED_UPDATE_TESTS), len(UPDATE_TESTS)) == (20, 7, 7)
