"""Roles, moves and their sources, read from the store and shaped for pages (property choices as data)."""

from __future__ import annotations

from collections.abc import Iterable

from server.page_catalogue import DocumentInfo, document_date, document_info, document_link
from server.page_context import PageContext
from server.page_dates import PartialDate, format_date, parse_partial_date
from server.page_graph import Description, Term, select, values_clause
from server.page_records import Detail, Link, MoveView, RoleView, Shown, Source, Text

# Which properties each view lists as detail rows, in this order (labels come from the ontology).
ROLE_CARD_DETAILS: tuple[str, ...] = ("rd:roleDescription", "rd:reportsTo", "rd:hasEnded")
ROLE_PAGE_DETAILS: tuple[str, ...] = (
    "rd:person",
    "rd:organization",
    "rd:roleTitle",
    "rd:roleDescription",
    "rd:startDate",
    "rd:endDate",
    "rd:hasEnded",
    "rd:reportsTo",
)
MOVE_CARD_DETAILS: tuple[str, ...] = (
    "rd:timeframe",
    "rd:reason",
    "rd:reportedBy",
    "rd:announcedVia",
    "rd:roleBefore",
    "rd:roleAfter",
)
MOVE_PAGE_DETAILS: tuple[str, ...] = (
    "rd:mover",
    "rd:headcount",
    "rd:groupDescription",
    "rd:fromOrganization",
    "rd:toOrganization",
    "rd:date",
    "rd:status",
    *MOVE_CARD_DETAILS,
)
TENTATIVE_STATUSES: frozenset[str] = frozenset({"rd:expected", "rd:rumoured"})

EVIDENCE_QUERY = """
SELECT ?fact ?evidence ?document ?exact ?start ?end WHERE {{
  {values}
  ?fact rd:hasEvidence ?evidence .
  ?evidence oa:hasTarget ?target .
  ?target oa:hasSource ?document .
  ?target oa:hasSelector ?quote . ?quote oa:exact ?exact .
  ?target oa:hasSelector ?position . ?position oa:start ?start ; oa:end ?end .
}}
"""


def read_sources(ctx: PageContext, facts: Iterable[str]) -> dict[str, list[Source]]:
    """The quotes that state each fact, in one query: fact IRI → its sources, by article then place."""
    facts = list(facts)
    found: dict[str, dict[str, Source]] = {}
    if not facts:
        return {}
    cited: dict[str, tuple[DocumentInfo, Link, str, bool]] = {}  # a document cites many facts
    for row in select(ctx.store, EVIDENCE_QUERY.format(values=values_clause("fact", facts))):
        fact, evidence = row["fact"].value, row["evidence"].value
        if evidence in found.setdefault(fact, {}):
            continue
        document = row["document"].value
        if document not in cited:
            info = document_info(ctx, document)
            cited[document] = (info, document_link(ctx, info), *document_date(ctx, info))
        info, link, date, dated = cited[document]
        found[fact][evidence] = Source(
            evidence=evidence,
            href=ctx.links.quote(evidence, info.iri),
            document=link,
            date=date,
            dated=dated,
            quote=Text(row["exact"].value, info.language),
            start=row["start"].as_int,
            end=row["end"].as_int,
        )
    return {
        fact: sorted(sources.values(), key=lambda s: (s.document.label, s.start, s.evidence))
        for fact, sources in found.items()
    }


def show(ctx: PageContext, term: Term) -> Shown:
    """One value as a page shows it: an entity as a link, a status by its label, a date in words."""
    if term.is_iri:
        curie = ctx.vocabulary.compact(term.value)
        if curie in ctx.vocabulary.labels:
            return Shown(ctx.label(curie))
        label, lang = term.label(ctx.lang)
        return Shown(label, href=ctx.links.page(term.value), lang=lang)
    date = parse_partial_date(term.value, term.datatype or "")
    if date is not None:
        return Shown(format_date(date, ctx.lang), datetime=date.machine)
    flag = term.as_bool
    if flag is not None:
        return Shown(ctx.t("value.yes" if flag else "value.no"))
    return Shown(term.value, lang=term.lang)


