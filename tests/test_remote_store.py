"""The remote store on a real Virtuoso: a release is loaded aside, counted, switched; a failure midway
(a refused update, the store killed) leaves the previous release served and no staging graph in use;
a switch interrupted midway (its moves half done, or the store killed once it is marked) stays marked,
readers refused, until the next build rolls it forward."""

from __future__ import annotations

import dataclasses
import json
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.peers.virtuoso import VirtuosoServer
from kg.errors import BadInputError, StoreError, StoreSwitchingError
from kg.formats import FORMATS_BY_NAME
from kg.published import PublishedBuild
from kg.remote_store import RemoteStore
from kg.store_graphs import DEFAULT_GRAPH, NAMESPACE, RECORD_GRAPH, RECORD_PREDICATE, STAGING_PREFIX
from kg.store_http import StoreEndpoint, post_update
from kg.store_results import XSD_BOOLEAN
from kg.store_switch import SwitchPlan, mark_updates, plan_of, switch_update
from kg.switch_watch import SwitchWatch
from tests.conftest import running_virtuoso, virtuoso_endpoint

SMALL = b"""\
<http://example.org/a> <http://example.org/p> "one" <http://example.org/g1> .
<http://example.org/b> <http://example.org/p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> <http://example.org/g1> .
"""
SMALL_DEFAULT = b"""\
<http://example.org/a> <http://example.org/p> "one" .
<http://example.org/b> <http://example.org/p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
"""
TWO_GRAPHS = (
    SMALL
    + b"""\
<http://example.org/c> <http://example.org/p> "two" <http://example.org/g2> .
"""
)
TWO_GRAPHS_DEFAULT = (
    SMALL_DEFAULT
    + b"""\
<http://example.org/c> <http://example.org/p> "two" .
"""
)


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
    return {row["g"]: int(row["n"]) for row in rows_of(server, query)}


def rows_of(server: VirtuosoServer, query: str) -> list[dict[str, str]]:
    """The values of a SELECT's solutions, asked of the whole store (no dataset, no marker check)."""
    url = f"{server.sparql_url}?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        rows = json.load(response)["results"]["bindings"]
    return [{name: term["value"] for name, term in row.items()} for row in rows]


def record_of(server: VirtuosoServer) -> set[tuple[str, str]]:
    """The record graph's triples as (predicate, object)."""
    query = f"SELECT ?p ?o WHERE {{ GRAPH <{RECORD_GRAPH}> {{ ?s ?p ?o }} }}"
    return {(row["p"], row["o"]) for row in rows_of(server, query)}


def our_graphs(server: VirtuosoServer, published: PublishedBuild) -> dict[str, int]:
    """Every graph of ours in the store (the release's, the test data's, union, record, staging)."""
    prefixes = (NAMESPACE, "http://example.org/", published.manifest["base_uri"])
    return {name: n for prefix in prefixes for name, n in graphs_in(server, prefix).items()}


def quads_of(store: RemoteStore, graphs: list[str]) -> set[ox.Quad]:
    """Every quad of `graphs` as the store gives them back."""
    rows = store.select(
        "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
        default_graphs=(RECORD_GRAPH,),
        named_graphs=graphs,
    )
    return {ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in rows}


def assert_the_store_holds_exactly(
    server: VirtuosoServer, published: PublishedBuild, named: bytes, default: bytes
) -> None:
    """The store holds the release of these dumps and nothing else of ours: its graphs and their
    triples, the union graph, a record of just these graphs, no staging graph and no marker."""
    expected = {quad for quad in ox.parse(named, format=ox.RdfFormat.N_QUADS)}
    expected |= {
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(DEFAULT_GRAPH))
        for t in ox.parse(default, format=ox.RdfFormat.N_TRIPLES)
    }
    names = {str(quad.graph_name.value) for quad in expected}
    graphs = our_graphs(server, published)
    assert set(graphs) == names | {RECORD_GRAPH}
    store = RemoteStore(virtuoso_endpoint(server))
    assert quads_of(store, sorted(names)) == expected
    assert record_of(server) == {(RECORD_PREDICATE, name) for name in names}
    assert not store.switch_marked()


