"""The SPARQL endpoint on the real server (`kg serve`: gunicorn, its workers and their query children).

`live_server` is the default configuration; `limited_server` is one worker with a 1 s time limit, a cap
of 5 rows and a 4 kB body limit, to see the limits hold where they matter: under gunicorn.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import PROJECT_ROOT, QUERIES_DIR, free_port

SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Message
    body: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get_content_type()

    def json(self) -> dict[str, object]:
        document = json.loads(self.body)
        assert isinstance(document, dict)
        return document


def call(
    url: str,
    *,
    method: str = "GET",
    parameters: dict[str, str] | None = None,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> Answer:
    """One request with urllib; an HTTP error status is an answer, not an exception."""
    if parameters:
        url = f"{url}?{urllib.parse.urlencode(parameters)}"
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())


def sparql_get(base: str, query: str, **headers: str) -> Answer:
    return call(f"{base}/sparql", parameters={"query": query}, headers=headers)


def assert_error(answer: Answer, status: int, *words: str) -> None:
    assert answer.status == status, answer.body
    assert answer.media_type == "application/json"
    error = answer.json()["error"]
    assert isinstance(error, dict) and error["status"] == status
    for word in words:
        assert word in str(error["message"])
    assert b"Traceback" not in answer.body


def assert_still_serving(base: str) -> None:
    answer = sparql_get(base, "ASK { ?s a rd:Person }")
    assert answer.status == 200 and answer.json()["boolean"] is True


# --- the default configuration ----------------------------------------------------------------


def test_get_and_post_queries(live_server: str) -> None:
    got = sparql_get(live_server, "SELECT (COUNT(*) AS ?n) WHERE { ?p a rd:Person }")
    assert got.status == 200 and got.media_type == "application/sparql-results+json"
    assert "Accept" in got.headers["Vary"] and got.headers["Access-Control-Allow-Origin"] == "*"
    form = call(
        f"{live_server}/sparql",
        method="POST",
        data=urllib.parse.urlencode({"query": "ASK { ?s a rd:Move }"}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    direct = call(
        f"{live_server}/sparql",
        method="POST",
        data=b"ASK { ?s a rd:Move }",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert form.json()["boolean"] is True and direct.json()["boolean"] is True


def test_the_example_query_over_the_real_server(live_server: str) -> None:
    query = (QUERIES_DIR / "02-openai-to-anthropic.rq").read_text(encoding="utf-8")
    answer = sparql_get(live_server, query, Accept="text/csv")
    assert answer.status == 200 and answer.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "Andrea Vallone" in answer.body.decode()


def test_formats_by_accept_and_by_parameter(live_server: str) -> None:
    xml = sparql_get(live_server, "SELECT * {}", Accept="application/sparql-results+xml")
    assert xml.media_type == "application/sparql-results+xml"
    turtle = call(
        f"{live_server}/sparql",
        parameters={"query": "CONSTRUCT WHERE { ?s a rd:Person }", "format": "ttl"},
    )
    assert turtle.media_type == "text/turtle"
    assert len(list(ox.parse(turtle.body, ox.RdfFormat.TURTLE))) >= 10


def test_the_dataset_parameters(live_server: str) -> None:
    answer = call(
        f"{live_server}/sparql",
        parameters={
            "query": "ASK { ?s ?p ?o }",
            "default-graph-uri": "http://unreachable.invalid/graph",
        },
    )
    assert answer.status == 200 and answer.json()["boolean"] is False


ERROR_CASES = [
    ("syntax", {"parameters": {"query": "SELECT * WHERE {"}}, 400, "SPARQL syntax error"),
    ("update", {"parameters": {"update": "CLEAR ALL"}}, 403, "read-only"),
    ("update-in-query", {"parameters": {"query": "CLEAR ALL"}}, 403, "read-only"),
    (
        "service",
        {"parameters": {"query": "SELECT * { SERVICE <http://example.org/s> { ?s ?p ?o } }"}},
        400,
        "never fetches",
    ),
    ("put", {"method": "PUT", "parameters": {"query": "ASK {}"}}, 405, "PUT"),
    ("delete", {"method": "DELETE"}, 405, "DELETE"),
    (
        "text-plain",
        {"method": "POST", "data": b"ASK {}", "headers": {"Content-Type": "text/plain"}},
        415,
        "text/plain",
    ),
    (
        "direct-update",
        {
            "method": "POST",
            "data": b"CLEAR ALL",
            "headers": {"Content-Type": "application/sparql-update"},
        },
        403,
        "read-only",
    ),
    (
        "not-acceptable",
        {"parameters": {"query": "SELECT * {}"}, "headers": {"Accept": "image/png"}},
        406,
        "",
    ),
]


@pytest.mark.parametrize(
    ("options", "status", "word"),
    [case[1:] for case in ERROR_CASES],
    ids=[case[0] for case in ERROR_CASES],
)
def test_errors_on_the_real_server(
    live_server: str, options: dict[str, object], status: int, word: str
) -> None:
    answer = call(f"{live_server}/sparql", **options)  # type: ignore[arg-type]
    assert_error(answer, status, word)
    assert_still_serving(live_server)


def test_several_queries_on_the_real_server(live_server: str) -> None:
    answer = call(f"{live_server}/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D")
    assert_error(answer, 400, "exactly one query")
    assert_still_serving(live_server)


def test_a_browser_gets_html_errors_and_the_editor(live_server: str) -> None:
    error = sparql_get(live_server, "SELECT {", Accept=BROWSER_ACCEPT)
    assert error.status == 400 and error.media_type == "text/html"
    assert b"SPARQL syntax error" in error.body and b"Traceback" not in error.body
    editor = call(f"{live_server}/sparql", headers={"Accept": BROWSER_ACCEPT})
    assert editor.status == 200 and b"yasgui.min.js" in editor.body
    script = call(f"{live_server}/static/vendor/yasgui/yasgui.min.js")
    assert script.status == 200 and len(script.body) > 500_000


def test_the_service_description_on_the_real_server(live_server: str) -> None:
    answer = call(f"{live_server}/sparql", headers={"Accept": "text/turtle"})
    assert answer.status == 200 and answer.media_type == "text/turtle"
    store = ox.Store()
    store.load(answer.body, ox.RdfFormat.TURTLE)
    endpoint = f"{live_server}/sparql"
    assert store.query(
        f"ASK {{ <{endpoint}> a sd:Service ; sd:endpoint <{endpoint}> ;"
        " sd:defaultDataset/sd:defaultGraph/void:triples ?n }",
        prefixes={
            "sd": "http://www.w3.org/ns/sparql-service-description#",
            "void": "http://rdfs.org/ns/void#",
        },
    )


def test_cors_preflight_on_the_real_server(live_server: str) -> None:
    answer = call(
        f"{live_server}/sparql",
        method="OPTIONS",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"},
    )
    assert answer.status == 204 and answer.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in answer.headers["Access-Control-Allow-Methods"]


# --- the limits, under gunicorn ---------------------------------------------------------------


@contextmanager
def kg_serve(
    arguments: list[str], log: Path, environment: dict[str, str] | None = None
) -> Iterator[str]:
    """Run `kg serve ARGUMENTS --port N` until the block ends; yields its base URL once it answers.

    The server is stopped however the block ends, even when it never became ready.
    """
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", *arguments, "--port", str(port)],
            cwd=PROJECT_ROOT,
            env={**os.environ, **(environment or {})},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not answers(f"{url}/sparql?query=ASK%7B%7D"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"kg serve did not start: {log.read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def answers(url: str) -> bool:
    try:
        call(url)
    except OSError:
        return False
    return True


@pytest.fixture(scope="module")
def limited_server(build_dir: Path) -> Iterator[str]:
    """`kg serve` with one worker, a 1 s time limit, a cap of 5 rows and a 4 kB body limit."""
    limits = {"KG_QUERY_TIMEOUT": "1", "KG_ROW_CAP": "5", "KG_MAX_REQUEST_BYTES": "4096"}
    arguments = ["--build-dir", str(build_dir), "--workers", "1"]
    with kg_serve(arguments, build_dir / "serve-limited.log", limits) as url:
        yield url


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (gunicorn's workers and their query children)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time of the processes still alive."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def server_pid(url: str) -> int:
    port = url.rsplit(":", 1)[1]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"serve" in command and port.encode() in command and b"kg" in command:
                return int(entry.name)
    raise LookupError(url)


def test_a_slow_query_is_stopped_under_gunicorn(limited_server: str) -> None:
    assert_still_serving(limited_server)
    started = time.monotonic()
    answer = sparql_get(limited_server, SLOW_QUERY)
    assert_error(answer, 503, "1 s limit", "query_timeout")
    assert time.monotonic() - started < 5
    # The one worker answers the next query at once: its killed child was replaced.
    started = time.monotonic()
    assert_still_serving(limited_server)
    assert time.monotonic() - started < 2
    # Nothing below the server keeps computing: the killed child's work really stopped.
    processes = descendants(server_pid(limited_server))
    before = cpu_seconds(processes)
    time.sleep(1.5)
    assert cpu_seconds(processes) - before < 0.5


def test_the_row_cap_under_gunicorn(limited_server: str) -> None:
    answer = sparql_get(limited_server, "SELECT ?s WHERE { ?s ?p ?o }")
    assert answer.status == 200 and answer.headers["X-SPARQL-Truncated"] == "5"
    document = answer.json()
    assert document["truncated"] is True
    assert len(document["results"]["bindings"]) == 5  # type: ignore[index]
    exact = sparql_get(limited_server, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5")
    assert exact.headers["X-SPARQL-Truncated"] is None


def test_an_oversized_body_under_gunicorn(limited_server: str) -> None:
    answer = call(
        f"{limited_server}/sparql",
        method="POST",
        data=b"ASK {}" + b" " * 5000,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert_error(answer, 413)
    assert_still_serving(limited_server)
