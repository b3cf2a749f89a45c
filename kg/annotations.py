"""Web Annotation resources that tie a fact or a name to a span of a document's text."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from kg.iris import Iris
from kg.namespaces import OA
from kg.quotes import Span


def add_text_target(
    graph: Graph, iris: Iris, annotation: URIRef, document: URIRef, span: Span
) -> None:
    """Give `annotation` a target on `document` selected by quote and by code-point position."""
    target = iris.fragment(annotation, "target")
    quote = iris.fragment(annotation, "quote")
    position = iris.fragment(annotation, "position")
    graph.add((annotation, OA.hasTarget, target))
    graph.add((target, RDF.type, OA.SpecificResource))
    graph.add((target, OA.hasSource, document))
    graph.add((target, OA.hasSelector, quote))
    graph.add((target, OA.hasSelector, position))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(span.exact)))
    graph.add((quote, OA.prefix, Literal(span.prefix)))
    graph.add((quote, OA.suffix, Literal(span.suffix)))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(span.start, datatype=XSD.integer)))
    graph.add((position, OA.end, Literal(span.end, datatype=XSD.integer)))


def add_evidence(
    graph: Graph,
    iris: Iris,
    evidence: URIRef,
    fact: URIRef,
    document: URIRef,
    span: Span,
) -> None:
    """An evidence annotation: `fact` is its body, the quote that states it its target."""
    rd = iris.vocab
    graph.add((evidence, RDF.type, rd.Evidence))
    graph.add((evidence, RDF.type, OA.Annotation))
    graph.add((evidence, OA.motivatedBy, rd.evidencing))
    graph.add((evidence, OA.hasBody, fact))
    graph.add((evidence, PROV.wasDerivedFrom, document))
    graph.add((evidence, PROV.wasGeneratedBy, iris.curation(document_id(iris, document))))
    graph.add((fact, rd.hasEvidence, evidence))
    add_text_target(graph, iris, evidence, document, span)


def add_mention(
    graph: Graph, iris: Iris, mention: URIRef, entity: URIRef, document: URIRef, span: Span
) -> None:
    """A mention annotation: the span names `entity`."""
    rd = iris.vocab
    graph.add((mention, RDF.type, rd.Mention))
    graph.add((mention, RDF.type, OA.Annotation))
    graph.add((mention, OA.motivatedBy, OA.identifying))
    graph.add((mention, OA.hasBody, entity))
    graph.add((mention, PROV.wasDerivedFrom, document))
    graph.add((entity, rd.hasMention, mention))
    graph.add((document, rd.mentions, entity))
    add_text_target(graph, iris, mention, document, span)


def document_id(iris: Iris, document: URIRef) -> str:
    """The document id of a document IRI minted by `iris`."""
    return str(document)[len(iris.document("")) :]
