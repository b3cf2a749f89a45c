"""The SPARQL endpoint's parts one by one: format choice, protocol helpers, the query child's evaluation,
the runner that kills it, the Service Description and the example queries."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.build import STORE_DIR
from kg.iris import Iris
from kg.published import PublishedBuild
from server.errors import ApiError
from server.negotiation import (
    BOOLEAN_TYPES,
    RDF_TYPES,
    RESULT_TYPES,
    by_name_or_accept,
)
from server.sparql_child import QueryJob, _CappedMarks, evaluate, mark_truncated, one_line
from server.sparql_description import SD, VOID, ServiceFacts, describe_service, write_description
from server.sparql_editor import load_examples, read_example
from server.sparql_protocol import choose_result_formats, looks_like_update
from server.sparql_runner import QueryRunner
from tests.conftest import PROJECT_ROOT, QUERIES_DIR

EX = "http://example.org/"
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


# --- choosing formats -------------------------------------------------------------------------


def test_a_format_name_wins_over_accept() -> None:
    chosen = by_name_or_accept("csv", "application/sparql-results+xml", RESULT_TYPES)
    assert chosen is not None and chosen.name == "csv"


def test_accept_decides_without_a_format_name_honouring_q_values() -> None:
    accept = "application/sparql-results+json;q=0.5, text/tab-separated-values"
    chosen = by_name_or_accept(None, accept, RESULT_TYPES)
    assert chosen is not None and chosen.name == "tsv"


def test_an_unknown_format_name_chooses_nothing() -> None:
    assert by_name_or_accept("yaml", None, RESULT_TYPES) is None


def test_a_boolean_has_no_csv_or_tsv_form() -> None:
    assert [media.name for media in BOOLEAN_TYPES] == ["json", "xml"]
    assert by_name_or_accept(None, "text/csv", BOOLEAN_TYPES) is None


def test_result_formats_for_each_kind_of_result() -> None:
    formats = choose_result_formats(None, "text/csv")
    assert formats.solutions is not None and formats.solutions.name == "csv"
    assert formats.boolean is None and formats.graph is None
    formats = choose_result_formats(None, "text/turtle")
    assert formats.graph is not None and formats.graph.name == "turtle"
    assert formats.solutions is None
    formats = choose_result_formats(None, None)
    assert (formats.solutions, formats.boolean, formats.graph) == (
        RESULT_TYPES[0],
        BOOLEAN_TYPES[0],
        RDF_TYPES[0],
    )


@pytest.mark.parametrize(("name", "graph"), [("json", "jsonld"), ("xml", "rdfxml"), ("nt", "nt")])
def test_a_result_format_name_means_its_rdf_sibling_for_a_graph(name: str, graph: str) -> None:
    formats = choose_result_formats(name, None)
    assert formats.graph is not None and formats.graph.name == graph


@pytest.mark.parametrize(("name", "accept"), [("yaml", None), (None, "image/png")])
def test_no_format_at_all_is_406(name: str | None, accept: str | None) -> None:
    with pytest.raises(ApiError) as raised:
        choose_result_formats(name, accept)
    assert raised.value.code == 406
    assert "application/sparql-results+json" in str(raised.value.description)


# --- telling an update from a query -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <a> <b> <c> }",
        "PREFIX ex: <http://example.org/>\nDELETE WHERE { ex:a ?p ?o }",
        "# a comment\nCLEAR ALL",
        "BASE <http://x/> with <g> delete { ?s ?p ?o } where { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "  drop silent graph <http://example.org/g>",
    ],
)
def test_updates_are_recognised(text: str) -> None:
    assert looks_like_update(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s ?p ?o }",
        "PREFIX insert: <http://example.org/> SELECT * WHERE { ?s insert:p ?o }",
        "# INSERT DATA in a comment\nASK {}",
        "SELECT (1 AS ?x) {",
        "CONSTRUCT WHERE { ?s ?p ?o }",
    ],
)
def test_queries_are_not_updates(text: str) -> None:
    assert not looks_like_update(text)


# --- the child's evaluation -------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_store() -> ox.Store:
    """Ten triples in graph g1, one in g2, the first of g1 again in g3; their union as default graph."""
    store = ox.Store()
    g1, g2 = ox.NamedNode(f"{EX}g1"), ox.NamedNode(f"{EX}g2")
    for number in range(10):
        triple = (
            ox.NamedNode(f"{EX}s{number}"),
            ox.NamedNode(f"{EX}p"),
            ox.Literal(f"v\t{number}"),
        )
        store.add(ox.Quad(*triple, g1))
        store.add(ox.Quad(*triple, ox.DefaultGraph()))
    only = (ox.NamedNode(f"{EX}only"), ox.NamedNode(f"{EX}p"), ox.Literal("in g2"))
    store.add(ox.Quad(*only, g2))
    store.add(ox.Quad(*only, ox.DefaultGraph()))
    shared = (ox.NamedNode(f"{EX}s0"), ox.NamedNode(f"{EX}p"), ox.Literal("v\t0"))
    store.add(ox.Quad(*shared, ox.NamedNode(f"{EX}g3")))
    return store


def job(query: str, **changes: object) -> QueryJob:
    values: dict[str, object] = {
        "query": query,
        "base_iri": f"{EX}sparql",
        "default_graphs": None,
        "named_graphs": None,
        "solutions_format": "json",
        "boolean_format": "json",
        "graph_format": "turtle",
        "row_cap": 100,
        "link": f"{EX}sparql",
    }
    values.update(changes)
    return QueryJob(**values)  # type: ignore[arg-type]


def rows(body: bytes) -> list[dict[str, object]]:
    bindings = json.loads(body)["results"]["bindings"]
    assert isinstance(bindings, list)
    return bindings


def test_a_select_is_written_in_the_format_asked(small_store: ox.Store) -> None:
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"
    for name, fmt in [
        ("json", ox.QueryResultsFormat.JSON),
        ("xml", ox.QueryResultsFormat.XML),
        ("tsv", ox.QueryResultsFormat.TSV),
    ]:
        answer = evaluate(small_store, job(query, solutions_format=name), {})
        assert answer.status == 200 and answer.format_name == name and not answer.truncated
        parsed = ox.parse_query_results(answer.body, format=fmt)
        assert isinstance(parsed, ox.QuerySolutions)
        values = [solution["o"] for solution in parsed]
        assert len(values) == 11 and ox.Literal("v\t0") in values
    csv = evaluate(small_store, job(query, solutions_format="csv"), {})
    assert csv.body.decode().splitlines()[0] == "s,o" and len(csv.body.splitlines()) == 12


def test_a_select_past_the_cap_is_cut_and_says_so(small_store: ox.Store) -> None:
    query = "SELECT ?s WHERE { ?s ?p ?o }"
    answer = evaluate(small_store, job(query, row_cap=4), {})
    assert answer.truncated
    document = json.loads(answer.body)
    assert document["truncated"] is True
    assert document["head"] == {"vars": ["s"], "link": [f"{EX}sparql"]}
    assert len(document["results"]["bindings"]) == 4
    xml = evaluate(small_store, job(query, row_cap=4, solutions_format="xml"), {})
    assert xml.truncated and f'<link href="{EX}sparql"/>'.encode() in xml.body
    parsed = ox.parse_query_results(xml.body, format=ox.QueryResultsFormat.XML)
    assert isinstance(parsed, ox.QuerySolutions) and len(list(parsed)) == 4
    for name in ("csv", "tsv"):
        cut = evaluate(small_store, job(query, row_cap=4, solutions_format=name), {})
        assert cut.truncated and len(cut.body.splitlines()) == 5


def test_a_select_exactly_at_the_cap_is_not_truncated(small_store: ox.Store) -> None:
    answer = evaluate(small_store, job("SELECT ?s WHERE { ?s ?p ?o } LIMIT 4", row_cap=4), {})
    assert not answer.truncated and "truncated" not in json.loads(answer.body)
    assert len(rows(answer.body)) == 4


@pytest.mark.parametrize("name", ["json", "xml"])
def test_row_markers_inside_literals_are_not_rows(name: str) -> None:
    """JSON and XML are written once, straight from the store; a literal that looks like a row
    boundary neither cuts the result nor counts as a row."""
    store = ox.Store()
    for number in range(3):
        store.add(
            ox.Quad(
                ox.NamedNode(f"{EX}s{number}"),
                ox.NamedNode(f"{EX}p"),
                ox.Literal(',{"x":{"y"}},{"z" <result></result>' * 50),
            )
        )
    fmt = ox.QueryResultsFormat.JSON if name == "json" else ox.QueryResultsFormat.XML
    query = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    answer = evaluate(store, job(query, solutions_format=name, row_cap=3), {})
    assert answer.status == 200 and not answer.truncated
    parsed = ox.parse_query_results(answer.body, format=fmt)
    assert isinstance(parsed, ox.QuerySolutions) and len(list(parsed)) == 3
    cut = evaluate(store, job(query, solutions_format=name, row_cap=2), {})
    assert cut.truncated
    parsed = ox.parse_query_results(cut.body, format=fmt)
    assert isinstance(parsed, ox.QuerySolutions) and len(list(parsed)) == 2


def test_a_marker_split_across_two_writes_is_counted_once() -> None:
    sink = _CappedMarks(b',{"', 5)
    for piece in (b'[{"a":1},', b"{", b'"b":2}', b',{"c":3},{"', b'd":4}]'):
        sink.write(piece)
    assert sink.seen == 3


def test_a_select_without_variables_keeps_its_one_empty_row(small_store: ox.Store) -> None:
    answer = evaluate(small_store, job("SELECT * WHERE {}"), {})
    assert json.loads(answer.body) == {"head": {"vars": []}, "results": {"bindings": [{}]}}


def test_a_construct_past_the_cap_is_cut_with_a_comment(small_store: ox.Store) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    answer = evaluate(small_store, job(query, row_cap=3), {})
    assert answer.truncated and answer.body.startswith(b"# truncated: the first 3 triples")
    assert len(list(ox.parse(answer.body, ox.RdfFormat.TURTLE))) == 3
    for name, fmt in [("jsonld", ox.RdfFormat.JSON_LD), ("rdfxml", ox.RdfFormat.RDF_XML)]:
        cut = evaluate(small_store, job(query, row_cap=3, graph_format=name), {})
        assert cut.truncated and len(list(ox.parse(cut.body, fmt))) == 3


def test_an_ask_is_json_or_xml_only(small_store: ox.Store) -> None:
    assert evaluate(small_store, job("ASK {}"), {}).body == b'{"head":{},"boolean":true}'
    refused = evaluate(small_store, job("ASK {}", boolean_format=None), {})
    assert refused.status == 406 and "SPARQL JSON or XML" in refused.message


def test_a_result_of_a_kind_the_request_refuses_is_406(small_store: ox.Store) -> None:
    select = evaluate(small_store, job("SELECT * {}", solutions_format=None), {})
    construct = evaluate(small_store, job("CONSTRUCT WHERE {}", graph_format=None), {})
    assert (select.status, construct.status) == (406, 406)


def test_the_protocol_dataset_replaces_the_query_dataset(small_store: ox.Store) -> None:
    count = "SELECT (COUNT(*) AS ?n) FROM <http://example.org/g1> WHERE { ?s ?p ?o }"

    def number(answer_body: bytes) -> int:
        return int(rows(answer_body)[0]["n"]["value"])  # type: ignore[index]

    assert number(evaluate(small_store, job(count), {}).body) == 10
    only_g2 = job(count, default_graphs=(f"{EX}g2",), named_graphs=())
    assert number(evaluate(small_store, only_g2, {}).body) == 1
    unknown = job(count, default_graphs=(f"{EX}not-a-graph",), named_graphs=())
    assert number(evaluate(small_store, unknown, {}).body) == 0
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    only_named = evaluate(small_store, job(named, default_graphs=(), named_graphs=(f"{EX}g2",)), {})
    assert [row["g"]["value"] for row in rows(only_named.body)] == [f"{EX}g2"]  # type: ignore[index]


def test_several_default_graphs_are_merged_as_a_set(small_store: ox.Store) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    merged = job(count, default_graphs=(f"{EX}g1", f"{EX}g3", f"{EX}g2"), named_graphs=())
    assert rows(evaluate(small_store, merged, {}).body)[0]["n"]["value"] == "11"  # type: ignore[index]
    graphs = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    with_named = job(graphs, default_graphs=(f"{EX}g1", f"{EX}g3"), named_graphs=(f"{EX}g2",))
    answer = rows(evaluate(small_store, with_named, {}).body)
    assert [(row["g"]["value"], row["n"]["value"]) for row in answer] == [(f"{EX}g2", "1")]  # type: ignore[index]


def test_a_relative_iri_is_resolved_against_the_endpoint(small_store: ox.Store) -> None:
    answer = evaluate(small_store, job("SELECT (<x> AS ?x) {}"), {})
    assert rows(answer.body) == [{"x": {"type": "uri", "value": f"{EX}x"}}]


def test_declared_prefixes_need_no_prefix_line(small_store: ox.Store) -> None:
    answer = evaluate(small_store, job("SELECT ?o WHERE { ex:only ex:p ?o }"), {"ex": EX})
    assert rows(answer.body) == [{"o": {"type": "literal", "value": "in g2"}}]


def test_a_syntax_error_is_400_with_the_parser_message(small_store: ox.Store) -> None:
    answer = evaluate(small_store, job("SELECT * WHERE {"), {})
    assert answer.status == 400
    assert answer.message.startswith("SPARQL syntax error: error at 1:")
    assert "\n" not in answer.message and len(answer.message) < 340


def test_a_bad_graph_iri_is_400_not_a_crash(small_store: ox.Store) -> None:
    answer = evaluate(small_store, job("ASK {}", default_graphs=("not an iri",)), {})
    assert answer.status == 400


def test_one_line_cuts_long_messages() -> None:
    assert one_line("a\n  b") == "a b"
    assert one_line("x" * 500, limit=10) == "x" * 9 + "…"


def test_formats_without_comments_keep_their_body() -> None:
    assert mark_truncated(b"[]", "jsonld", 3, EX) == b"[]"


# --- the runner: a child per process, killed at the time limit --------------------------------


@pytest.fixture
def runner(published: PublishedBuild) -> QueryRunner:
    return QueryRunner(published.release / STORE_DIR, published.prefixes, timeout=1.0)


def test_the_child_answers_and_is_reused(runner: QueryRunner) -> None:
    try:
        first = runner.run(job("ASK { ?s a rd:Person }"))
        pid = runner.child_pid
        second = runner.run(job("SELECT (COUNT(*) AS ?n) { ?s a rd:Move }"))
        assert first.body == b'{"head":{},"boolean":true}' and second.status == 200
        assert pid is not None and runner.child_pid == pid and pid != os.getpid()
    finally:
        runner.stop()


def test_a_query_past_the_limit_kills_the_child_and_the_next_query_is_prompt(
    runner: QueryRunner,
) -> None:
    try:
        runner.run(job("ASK {}"))
        slow_child = runner.child_pid
        assert slow_child is not None
        started = time.monotonic()
        answer = runner.run(job(SLOW_QUERY))
        assert answer.status == 503 and time.monotonic() - started < 5
        assert "1 s limit" in answer.message and "query_timeout" in answer.message
        assert not Path(f"/proc/{slow_child}").exists()  # killed and reaped: the work stopped
        started = time.monotonic()
        assert runner.run(job("ASK {}")).status == 200
        assert time.monotonic() - started < 2
        assert runner.child_pid not in (None, slow_child)
    finally:
        runner.stop()


def test_a_child_that_died_is_replaced(runner: QueryRunner) -> None:
    try:
        runner.run(job("ASK {}"))
        pid = runner.child_pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)
        assert runner.run(job("ASK {}")).status == 200
        assert runner.child_pid != pid
    finally:
        runner.stop()


def test_a_child_that_cannot_open_the_store_is_503(tmp_path: Path) -> None:
    broken = QueryRunner(tmp_path / "no-store", {}, timeout=1.0)
    answer = broken.run(job("ASK {}"))
    assert answer.status == 503 and "could not start" in answer.message
    broken.stop()


# --- the Service Description ------------------------------------------------------------------


def facts_of(manifest: Mapping[str, Any]) -> ServiceFacts:
    return ServiceFacts(f"{EX}sparql", f"{EX}.well-known/void", manifest, 30.0, 10000)


def test_the_description_counts_every_graph_from_the_manifest(published: PublishedBuild) -> None:
    store = ox.Store()
    store.extend(
        ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
        for t in describe_service(facts_of(published.manifest))
    )

    def values(query: str) -> list[str]:
        result = store.query(query, prefixes={"sd": SD, "void": VOID})
        assert isinstance(result, ox.QuerySolutions)
        return [str(solution[0].value) for solution in result]

    assert values("SELECT ?e { ?s a sd:Service ; sd:endpoint ?e }") == [f"{EX}sparql"]
    counted = values(
        "SELECT (CONCAT(STR(?g), ' ', STR(?n)) AS ?c)"
        " { ?d sd:namedGraph [ sd:name ?g ; sd:graph [ void:triples ?n ] ] }"
    )
    graphs = published.manifest["graphs"]
    assert sorted(counted) == sorted(f"{graph} {count}" for graph, count in graphs.items())
    default = values("SELECT ?n { ?d sd:defaultGraph [ void:triples ?n ] }")
    union = next(d for d in published.manifest["dumps"].values() if d["format"] == "turtle")
    assert default == [str(union["triples"])]
    assert values("SELECT ?f { ?s sd:feature ?f }") == []  # ontology and shapes stay out of it
    assert len(values("SELECT ?f { ?s sd:resultFormat ?f }")) == 10


def test_a_default_graph_of_every_named_graph_is_a_union_default_graph() -> None:
    manifest = {"graphs": {f"{EX}g1": 2, f"{EX}g2": 3}, "default_graph": [f"{EX}g2", f"{EX}g1"]}
    triples = describe_service(facts_of(manifest))
    assert ox.NamedNode(f"{SD}UnionDefaultGraph") in {t.object for t in triples}


@pytest.mark.parametrize("media", RDF_TYPES, ids=lambda media: media.name)
def test_the_description_is_written_in_every_rdf_format(media: object) -> None:
    from server.negotiation import MediaType

    assert isinstance(media, MediaType)
    data = write_description(describe_service(facts_of({"graphs": {}})), media)
    parsed = ox.parse(data, ox.RdfFormat.from_media_type(media.media_type))
    assert len(list(parsed)) >= 15


# --- the example queries ----------------------------------------------------------------------


def test_every_example_query_is_loaded_with_its_title() -> None:
    examples = load_examples(QUERIES_DIR, Iris())
    assert len(examples) == len(list(QUERIES_DIR.glob("*.rq"))) >= 14
    titles = {example.name: example.title for example in examples}
    assert titles["02-openai-to-anthropic"] == "Who left OpenAI for Anthropic?"
    assert not any(title.startswith("#") for title in titles.values())


def test_example_queries_are_rebased(tmp_path: Path) -> None:
    path = tmp_path / "x.rq"
    path.write_text("SELECT * { ?s <http://127.0.0.1:8080/ontology#p> ?o }\n", encoding="utf-8")
    example = read_example(path, Iris("https://rd.example/"))
    assert example.title == "x" and "<https://rd.example/ontology#p>" in example.text


def test_no_queries_folder_means_no_examples(tmp_path: Path) -> None:
    assert load_examples(tmp_path / "absent", Iris()) == ()


def test_a_child_whose_parent_died_exits(published: PublishedBuild) -> None:
    """SIGKILL the process that owns a child (as when gunicorn kills a stuck worker): the child goes."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from server.sparql_runner import QueryRunner\n"
        "from tests.test_sparql_units import job\n"
        "runner = QueryRunner(Path(sys.argv[1]), {}, timeout=30.0)\n"
        "runner.run(job('ASK {}'))\n"
        "print(runner.child_pid, flush=True)\n"
        "sys.stdin.read()\n"
    )
    owner = subprocess.Popen(
        [sys.executable, "-c", script, str(published.release / STORE_DIR)],
        cwd=PROJECT_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert owner.stdout is not None
    child = int(owner.stdout.readline())
    assert is_running(child)
    owner.kill()
    owner.wait()
    deadline = time.monotonic() + 5
    while is_running(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not is_running(child)


def is_running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
