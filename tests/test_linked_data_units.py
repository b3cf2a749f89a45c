"""The pure parts of the linked data: reading a path, compacting JSON-LD, trimming prefixes, deciding a 304."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
import pytest
from flask import Flask
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from server.conditional import is_not_modified, validators_for
from server.jsonld import compact_jsonld
from server.rdf_output import drop_unused_prefixes
from server.resource_paths import (
    GENERIC,
    PathTooLongError,
    UnsafePathError,
    interpretations,
    kind_of,
)

EX = "http://example.org/"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("person/lilian-weng", [("person", "person/lilian-weng", None)]),
        ("person/lilian-weng.ttl", [("person", "person/lilian-weng", "ttl")]),
        ("evidence/doc/claim-1.jsonld", [("evidence", "evidence/doc/claim-1", "jsonld")]),
        ("activity/curation/doc", [("curation", "activity/curation/doc", None)]),
        ("dataset", [("dataset", "dataset", None)]),
        ("dataset.nt", [("dataset", "dataset", "nt")]),
        ("dataset/class/Person", [("partition", "dataset/class/Person", None)]),
        ("graph/metadata.trig", [("graph", "graph/metadata", "trig")]),
        # any other IRI under the base (kg serve --data): the literal reading first
        ("things/a.b", [("resource", "things/a.b", None), ("resource", "things/a", "b")]),
        ("things/café", [("resource", "things/café", None)]),
        ("person/", []),
        ("person/a b", []),
        ("person/a<b", []),
    ],
)
def test_a_path_is_read_as_a_resource_and_a_format(
    path: str, expected: list[tuple[str, str, str | None]]
) -> None:
    found = [(p.kind.name, p.path, p.extension) for p in interpretations(path)]
    assert found == expected


@pytest.mark.parametrize(
    "path",
    [
        "..",
        "person/..",
        "../etc/passwd",
        "person/./x",
        "a//b",
        "person/x\x00",
        "a\\b",
        "a%2e",
        "a\ufffd",
    ],
)
def test_hostile_paths_are_refused(path: str) -> None:
    with pytest.raises(UnsafePathError):
        interpretations(path)


def test_an_overlong_path_is_refused() -> None:
    with pytest.raises(PathTooLongError):
        interpretations("person/" + "a" * 2000)


def test_kinds_need_a_segment_after_their_prefix() -> None:
    assert kind_of("person") is None
    assert kind_of("person/") is None
    assert kind_of("dataset/other") is None
    assert GENERIC.minted is False


def test_compacted_jsonld_parses_to_the_same_triples() -> None:
    triples = [
        ox.Triple(ox.NamedNode(f"{EX}a"), ox.NamedNode(f"{EX}name"), ox.Literal("Ana")),
        ox.Triple(
            ox.NamedNode(f"{EX}a"), ox.NamedNode(f"{EX}said"), ox.Literal("Bonjour", language="fr")
        ),
        ox.Triple(
            ox.NamedNode(f"{EX}a"),
            ox.NamedNode(f"{EX}start"),
            ox.Literal("07", datatype=ox.NamedNode(str(XSD.integer))),
        ),
        ox.Triple(
            ox.NamedNode(f"{EX}a"),
            ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            ox.NamedNode(f"{EX}Person"),
        ),
        ox.Triple(ox.NamedNode(f"{EX}a"), ox.NamedNode(f"{EX}knows"), ox.NamedNode(f"{EX}b")),
        ox.Triple(ox.NamedNode(f"{EX}a"), ox.NamedNode(f"{EX}knows"), ox.NamedNode("urn:x:c")),
        ox.Triple(ox.NamedNode(f"{EX}b"), ox.NamedNode("http://other.org/p"), ox.Literal("x")),
    ]
    context = {"ex": EX, "xsd": str(XSD), "unused": "http://unused.org/"}
    data = compact_jsonld(triples, context)
    text = data.decode()
    assert '"ex:name": "Ana"' in text
    assert '"@type": "ex:Person"' in text
    assert '"@value": "07"' in text  # the lexical form is kept
    assert "unused" not in text
    graph = Graph().parse(data=data, format="json-ld")
    expected = {
        (URIRef(f"{EX}a"), URIRef(f"{EX}name"), Literal("Ana")),
        (URIRef(f"{EX}a"), URIRef(f"{EX}said"), Literal("Bonjour", lang="fr")),
        (URIRef(f"{EX}a"), URIRef(f"{EX}start"), Literal("07", datatype=XSD.integer)),
        (
            URIRef(f"{EX}a"),
            URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            URIRef(f"{EX}Person"),
        ),
        (URIRef(f"{EX}a"), URIRef(f"{EX}knows"), URIRef(f"{EX}b")),
        (URIRef(f"{EX}a"), URIRef(f"{EX}knows"), URIRef("urn:x:c")),
        (URIRef(f"{EX}b"), URIRef("http://other.org/p"), Literal("x")),
    }
    assert set(graph) == expected


def test_blank_nodes_have_no_json_ld_form_here() -> None:
    triple = ox.Triple(ox.BlankNode(), ox.NamedNode(f"{EX}p"), ox.Literal("x"))
    with pytest.raises(ValueError, match="blank"):
        compact_jsonld([triple], {"ex": EX})


def test_unused_prefix_lines_are_dropped() -> None:
    text = b"@prefix a: <http://a/> .\n@prefix b: <http://b/> .\na:x a:y <http://b/z> .\n"
    assert drop_unused_prefixes(text) == b"@prefix a: <http://a/> .\na:x a:y <http://b/z> .\n"
    assert drop_unused_prefixes(b"<x> <y> <z> .\n") == b"<x> <y> <z> .\n"


@pytest.mark.parametrize(
    ("headers", "not_modified"),
    [
        ({}, False),
        ({"If-None-Match": '"v1-turtle"'}, True),
        ({"If-None-Match": 'W/"v1-turtle"'}, True),
        ({"If-None-Match": '"other", "v1-turtle"'}, True),
        ({"If-None-Match": "*"}, True),
        ({"If-None-Match": '"other"'}, False),
        ({"If-Modified-Since": "Sat, 21 Nov 2026 16:00:00 GMT"}, True),
        ({"If-Modified-Since": "Sat, 21 Nov 2026 15:59:59 GMT"}, False),
        ({"If-Modified-Since": "not a date"}, False),
        ({"If-None-Match": '"other"', "If-Modified-Since": "Sat, 21 Nov 2026 16:00:00 GMT"}, False),
    ],
)
def test_a_conditional_request_is_answered_304_when_its_copy_is_current(
    headers: dict[str, str], not_modified: bool
) -> None:
    validators = validators_for("v1-turtle", "2026-11-21T16:00:00.123+00:00")
    assert validators.last_modified == dt.datetime(2026, 11, 21, 16, tzinfo=dt.UTC)
    with Flask(__name__).test_request_context("/x", headers=headers) as context:
        assert is_not_modified(context.request, validators) is not_modified
    with Flask(__name__).test_request_context("/x", method="POST", headers=headers) as context:
        assert is_not_modified(context.request, validators) is False
