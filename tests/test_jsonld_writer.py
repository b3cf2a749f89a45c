"""The JSON-LD writer shortens IRIs by the longest namespace, the same way for every kind of term."""

from __future__ import annotations

from kg.jsonld_writer import Compactor

PREFIXES = {
    "ex": "http://example.org/",
    "exv": "http://example.org/vocab#",
    "sub": "http://example.org/vocab#sub/",
}


def test_remembered_terms_compact_as_any_iri() -> None:
    compactor = Compactor(PREFIXES)
    iris = [
        "http://example.org/vocab#name",
        "http://example.org/vocab#sub/x",
        "http://example.org/thing",
        "http://example.org///x",
        "http://other.example/x",
    ]
    for iri in iris * 2:
        assert compactor.compact_term(iri) == compactor.compact(iri)
    assert compactor.compact("http://example.org/vocab#sub/x") == "sub:x"
    assert compactor.compact("http://example.org///x") == "http://example.org///x"
    assert set(compactor.terms) == set(iris)
