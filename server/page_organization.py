"""An organisation's page: its totals and flows by aggregate queries, its long lists one page at a time.

What a page reads no longer grows with the organisation: each list is one query with LIMIT and OFFSET
(most recent first, undated last), its total a COUNT, the flow picture a GROUP BY over every move.
An organisation whose lists all fit on one page (most of them) is read as before after its totals,
in three queries: everything it has is at most a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from server.page_catalogue import document_date, document_info, document_link
from server.page_context import PageContext
from server.page_entities import (
    NOT_SHOWN,
    EntityPage,
    NamedIn,
    merge_flows,
    names_of,
    read_entity,
)
from server.page_facts import TENTATIVE_STATUSES, attach_sources, move_view, role_view
from server.page_graph import Description, describe_query, pick_label, safe_iri, select
from server.page_paging import PAGE_SIZE, Paging, check_in_range, page_count, window
from server.page_records import Flow, Link, MoveView, RoleView, Text


@dataclass(frozen=True)
class FactList:
    """One long list of an organisation's page: the facts that point at it by `relation`."""

    name: str
    relation: str
    klass: str
    date: str  # the date it is sorted by
    fallback: str = ""  # the date it is sorted by when it has no `date` (a role's start)


ORGANIZATION_LISTS: tuple[FactList, ...] = (
    FactList("joined", "rd:toOrganization", "rd:Move", "rd:date"),
    FactList("left", "rd:fromOrganization", "rd:Move", "rd:date"),
    FactList("roles", "rd:organization", "rd:Role", "rd:endDate", "rd:startDate"),
    FactList("reported", "rd:reportedBy", "rd:Move", "rd:date"),
)
NAMED_IN = "named_in"

TOTALS_QUERY = """
SELECT ?relation (COUNT(DISTINCT ?fact) AS ?facts) WHERE {{
  {{ VALUES (?relation ?klass) {{ {pairs} }} ?fact ?relation {iri} ; a ?klass . }}
  UNION
  {{ {iri} rd:hasMention ?mention . ?mention oa:hasTarget/oa:hasSource ?fact .
    BIND (rd:hasMention AS ?relation) }}
}}
GROUP BY ?relation
"""
# Dates are partial (xsd:gYear, gYearMonth, date, gMonthDay): their lexical forms sort the recent
# first when read backwards ("2024-08" before "2024" before "2023"), year-less ones ("--11-15") after
# them, undated ("") last; the IRI breaks ties, so pages never overlap.
LIST_QUERY = """
SELECT ?fact WHERE {{
  {{
    SELECT ?fact (MAX(STR(?when)) AS ?date) WHERE {{
      ?fact {relation} {iri} ; a {klass} .
      {dates}
    }}
    GROUP BY ?fact
  }}
  BIND (COALESCE(?date, "") AS ?order)
}}
ORDER BY DESC(?order) ?fact
LIMIT {limit} OFFSET {offset}
"""
NAMED_IN_QUERY = """
SELECT ?document (COUNT(DISTINCT ?mention) AS ?mentions) WHERE {{
  {iri} rd:hasMention ?mention . ?mention oa:hasTarget/oa:hasSource ?document .
}}
GROUP BY ?document
ORDER BY DESC(?mentions) ?document
LIMIT {limit} OFFSET {offset}
"""
FLOWS_QUERY = """
SELECT ?side ?end ?status (SUM(?people) AS ?total) (COUNT(?move) AS ?moves) WHERE {{
  {{ ?move rd:toOrganization {iri} ; a rd:Move . BIND ("in" AS ?side)
    OPTIONAL {{ ?move rd:fromOrganization ?end }} }}
  UNION
  {{ ?move rd:fromOrganization {iri} ; a rd:Move . BIND ("out" AS ?side)
    OPTIONAL {{ ?move rd:toOrganization ?end }} }}
  OPTIONAL {{ ?move rd:status ?status }}
  OPTIONAL {{ ?move rd:headcount ?headcount }}
  BIND (COALESCE(?headcount, 1) AS ?people)
}}
GROUP BY ?side ?end ?status
"""
DESCRIBE_QUERY = """
SELECT ?s ?p ?o ?label WHERE {{
  {values}
  ?s ?p ?o
  FILTER (?p NOT IN ({not_shown}))
  OPTIONAL {{ ?o rdfs:label ?label }}
}}
"""
LABELS_QUERY = "SELECT ?s ?label WHERE {{ {values} ?s rdfs:label ?label }}"


