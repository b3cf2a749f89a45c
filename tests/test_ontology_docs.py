"""The ontology's documentation page: made by pyLODE at build time, English, self-contained (nothing
loaded from elsewhere), every term anchored at its local name, the named individuals included."""

from __future__ import annotations

import logging
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.build import BuildResult
from kg.compile import CompiledDataset
from kg.errors import KgError
from kg.ontology_docs import (
    ONTOLOGY_DOCS_FILE,
    _import_ontpub,
    documentation_view,
    finish_page,
    ontology_html,
)


@pytest.fixture(scope="module")
def page(built: BuildResult) -> str:
    return (built.release / ONTOLOGY_DOCS_FILE).read_text(encoding="utf-8")


def test_the_build_writes_pylodes_page_into_the_release(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert "pyLODE" in page
    assert '<html lang="en">' in page
    assert "<title>Revolving Door: the ontology" in page
    for extension, media_type in (
        ("ttl", "text/turtle"),
        ("jsonld", "application/ld+json"),
        ("nt", "application/n-triples"),
        ("rdf", "application/rdf+xml"),
    ):
        assert f'<link rel="alternate" type="{media_type}" href="ontology.{extension}">' in page


def test_the_page_loads_nothing_from_elsewhere(page: str) -> None:
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert not re.search(r"<link[^>]*stylesheet[^>]*href=\"https?:", page)
    assert not re.search(r"<img[^>]*src=\"https?:", page)
    assert "@import" not in page


def test_every_term_is_documented_and_anchored(page: str, compiled: CompiledDataset) -> None:
    namespace = str(compiled.iris.vocab)
    terms = {
        s for s in compiled.ontology.subjects() if isinstance(s, URIRef) and s.startswith(namespace)
    }
    assert len(terms) > 40
    for term in terms:
        assert str(term) in page, term
        assert f'id="{term[len(namespace) :]}"' in page, term


def test_the_named_individuals_have_a_section(page: str) -> None:
    assert 'id="namedindividuals"' in page
    for status in ("completed", "announced", "expected", "rumoured", "evidencing"):
        assert f'<div class="property entity" id="{status}">' in page


def test_the_documentation_view_is_english_and_keeps_the_scheme_out_of_the_metadata(
    compiled: CompiledDataset,
) -> None:
    view = documentation_view(compiled.ontology)
    scheme = compiled.iris.vocab.MoveStatusScheme
    assert (scheme, RDF.type, SKOS.ConceptScheme) not in view
    assert (scheme, RDF.type, OWL.NamedIndividual) in view
    person = compiled.iris.vocab.Person
    assert set(view.objects(person, RDFS.label)) == {Literal("Person", lang="en")}
    assert Literal("Personne", lang="fr") in set(compiled.ontology.objects(person, RDFS.label))


def test_a_literal_only_in_another_language_is_kept() -> None:
    graph = Graph()
    ontology = URIRef("http://example.org/o")
    graph.add((ontology, RDF.type, OWL.Ontology))
    graph.add((ontology, RDFS.label, Literal("seulement", lang="fr")))
    assert (ontology, RDFS.label, Literal("seulement", lang="fr")) in documentation_view(graph)


def test_a_page_that_would_load_from_elsewhere_is_refused() -> None:
    for html in (
        '<html><head><script src="https://cdn.example.org/x.js"></script></head></html>',
        '<html><head><link rel="stylesheet" href="https://cdn.example.org/x.css"></head></html>',
        "<html><head><style>@import url(//cdn.example.org/x.css);</style></head></html>",
    ):
        with pytest.raises(KgError, match="elsewhere"):
            finish_page(html)


def test_importing_pylode_leaves_logging_alone() -> None:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    _import_ontpub()
    assert root.handlers == handlers and root.level == level


def test_an_ontology_pylode_cannot_document_is_a_kg_error() -> None:
    graph = Graph()  # no owl:Ontology, no title: pyLODE refuses it
    graph.add((URIRef("http://example.org/C"), RDF.type, OWL.Class))
    with pytest.raises(KgError, match="pyLODE"):
        ontology_html(graph)
