"""What a SPARQL query's text says, read past its strings, IRIs and comments: its form, its dataset
clauses, whether it reads named graphs."""

from __future__ import annotations

import re

from kg.query_guard import without_lexical_noise

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_FORM = re.compile(
    r"(?<![\w:?$])(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD"
    r"|WITH)(?![\w:])",
    re.IGNORECASE,
)
_FROM = re.compile(r"(?<![\w:?$])FROM(?![\w:])", re.IGNORECASE)
_GRAPH = re.compile(r"(?<![\w:?$])GRAPH(?![\w:])", re.IGNORECASE)
_FROM_CLAUSE = re.compile(
    r"FROM\s+(?:NAMED\s+)?(?:<[^<>\s]*>|(?:[A-Za-z][\w\-.]*)?:[\w\-.:%]*)", re.IGNORECASE
)


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first of these keywords outside strings and IRIs."""
    found = _FORM.search(without_lexical_noise(sparql))
    return found.group(1).upper() if found else "SELECT"


def without_dataset_clauses(sparql: str) -> str:
    """The query without its FROM and FROM NAMED clauses (found outside strings and comments)."""
    keywords = without_lexical_noise(sparql)
    pieces, last = [], 0
    for keyword in _FROM.finditer(keywords):
        clause = _FROM_CLAUSE.match(sparql, keyword.start())
        if clause:
            pieces += [sparql[last : clause.start()], " "]
            last = clause.end()
    return "".join(pieces) + sparql[last:]


def uses_named_graphs(sparql: str) -> bool:
    """Whether the query reads named graphs (GRAPH, outside strings and IRIs)."""
    return bool(_GRAPH.search(without_lexical_noise(sparql)))


def names_dataset(sparql: str) -> bool:
    """Whether the query has FROM or FROM NAMED clauses of its own."""
    return bool(_FROM.search(without_lexical_noise(sparql)))