def interrupt_a_switch(store: RemoteStore, named: bytes, default: bytes, moves: int) -> SwitchPlan:
    """A build that died midway through its switch: the release staged, counted and marked as
    `replace_all` does, then only its first `moves` moves made, each committed on its own as
    Virtuoso does, no graph dropped, the record not rewritten, the marker left in place."""
    plan = store.stage_release(named, default)
    done = list(plan.moves.items())[:moves]
    update = " ;\n".join(f"MOVE SILENT GRAPH <{temp}> TO GRAPH <{name}>" for temp, name in done)
    post_update(store.endpoint, update, 60)
    return plan


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


def test_a_normal_switch_is_marked_while_it_runs_and_leaves_no_marker(
    spare_virtuoso: VirtuosoServer, published: PublishedBuild
) -> None:
    store = RemoteStore(virtuoso_endpoint(spare_virtuoso))
    watcher = RemoteStore(virtuoso_endpoint(spare_virtuoso))
    seen: list[bool] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            seen.append(watcher.switch_marked())
            time.sleep(0.05)

    thread = threading.Thread(target=watch)
    thread.start()
    try:
        store.replace_all(TWO_GRAPHS, TWO_GRAPHS_DEFAULT)
    finally:
        done.set()
        thread.join()
    assert True in seen  # readers were told for the whole switch, and for the settling time before
    assert_the_store_holds_exactly(spare_virtuoso, published, TWO_GRAPHS, TWO_GRAPHS_DEFAULT)
    store.replace_all(*dumps_of(published))
    assert_the_store_holds_exactly(spare_virtuoso, published, *dumps_of(published))


def test_a_half_done_switch_refuses_readers_and_the_next_build_finishes_it_first(
    spare_virtuoso: VirtuosoServer, published: PublishedBuild
) -> None:
    endpoint = virtuoso_endpoint(spare_virtuoso)
    store = RemoteStore(endpoint)
    store.replace_all(*dumps_of(published))
    plan = interrupt_a_switch(store, TWO_GRAPHS, TWO_GRAPHS_DEFAULT, moves=1)
    union = published.manifest["dumps"]["revolving-door.nt"]["triples"]
    mixed = our_graphs(spare_virtuoso, published)
    assert mixed["http://example.org/g1"] == 2 and mixed[DEFAULT_GRAPH] == union  # new and old
    assert set(plan.moves.values()) == {"http://example.org/g1", "http://example.org/g2"} | {
        DEFAULT_GRAPH
    }
    reader = RemoteStore(endpoint, tuple(published.manifest["graphs"]))
    with pytest.raises(StoreSwitchingError, match="in the middle of switching to a new release"):
        reader.query("ASK { ?s ?p ?o }")
    store.replace_all(*dumps_of(published))  # rolls the switch forward, then publishes this one
    assert_the_store_holds_exactly(spare_virtuoso, published, *dumps_of(published))
    assert reader.count_triples(reader.graphs) == published.manifest["graphs"]


def test_rolling_a_switch_forward_twice_is_harmless(
    spare_virtuoso: VirtuosoServer, published: PublishedBuild
) -> None:
    store = RemoteStore(virtuoso_endpoint(spare_virtuoso))
    store.replace_all(*dumps_of(published))
    plan = interrupt_a_switch(store, TWO_GRAPHS, TWO_GRAPHS_DEFAULT, moves=2)
    staged = store.count_triples(plan.moves)
    assert len(staged) == 1  # one staging graph left to move
    # A first roll-forward that died after its one request (moves, drops, record), marker left:
    post_update(store.endpoint, switch_update(plan, staged), 60)
    assert store.switch_marked()
    assert store.finish_switch() == plan  # the second finds nothing left to move, and finishes
    assert_the_store_holds_exactly(spare_virtuoso, published, TWO_GRAPHS, TWO_GRAPHS_DEFAULT)
    assert store.finish_switch() is None  # and a third has nothing to do
    assert_the_store_holds_exactly(spare_virtuoso, published, TWO_GRAPHS, TWO_GRAPHS_DEFAULT)
    store.replace_all(*dumps_of(published))
    assert_the_store_holds_exactly(spare_virtuoso, published, *dumps_of(published))


