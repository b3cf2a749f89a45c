"""The SPARQL endpoint through Flask's test client: every protocol rule, positive and negative.

Every error answer must be JSON or HTML by Accept, never a trace, and the endpoint must answer the
next query after it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from kg.published import PublishedBuild
from kg.settings import EMBEDDED_STORE, Settings, load_settings
from server import create_app
from server.sparql import sparql_service
from tests.conftest import QUERIES_DIR

BASE = "http://127.0.0.1:8080/"
COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = [
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
    "application/trig",
    "application/n-quads",
]


def ask(client: FlaskClient, query: str = "ASK {}", **options: Any) -> TestResponse:
    return client.get("/sparql", query_string={"query": query, **options})


def count(response: TestResponse) -> int:
    assert response.status_code == 200, response.get_data(as_text=True)
    return int(response.get_json()["results"]["bindings"][0]["n"]["value"])


def assert_still_serving(client: FlaskClient) -> None:
    response = ask(client)
    assert response.status_code == 200 and response.get_json()["boolean"] is True


def assert_error(response: TestResponse, status: int, *words: str) -> None:
    """The one error shape, in JSON; it says what is wrong and shows no trace."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error["status"] == status
    for word in words:
        assert word in error["message"], error["message"]
    assert "Traceback" not in response.get_data(as_text=True)


# --- queries: GET, POST form, POST direct -----------------------------------------------------