def values_of(variable: str, iris: list[str]) -> str:
    """A VALUES block that keeps the order of `iris` (only safe IRIs are written)."""
    written = [safe for iri in iris if (safe := safe_iri(iri)) is not None]
    return f"VALUES ?{variable} {{ {' '.join(written)} }}"


def read_totals(ctx: PageContext, written: str) -> dict[str, int]:
    """How many facts of each list point at the organisation (every page, not this one)."""
    pairs = " ".join(f"({spec.relation} {spec.klass})" for spec in ORGANIZATION_LISTS)
    by_relation = {
        ctx.vocabulary.compact(row["relation"].value): row["facts"].as_int
        for row in select(ctx.store, TOTALS_QUERY.format(pairs=pairs, iri=written))
        if "relation" in row
    }
    totals = {spec.name: by_relation.get(spec.relation, 0) for spec in ORGANIZATION_LISTS}
    totals[NAMED_IN] = by_relation.get("rd:hasMention", 0)
    return totals


def date_pattern(spec: FactList) -> str:
    """The pattern that binds ?when to the date a fact of the list is sorted by."""
    if not spec.fallback:
        return f"OPTIONAL {{ ?fact {spec.date} ?when }}"
    return (
        f"OPTIONAL {{ ?fact {spec.date} ?first }} OPTIONAL {{ ?fact {spec.fallback} ?second }} "
        "BIND (COALESCE(?first, ?second) AS ?when)"
    )


def read_list(ctx: PageContext, written: str, spec: FactList, number: int) -> list[str]:
    """The IRIs of one page of a list, in the page's order."""
    query = LIST_QUERY.format(
        relation=spec.relation,
        iri=written,
        klass=spec.klass,
        dates=date_pattern(spec),
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )
    return [row["fact"].value for row in select(ctx.store, query)]


