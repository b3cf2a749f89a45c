"""HTTP to a store: a kept-alive query connection, updates with digest auth, and errors that name the
store and say what it said (tested on the session's Virtuoso and on a closed port)."""

from __future__ import annotations

import dataclasses

import pytest

from bench.peers.virtuoso import VirtuosoServer
from kg.errors import BadInputError, StoreError
from kg.store_http import QueryConnection, StoreEndpoint, endpoint_of, post_update, store_message
from tests.conftest import free_port, virtuoso_endpoint

HARMLESS = "DROP SILENT GRAPH <http://example.org/never-loaded>"


def test_the_store_setting_names_an_endpoint_or_the_embedded_store() -> None:
    assert endpoint_of("oxigraph") is None
    endpoint = endpoint_of("http://127.0.0.1:8890/sparql", "", "dba", "dba")
    assert endpoint is not None and endpoint.update_url == "http://127.0.0.1:8890/sparql"
    assert "dba" not in repr(StoreEndpoint("http://q", "http://u", "", "dba"))


def test_the_stores_message_is_one_line_without_the_echoed_query() -> None:
    body = b"Virtuoso 37000 Error SP030: syntax error\n\nSPARQL query:\nSELECT * WHERE {"
    assert store_message(body) == "Virtuoso 37000 Error SP030: syntax error"
    assert len(store_message(b"x" * 5000)) == 400


def test_queries_reuse_one_connection(virtuoso: VirtuosoServer) -> None:
    connection = QueryConnection(virtuoso.sparql_url, timeout=10)
    accept = "application/sparql-results+json"
    first = connection.post([("query", "ASK {}")], accept)
    socket = connection._connection.sock if connection._connection else None
    second = connection.post([("query", "ASK {}")], accept)
    assert first.status == second.status == 200
    assert first.content_type == "application/sparql-results+json"
    assert connection._connection is not None and connection._connection.sock is socket
    connection.close()


def test_a_closed_port_is_unreachable() -> None:
    url = f"http://127.0.0.1:{free_port()}/sparql"
    with pytest.raises(StoreError, match="unreachable") as error:
        QueryConnection(url, timeout=5).post([("query", "ASK {}")], "*/*")
    assert url in str(error.value)
    with pytest.raises(StoreError, match="unreachable"):
        post_update(StoreEndpoint(url, url), HARMLESS, timeout=5)


def test_updates_need_the_right_credentials(virtuoso: VirtuosoServer) -> None:
    endpoint = virtuoso_endpoint(virtuoso)
    post_update(endpoint, HARMLESS, timeout=30)
    wrong = dataclasses.replace(endpoint, password="wrong")
    with pytest.raises(StoreError, match="store_user and store_password"):
        post_update(wrong, HARMLESS, timeout=30)
    anonymous = StoreEndpoint(virtuoso.sparql_url, virtuoso.sparql_url)
    with pytest.raises(StoreError, match="refused the update"):
        update = "INSERT DATA { GRAPH <http://example.org/g> { <http://a> <http://b> <http://c> } }"
        post_update(anonymous, update, timeout=30)
    with pytest.raises(BadInputError, match="rejected an update"):
        post_update(endpoint, "DROP NONSENSE", timeout=30)
