"""The triples of one synthetic article: its named graph (what it states) and its metadata."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from bench.articles import Article, Span, StatedMove
from bench.population import Entity, Population
from bench.trig import Triple, integer, iri, literal

CONTEXT_CHARACTERS = 32  # oa:prefix and oa:suffix, as the project's own annotations


@dataclass(frozen=True)
class Minter:
    """The IRIs of the project's scheme under one base."""

    base: str

    @property
    def ontology(self) -> str:
        return f"{self.base}ontology#"

    @property
    def metadata_graph(self) -> str:
        return f"{self.base}graph/metadata"

    def entity(self, kind: str, slug: str) -> str:
        """A person ("person") or an organisation ("organization")."""
        return f"{self.base}{kind}/{slug}"

    def document(self, doc_id: str) -> str:
        return f"{self.base}document/{doc_id}"

    def curation(self, doc_id: str) -> str:
        return f"{self.base}activity/curation/{doc_id}"

    def move(self, claim: str) -> str:
        return f"{self.base}move/{claim}"

    def role(self, claim: str) -> str:
        return f"{self.base}role/{claim}"

    def evidence(self, doc_id: str, claim: str) -> str:
        return f"{self.base}evidence/{doc_id}/{claim}-1"

    def mention(self, doc_id: str, slug: str) -> str:
        return f"{self.base}mention/{doc_id}/{slug}-1"


@dataclass(frozen=True)
class ArticleGraphs:
    """What one article adds: its own named graph and its part of the metadata graph."""

    document: list[Triple]
    metadata: list[Triple]


@dataclass(frozen=True)
class Annotation:
    """A Web Annotation to write: its IRI, the span it targets, its body, motivation and class."""

    iri: str
    span: Span
    body: str
    motivation: str
    kind: str


def annotation_triples(text: str, document: str, note: Annotation) -> list[Triple]:
    """A Web Annotation whose target is a span of the text: quote and position selectors."""
    subject = iri(note.iri)
    target, quote, position = (
        iri(f"{note.iri}#{part}") for part in ("target", "quote", "position")
    )
    start, end = note.span.start, note.span.end
    return [
        (subject, "a", note.kind),
        (subject, "a", "oa:Annotation"),
        (subject, "oa:motivatedBy", note.motivation),
        (subject, "oa:hasBody", iri(note.body)),
        (subject, "oa:hasTarget", target),
        (subject, "prov:wasDerivedFrom", iri(document)),
        (target, "a", "oa:SpecificResource"),
        (target, "oa:hasSource", iri(document)),
        (target, "oa:hasSelector", quote),
        (target, "oa:hasSelector", position),
        (quote, "a", "oa:TextQuoteSelector"),
        (quote, "oa:exact", literal(text[start:end])),
        (quote, "oa:prefix", literal(text[max(0, start - CONTEXT_CHARACTERS) : start])),
        (quote, "oa:suffix", literal(text[end : end + CONTEXT_CHARACTERS])),
        (position, "a", "oa:TextPositionSelector"),
        (position, "oa:start", integer(start)),
        (position, "oa:end", integer(end)),
    ]


def fact_triples(
    minter: Minter, article: Article, fact: str, kind: str, quote: Span, claim: str
) -> list[Triple]:
    """What every fact carries: its class, provenance and evidence (with the evidence itself)."""
    document = minter.document(article.doc_id)
    evidence = minter.evidence(article.doc_id, claim)
    subject = iri(fact)
    note = Annotation(evidence, quote, fact, "rd:evidencing", "rd:Evidence")
    return [
        (subject, "a", kind),
        (subject, "prov:wasDerivedFrom", iri(document)),
        (subject, "prov:wasGeneratedBy", iri(minter.curation(article.doc_id))),
        (subject, "rd:hasEvidence", iri(evidence)),
        (iri(evidence), "prov:wasGeneratedBy", iri(minter.curation(article.doc_id))),
        *annotation_triples(article.text, document, note),
    ]


