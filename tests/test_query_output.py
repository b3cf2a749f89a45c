"""Checks kg/query_output.py on real results: the table, JSON/CSV/TSV/XML, booleans and graphs."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.util import from_n3

from kg.errors import BadInputError
from kg.published import PublishedBuild
from kg.query_output import CELL_WIDTH, render_results, render_table, show_term
from kg.store import OxigraphStore

PEOPLE = "SELECT ?person ?name WHERE { ?person a rd:Person ; schema:name ?name } ORDER BY ?person"
DOCUMENTS = "SELECT ?doc ?text WHERE { ?doc a rd:SourceDocument ; schema:text ?text } ORDER BY ?doc"
MOVERS = "CONSTRUCT { ?move rd:mover ?person } WHERE { ?move rd:mover ?person }"
SRX = "{http://www.w3.org/2005/sparql-results#}"
PERSON = "http://127.0.0.1:8080/person/"


def select(store: OxigraphStore, sparql: str) -> list[ox.QuerySolution]:
    """The solutions of a SELECT query."""
    result = store.query(sparql)
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


def triples(store: OxigraphStore, sparql: str) -> list[ox.Triple]:
    """The triples of a CONSTRUCT query."""
    result = store.query(sparql)
    assert isinstance(result, ox.QueryTriples)
    return list(result)


def ask(store: OxigraphStore, sparql: str) -> ox.QueryBoolean:
    """The answer of an ASK query."""
    result = store.query(sparql)
    assert isinstance(result, ox.QueryBoolean)
    return result


def expected_people(store: OxigraphStore) -> list[tuple[str, str]]:
    """The (person IRI, name) rows, straight from the store."""
    return [(row["person"].value, row["name"].value) for row in select(store, PEOPLE)]


def render(store: OxigraphStore, published: PublishedBuild, sparql: str, fmt: str) -> str:
    return render_results(store.query(sparql), fmt, published.prefixes).decode("utf-8")


def test_people_rows_are_real(store: OxigraphStore) -> None:
    rows = expected_people(store)
    assert (f"{PERSON}lilian-weng", "Lilian Weng") in rows
    assert len(rows) >= 5


def test_table_header_rule_rows_and_count(store: OxigraphStore, published: PublishedBuild) -> None:
    rows = expected_people(store)
    lines = render(store, published, PEOPLE, "table").splitlines()
    width = max(len("person"), *(len("person:" + iri[len(PERSON) :]) for iri, _ in rows))
    assert lines[0] == "person".ljust(width) + " | name"
    assert lines[1].startswith("-" * width + "-+-")
    assert set(lines[1]) == {"-", "+"}
    assert lines[-1] == f"({len(rows)} rows)"
    body = lines[2:-1]
    assert len(body) == len(rows)
    for line, (iri, name) in zip(body, rows, strict=True):
        assert line == ("person:" + iri[len(PERSON) :]).ljust(width) + " | " + name


def test_table_columns_aligned(store: OxigraphStore, published: PublishedBuild) -> None:
    lines = render(store, published, PEOPLE, "table").splitlines()[:-1]
    bars = {line.index(" | ") for line in [lines[0], *lines[2:]]}
    assert len(bars) == 1
    assert lines[1].index("-+-") == bars.pop()


def test_table_shortens_iris_with_prefixes(store: OxigraphStore, published: PublishedBuild) -> None:
    text = render(store, published, PEOPLE, "table")
    assert "person:lilian-weng" in text
    assert PERSON not in text


def test_table_single_row_count(store: OxigraphStore, published: PublishedBuild) -> None:
    text = render(store, published, "SELECT ?x WHERE { BIND(person:lilian-weng AS ?x) }", "table")
    assert text == "x\n------------------\nperson:lilian-weng\n(1 row)\n"


def test_table_cuts_long_cells(store: OxigraphStore, published: PublishedBuild) -> None:
    texts = [row["text"].value for row in select(store, DOCUMENTS)]
    assert texts and all(len(text) > CELL_WIDTH for text in texts)
    lines = render(store, published, DOCUMENTS, "table").splitlines()
    assert lines[-1] == f"({len(texts)} rows)"
    for line, text in zip(lines[2:-1], texts, strict=True):
        cell = line.split(" | ")[1]
        one_line = " ".join(text.split())
        assert cell == one_line[: CELL_WIDTH - 1] + "…"
        assert len(cell) == CELL_WIDTH


def test_show_term() -> None:
    prefixes = {"ex": "http://example.org/", "exa": "http://example.org/a/"}
    assert show_term(ox.NamedNode("http://example.org/a/b"), prefixes) == "exa:b"
    assert show_term(ox.NamedNode("http://example.org/"), prefixes) == "http://example.org/"
    assert show_term(ox.Literal("oui", language="fr"), prefixes) == "oui@fr"
    assert show_term(ox.Literal("a\n  b"), prefixes) == "a b"
    assert show_term(None, prefixes) == ""
    assert show_term(ox.Literal("x" * 80), prefixes) == "x" * 80
    assert show_term(ox.Literal("x" * 81), prefixes) == "x" * 79 + "…"


def test_json_holds_the_rows(store: OxigraphStore, published: PublishedBuild) -> None:
    data = json.loads(render(store, published, PEOPLE, "json"))
    assert data["head"]["vars"] == ["person", "name"]
    bindings = data["results"]["bindings"]
    assert [(b["person"]["value"], b["name"]["value"]) for b in bindings] == expected_people(store)
    assert {b["person"]["type"] for b in bindings} == {"uri"}


def test_csv_holds_the_rows(store: OxigraphStore, published: PublishedBuild) -> None:
    rows = list(csv.reader(io.StringIO(render(store, published, PEOPLE, "csv"), newline="")))
    assert rows[0] == ["person", "name"]
    assert [(a, b) for a, b in rows[1:]] == expected_people(store)


def test_csv_keeps_multiline_values(store: OxigraphStore, published: PublishedBuild) -> None:
    rows = list(csv.reader(io.StringIO(render(store, published, DOCUMENTS, "csv"), newline="")))
    expected = [(row["doc"].value, row["text"].value) for row in select(store, DOCUMENTS)]
    assert [(a, b.replace("\r\n", "\n")) for a, b in rows[1:]] == expected
    assert any("\n" in text for _, text in expected)


def test_tsv_holds_the_rows(store: OxigraphStore, published: PublishedBuild) -> None:
    lines = render(store, published, PEOPLE, "tsv").splitlines()
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["?person", "?name"]
    parsed = [(from_n3(a), from_n3(b)) for a, b in rows[1:]]
    assert all(isinstance(a, URIRef) and isinstance(b, Literal) for a, b in parsed)
    assert [(str(a), str(b)) for a, b in parsed] == expected_people(store)


def test_xml_holds_the_rows(store: OxigraphStore, published: PublishedBuild) -> None:
    root = ET.fromstring(render(store, published, PEOPLE, "xml"))
    variables = [v.get("name") for v in root.iter(f"{SRX}variable")]
    assert variables == ["person", "name"]
    rows = []
    for result in root.iter(f"{SRX}result"):
        values = {binding.get("name"): "".join(binding.itertext()) for binding in result}
        rows.append((values["person"], values["name"]))
    assert rows == expected_people(store)


ASK_TRUE = "ASK { person:lilian-weng a rd:Person }"
ASK_FALSE = "ASK { person:nobody-at-all a rd:Person }"


@pytest.mark.parametrize(("sparql", "answer"), [(ASK_TRUE, True), (ASK_FALSE, False)])
def test_ask_table_and_json(
    store: OxigraphStore, published: PublishedBuild, sparql: str, answer: bool
) -> None:
    assert render(store, published, sparql, "table") == ("true\n" if answer else "false\n")
    assert json.loads(render(store, published, sparql, "json"))["boolean"] is answer


def test_ask_render_table_directly(store: OxigraphStore) -> None:
    assert render_table(ask(store, ASK_FALSE), {}) == "false\n"


def test_construct_turtle_and_nt_isomorphic(
    store: OxigraphStore, published: PublishedBuild
) -> None:
    turtle = Graph().parse(data=render(store, published, MOVERS, "turtle"), format="turtle")
    ntriples = Graph().parse(data=render(store, published, MOVERS, "nt"), format="nt")
    assert len(turtle) > 0
    assert isomorphic(turtle, ntriples)
    expected = {
        tuple(URIRef(str(term)[1:-1]) for term in (t.subject, t.predicate, t.object))
        for t in triples(store, MOVERS)
    }
    assert set(ntriples) == expected
    assert (None, None, URIRef(f"{PERSON}lilian-weng")) in ntriples


def test_construct_table_is_turtle(store: OxigraphStore, published: PublishedBuild) -> None:
    table = Graph().parse(data=render(store, published, MOVERS, "table"), format="turtle")
    ntriples = Graph().parse(data=render(store, published, MOVERS, "nt"), format="nt")
    assert isomorphic(table, ntriples)


def test_construct_as_csv_refused(store: OxigraphStore, published: PublishedBuild) -> None:
    with pytest.raises(BadInputError, match="not csv"):
        render_results(store.query(MOVERS), "csv", published.prefixes)


def test_select_as_turtle_refused(store: OxigraphStore, published: PublishedBuild) -> None:
    with pytest.raises(BadInputError, match="not turtle"):
        render_results(store.query(PEOPLE), "turtle", published.prefixes)
