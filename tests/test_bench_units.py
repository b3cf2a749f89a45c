"""The benchmark's pure parts: query templates, row normalisation and comparison, statistics."""

from __future__ import annotations

import json
import math

import pyoxigraph as ox
import pytest

from bench.generate import Samples, generate
from bench.queries import QUERIES, QueryTemplate, draw_queries
from bench.rows import XSD, Rows, difference, json_term, read_rows
from bench.stats import median, percentile, summarise


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Samples:
    return generate(3_000, tmp_path_factory.mktemp("bench") / "3k.trig", seed=3)


@pytest.mark.parametrize("template", QUERIES, ids=lambda t: t.name)
def test_every_template_is_valid_sparql_and_varies(
    template: QueryTemplate, samples: Samples
) -> None:
    queries = draw_queries(template, samples, seed=1, count=20)
    store = ox.Store()
    for query in queries:
        store.query(query)  # raises SyntaxError on an invalid query
    assert len(set(queries)) > 1
    assert draw_queries(template, samples, seed=1, count=20) == queries


def literal(value: str, datatype: str | None = None, lang: str | None = None) -> dict[str, str]:
    binding = {"type": "literal", "value": value}
    if datatype:
        binding["datatype"] = datatype
    if lang:
        binding["xml:lang"] = lang
    return binding


def test_literals_are_normalised() -> None:
    integer = ("literal", "7", XSD + "integer")
    assert json_term(literal("7", XSD + "nonNegativeInteger")) == integer
    assert json_term({"type": "typed-literal", "value": "07", "datatype": XSD + "int"}) == integer
    assert json_term(literal("a", XSD + "string")) == json_term(literal("a"))
    assert json_term(literal("1", XSD + "boolean")) == json_term(literal("true", XSD + "boolean"))
    assert json_term(literal("x", lang="FR")) == ("literal", "x", "@fr")
    assert json_term(literal("2024", XSD + "gYear")) == ("literal", "2024", XSD + "gYear")
    assert json_term({"type": "uri", "value": "http://a"}) == ("iri", "http://a", "")


def solutions(variables: list[str], rows: list[dict[str, dict[str, str]]]) -> bytes:
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": rows}}).encode()


def test_rows_compare_as_multisets() -> None:
    a, b = {"type": "uri", "value": "http://a"}, {"type": "uri", "value": "http://b"}
    first = read_rows(solutions(["x", "y"], [{"x": a, "y": b}, {"x": b}]), "application/json")
    shuffled = read_rows(solutions(["y", "x"], [{"x": b}, {"y": b, "x": a}]), "application/json")
    doubled = read_rows(solutions(["x", "y"], [{"x": a, "y": b}, {"x": a, "y": b}]), "json")
    assert difference(first, shuffled, "rows") is None
    found = difference(first, doubled, "rows")
    assert found is not None and "1 rows differ" in found
    assert difference(first, doubled, "count") is None
    shorter = Rows(first.variables, first.rows[:1])
    assert difference(first, shorter, "count") == "1 rows where the reference has 2"


def test_graph_results_are_read_as_triples() -> None:
    body = b'<http://a> <http://p> "1"^^<http://www.w3.org/2001/XMLSchema#long> .\n'
    rows = read_rows(body, "application/n-triples; charset=utf-8")
    assert rows.rows == [
        (("iri", "http://a", ""), ("iri", "http://p", ""), ("literal", "1", XSD + "integer"))
    ]


def test_median_and_p99_on_known_numbers() -> None:
    values = [float(v) for v in range(1, 101)]
    assert median(values) == 50.5
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert percentile(values, 0.99) == 99.0
    assert percentile(values, 0.5) == 50.0
    assert percentile([5.0], 0.99) == 5.0
    assert math.isnan(median([])) and math.isnan(percentile([], 0.99))


def test_summary_in_milliseconds_and_requests_per_second() -> None:
    summary = summarise([0.001] * 98 + [0.1, 0.2], errors=2, seconds=2.0)
    assert summary.requests == 102 and summary.errors == 2
    assert summary.median_ms == pytest.approx(1.0)
    assert summary.p99_ms == pytest.approx(100.0)
    assert summary.throughput == pytest.approx(50.0)
