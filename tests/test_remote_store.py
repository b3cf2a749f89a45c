"""The remote store on a real Virtuoso: a release is loaded aside, counted, switched; a failure midway
(a refused update, the store killed) leaves the previous release served and no staging graph in use."""

from __future__ import annotations

import dataclasses
import json
import threading
import time
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest

from bench.peers.virtuoso import VirtuosoServer
from kg.errors import BadInputError, StoreError
from kg.formats import FORMATS_BY_NAME
from kg.published import PublishedBuild
from kg.remote_store import DEFAULT_GRAPH, STAGING_PREFIX, RemoteStore
from kg.store_http import StoreEndpoint
from kg.store_results import XSD_BOOLEAN
from tests.conftest import running_virtuoso, virtuoso_endpoint

SMALL = b"""\
<http://example.org/a> <http://example.org/p> "one" <http://example.org/g1> .
<http://example.org/b> <http://example.org/p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> <http://example.org/g1> .
"""
SMALL_DEFAULT = b"""\
<http://example.org/a> <http://example.org/p> "one" .
<http://example.org/b> <http://example.org/p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
"""


def dumps_of(published: PublishedBuild) -> tuple[bytes, bytes]:
    return (
        published.dump_path(FORMATS_BY_NAME["nquads"]).read_bytes(),
        published.dump_path(FORMATS_BY_NAME["nt"]).read_bytes(),
    )


def graphs_in(server: VirtuosoServer, prefix: str) -> dict[str, int]:
    """Every graph of the whole store whose name starts with `prefix`, with its size (no dataset)."""
    query = (
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }"
        f' FILTER(STRSTARTS(STR(?g), "{prefix}")) }} GROUP BY ?g'
    )
    url = f"{server.sparql_url}?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        rows = json.load(response)["results"]["bindings"]
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


def count(store: RemoteStore, query: str) -> int:
    return int(next(iter(store.select(query)))[0].value)


@pytest.fixture(scope="module")
def loaded(spare_virtuoso: VirtuosoServer, published: PublishedBuild) -> RemoteStore:
    """The spare Virtuoso holding the session's release."""
    store = RemoteStore(virtuoso_endpoint(spare_virtuoso), prefixes=published.prefixes)
    store.replace_all(*dumps_of(published))
    return store


