"""Results as comparable rows: SPARQL JSON or N-Triples read into tuples of normalised terms."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGER_TYPES = frozenset(
    XSD + name
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
        "unsignedByte",
    )
)  # fmt: skip
BOOLEANS = {"1": "true", "0": "false", "true": "true", "false": "false"}

Term = tuple[str, str, str]  # (kind, value, datatype or language)
Row = tuple[Term, ...]
UNBOUND: Term = ("unbound", "", "")


@dataclass(frozen=True)
class Rows:
    """The rows of a result, normalised, in the order the peer gave them (compared as a multiset)."""

    variables: tuple[str, ...]
    rows: list[Row]


def literal_term(value: str, datatype: str | None, language: str | None) -> Term:
    """A literal with integer-derived types as xsd:integer, xsd:string as plain, booleans as true/false."""
    if language:
        return ("literal", value, "@" + language.lower())
    if datatype is None or datatype == XSD + "string":
        return ("literal", value, "")
    if datatype in INTEGER_TYPES:
        try:
            return ("literal", str(int(value)), XSD + "integer")
        except ValueError:
            return ("literal", value, XSD + "integer")
    if datatype == XSD + "boolean":
        return ("literal", BOOLEANS.get(value, value), datatype)
    return ("literal", value, datatype)


def json_term(binding: dict[str, Any]) -> Term:
    """One binding of SPARQL JSON (also Virtuoso's older "typed-literal")."""
    kind = binding["type"]
    if kind == "uri":
        return ("iri", binding["value"], "")
    if kind == "bnode":
        return ("bnode", "", "")
    return literal_term(binding["value"], binding.get("datatype"), binding.get("xml:lang"))


def oxigraph_term(term: Any) -> Term:
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value, "")
    if isinstance(term, ox.BlankNode):
        return ("bnode", "", "")
    language = term.language
    return literal_term(term.value, None if language else term.datatype.value, language)


def read_solutions(body: bytes) -> Rows:
    """SPARQL JSON results as rows (variables in the order of the head)."""
    document = json.loads(body)
    variables = tuple(document["head"]["vars"])
    rows = [
        tuple(json_term(b[v]) if v in b else UNBOUND for v in variables)
        for b in document["results"]["bindings"]
    ]
    return Rows(variables, rows)


def read_triples(body: bytes, content_type: str) -> Rows:
    """An RDF graph (N-Triples or Turtle) as rows of (subject, predicate, object)."""
    rdf_format = ox.RdfFormat.TURTLE if "turtle" in content_type else ox.RdfFormat.N_TRIPLES
    rows: list[Row] = [
        (oxigraph_term(q.subject), oxigraph_term(q.predicate), oxigraph_term(q.object))
        for q in ox.parse(body, format=rdf_format)
    ]
    return Rows(("subject", "predicate", "object"), rows)


def read_rows(body: bytes, content_type: str) -> Rows:
    """The rows of a result, by its content type."""
    if "json" in content_type:
        return read_solutions(body)
    return read_triples(body, content_type)


def reordered(rows: Rows, variables: tuple[str, ...]) -> Rows:
    """The same rows with their columns in the order of `variables`."""
    positions = [rows.variables.index(v) for v in variables]
    return Rows(variables, [tuple(row[p] for p in positions) for row in rows.rows])


def difference(expected: Rows, actual: Rows, mode: str) -> str | None:
    """None when two results agree (as multisets of rows, or by count); else what differs."""
    if len(expected.rows) != len(actual.rows):
        return f"{len(actual.rows)} rows where the reference has {len(expected.rows)}"
    if mode == "count":
        return None
    if sorted(expected.variables) != sorted(actual.variables):
        return f"variables {actual.variables} where the reference has {expected.variables}"
    actual = reordered(actual, expected.variables)
    missing = Counter(expected.rows) - Counter(actual.rows)
    if not missing:
        return None
    extra = Counter(actual.rows) - Counter(expected.rows)
    return (
        f"{sum(missing.values())} rows differ; e.g. the reference has {next(iter(missing))}"
        f" where this peer has {next(iter(extra), None)}"
    )
