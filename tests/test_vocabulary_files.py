"""The ontology and the shapes load from the repository, rebased onto the deployment's base."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL, RDF

from kg.errors import BadInputError
from kg.iris import DEFAULT_BASE_URI, Iris
from kg.vocabulary_files import load_ontology, load_shapes, load_turtle


def test_the_ontology_loads_under_the_default_base() -> None:
    graph = load_ontology(Iris())
    assert graph.identifier == URIRef(f"{DEFAULT_BASE_URI}ontology")
    assert (URIRef(f"{DEFAULT_BASE_URI}ontology"), RDF.type, OWL.Ontology) in graph


def test_both_files_are_rebased_onto_another_base() -> None:
    base = "https://data.example.org/"
    for graph in (load_ontology(Iris(base)), load_shapes(Iris(base))):
        terms = {str(term) for triple in graph for term in triple}
        assert not any(DEFAULT_BASE_URI in term for term in terms), graph.identifier
        assert any(term.startswith(base) for term in terms)


def test_a_broken_file_is_bad_input(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix rd: <x#> .\nrd:a rd:b", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"broken\.ttl"):
        load_turtle(broken, Iris(), "http://example.org/g")
    with pytest.raises(BadInputError, match=r"missing\.ttl"):
        load_turtle(tmp_path / "missing.ttl", Iris(), "http://example.org/g")
