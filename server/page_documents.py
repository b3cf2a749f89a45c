"""What the document page shows (its text with every quote and name marked, the facts it states),
and the page of one annotation (a quote or a name in its context)."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from server.page_catalogue import document_date, document_info, document_link
from server.page_context import PageContext
from server.page_graph import Description, Term, describe, safe_iri, select
from server.page_links import anchor_of
from server.page_records import Link, Text
from server.page_text import EVIDENCE, MENTION, Highlight, highlight

# The kinds of facts a quote may state, by the class of the annotation's body.
FACT_CLASSES: tuple[str, ...] = ("rd:Role", "rd:Move", "rd:Person", "rd:Organization")
DESCRIBED_CLASSES: frozenset[str] = frozenset({"rd:Person", "rd:Organization"})

ANNOTATIONS_QUERY = """
SELECT ?annotation ?class ?body ?bodyClass ?bodyLabel ?start ?end WHERE {{
  ?target oa:hasSource {document} ; oa:hasSelector ?position .
  ?position oa:start ?start ; oa:end ?end .
  ?annotation oa:hasTarget ?target ; oa:hasBody ?body ; a ?class .
  FILTER (?class IN (rd:Evidence, rd:Mention))
  OPTIONAL {{ ?body a ?bodyClass . FILTER (?bodyClass IN ({fact_classes})) }}
  OPTIONAL {{ ?body rdfs:label ?bodyLabel }}
}}
"""
ANNOTATION_QUERY = """
SELECT ?class ?body ?bodyLabel ?document ?exact ?prefix ?suffix ?start ?end WHERE {{
  {annotation} a ?class ; oa:hasBody ?body ; oa:hasTarget ?target .
  FILTER (?class = {klass})
  ?target oa:hasSource ?document ; oa:hasSelector ?quote, ?position .
  ?quote oa:exact ?exact .
  OPTIONAL {{ ?quote oa:prefix ?prefix }}
  OPTIONAL {{ ?quote oa:suffix ?suffix }}
  ?position oa:start ?start ; oa:end ?end .
  OPTIONAL {{ ?body rdfs:label ?bodyLabel }}
}}
"""


@dataclass(frozen=True)
class Annotation:
    """An evidence or mention of a document, as read from the store."""

    iri: str
    kind: str
    body: str
    body_class: str
    body_labels: tuple[tuple[str, str | None], ...]
    start: int
    end: int


@dataclass
class QuoteRef:
    """One quote of a fact, by its place in the page."""

    href: str
    text: str
    start: int
    end: int


@dataclass
class StatedFact:
    """A fact the document states, numbered as the markers in the text are."""

    number: int
    link: Link
    kind_label: str
    quotes: list[QuoteRef] = field(default_factory=list)


@dataclass(frozen=True)
class Named:
    link: Link
    mentions: int


@dataclass
class DocumentPage:
    iri: str
    title: Text
    identifier: str
    language: str
    publisher: str
    date: str
    dated: bool
    issued: str
    url: str
    sha256: str
    characters: int
    text: Markup
    text_lang: str | None
    facts: list[StatedFact]
    named: list[Named]
    evidence_count: int


@dataclass
class AnnotationPage:
    """A quote (evidence) or a name (mention) in its context."""

    iri: str
    kind: str
    class_label: str
    body: Link
    body_label: str
    document: Link
    date: str
    quote: str
    prefix: str
    suffix: str
    lang: str | None
    start: int
    end: int
    href: str


def read_annotations(ctx: PageContext, document: str) -> list[Annotation]:
    written = safe_iri(document)
    if written is None:
        return []
    classes = ", ".join(FACT_CLASSES)
    found: dict[str, Annotation] = {}
    query = ANNOTATIONS_QUERY.format(document=written, fact_classes=classes)
    for row in select(ctx.store, query):
        iri = row["annotation"].value
        kind = EVIDENCE if ctx.vocabulary.compact(row["class"].value) == "rd:Evidence" else MENTION
        body_class = ctx.vocabulary.compact(row["bodyClass"].value) if "bodyClass" in row else ""
        label = row.get("bodyLabel")
        before = found.get(iri)
        labels = before.body_labels if before else ()
        if label is not None and (label.value, label.lang) not in labels:
            labels = (*labels, (label.value, label.lang))
        found[iri] = Annotation(
            iri,
            kind,
            row["body"].value,
            body_class or (before.body_class if before else ""),
            labels,
            row["start"].as_int,
            row["end"].as_int,
        )
    return sorted(found.values(), key=lambda a: (a.start, -a.end, a.iri))


def fact_label(ctx: PageContext, annotation: Annotation) -> str:
    """A fact by its label; a description by the name of what it describes."""
    label = Term(annotation.body, True, labels=annotation.body_labels).label(ctx.lang)[0]
    if annotation.body_class in DESCRIBED_CLASSES:
        return ctx.t("doc.description_of", name=label)
    return label


def state_facts(
    ctx: PageContext, annotations: list[Annotation], text: str
) -> tuple[list[StatedFact], dict[str, StatedFact]]:
    """Number the facts in the order their first quote appears; attach every quote to its fact."""
    facts: dict[str, StatedFact] = {}
    by_evidence: dict[str, StatedFact] = {}
    for annotation in annotations:
        if annotation.kind != EVIDENCE:
            continue
        fact = facts.get(annotation.body)
        if fact is None:
            kind_label = ctx.label(annotation.body_class) if annotation.body_class else ""
            if annotation.body_class in DESCRIBED_CLASSES:
                kind_label = ctx.t("fact.description")
            link = Link(fact_label(ctx, annotation), ctx.links.page(annotation.body))
            fact = facts[annotation.body] = StatedFact(len(facts) + 1, link, kind_label)
        fact.quotes.append(
            QuoteRef(
                "#" + anchor_of(annotation.iri, EVIDENCE),
                text[annotation.start : annotation.end],
                annotation.start,
                annotation.end,
            )
        )
        by_evidence[annotation.iri] = fact
    return list(facts.values()), by_evidence


def highlights(
    ctx: PageContext, annotations: list[Annotation], by_evidence: dict[str, StatedFact]
) -> list[Highlight]:
    spans = []
    for annotation in annotations:
        if annotation.kind == EVIDENCE:
            fact = by_evidence[annotation.iri]
            spans.append(
                Highlight(
                    annotation.start,
                    annotation.end,
                    EVIDENCE,
                    anchor_of(annotation.iri, EVIDENCE),
                    fact.link.href,
                    fact.link.label,
                    fact.number,
                )
            )
        else:
            name = Term(annotation.body, True, labels=annotation.body_labels).label(ctx.lang)[0]
            spans.append(
                Highlight(
                    annotation.start,
                    annotation.end,
                    MENTION,
                    anchor_of(annotation.iri, MENTION),
                    ctx.links.page(annotation.body),
                    name,
                )
            )
    return spans


def named_entities(ctx: PageContext, annotations: list[Annotation]) -> list[Named]:
    counts: dict[str, tuple[Link, int]] = {}
    for annotation in annotations:
        if annotation.kind != MENTION:
            continue
        label, lang = Term(annotation.body, True, labels=annotation.body_labels).label(ctx.lang)
        link, count = counts.get(
            annotation.body, (Link(label, ctx.links.page(annotation.body), lang), 0)
        )
        counts[annotation.body] = (link, count + 1)
    named = [Named(link, count) for link, count in counts.values()]
    return sorted(named, key=lambda n: (-n.mentions, n.link.label))


def read_document(ctx: PageContext, iri: str) -> DocumentPage | None:
    """The document page, or None when the graph holds no such document."""
    described = describe(ctx.store, ctx.vocabulary, [iri]).get(iri)
    if described is None or not described.has_type(ctx.vocabulary.expand("rd:SourceDocument")):
        return None
    text_term = described.first("schema:text")
    text = text_term.value if text_term else ""
    annotations = read_annotations(ctx, iri)
    facts, by_evidence = state_facts(ctx, annotations, text)
    date, dated = document_date(ctx, document_info(ctx, iri))
    title = described.first("dct:title")
    identifier = first_value(described, "dct:identifier") or iri.rsplit("/", 1)[-1]
    characters = described.first("rd:characterCount")
    return DocumentPage(
        iri=iri,
        title=Text(title.value, title.lang) if title else Text(identifier),
        identifier=identifier,
        language=first_value(described, "dct:language"),
        publisher=publisher_of(ctx, described),
        date=date,
        dated=dated,
        issued=first_value(described, "dct:issued"),
        url=first_value(described, "schema:url"),
        sha256=first_value(described, "rd:sha256"),
        characters=characters.as_int if characters else len(text),
        text=highlight(text, highlights(ctx, annotations, by_evidence)),
        text_lang=text_term.lang if text_term else None,
        facts=facts,
        named=named_entities(ctx, annotations),
        evidence_count=sum(1 for a in annotations if a.kind == EVIDENCE),
    )


def first_value(described: Description, curie: str) -> str:
    term = described.first(curie)
    return term.value if term else ""


def publisher_of(ctx: PageContext, described: Description) -> str:
    term = described.first("dct:publisher")
    if term is None:
        return ""
    return term.label(ctx.lang)[0] if term.is_iri else term.value


def read_annotation(ctx: PageContext, kind: str, iri: str) -> AnnotationPage | None:
    """The page of an evidence or mention, or None when the graph holds no such annotation."""
    written = safe_iri(iri)
    if written is None:
        return None
    klass = "rd:Evidence" if kind == "evidence" else "rd:Mention"
    rows = list(select(ctx.store, ANNOTATION_QUERY.format(annotation=written, klass=klass)))
    if not rows:
        return None
    row = rows[0]
    labels = tuple((r["bodyLabel"].value, r["bodyLabel"].lang) for r in rows if "bodyLabel" in r)
    body = row["body"].value
    body_label, body_lang = Term(body, True, labels=labels).label(ctx.lang)
    info = document_info(ctx, row["document"].value)
    prefix, suffix = row.get("prefix"), row.get("suffix")
    is_evidence = kind == "evidence"
    return AnnotationPage(
        iri=iri,
        kind=kind,
        class_label=ctx.label(klass),
        body=Link(body_label, ctx.links.page(body), body_lang),
        body_label=ctx.t("annotation.supports" if is_evidence else "annotation.names"),
        document=document_link(ctx, info),
        date=document_date(ctx, info)[0],
        quote=row["exact"].value,
        prefix=prefix.value if prefix else "",
        suffix=suffix.value if suffix else "",
        lang=info.language,
        start=row["start"].as_int,
        end=row["end"].as_int,
        href=(ctx.links.quote if is_evidence else ctx.links.mention)(iri, info.iri),
    )