def move_triples(
    minter: Minter, population: Population, article: Article, stated: StatedMove
) -> list[Triple]:
    """A move and the roles it leaves and takes up, each with its evidence."""
    facts = stated.facts
    person = population.persons[facts.person]
    source = population.organizations[facts.source]
    target = population.organizations[facts.target]
    move = minter.move(facts.claim)
    before = minter.role(f"{facts.claim}-before")
    after = minter.role(f"{facts.claim}-after")
    person_iri = iri(minter.entity("person", person.slug))
    triples = [
        *fact_triples(minter, article, move, "rd:Move", stated.move_quote, facts.claim),
        (iri(move), "rd:mover", person_iri),
        (iri(move), "rd:fromOrganization", iri(minter.entity("organization", source.slug))),
        (iri(move), "rd:toOrganization", iri(minter.entity("organization", target.slug))),
        (iri(move), "rd:roleBefore", iri(before)),
        (iri(move), "rd:roleAfter", iri(after)),
        (iri(move), "rd:status", f"rd:{facts.status}"),
        (iri(move), "rdfs:label", literal(f"{person.name} : {source.name} → {target.name}")),
    ]
    if facts.date is not None:
        triples.append(
            (
                iri(move),
                "rd:date",
                literal(facts.date.lexical, datatype=f"xsd:{facts.date.datatype}"),
            )
        )
    if facts.reason is not None:
        triples.append((iri(move), "rd:reason", literal(facts.reason, lang="fr")))
    for role, org, title, quote, ended in (
        (before, source, facts.title_before, stated.before_quote, facts.status == "completed"),
        (after, target, facts.title_after, stated.after_quote, False),
    ):
        triples += [
            *fact_triples(minter, article, role, "rd:Role", quote, iri_tail(role)),
            (iri(role), "rd:person", person_iri),
            (iri(role), "rd:organization", iri(minter.entity("organization", org.slug))),
            (iri(role), "rd:roleTitle", literal(title, lang="fr")),
            (iri(role), "rdfs:label", literal(f"{person.name} · {org.name}")),
        ]
        if ended:
            triples.append((iri(role), "rd:hasEnded", literal("true", datatype="xsd:boolean")))
    return triples


def iri_tail(value: str) -> str:
    """The last path segment of an IRI (a claim id)."""
    return value.rsplit("/", 1)[1]


def entity_triples(
    minter: Minter, article: Article, kind: str, entity: Entity, span: Span
) -> list[Triple]:
    """A named person or organisation: its class, names, and the mention of it in this article."""
    subject = iri(minter.entity(kind, entity.slug))
    document = minter.document(article.doc_id)
    mention = minter.mention(article.doc_id, entity.slug)
    note = Annotation(
        mention, span, minter.entity(kind, entity.slug), "oa:identifying", "rd:Mention"
    )
    return [
        (subject, "a", "rd:Person" if kind == "person" else "rd:Organization"),
        (subject, "schema:name", literal(entity.name)),
        (subject, "rdfs:label", literal(entity.name)),
        (subject, "rd:hasMention", iri(mention)),
        (iri(document), "rd:mentions", subject),
        *annotation_triples(article.text, document, note),
    ]


def metadata_triples(minter: Minter, article: Article) -> list[Triple]:
    """The article in the metadata graph: its description, its text, its curation."""
    document = iri(minter.document(article.doc_id))
    curation = iri(minter.curation(article.doc_id))
    sha256 = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    return [
        (document, "a", "rd:SourceDocument"),
        (document, "dct:identifier", literal(article.doc_id)),
        (document, "dct:title", literal(article.title)),
        (document, "dct:language", literal("fr")),
        (document, "dct:issued", literal(article.issued, datatype="xsd:date")),
        (document, "schema:text", literal(article.text)),
        (document, "rd:characterCount", integer(len(article.text))),
        (document, "rd:sha256", literal(sha256)),
        (document, "rdfs:label", literal(f"Document {article.doc_id}")),
        (curation, "a", "rd:CurationActivity"),
        (curation, "a", "prov:Activity"),
        (curation, "prov:used", document),
        (curation, "rdfs:label", literal(f"Curation of {article.doc_id}", lang="en")),
        (curation, "rdfs:label", literal(f"Curation de {article.doc_id}", lang="fr")),
    ]


def article_graphs(minter: Minter, population: Population, article: Article) -> ArticleGraphs:
    """Every triple the article adds, in its graph and in the metadata graph."""
    triples: list[Triple] = []
    for mention in article.mentions:
        entities = population.persons if mention.kind == "person" else population.organizations
        triples += entity_triples(
            minter, article, mention.kind, entities[mention.index], mention.span
        )
    for stated in article.moves:
        triples += move_triples(minter, population, article, stated)
    return ArticleGraphs(document=triples, metadata=metadata_triples(minter, article))
