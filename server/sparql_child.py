"""The query child: evaluates SPARQL on its own read-only store handle and sends back the serialised answer.

It runs as a script (`python -I sparql_child.py FD STORE_DIR PREFIXES PARENT_PID`) and imports only the
standard library and pyoxigraph, so it starts in about a tenth of a second and may be killed at any
moment: that is how a query past its time limit is really stopped (see `server.sparql_runner`).
Messages are plain dictionaries (pickled by `multiprocessing.connection`), never project classes, so
that the child never imports the `server` package.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
# Format names are those of `server.negotiation` (RESULT_TYPES, BOOLEAN_TYPES, RDF_TYPES).
RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}
# Graph formats whose syntax has comments, where a truncation is also said in the body.
COMMENTED_GRAPH_FORMATS = ("turtle", "nt", "trig", "nquads")
# Bytes that a result format writes once per row and nowhere else (in JSON a string never holds a bare
# `"`, in XML never a bare `<`), and how many rows are not preceded by one: the first JSON row starts
# with `[{"`, every other with `,{"`; every XML row with `<result>`. A row with no binding writes
# `{}` in JSON: not counted, so such rows are never cut (they are empty).
ROW_MARKERS = {"json": (b',{"', 1), "xml": (b"<result>", 0)}
WATCHDOG_SECONDS = 1.0
MESSAGE_LIMIT = 300


@dataclass(frozen=True)
class QueryJob:
    """One query to evaluate, with the formats its result may be written in (None: none acceptable)."""

    query: str
    base_iri: str
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    solutions_format: str | None
    boolean_format: str | None
    graph_format: str | None
    row_cap: int
    link: str


@dataclass(frozen=True)
class QueryAnswer:
    """The serialised result (status 200) or what went wrong (the body is then the message, UTF-8)."""

    status: int
    body: bytes
    format_name: str = ""
    truncated: bool = False

    @classmethod
    def failure(cls, status: int, message: str) -> QueryAnswer:
        return cls(status=status, body=message.encode("utf-8"))

    @property
    def message(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class _EnoughRowsError(Exception):
    """Raised by the capped sink to stop the serialiser once it has one row more than the cap."""


class _CappedLines(io.BytesIO):
    """A byte sink that stops its writer past `limit` lines (one TSV line per row, plus the header)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.lines = 0
        self.limit = limit
        self.full = False

    def write(self, data: Any) -> int:
        written = super().write(data)
        self.lines += bytes(data).count(b"\n")
        if self.lines > self.limit:
            self.full = True
            raise _EnoughRowsError
        return written


class _CappedMarks(io.BytesIO):
    """A byte sink that stops its writer once `marker` has been written more than `limit` times
    (a marker may straddle two writes)."""

    def __init__(self, marker: bytes, limit: int) -> None:
        super().__init__()
        self.marker = marker
        self.limit = limit
        self.seen = 0
        self._tail = b""

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        written = super().write(chunk)
        joined = self._tail + chunk
        self.seen += joined.count(self.marker)
        self._tail = joined[-(len(self.marker) - 1) :]
        if self.seen > self.limit:
            raise _EnoughRowsError
        return written


def _write_solutions_directly(result: ox.QuerySolutions, job: QueryJob) -> QueryAnswer | None:
    """Solutions written once, straight into the format asked (JSON or XML), counting rows by a marker
    that only a row can write; None when there are more rows than the cap (the caller then cuts)."""
    assert job.solutions_format is not None
    marker, rows_per_mark = ROW_MARKERS[job.solutions_format]
    sink = _CappedMarks(marker, job.row_cap - rows_per_mark)
    try:
        result.serialize(sink, format=RESULT_FORMATS[job.solutions_format])
    except _EnoughRowsError:
        return None
    except Exception:
        if sink.seen <= sink.limit:
            raise
        return None
    return QueryAnswer(200, sink.getvalue(), job.solutions_format)


def evaluate(store: ox.Store, job: QueryJob, prefixes: dict[str, str]) -> QueryAnswer:
    """Run `job` on `store` and serialise its result, cut at the row cap; failures become answers."""
    try:
        result = run_query(store, job, prefixes)
        if isinstance(result, ox.QuerySolutions) and job.solutions_format in ROW_MARKERS:
            direct = _write_solutions_directly(result, job)
            if direct is not None:
                return direct
            result = run_query(store, job, prefixes)  # past the cap: again, cut through TSV
        return write_result(result, job)
    except SyntaxError as error:
        return QueryAnswer.failure(400, f"SPARQL syntax error: {one_line(str(error))}")
    except ValueError as error:
        return QueryAnswer.failure(400, f"the query cannot be evaluated: {one_line(str(error))}")
    except OSError as error:
        return QueryAnswer.failure(
            500, f"the store failed while evaluating: {one_line(str(error))}"
        )


def write_result(result: QueryResult | list[ox.Triple], job: QueryJob) -> QueryAnswer:
    """Serialise a result (ours, or a remote store's parsed answer) as `job` asks, cut at the row cap."""
    if isinstance(result, ox.QueryBoolean):
        return _write_boolean(result, job)
    if isinstance(result, ox.QuerySolutions):
        return _write_solutions(result, job)
    return _write_triples(result, job)


def run_query(store: ox.Store, job: QueryJob, prefixes: dict[str, str]) -> QueryResult:
    """The query over the store's dataset, or over the one the protocol names (which replaces FROM)."""
    if job.default_graphs is None and job.named_graphs is None:
        return store.query(job.query, base_iri=job.base_iri, prefixes=prefixes)
    named: list[ox.NamedNode | ox.BlankNode] | None = None
    if job.named_graphs is not None:
        named = [ox.NamedNode(iri) for iri in job.named_graphs]
    default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None = None
    if job.default_graphs is not None:
        default = [ox.NamedNode(iri) for iri in job.default_graphs]
        if len(default) > 1:
            store = merge_dataset(store, job.default_graphs, named)
            default = [ox.DefaultGraph()]
    return store.query(
        job.query,
        base_iri=job.base_iri,
        prefixes=prefixes,
        default_graph=default,
        named_graphs=named,
    )