def details(ctx: PageContext, description: Description, fields: Iterable[str]) -> list[Detail]:
    """The detail rows of the given properties that the description has."""
    rows = []
    for curie in fields:
        values = description.all(curie)
        if values:
            label = ctx.label(curie)
            rows.append(Detail(label[:1].upper() + label[1:], [show(ctx, v) for v in values]))
    return rows


def entity_link(ctx: PageContext, term: Term | None) -> Link | None:
    if term is None or not term.is_iri:
        return None
    label, lang = term.label(ctx.lang)
    return Link(label, ctx.links.page(term.value), lang)


def first_text(description: Description, curie: str, lang: str) -> Text | None:
    """The value of a text property, preferring the page's language."""
    texts = sorted(description.texts(curie), key=lambda t: (t.lang != lang, t.value))
    return Text(texts[0].value, texts[0].lang) if texts else None


def first_date(description: Description, curie: str) -> PartialDate | None:
    for term in description.texts(curie):
        date = parse_partial_date(term.value, term.datatype or "")
        if date is not None:
            return date
    return None


def role_period(ctx: PageContext, start: PartialDate | None, end: PartialDate | None) -> str:
    """ "from 2018", "until 2020", "2018 – 2020", or "" when the sources date neither end."""
    if start and end:
        return f"{format_date(start, ctx.lang)} – {format_date(end, ctx.lang)}"
    if start:
        return ctx.t("role.from", date=format_date(start, ctx.lang))
    if end:
        return ctx.t("role.until", date=format_date(end, ctx.lang))
    return ""


def role_view(
    ctx: PageContext, role: Description, fields: tuple[str, ...] = ROLE_CARD_DETAILS
) -> RoleView:
    title = first_text(role, "rd:roleTitle", ctx.lang)
    description = first_text(role, "rd:roleDescription", ctx.lang)
    shown = tuple(f for f in fields if not (f == "rd:roleDescription" and title is None))
    start, end = first_date(role, "rd:startDate"), first_date(role, "rd:endDate")
    return RoleView(
        iri=role.iri,
        href=ctx.links.page(role.iri),
        person=entity_link(ctx, role.first("rd:person")),
        organization=entity_link(ctx, role.first("rd:organization")),
        title=title,
        description=description,
        start=start,
        end=end,
        period=role_period(ctx, start, end),
        details=details(ctx, role, shown),
    )


def move_view(
    ctx: PageContext, move: Description, fields: tuple[str, ...] = MOVE_CARD_DETAILS
) -> MoveView:
    date = first_date(move, "rd:date")
    status = move.first("rd:status")
    status_curie = ctx.vocabulary.compact(status.value) if status else ""
    headcount = move.first("rd:headcount")
    return MoveView(
        iri=move.iri,
        href=ctx.links.page(move.iri),
        who=entity_link(ctx, move.first("rd:mover")) or group_text(ctx, move),
        origin=entity_link(ctx, move.first("rd:fromOrganization")),
        destination=entity_link(ctx, move.first("rd:toOrganization")),
        unknown=ctx.t("unknown.org"),
        date=date,
        date_text=format_date(date, ctx.lang) if date else "",
        status=ctx.label(status_curie) if status_curie else "",
        tentative=status_curie in TENTATIVE_STATUSES,
        people=headcount.as_int if headcount else 1,
        details=details(ctx, move, fields),
    )


def group_text(ctx: PageContext, move: Description) -> Text:
    """An unnamed group: "3 people (trois hauts dirigeants)"."""
    headcount = move.first("rd:headcount")
    count = headcount.value if headcount else "?"
    group = first_text(move, "rd:groupDescription", ctx.lang)
    if group is None:
        return Text(ctx.t("group.unnamed", n=count))
    return Text(ctx.t("group.people", n=count, description=group.value))


def attach_sources(
    ctx: PageContext, views: Iterable[RoleView | MoveView], extra: Iterable[str] = ()
) -> dict[str, list[Source]]:
    """Read the sources of every view (and of `extra` facts) at once, and attach them to the views."""
    views = list(views)
    sources = read_sources(ctx, [view.iri for view in views] + list(extra))
    for view in views:
        view.sources = sources.get(view.iri, [])
    return sources
