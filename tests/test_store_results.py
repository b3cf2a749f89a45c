"""A remote store's answers become pyoxigraph results: Virtuoso's booleans and ASK made standard."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.store_results import XSD_BOOLEAN, as_boolean, canonical_booleans, parse_reply


def test_virtuosos_booleans_are_made_canonical() -> None:
    body = json.dumps(
        {
            "head": {"vars": ["b"]},
            "results": {
                "bindings": [
                    {"b": {"type": "typed-literal", "datatype": XSD_BOOLEAN, "value": "1"}}
                ]
            },
        }
    ).encode()
    solutions = ox.parse_query_results(canonical_booleans(body), format=ox.QueryResultsFormat.JSON)
    assert isinstance(solutions, ox.QuerySolutions)
    assert [row["b"].value for row in solutions] == ["true"]
    ask = b'{"head": {"vars": ["__ASK_RETVAL"]}, "results": {"bindings": [{"__ASK_RETVAL":'
    ask += b' {"type": "literal", "value": "0"}}]}}'
    answer = as_boolean(ox.parse_query_results(ask, format=ox.QueryResultsFormat.JSON))
    assert isinstance(answer, ox.QueryBoolean) and not bool(answer)


def test_an_answer_we_cannot_read_names_the_store() -> None:
    with pytest.raises(StoreError, match=r"127\.0\.0\.1:1/sparql answered in text/html"):
        parse_reply("text/html", b"<p>hello</p>", "http://127.0.0.1:1/sparql")
    with pytest.raises(StoreError, match="does not parse"):
        parse_reply("application/n-triples", b"<a> <b>", "http://127.0.0.1:1/sparql")
