"""Checks kg/annotations.py: evidence and mention annotations, targets and selectors, by isomorphism."""

from __future__ import annotations

from rdflib import BNode, Graph, URIRef
from rdflib.compare import isomorphic, to_isomorphic

from kg.annotations import add_evidence, add_mention, add_text_target, document_id
from kg.iris import Iris
from kg.quotes import Span, make_span

BASE = "https://example.org/kg/"
IRIS = Iris(BASE)
TEXT = "Hier, Lilian Weng a quitté OpenAI après sept ans."
PREFIXES = f"""
@prefix rd: <{BASE}ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def span_of(quote: str) -> Span:
    start = TEXT.index(quote)
    return make_span(TEXT, start, start + len(quote))


def expected(turtle: str) -> Graph:
    return Graph().parse(data=PREFIXES + turtle, format="turtle")


def assert_same(actual: Graph, turtle: str) -> None:
    wanted = expected(turtle)
    assert not any(isinstance(term, BNode) for triple in actual for term in triple)
    assert isomorphic(actual, wanted), (
        f"missing: {sorted(set(to_isomorphic(wanted)) - set(to_isomorphic(actual)))}\n"
        f"extra: {sorted(set(to_isomorphic(actual)) - set(to_isomorphic(wanted)))}"
    )


def test_add_text_target() -> None:
    graph = Graph()
    annotation = URIRef(f"{BASE}evidence/doc-1/claim-1")
    add_text_target(
        graph,
        IRIS,
        annotation,
        IRIS.document("doc-1"),
        Span(6, 17, "Lilian Weng", "Hier, ", " a quitté"),
    )
    assert_same(
        graph,
        """
        <https://example.org/kg/evidence/doc-1/claim-1> oa:hasTarget
            <https://example.org/kg/evidence/doc-1/claim-1#target> .
        <https://example.org/kg/evidence/doc-1/claim-1#target> a oa:SpecificResource ;
            oa:hasSource <https://example.org/kg/document/doc-1> ;
            oa:hasSelector <https://example.org/kg/evidence/doc-1/claim-1#quote>,
                <https://example.org/kg/evidence/doc-1/claim-1#position> .
        <https://example.org/kg/evidence/doc-1/claim-1#quote> a oa:TextQuoteSelector ;
            oa:exact "Lilian Weng" ; oa:prefix "Hier, " ; oa:suffix " a quitté" .
        <https://example.org/kg/evidence/doc-1/claim-1#position> a oa:TextPositionSelector ;
            oa:start "6"^^xsd:integer ; oa:end "17"^^xsd:integer .
        """,
    )


def test_add_evidence() -> None:
    graph = Graph()
    evidence = IRIS.evidence("weng-article", "weng-leaves-openai", 1)
    fact = IRIS.move("weng-leaves-openai")
    document = IRIS.document("weng-article")
    span = span_of("Lilian Weng a quitté OpenAI")
    assert (span.start, span.end, span.prefix, span.suffix) == (6, 33, "Hier, ", " après sept ans.")
    add_evidence(graph, IRIS, evidence, fact, document, span)
    assert_same(
        graph,
        """
        <https://example.org/kg/evidence/weng-article/weng-leaves-openai-1>
            a rd:Evidence, oa:Annotation ;
            oa:motivatedBy rd:evidencing ;
            oa:hasBody <https://example.org/kg/move/weng-leaves-openai> ;
            prov:wasDerivedFrom <https://example.org/kg/document/weng-article> ;
            prov:wasGeneratedBy <https://example.org/kg/activity/curation/weng-article> ;
            oa:hasTarget <https://example.org/kg/evidence/weng-article/weng-leaves-openai-1#target> .
        <https://example.org/kg/move/weng-leaves-openai>
            rd:hasEvidence <https://example.org/kg/evidence/weng-article/weng-leaves-openai-1> .
        <https://example.org/kg/evidence/weng-article/weng-leaves-openai-1#target>
            a oa:SpecificResource ;
            oa:hasSource <https://example.org/kg/document/weng-article> ;
            oa:hasSelector <https://example.org/kg/evidence/weng-article/weng-leaves-openai-1#quote>,
                <https://example.org/kg/evidence/weng-article/weng-leaves-openai-1#position> .
        <https://example.org/kg/evidence/weng-article/weng-leaves-openai-1#quote>
            a oa:TextQuoteSelector ;
            oa:exact "Lilian Weng a quitté OpenAI" ;
            oa:prefix "Hier, " ;
            oa:suffix " après sept ans." .
        <https://example.org/kg/evidence/weng-article/weng-leaves-openai-1#position>
            a oa:TextPositionSelector ;
            oa:start "6"^^xsd:integer ;
            oa:end "33"^^xsd:integer .
        """,
    )


def test_add_mention() -> None:
    graph = Graph()
    mention = IRIS.mention("weng-article", "openai", 1)
    entity = IRIS.organization("openai")
    document = IRIS.document("weng-article")
    add_mention(graph, IRIS, mention, entity, document, span_of("OpenAI"))
    assert_same(
        graph,
        """
        <https://example.org/kg/mention/weng-article/openai-1>
            a rd:Mention, oa:Annotation ;
            oa:motivatedBy oa:identifying ;
            oa:hasBody <https://example.org/kg/organization/openai> ;
            prov:wasDerivedFrom <https://example.org/kg/document/weng-article> ;
            oa:hasTarget <https://example.org/kg/mention/weng-article/openai-1#target> .
        <https://example.org/kg/organization/openai>
            rd:hasMention <https://example.org/kg/mention/weng-article/openai-1> .
        <https://example.org/kg/document/weng-article>
            rd:mentions <https://example.org/kg/organization/openai> .
        <https://example.org/kg/mention/weng-article/openai-1#target>
            a oa:SpecificResource ;
            oa:hasSource <https://example.org/kg/document/weng-article> ;
            oa:hasSelector <https://example.org/kg/mention/weng-article/openai-1#quote>,
                <https://example.org/kg/mention/weng-article/openai-1#position> .
        <https://example.org/kg/mention/weng-article/openai-1#quote>
            a oa:TextQuoteSelector ;
            oa:exact "OpenAI" ;
            oa:prefix "Hier, Lilian Weng a quitté " ;
            oa:suffix " après sept ans." .
        <https://example.org/kg/mention/weng-article/openai-1#position>
            a oa:TextPositionSelector ;
            oa:start "27"^^xsd:integer ;
            oa:end "33"^^xsd:integer .
        """,
    )


def test_two_evidences_of_one_fact() -> None:
    graph = Graph()
    fact = IRIS.move("weng-leaves-openai")
    document = IRIS.document("weng-article")
    first = IRIS.evidence("weng-article", "weng-leaves-openai", 1)
    second = IRIS.evidence("weng-article", "weng-leaves-openai", 2)
    add_evidence(graph, IRIS, first, fact, document, span_of("Lilian Weng"))
    add_evidence(graph, IRIS, second, fact, document, span_of("a quitté OpenAI"))
    assert set(graph.objects(fact, IRIS.vocab.hasEvidence)) == {first, second}
    assert (
        len(set(graph.subjects(predicate=None, object=None))) == 9
    )  # the fact, and 2 × (evidence, target, quote, position)
    exacts = {str(o) for o in graph.objects(None, URIRef("http://www.w3.org/ns/oa#exact"))}
    assert exacts == {"Lilian Weng", "a quitté OpenAI"}


def test_offsets_are_code_points() -> None:
    # "é" and "’" are one code point each (two or three UTF-8 bytes, one UTF-16 unit).
    text = "Déjà l’équipe d’OpenAI part."
    start = text.index("OpenAI")
    graph = Graph()
    mention = IRIS.mention("d", "openai", 1)
    add_mention(
        graph,
        IRIS,
        mention,
        IRIS.organization("openai"),
        IRIS.document("d"),
        make_span(text, start, start + 6),
    )
    position = IRIS.fragment(mention, "position")
    oa = "http://www.w3.org/ns/oa#"
    assert graph.value(position, URIRef(oa + "start")).toPython() == 16  # type: ignore[union-attr]
    assert graph.value(position, URIRef(oa + "end")).toPython() == 22  # type: ignore[union-attr]


def test_document_id() -> None:
    assert document_id(IRIS, IRIS.document("porte-tournante-ia")) == "porte-tournante-ia"
    assert document_id(Iris(), Iris().document("x-1")) == "x-1"
