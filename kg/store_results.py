"""A remote store's answer read into pyoxigraph's result types, Virtuoso's habits made standard."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store import QueryResult

XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_NT_BOOLEAN = re.compile(rb'"(1|0)"(\^\^<' + XSD_BOOLEAN.encode() + rb">)")


def as_boolean(result: QueryResult) -> QueryResult:
    """An ASK answer as a boolean, also when the store sent it as one solution (Virtuoso does)."""
    if not isinstance(result, ox.QuerySolutions):
        return result
    rows = list(result)
    truth = bool(rows) and all(
        str(term.value) not in ("0", "false") for row in rows for term in row if term is not None
    )
    document = b'{"head": {}, "boolean": %s}' % (b"true" if truth else b"false")
    return ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)


def canonical_booleans(body: bytes) -> bytes:
    """SPARQL JSON results with xsd:boolean values written `true`/`false`: Virtuoso writes 1 and 0."""
    if XSD_BOOLEAN.encode() not in body:
        return body
    document = json.loads(body)
    for row in document.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("datatype") == XSD_BOOLEAN and term.get("value") in ("1", "0"):
                term["value"] = "true" if term["value"] == "1" else "false"
    return json.dumps(document).encode("utf-8")


def _canonical_boolean(match: re.Match[bytes]) -> bytes:
    return (b'"true"' if match.group(1) == b"1" else b'"false"') + match.group(2)


def parse_reply(content_type: str, body: bytes, label: str) -> QueryResult:
    """The store's answer as pyoxigraph results: solutions, a boolean, or a list of triples."""
    try:
        if content_type in ("application/sparql-results+json", "application/json"):
            return ox.parse_query_results(
                canonical_booleans(body), format=ox.QueryResultsFormat.JSON
            )
        if content_type == "application/sparql-results+xml":
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
        if content_type in ("application/n-triples", "text/plain"):
            body = _NT_BOOLEAN.sub(_canonical_boolean, body)
            return [quad.triple for quad in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
        if content_type == "text/turtle":
            return [quad.triple for quad in ox.parse(body, format=ox.RdfFormat.TURTLE)]
    except (SyntaxError, ValueError) as error:
        raise StoreError(
            f"the store at {label} sent an answer that does not parse: {error}"
        ) from None
    raise StoreError(
        f"the store at {label} answered in {content_type or 'no media type'}, which we do not read"
    )
