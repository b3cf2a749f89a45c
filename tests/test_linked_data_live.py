"""The linked data on the real server (`kg serve`: gunicorn, two workers, a random port while the data's
base is the default one): dereferencing, negotiation, validators, dumps, hostile requests."""

from __future__ import annotations

import gzip
import hashlib
import http.client
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT

from kg.iris import Iris
from kg.published import PublishedBuild
from kg.store import OxigraphStore
from tests.test_linked_data import BROWSER_ACCEPT, subject_iris


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Let a 3xx through as the answer, so that the test sees the 303 itself."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirect)


@contextmanager
def fetch(
    url: str, headers: Mapping[str, str] | None = None, method: str = "GET"
) -> Iterator[http.client.HTTPResponse]:
    """The server's answer, whatever its status (3xx and 4xx included)."""
    request = urllib.request.Request(url, headers=dict(headers or {}), method=method)
    try:
        with OPENER.open(request, timeout=30) as response:
            yield response
    except urllib.error.HTTPError as error:
        yield error  # type: ignore[misc]
        error.close()


def get(
    url: str, headers: Mapping[str, str] | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    with fetch(url, headers, method) as response:
        return response.status, dict(response.headers.items()), response.read()


def test_every_subject_iri_dereferences_on_the_real_server(
    live_server: str, store: OxigraphStore, iris: Iris
) -> None:
    for iri in subject_iris(store, iris.base):
        resource = "/" + iri[len(iris.base) :].partition("#")[0]
        if resource.startswith("/dumps/"):
            continue
        status, headers, _ = get(live_server + resource)
        assert status == 303, iri
        assert headers["Vary"] == "Accept"
        location = urllib.parse.urljoin(live_server + resource, headers["Location"])
        assert location == f"{live_server}{resource}.ttl"
        status, headers, body = get(location)
        assert status == 200, iri
        assert headers["Content-Type"].startswith("text/turtle")
        graph = Graph().parse(data=body, format="turtle")
        assert (URIRef(iri), None, None) in graph, iri


@pytest.mark.parametrize(
    ("accept", "extension"),
    [
        (None, "ttl"),
        ("*/*", "ttl"),
        (BROWSER_ACCEPT, "html"),
        ("application/ld+json", "jsonld"),
        ("text/turtle;q=0.4, application/n-triples;q=0.8", "nt"),
        ("application/trig", "trig"),
    ],
)
def test_negotiation_on_the_real_server(
    live_server: str, accept: str | None, extension: str
) -> None:
    status, headers, _ = get(
        f"{live_server}/person/lilian-weng", {"Accept": accept} if accept else {}
    )
    assert status == 303
    assert headers["Location"] == f"/person/lilian-weng.{extension}"
    assert 'rel="alternate"' in headers["Link"]


def test_head_etag_and_304_on_the_real_server(live_server: str) -> None:
    url = f"{live_server}/organization/openai.ttl"
    status, headers, body = get(url)
    assert status == 200 and body
    assert headers["Content-Location"] == "/organization/openai.ttl"
    head_status, head_headers, head_body = get(url, method="HEAD")
    assert head_status == 200 and head_body == b""
    assert head_headers["ETag"] == headers["ETag"]
    assert head_headers["Content-Length"] == str(len(body))
    for _ in range(4):  # whichever worker answers
        assert get(url, {"If-None-Match": headers["ETag"]})[0] == 304
        assert get(url, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304


def test_dumps_stream_through_the_real_server(live_server: str, published: PublishedBuild) -> None:
    assert get(f"{live_server}/dumps/")[0] == 200
    for name, described in published.manifest["dumps"].items():
        status, headers, data = get(f"{live_server}/dumps/{name}")
        assert status == 200
        assert hashlib.sha256(data).hexdigest() == described["sha256"], name
        status, headers, zipped = get(f"{live_server}/dumps/{name}.gz")
        assert headers["Content-Type"] == "application/gzip"
        assert hashlib.sha256(zipped).hexdigest() == described["gzip_sha256"], name
        assert gzip.decompress(zipped) == data
    status, headers, part = get(f"{live_server}/dumps/revolving-door.nq", {"Range": "bytes=10-19"})
    assert status == 206 and len(part) == 10


def test_void_on_the_real_server_has_byte_sizes(live_server: str, iris: Iris) -> None:
    status, headers, body = get(f"{live_server}/.well-known/void")
    assert status == 200
    assert headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    sizes = list(graph.subject_objects(DCAT.byteSize))
    assert len(sizes) == 12
    assert all(int(size) > 0 for _, size in sizes)  # type: ignore[call-overload]
    status, headers, page = get(f"{live_server}/ontology", {"Accept": "text/html"})
    assert status == 200 and b"pyLODE" in page


HOSTILE_PATHS = [
    "/person/../../etc/passwd",
    "/person/%2e%2e/%2e%2e/etc/passwd",
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/dumps/..%2f..%2fmanifest.json",
    "/dumps/manifest.json",
    "/person/lilian-weng%00.ttl",
    "/person/%zz",
    "/person/%ff%fe%fd",
    "/person/lilian-weng%5c..%5c..%5cmanifest.json",
    "/person/" + "a" * 3000,
]


def test_hostile_requests_get_a_4xx_and_the_server_keeps_serving(live_server: str) -> None:
    address = urllib.parse.urlsplit(live_server)
    host, port = str(address.hostname), address.port
    for path in HOSTILE_PATHS:
        connection = http.client.HTTPConnection(host, port, timeout=30)
        connection.request("GET", path, headers={"Accept": "application/json"})
        answer = connection.getresponse()
        body = answer.read()
        connection.close()
        assert 400 <= answer.status < 500, path
        assert b"root:" not in body and b"Traceback" not in body and b'"version"' not in body
        assert get(f"{live_server}/person/lilian-weng")[0] == 303
    for raw in (
        b"GET /person/\x00lilian HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /person/lilian-weng HTTP/1.1\r\nHost: x\r\nAccept: " + b";" * 5000 + b"\r\n\r\n",
        b"NONSENSE\r\n\r\n",
    ):
        with socket.create_connection((host, port), timeout=30) as sock:
            sock.sendall(raw)
            reply = sock.recv(65536)
        assert reply.startswith(b"HTTP/1.1 4") or reply.startswith(b"HTTP/1.1 3"), reply[:80]
        assert get(f"{live_server}/person/lilian-weng")[0] == 303