def merge_dataset(
    store: ox.Store,
    default_graphs: tuple[str, ...],
    named: list[ox.NamedNode | ox.BlankNode] | None,
) -> ox.Store:
    """An in-memory copy of the graphs a query names, its default graph the RDF merge of several.

    Oxigraph's own default graph over several graphs yields a triple once per graph that holds it;
    the protocol asks for their merge, a set. Only a request naming two default graphs or more pays
    for this copy (in the child, within the time limit).
    """
    merged = ox.Store()
    for iri in default_graphs:
        merged.extend(
            ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph())
            for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(iri))
        )
    for graph in store.named_graphs() if named is None else named:
        merged.extend(store.quads_for_pattern(None, None, None, graph))
    return merged


def _bytes(data: bytes | None) -> bytes:
    """pyoxigraph returns the bytes when it is given no output."""
    assert data is not None
    return data


def _write_boolean(result: ox.QueryBoolean, job: QueryJob) -> QueryAnswer:
    if job.boolean_format is None:
        return _not_acceptable("an ASK result", "SPARQL JSON or XML")
    body = _bytes(result.serialize(format=RESULT_FORMATS[job.boolean_format]))
    return QueryAnswer(200, body, job.boolean_format)


def _write_solutions(result: ox.QuerySolutions, job: QueryJob) -> QueryAnswer:
    """Solutions go through TSV (one line per row), cut after `row_cap` rows, then into the format asked."""
    if job.solutions_format is None:
        return _not_acceptable("a SELECT result", "SPARQL JSON, XML, CSV or TSV")
    sink = _CappedLines(job.row_cap + 1)
    try:
        result.serialize(sink, format=ox.QueryResultsFormat.TSV)
    except Exception:
        if not sink.full:
            raise
    tsv = sink.getvalue()
    if sink.full:
        tsv = tsv[: _end_of_line(tsv, job.row_cap + 1)]
    if job.solutions_format == "tsv":
        body = tsv
    else:
        parsed = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
        assert isinstance(parsed, ox.QuerySolutions)
        body = _bytes(parsed.serialize(format=RESULT_FORMATS[job.solutions_format]))
    if sink.full:
        body = mark_truncated(body, job.solutions_format, job.row_cap, job.link)
    return QueryAnswer(200, body, job.solutions_format, truncated=sink.full)


def _end_of_line(data: bytes, count: int) -> int:
    """The offset just past the `count`-th newline of `data`."""
    offset = -1
    for _ in range(count):
        offset = data.index(b"\n", offset + 1)
    return offset + 1


def _write_triples(result: Iterable[ox.Triple], job: QueryJob) -> QueryAnswer:
    if job.graph_format is None:
        return _not_acceptable(
            "a CONSTRUCT or DESCRIBE result", "Turtle, N-Triples, JSON-LD, RDF/XML, TriG or N-Quads"
        )
    triples = list(itertools.islice(result, job.row_cap + 1))
    truncated = len(triples) > job.row_cap
    body = _bytes(ox.serialize(triples[: job.row_cap], format=GRAPH_FORMATS[job.graph_format]))
    if truncated:
        body = mark_truncated(body, job.graph_format, job.row_cap, job.link)
    return QueryAnswer(200, body, job.graph_format, truncated=truncated)


def mark_truncated(body: bytes, format_name: str, cap: int, link: str) -> bytes:
    """Say in the body, where its syntax allows, that the result was cut at `cap` rows."""
    if format_name == "json":
        document = json.loads(body)
        document["head"]["link"] = [link]
        return json.dumps({"truncated": True, **document}, ensure_ascii=False).encode("utf-8")
    if format_name == "xml":
        head_end = body.index(b"</head>")
        note = f'<link href="{_xml_attribute(link)}"/><!-- truncated: the first {cap} rows only -->'
        return body[:head_end] + note.encode("utf-8") + body[head_end:]
    if format_name in COMMENTED_GRAPH_FORMATS:
        return f"# truncated: the first {cap} triples only; see {link}\n".encode() + body
    return body


def _xml_attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _not_acceptable(what: str, formats: str) -> QueryAnswer:
    return QueryAnswer.failure(
        406, f"{what} is written as {formats}; the request accepts none of these"
    )


def one_line(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """A parser message on one line, its long lists of expected characters cut short."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def serve(connection: Connection, store: ox.Store, prefixes: dict[str, str]) -> None:
    """Answer jobs until the parent closes its end of the connection."""
    while True:
        try:
            message = connection.recv()
        except EOFError:
            return
        answer = evaluate(store, QueryJob(**message), prefixes)
        connection.send(asdict(answer))


def watch_parent(parent_pid: int) -> None:
    """Exit as soon as the parent is gone, even in the middle of a query (pyoxigraph frees the GIL)."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(WATCHDOG_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def main(argv: list[str]) -> int:
    """Open the store, say so to the parent, then serve jobs."""
    descriptor, store_dir, prefixes_json, parent_pid = argv
    connection = Connection(int(descriptor))
    watch_parent(int(parent_pid))
    try:
        store = ox.Store.read_only(store_dir)
    except OSError as error:
        connection.send(
            {"ready": False, "message": f"cannot open the store: {one_line(str(error))}"}
        )
        return 1
    connection.send({"ready": True, "pid": os.getpid()})
    serve(connection, store, json.loads(prefixes_json))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
