"""A query's form, dataset clauses and use of named graphs are read past strings, IRIs and comments."""

from __future__ import annotations

import pytest

from kg.query_text import names_dataset, query_form, uses_named_graphs, without_dataset_clauses


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * {}", "SELECT"),
        ("PREFIX s: <http://x/SELECT> ASK {}", "ASK"),
        ("# SELECT\nconstruct WHERE {}", "CONSTRUCT"),
        ('INSERT DATA { <a> <b> "SELECT" }', "INSERT"),
        ("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ],
)
def test_the_query_form_is_read_past_strings_iris_and_comments(query: str, form: str) -> None:
    assert query_form(query) == form


def test_the_named_graphs_are_listed_only_for_queries_that_read_them() -> None:
    assert uses_named_graphs("SELECT ?g { GRAPH ?g { ?s ?p ?o } }")
    assert not uses_named_graphs('SELECT * { ?s <http://x/GRAPH> "GRAPH" } # GRAPH')


def test_from_clauses_are_found_and_removed_outside_strings() -> None:
    query = 'SELECT * FROM <http://a> FROM NAMED ex:b WHERE { ?s <http://x/FROM> "FROM <z>" }'
    assert names_dataset(query) and not names_dataset('SELECT * { ?s ?p "FROM" }')
    assert without_dataset_clauses(query).split() == (
        ["SELECT", "*", "WHERE", "{", "?s", "<http://x/FROM>", '"FROM', '<z>"', "}"]
    )