def test_the_release_is_counted_graph_by_graph(
    loaded: RemoteStore, published: PublishedBuild, spare_virtuoso: VirtuosoServer
) -> None:
    assert set(loaded.graphs) == set(published.manifest["graphs"])
    assert loaded.count_triples(loaded.graphs) == published.manifest["graphs"]
    union = published.manifest["dumps"]["revolving-door.nt"]["triples"]
    assert count(loaded, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == union
    assert graphs_in(spare_virtuoso, STAGING_PREFIX) == {}


def test_queries_see_the_release_only(loaded: RemoteStore, published: PublishedBuild) -> None:
    graphs = {str(row["g"].value) for row in loaded.select("SELECT DISTINCT ?g { GRAPH ?g {} }")}
    assert graphs <= set(published.manifest["graphs"]) and DEFAULT_GRAPH not in graphs
    assert bool(loaded.query("ASK { ?p a rd:Person }"))  # the project's prefixes are declared
    triples = loaded.query("CONSTRUCT { ?p a rd:Person } WHERE { ?p a rd:Person }")
    assert isinstance(triples, list) and len(triples) == published.manifest["counts"]["Person"]


def test_updates_and_outbound_requests_are_refused_before_the_store(loaded: RemoteStore) -> None:
    with pytest.raises(BadInputError, match="read-only"):
        loaded.query("INSERT DATA { <http://a> <http://b> <http://c> }")
    with pytest.raises(BadInputError, match="SERVICE"):
        loaded.query("SELECT * { SERVICE <http://example.org/> { ?s ?p ?o } }")
    with pytest.raises(BadInputError, match="SPARQL syntax error"):
        loaded.query("SELECT * WHERE {")


def test_a_refused_update_leaves_the_previous_release(
    loaded: RemoteStore, published: PublishedBuild, spare_virtuoso: VirtuosoServer
) -> None:
    anonymous = StoreEndpoint(spare_virtuoso.sparql_url, spare_virtuoso.sparql_url)
    with pytest.raises(StoreError, match="previous release is still served") as refused:
        RemoteStore(anonymous).replace_all(SMALL, SMALL_DEFAULT)
    assert spare_virtuoso.sparql_url in str(refused.value)
    assert loaded.count_triples(loaded.graphs) == published.manifest["graphs"]
    assert graphs_in(spare_virtuoso, "http://example.org/") == {}


def test_a_new_release_replaces_the_graphs_of_the_last(
    spare_virtuoso: VirtuosoServer, published: PublishedBuild
) -> None:
    store = RemoteStore(virtuoso_endpoint(spare_virtuoso))
    store.replace_all(SMALL, SMALL_DEFAULT)
    assert store.graphs == ("http://example.org/g1",)
    assert graphs_in(spare_virtuoso, published.manifest["base_uri"]) == {}
    assert bool(store.query("ASK { ?b <http://example.org/p> true }"))
    row = next(iter(store.select("SELECT ?o WHERE { <http://example.org/b> ?p ?o }")))
    assert row["o"] == ox.Literal("true", datatype=ox.NamedNode(XSD_BOOLEAN))
    store.replace_all(*dumps_of(published))  # back to the session's release for the next tests


def test_a_release_loads_by_the_graph_store_protocol(
    spare_virtuoso: VirtuosoServer, published: PublishedBuild
) -> None:
    gsp = f"http://127.0.0.1:{spare_virtuoso.http_port}/sparql-graph-crud-auth"
    endpoint = dataclasses.replace(virtuoso_endpoint(spare_virtuoso), gsp_url=gsp)
    store = RemoteStore(endpoint, prefixes=published.prefixes)
    store.replace_all(*dumps_of(published))
    assert store.count_triples(store.graphs) == published.manifest["graphs"]
    union = published.manifest["dumps"]["revolving-door.nt"]["triples"]
    assert count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == union
    assert graphs_in(spare_virtuoso, STAGING_PREFIX) == {}
    wrong = dataclasses.replace(endpoint, password="wrong")
    with pytest.raises(StoreError, match="previous release is still served"):
        RemoteStore(wrong).replace_all(SMALL, SMALL_DEFAULT)
    assert store.count_triples(store.graphs) == published.manifest["graphs"]


def test_killing_the_store_midway_leaves_no_half_loaded_graph(
    spare_virtuoso: VirtuosoServer, published: PublishedBuild
) -> None:
    directory = spare_virtuoso.log.parent
    slow = RemoteStore(virtuoso_endpoint(spare_virtuoso), chunk_triples=20)
    killer = threading.Thread(target=kill_once_staging_begins, args=(spare_virtuoso,))
    killer.start()
    with pytest.raises(StoreError, match="nothing was switched"):
        slow.replace_all(*dumps_of(published))
    killer.join()
    with running_virtuoso(directory) as again:  # the same database, new ports
        store = RemoteStore(virtuoso_endpoint(again), tuple(published.manifest["graphs"]))
        assert store.count_triples(store.graphs) == published.manifest["graphs"]
        union = published.manifest["dumps"]["revolving-door.nt"]["triples"]
        assert count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == union
        assert graphs_in(again, STAGING_PREFIX) != {}  # left by the kill, seen by no query
        store.replace_all(SMALL, SMALL_DEFAULT)  # the next load drops them first
        assert graphs_in(again, STAGING_PREFIX) == {}


def kill_once_staging_begins(server: VirtuosoServer) -> None:
    """SIGKILL Virtuoso as soon as a staging graph holds triples: the load is then midway."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not graphs_in(server, STAGING_PREFIX):
        time.sleep(0.02)
    server.process.kill()
    server.process.wait()
