"""The server over a remote store: the time limit holds, and when the store is gone, or in the middle
of switching to a new release, every route that needs it answers 503 with a message while the others
(/health, /dumps/, the ontology's page) go on answering."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from bench.peers.processes import terminate
from bench.peers.virtuoso import VirtuosoServer
from kg.published import PublishedBuild
from kg.remote_store import RemoteStore
from kg.settings import load_settings
from kg.switch_watch import SWITCH_CHECK_SECONDS, SWITCH_RETRY_SECONDS
from server import create_app
from tests.conftest import build_dir_in, serving, store_environment, virtuoso_endpoint
from tests.test_remote_store import TWO_GRAPHS, TWO_GRAPHS_DEFAULT, dumps_of, interrupt_a_switch
from tests.test_store_loading import kg

SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def remote_build_dir(
    build_dir: Path, spare_virtuoso: VirtuosoServer, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The session's release loaded into the module's own Virtuoso."""
    return build_dir_in(spare_virtuoso, build_dir, tmp_path_factory)


@pytest.fixture(scope="module")
def remote_app(remote_build_dir: Path, spare_virtuoso: VirtuosoServer) -> Flask:
    environ = store_environment(virtuoso_endpoint(spare_virtuoso))
    settings = load_settings(
        {"build_dir": remote_build_dir, "query_timeout": 0.5, "row_cap": 3}, environ=environ
    )
    return create_app(settings)


@pytest.fixture
def remote(remote_app: Flask) -> FlaskClient:
    return remote_app.test_client()


@dataclass(frozen=True)
class LiveReply:
    """What the real server answered."""

    status: int
    headers: Message
    text: str


def fetch(url: str, accept: str = "application/json") -> LiveReply:
    """GET `url` from the live server, errors included."""
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return LiveReply(response.status, response.headers, response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return LiveReply(error.code, error.headers, error.read().decode("utf-8"))


def error_message(response: TestResponse, status: int) -> str:
    """The message of the one JSON error shape, once its status is checked."""
    assert response.status_code == status, response.data[:300]
    document = response.get_json()
    assert document["error"]["status"] == status
    return str(document["error"]["message"])


def test_the_row_cap_holds_on_the_remote_store(remote: FlaskClient) -> None:
    response = remote.get("/sparql", query_string={"query": "SELECT ?s WHERE { ?s ?p ?o }"})
    assert response.status_code == 200 and response.headers["X-SPARQL-Truncated"] == "3"
    assert len(response.get_json()["results"]["bindings"]) == 3


def test_a_query_past_the_time_limit_is_503(remote: FlaskClient) -> None:
    message = error_message(remote.get("/sparql", query_string={"query": SLOW_QUERY}), 503)
    assert "0.5 s limit" in message and "query_timeout" in message
    fast = remote.get("/sparql", query_string={"query": "ASK { ?s a rd:Person }"})
    assert fast.status_code == 200 and fast.get_json()["boolean"] is True


def test_a_half_switched_store_is_503_until_the_next_build_finishes_the_switch(
    remote_build_dir: Path, spare_virtuoso: VirtuosoServer, published: PublishedBuild
) -> None:
    endpoint = virtuoso_endpoint(spare_virtuoso)
    environment = store_environment(endpoint)
    builder = RemoteStore(endpoint)
    page, ttl = "/person/lilian-weng.html", "/person/lilian-weng.ttl"
    sparql = "/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D"
    with serving(remote_build_dir, endpoint) as url:
        assert fetch(url + page, "text/html").status == 200
        interrupt_a_switch(builder, TWO_GRAPHS, TWO_GRAPHS_DEFAULT, moves=1)  # some graphs new
        time.sleep(SWITCH_CHECK_SECONDS)  # what each worker last heard of the record expires
        for path, accept in ((page, "text/html"), (sparql, "application/json"), (ttl, "*/*")):
            reply = fetch(url + path, accept)
            assert reply.status == 503, (path, reply.text[:300])
            assert "in the middle of switching to a new release" in reply.text, path
            assert reply.headers["Retry-After"] == str(SWITCH_RETRY_SECONDS)
        assert fetch(url + "/health").status == 200
        assert fetch(url + "/dumps/", "text/html").status == 200
        assert fetch(url + "/dumps/revolving-door.nt", "*/*").status == 200
        assert fetch(url + "/ontology", "text/html").status == 200
        query = kg("query", "--build-dir", str(remote_build_dir), "ASK {}", environ=environment)
        assert query.returncode == 2 and "in the middle of switching" in query.stderr
        builder.replace_all(*dumps_of(published))  # finishes that switch, then publishes this one
        time.sleep(SWITCH_CHECK_SECONDS)
        assert fetch(url + page, "text/html").status == 200
        assert fetch(url + sparql).status == 200


def test_a_store_that_is_gone_is_503_and_the_rest_still_answers(
    remote: FlaskClient, spare_virtuoso: VirtuosoServer
) -> None:
    assert remote.get("/person/lilian-weng.html").status_code == 200
    terminate(spare_virtuoso.process)
    message = error_message(remote.get("/sparql", query_string={"query": "ASK {}"}), 503)
    assert "unreachable" in message and spare_virtuoso.sparql_url in message
    assert "unreachable" in error_message(remote.get("/person/lilian-weng.ttl"), 503)
    page = remote.get("/person/lilian-weng.html", headers=HTML)
    assert page.status_code == 503 and "unreachable" in page.get_data(as_text=True)
    assert remote.get("/health").status_code == 200
    assert remote.get("/dumps/", headers=HTML).status_code == 200
    assert remote.get("/dumps/revolving-door.nt").status_code == 200