def read_named_in(ctx: PageContext, written: str, number: int) -> list[NamedIn]:
    """One page of the documents that name the organisation, those naming it most first."""
    query = NAMED_IN_QUERY.format(iri=written, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    named = []
    for row in select(ctx.store, query):
        info = document_info(ctx, row["document"].value)
        link, date = document_link(ctx, info), document_date(ctx, info)[0]
        named.append(NamedIn(link, date, row["mentions"].as_int))
    return named


def read_end_labels(ctx: PageContext, ends: set[str]) -> dict[str, Link]:
    """The link of each organisation at the other end of a flow, with its label in the page's language."""
    if not ends:
        return {}
    labels: dict[str, list[tuple[str, str | None]]] = {end: [] for end in ends}
    for row in select(ctx.store, LABELS_QUERY.format(values=values_of("s", sorted(ends)))):
        labels[row["s"].value].append((row["label"].value, row["label"].lang))
    links = {}
    for end, found in labels.items():
        label, lang = pick_label(found, ctx.lang) or (end.rsplit("/", 1)[-1], None)
        links[end] = Link(label, ctx.links.page(end), lang)
    return links


def read_flows(ctx: PageContext, written: str, me: Link) -> tuple[list[Flow], list[Flow]]:
    """Where everyone who joined came from, and where everyone who left went: every move counted."""
    rows = list(select(ctx.store, FLOWS_QUERY.format(iri=written)))
    ends = read_end_labels(ctx, {row["end"].value for row in rows if "end" in row})
    inflows, outflows = [], []
    for row in rows:
        end = ends[row["end"].value] if "end" in row else None
        status = ctx.vocabulary.compact(row["status"].value) if "status" in row else ""
        tentative = status in TENTATIVE_STATUSES
        people, moves = row["total"].as_int, row["moves"].as_int
        if row["side"].value == "in":
            inflows.append((end, me, people, moves, tentative))
        else:
            outflows.append((me, end, people, moves, tentative))
    return merge_flows(inflows), merge_flows(outflows)


def describe_shown(ctx: PageContext, subjects: list[str]) -> dict[str, Description]:
    """What the page shows of each subject (the organisation, or the facts of its lists), in one query."""
    if not subjects:
        return {}
    query = DESCRIBE_QUERY.format(
        values=values_of("s", list(dict.fromkeys(subjects))), not_shown=", ".join(NOT_SHOWN)
    )
    return describe_query(ctx.store, query, ctx.vocabulary)


def read_organization(ctx: PageContext, iri: str, number: int) -> EntityPage | None:
    """Page `number` of an organisation's page, or None when the graph holds no such organisation;
    a number past its last page is a 404."""
    written = safe_iri(iri)
    if written is None:
        return None
    totals = read_totals(ctx, written)
    pages = page_count(list(totals.values()))
    if pages == 1:
        page = read_entity(ctx, "organization", iri)
        if page is not None:
            check_in_range(number, pages, page.name)
            sort_recent_first(page)
            me = Link(page.name, ctx.links.page(iri))
            page.inflows = merge_flows(
                (m.origin, me, m.people, 1, m.tentative) for m in page.joined
            )
            page.outflows = merge_flows(
                (me, m.destination, m.people, 1, m.tentative) for m in page.left
            )
    else:
        page = read_paged(ctx, iri, written, number, pages)
    if page is not None:
        page.windows = {key: window(total, number) for key, total in totals.items()}
        page.paging = paging_of(ctx, iri, number, pages)
    return page


def read_paged(
    ctx: PageContext, iri: str, written: str, number: int, pages: int
) -> EntityPage | None:
    """One page of an organisation too big for one: its lists' slices, its flows by aggregates."""
    entity = describe_shown(ctx, [iri]).get(iri)
    if entity is None or not entity.has_type(ctx.vocabulary.expand("rd:Organization")):
        return None
    name, others = names_of(entity, ctx.lang)
    check_in_range(number, pages, name)
    lists = {spec.name: read_list(ctx, written, spec, number) for spec in ORGANIZATION_LISTS}
    described = describe_shown(ctx, [fact for facts in lists.values() for fact in facts])
    page = EntityPage(
        iri=iri,
        kind="organization",
        name=name,
        other_names=others,
        descriptions=[Text(t.value, t.lang) for t in entity.texts("schema:description")],
        description_sources=[],
    )
    views = lay_out_lists(ctx, page, lists, described)
    sources = attach_sources(ctx, views, extra=[iri])
    page.description_sources = sources.get(iri, [])
    page.named_in = read_named_in(ctx, written, number)
    me = Link(name, ctx.links.page(iri))
    page.inflows, page.outflows = read_flows(ctx, written, me)
    return page


def sort_recent_first(page: EntityPage) -> None:
    """The lists of a one-page organisation in the order of the paged ones (LIST_QUERY's order)."""
    for moves in (page.joined, page.left, page.reported):
        moves.sort(key=lambda move: move.iri)
        moves.sort(key=lambda move: move.date.lexical if move.date else "", reverse=True)
    page.roles.sort(key=lambda role: role.iri)
    page.roles.sort(key=role_date, reverse=True)


def role_date(role: RoleView) -> str:
    """The lexical form of a role's end, else of its start ("" when undated): how its list is sorted."""
    date = role.end or role.start
    return date.lexical if date else ""


def lay_out_lists(
    ctx: PageContext,
    page: EntityPage,
    lists: dict[str, list[str]],
    described: dict[str, Description],
) -> list[RoleView | MoveView]:
    """Views of the facts of each list, in the lists' order; every view made once."""
    moves: dict[str, MoveView] = {}
    roles: dict[str, RoleView] = {}
    for spec in ORGANIZATION_LISTS:
        for fact in lists[spec.name]:
            description = described.get(fact)
            if description is None:
                continue
            if spec.klass == "rd:Role":
                role = roles.get(fact) or roles.setdefault(fact, role_view(ctx, description))
                page.roles.append(role)
            else:
                move = moves.get(fact) or moves.setdefault(fact, move_view(ctx, description))
                getattr(page, spec.name).append(move)
    return [*roles.values(), *moves.values()]


def paging_of(ctx: PageContext, iri: str, number: int, pages: int) -> Paging:
    return Paging(
        number=number,
        pages=pages,
        canonical=ctx.links.numbered_page(iri, number),
        previous=ctx.links.numbered_page(iri, number - 1) if number > 1 else "",
        next=ctx.links.numbered_page(iri, number + 1) if number < pages else "",
        first=ctx.links.numbered_page(iri, 1),
    )