def test_get_query(client: FlaskClient) -> None:
    response = ask(client, "ASK { ?s a rd:Person }")
    assert response.status_code == 200
    assert response.mimetype == "application/sparql-results+json"
    assert response.get_json() == {"head": {}, "boolean": True}
    assert "Accept" in response.headers["Vary"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_post_form_query(client: FlaskClient) -> None:
    response = client.post("/sparql", data={"query": COUNT_TRIPLES})
    assert count(response) > 2000


def test_post_direct_query(client: FlaskClient) -> None:
    for content_type in (DIRECT, f"{DIRECT}; charset=UTF-8"):
        response = client.post("/sparql", data=COUNT_TRIPLES, content_type=content_type)
        assert count(response) > 2000


def test_post_form_with_the_dataset_in_the_url(
    client: FlaskClient, published: PublishedBuild
) -> None:
    document = f"{BASE}document/porte-tournante-ia"
    response = client.post(
        "/sparql", query_string={"default-graph-uri": document}, data={"query": COUNT_TRIPLES}
    )
    assert count(response) == published.manifest["graphs"][document]


def test_head_answers_like_get_without_a_body(client: FlaskClient) -> None:
    response = client.head("/sparql", query_string={"query": "ASK {}"})
    assert response.status_code == 200 and response.data == b""


def test_every_example_query_runs(client: FlaskClient) -> None:
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        response = client.post(
            "/sparql", data=path.read_text(encoding="utf-8"), content_type=DIRECT
        )
        assert response.status_code == 200, (path.name, response.get_data(as_text=True))


def test_the_example_query_finds_andrea_vallone(client: FlaskClient) -> None:
    query = (QUERIES_DIR / "02-openai-to-anthropic.rq").read_text(encoding="utf-8")
    response = client.post("/sparql", data={"query": query}, headers={"Accept": "text/csv"})
    assert response.status_code == 200 and "Andrea Vallone" in response.get_data(as_text=True)


# --- the dataset: default graph = union of the documents, named graphs = the documents ---------


def test_the_default_graph_is_the_union(client: FlaskClient, published: PublishedBuild) -> None:
    union = next(d for d in published.manifest["dumps"].values() if d["format"] == "turtle")
    assert count(ask(client, COUNT_TRIPLES)) == union["triples"]


def test_the_named_graphs_are_the_documents_and_the_rest(
    client: FlaskClient, published: PublishedBuild
) -> None:
    response = ask(client, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    graphs = {row["g"]["value"] for row in response.get_json()["results"]["bindings"]}
    assert graphs == set(published.manifest["graphs"])
    assert {d["iri"] for d in published.manifest["documents"]} <= graphs


def test_default_graph_uri_chooses_the_default_graph(
    client: FlaskClient, published: PublishedBuild, served: Settings
) -> None:
    documents = [d["iri"] for d in published.manifest["documents"]]
    one = count(ask(client, COUNT_TRIPLES, **{"default-graph-uri": documents[0]}))
    assert one == published.manifest["graphs"][documents[0]]
    both = client.get(
        "/sparql",
        query_string=[("query", COUNT_TRIPLES), *(("default-graph-uri", d) for d in documents)],
    )
    union = " UNION ".join(f"{{ GRAPH <{d}> {{ ?s ?p ?o }} }}" for d in documents)
    distinct = count(ask(client, f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT * {{ {union} }} }}"))
    total = sum(published.manifest["graphs"][d] for d in documents)
    if served.store == EMBEDDED_STORE:
        assert count(both) == distinct < total
    else:  # Virtuoso's default graph over several graphs is their union as a bag, not their merge
        assert distinct < count(both) == total  # (docs/scale-out.md, "Known differences")


def test_named_graph_uri_chooses_the_named_graphs(
    client: FlaskClient, published: PublishedBuild
) -> None:
    document = published.manifest["documents"][1]["iri"]
    response = ask(
        client,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        **{"named-graph-uri": document},
    )
    assert [row["g"]["value"] for row in response.get_json()["results"]["bindings"]] == [document]
    assert count(ask(client, COUNT_TRIPLES, **{"named-graph-uri": document})) == 0


def test_the_protocol_dataset_wins_over_from(client: FlaskClient) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{BASE}graph/metadata> WHERE {{ ?s ?p ?o }}"
    assert count(ask(client, query)) > 0
    assert count(ask(client, query, **{"default-graph-uri": "http://example.org/none"})) == 0


def test_an_unknown_graph_is_empty_and_never_fetched(client: FlaskClient) -> None:
    unreachable = "http://unreachable.invalid/data.ttl"
    started = time.monotonic()
    assert count(ask(client, COUNT_TRIPLES, **{"default-graph-uri": unreachable})) == 0
    assert time.monotonic() - started < 2


def test_a_graph_iri_that_is_no_iri_is_400(client: FlaskClient) -> None:
    assert_error(ask(client, **{"named-graph-uri": "not an iri"}), 400, "named-graph-uri")
    assert_still_serving(client)


# --- results by content negotiation and by format= --------------------------------------------


@pytest.mark.parametrize("media_type", list(RESULT_FORMATS))
def test_select_results_by_accept(client: FlaskClient, media_type: str) -> None:
    response = client.get(
        "/sparql",
        query_string={"query": "SELECT ?p WHERE { ?p a rd:Person }"},
        headers={"Accept": media_type},
    )
    assert response.status_code == 200 and response.mimetype == media_type
    parsed = ox.parse_query_results(response.data, format=RESULT_FORMATS[media_type])
    assert isinstance(parsed, ox.QuerySolutions) and len(list(parsed)) >= 10


def test_select_results_as_csv(client: FlaskClient) -> None:
    response = client.get(
        "/sparql",
        query_string={"query": "SELECT ?p WHERE { ?p a rd:Person }"},
        headers={"Accept": "text/csv"},
    )
    assert response.content_type == "text/csv; charset=utf-8"
    assert response.get_data(as_text=True).splitlines()[0] == "p"


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("csv", "text/csv"),
        ("srx", "application/sparql-results+xml"),
        ("tsv", "text/tab-separated-values"),
        ("application/sparql-results+json", "application/sparql-results+json"),
    ],
)
def test_select_results_by_format_parameter(
    client: FlaskClient, name: str, media_type: str
) -> None:
    response = client.get(
        "/sparql",
        query_string={"query": "SELECT * {}", "format": name},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200 and response.mimetype == media_type


@pytest.mark.parametrize("media_type", GRAPH_TYPES)
def test_construct_results_by_accept(client: FlaskClient, media_type: str) -> None:
    response = client.post(
        "/sparql",
        data={"query": "CONSTRUCT WHERE { ?p a rd:Person ; schema:name ?n }"},
        headers={"Accept": media_type},
    )
    assert response.status_code == 200 and response.mimetype == media_type
    triples = list(ox.parse(response.data, ox.RdfFormat.from_media_type(media_type)))
    assert len(triples) >= 20


def test_describe_and_construct_by_format_parameter(client: FlaskClient) -> None:
    for name, media_type in [
        ("json", "application/ld+json"),
        ("xml", "application/rdf+xml"),
        ("nt", "application/n-triples"),
        ("nq", "application/n-quads"),
    ]:
        response = ask(client, f"DESCRIBE <{BASE}person/andrea-vallone>", format=name)
        assert response.status_code == 200 and response.mimetype == media_type
        assert f"{BASE}person/andrea-vallone" in response.get_data(as_text=True)


def test_q_values_are_honoured(client: FlaskClient) -> None:
    accept = "application/sparql-results+json;q=0.2, application/sparql-results+xml;q=0.9, text/csv;q=0.5"
    response = client.get(
        "/sparql", query_string={"query": "SELECT * {}"}, headers={"Accept": accept}
    )
    assert response.mimetype == "application/sparql-results+xml"
    accept = "text/turtle;q=0.1, application/n-triples"
    response = client.get(
        "/sparql", query_string={"query": "CONSTRUCT WHERE {}"}, headers={"Accept": accept}
    )
    assert response.mimetype == "application/n-triples"


def test_a_browser_accept_header_gets_results_it_can_show(client: FlaskClient) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get(
        "/sparql", query_string={"query": "SELECT * {}"}, headers={"Accept": accept}
    )
    assert response.status_code == 200 and response.mimetype == "application/sparql-results+xml"


@pytest.mark.parametrize(
    ("query", "options"),
    [
        ("SELECT * {}", {"headers": {"Accept": "image/png"}}),
        ("SELECT * {}", {"query_string": {"format": "yaml"}}),
        ("SELECT * {}", {"headers": {"Accept": "text/turtle"}}),
        ("ASK {}", {"headers": {"Accept": "text/csv"}}),
        ("CONSTRUCT WHERE {}", {"headers": {"Accept": "text/csv"}}),
    ],
)
def test_an_unsupported_format_is_406(
    client: FlaskClient, query: str, options: dict[str, Any]
) -> None:
    parameters = {"query": query, **options.get("query_string", {})}
    headers = options.get("headers", {})
    response = client.get("/sparql", query_string=parameters, headers=headers)
    assert response.status_code == 406, response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
    assert_still_serving(client)


# --- refusals ---------------------------------------------------------------------------------


def test_a_malformed_query_is_400_with_the_parser_message(
    client: FlaskClient, served: Settings
) -> None:
    position = "error at 1:" if served.store == EMBEDDED_STORE else "SPARQL compiler, line"
    assert_error(ask(client, "SELECT * WHERE {"), 400, "SPARQL syntax error", position)
    assert_still_serving(client)


@pytest.mark.parametrize(
    "request_options",
    [
        {"method": "GET", "query_string": {"update": "CLEAR ALL"}},
        {"method": "POST", "data": {"update": "INSERT DATA { <a> <b> <c> }"}},
        {"method": "POST", "data": "CLEAR ALL", "content_type": "application/sparql-update"},
        {"method": "POST", "data": {"query": "INSERT DATA { <http://a> <http://b> <http://c> }"}},
        {
            "method": "GET",
            "query_string": {"query": "PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }"},
        },
        {"method": "POST", "data": "DROP ALL", "content_type": DIRECT},
        {"method": "POST", "data": {"using-graph-uri": "http://a/", "query": "ASK {}"}},
    ],
    ids=[
        "get-update",
        "form-update",
        "direct-update",
        "update-in-query",
        "get-update-in-query",
        "direct-update-as-query",
        "using-graph-uri",
    ],
)
def test_updates_are_refused_as_read_only(
    client: FlaskClient, request_options: dict[str, Any]
) -> None:
    response = client.open("/sparql", **request_options)
    assert_error(response, 403, "read-only")
    assert_still_serving(client)


@pytest.mark.parametrize(
    ("query", "keyword"),
    [
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE { service silent <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }", "SERVICE"),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ],
)
def test_remote_fetches_are_refused_before_evaluation(
    client: FlaskClient, query: str, keyword: str
) -> None:
    started = time.monotonic()
    assert_error(ask(client, query), 400, keyword, "never fetches")
    assert time.monotonic() - started < 1
    assert_still_serving(client)


def test_an_escaped_service_keyword_is_no_way_around_the_guard(client: FlaskClient) -> None:
    response = ask(
        client, "SELECT * WHERE { \\u0053ERVICE <http://unreachable.invalid/> { ?s ?p ?o } }"
    )
    assert_error(response, 400, "SPARQL syntax error")


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405(client: FlaskClient, method: str) -> None:
    response = client.open("/sparql", method=method, query_string={"query": "ASK {}"})
    assert_error(response, 405, method)
    assert response.headers["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert_still_serving(client)


@pytest.mark.parametrize(
    ("options", "status"),
    [
        ({"data": "ASK {}", "content_type": "text/plain"}, 415),
        ({"data": "query=ASK%20%7B%7D", "content_type": "multipart/form-data; boundary=x"}, 415),
        ({"data": b"query=ASK%20%7B%7D"}, 400),
        ({"data": b"ASK {}"}, 400),
        ({"data": "ASK {}".encode("utf-16"), "content_type": f"{DIRECT}; charset=UTF-16"}, 415),
        ({"data": b"ASK { \xff }", "content_type": DIRECT}, 400),
        ({"data": {"format": "json"}}, 400),
        ({"data": {"query": "  "}}, 400),
        ({"data": "ASK {}", "content_type": DIRECT, "query_string": {"query": "ASK {}"}}, 400),
    ],
    ids=[
        "text-plain",
        "multipart",
        "form-without-type",
        "direct-without-type",
        "utf-16",
        "not-utf-8",
        "no-query",
        "empty-query",
        "query-twice",
    ],
)
def test_bad_posts(client: FlaskClient, options: dict[str, Any], status: int) -> None:
    assert_error(client.post("/sparql", **options), status)
    assert_still_serving(client)


def test_several_query_parameters_are_400(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string=[("query", "ASK {}"), ("query", "SELECT * {}")])
    assert_error(response, 400, "exactly one query")
    form = client.post("/sparql", data="query=ASK%20%7B%7D&query=ASK%20%7B%7D", content_type=FORM)
    assert_error(form, 400, "exactly one query")
    assert_still_serving(client)


def test_an_oversized_body_is_413(client: FlaskClient, app: Flask) -> None:
    too_big = "#" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    assert_error(client.post("/sparql", data=too_big, content_type=DIRECT), 413)
    assert_still_serving(client)


def test_errors_are_html_for_a_browser(client: FlaskClient) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/sparql", query_string={"query": "SELECT {"}, headers={"Accept": accept})
    assert response.status_code == 400 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "SPARQL syntax error" in page and "Traceback" not in page
    only_html = client.get(
        "/sparql", query_string={"query": "ASK {}"}, headers={"Accept": "text/html"}
    )
    assert only_html.status_code == 406 and only_html.mimetype == "text/html"
    assert_still_serving(client)


# --- no query: the editor for a browser, the Service Description for a program -----------------


def test_a_browser_gets_the_editor(client: FlaskClient) -> None:
    response = client.get(
        "/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert (
        "/static/vendor/yasgui/yasgui.min.js" in page
        and "/static/vendor/yasgui/yasgui.min.css" in page
    )
    assert "Who left OpenAI for Anthropic?" in page
    assert 'rel="alternate" type="text/turtle"' in page
    assert '<script src="http' not in page and "prefix.cc" not in page


def test_the_editor_holds_every_example(client: FlaskClient) -> None:
    page = client.get("/sparql", headers={"Accept": "text/html"}).get_data(as_text=True)
    start = page.index('id="sparql-examples">') + len('id="sparql-examples">')
    examples = json.loads(page[start : page.index("</script>", start)])
    assert len(examples) == len(list(QUERIES_DIR.glob("*.rq")))
    assert all(example["query"].startswith("# title:") for example in examples)


def test_the_vendored_editor_is_served(client: FlaskClient) -> None:
    for name in ("yasgui.min.js", "yasgui.min.css"):
        response = client.get(f"/static/vendor/yasgui/{name}")
        assert response.status_code == 200 and len(response.data) > 10_000
        response.close()


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, "text/turtle"),
        ("*/*", "text/turtle"),
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/rdf+xml;q=0.5, application/n-triples", "application/n-triples"),
    ],
)
def test_a_program_gets_the_service_description(
    client: FlaskClient, accept: str | None, media_type: str
) -> None:
    response = client.get("/sparql", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and response.mimetype == media_type
    triples = [q.triple for q in ox.parse(response.data, ox.RdfFormat.from_media_type(media_type))]
    endpoint = ox.NamedNode("http://localhost/sparql")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert ox.Triple(endpoint, ox.NamedNode(f"{sd}endpoint"), endpoint) in triples
    assert (
        ox.Triple(
            endpoint, ox.NamedNode(f"{sd}supportedLanguage"), ox.NamedNode(f"{sd}SPARQL11Query")
        )
        in triples
    )
    void = ox.NamedNode("http://localhost/.well-known/void")
    assert any(t.object == void for t in triples)
    assert "Accept" in response.headers["Vary"]


def test_the_service_description_by_format_parameter(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"format": "nt"}, headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.mimetype == "application/n-triples"


def test_no_query_and_no_acceptable_format_is_406(client: FlaskClient) -> None:
    assert_error(client.get("/sparql", headers={"Accept": "application/sparql-results+json"}), 406)


def test_cors_preflight(client: FlaskClient) -> None:
    response = client.options(
        "/sparql",
        headers={
            "Origin": "https://elsewhere.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in response.headers["Access-Control-Allow-Headers"]
    assert "X-SPARQL-Truncated" in response.headers["Access-Control-Expose-Headers"]


# --- limits: the row cap and the time limit ---------------------------------------------------


@pytest.fixture(scope="module")
def limited_app(build_dir: Path) -> Iterator[Flask]:
    """An app with a cap of 3 rows and a time limit of half a second."""
    settings = load_settings(
        {"build_dir": build_dir, "row_cap": 3, "query_timeout": 0.5}, environ={}
    )
    limited = create_app(settings)
    yield limited
    sparql_service(limited).runner.stop()


@pytest.fixture
def limited(limited_app: Flask) -> FlaskClient:
    return limited_app.test_client()


def test_the_row_cap_is_signalled_in_the_header_and_the_json(limited: FlaskClient) -> None:
    response = ask(limited, "SELECT ?s WHERE { ?s ?p ?o }")
    assert response.status_code == 200 and response.headers["X-SPARQL-Truncated"] == "3"
    document = response.get_json()
    assert document["truncated"] is True
    assert document["head"]["link"] == ["http://localhost/sparql"]
    assert len(document["results"]["bindings"]) == 3


def test_the_row_cap_in_xml_csv_and_construct(limited: FlaskClient) -> None:
    xml = ask(limited, "SELECT ?s WHERE { ?s ?p ?o }", format="xml")
    assert xml.headers["X-SPARQL-Truncated"] == "3" and b"<link href=" in xml.data
    csv = ask(limited, "SELECT ?s WHERE { ?s ?p ?o }", format="csv")
    assert csv.headers["X-SPARQL-Truncated"] == "3" and len(csv.data.splitlines()) == 4
    turtle = ask(limited, "CONSTRUCT WHERE { ?s ?p ?o }")
    assert turtle.headers["X-SPARQL-Truncated"] == "3" and turtle.data.startswith(b"# truncated")


def test_no_truncation_signal_within_the_cap(limited: FlaskClient) -> None:
    response = ask(limited, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3")
    assert "X-SPARQL-Truncated" not in response.headers
    assert "truncated" not in response.get_json()


def test_a_slow_query_is_stopped_and_the_next_one_is_prompt(
    limited: FlaskClient, limited_app: Flask
) -> None:
    runner = sparql_service(limited_app).runner
    assert_still_serving(limited)
    slow_child = runner.child_pid
    started = time.monotonic()
    response = ask(limited, SLOW_QUERY)
    assert_error(response, 503, "0.5 s limit", "query_timeout")
    assert time.monotonic() - started < 5
    assert slow_child is not None and not Path(f"/proc/{slow_child}").exists()
    started = time.monotonic()
    assert_still_serving(limited)
    assert time.monotonic() - started < 2