def test_staging_never_drops_the_graphs_of_a_marked_switch(
    spare_virtuoso: VirtuosoServer, published: PublishedBuild
) -> None:
    store = RemoteStore(virtuoso_endpoint(spare_virtuoso))
    store.replace_all(*dumps_of(published))
    plan = interrupt_a_switch(store, TWO_GRAPHS, TWO_GRAPHS_DEFAULT, moves=1)
    waiting = store.count_triples(plan.moves)
    assert len(waiting) == 2
    with pytest.raises(StoreError, match="a switch is still marked"):
        store.stage_release(SMALL, SMALL_DEFAULT)  # a load that skips the roll-forward
    assert store.count_triples(plan.moves) == waiting and store.switch_marked()
    assert store.finish_switch() == plan
    assert_the_store_holds_exactly(spare_virtuoso, published, TWO_GRAPHS, TWO_GRAPHS_DEFAULT)
    store.replace_all(*dumps_of(published))


def test_readers_ask_about_a_switch_at_most_once_a_ttl_and_never_keep_a_failure() -> None:
    asked: list[float] = []

    def ask() -> bool:
        asked.append(time.monotonic())
        return len(asked) > 1

    watch = SwitchWatch(ask, ttl=0.3)
    assert not any(watch.switching() for _ in range(1000))  # a thousand requests, one question
    assert len(asked) == 1
    time.sleep(0.3)
    assert watch.switching() and watch.switching() and len(asked) == 2

    def fail() -> bool:
        asked.append(time.monotonic())
        raise StoreError("the store is unreachable")

    failing = SwitchWatch(fail, ttl=60)
    for _ in range(2):
        with pytest.raises(StoreError):
            failing.switching()
    assert len(asked) == 4  # the store's error is each request's answer, not a cached "no switch"


def test_a_plan_is_written_before_its_marker_and_read_back_whole() -> None:
    plan = SwitchPlan(
        "t0k3n",
        {f"{STAGING_PREFIX}t0k3n:{n}": f"http://example.org/g{n}" for n in range(5)},
        {f"http://example.org/g{n}": n + 1 for n in range(5)},
        ("http://example.org/old",),
    )
    updates = mark_updates(plan, chunk=3)
    assert len(updates) == 5 and all(u.startswith("INSERT DATA") for u in updates)
    assert '"t0k3n"' in updates[-1] and not any('"t0k3n"' in u for u in updates[:-1])
    lines = "".join(update.split("{\n", 1)[1].rsplit("\n}", 1)[0] + "\n" for update in updates)
    triples = ox.parse(lines.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    rows = [(str(t.subject.value), str(t.predicate.value), str(t.object.value)) for t in triples]
    assert plan_of(rows) == plan
    assert plan_of([row for row in rows if row[2] != "t0k3n"]) is None  # no marker, no plan


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


def test_killing_the_store_during_a_switch_leaves_it_marked_until_the_next_build_finishes_it(
    tmp_path: Path, published: PublishedBuild
) -> None:
    with running_virtuoso(tmp_path) as first:  # a store of its own: the module's spare is killed
        store = RemoteStore(virtuoso_endpoint(first))
        store.replace_all(TWO_GRAPHS, TWO_GRAPHS_DEFAULT)
        killer = threading.Thread(target=kill_once_marked, args=(first,))
        killer.start()
        with pytest.raises(StoreError, match="the switch stays marked in the store"):
            store.replace_all(*dumps_of(published))
        killer.join()
    with running_virtuoso(tmp_path) as again:  # the same database, new ports
        reader = RemoteStore(virtuoso_endpoint(again), ("http://example.org/g1",))
        with pytest.raises(StoreSwitchingError, match="in the middle of switching"):
            reader.query("ASK { ?s ?p ?o }")
        graphs = our_graphs(again, published)
        assert graphs["http://example.org/g1"] == 2 and graphs[DEFAULT_GRAPH] == 3  # the old one
        assert graphs_in(again, STAGING_PREFIX)  # the new one, staged, counted, marked
        RemoteStore(virtuoso_endpoint(again)).replace_all(SMALL, SMALL_DEFAULT)
        assert_the_store_holds_exactly(again, published, SMALL, SMALL_DEFAULT)


def kill_once_marked(server: VirtuosoServer) -> None:
    """SIGKILL Virtuoso as soon as a switch is marked: the builder is then waiting to move."""
    watcher = RemoteStore(virtuoso_endpoint(server))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not watcher.switch_marked():
        time.sleep(0.02)
    server.process.kill()
    server.process.wait()
