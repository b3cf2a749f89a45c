"""An organisation's page: its totals, flows and list orders from the page index, its lists a page at a time.

What a page reads does not grow with the organisation: its totals, the order of each list and its
flows were counted once for the release (`server.organization_aggregates`, in the page index); a
page reads 50 facts of each list from the index and describes them. An organisation whose lists all
fit on one page (most of them) is read as before after its totals: everything it has is at most a page.
"""

from __future__ import annotations

from server.organization_aggregates import NAMED_IN, ORGANIZATION_LISTS, FactList
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
from server.page_index_build import open_page_index
from server.page_paging import PAGE_SIZE, Paging, check_in_range, page_count, window
from server.page_records import Flow, Link, MoveView, RoleView, Text

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


def read_totals(ctx: PageContext, iri: str) -> dict[str, int]:
    """How many facts of each list point at the organisation (every page, not this one)."""
    found = open_page_index(ctx).organization_totals(iri)
    return {name: found.get(name, 0) for name in [*(s.name for s in ORGANIZATION_LISTS), NAMED_IN]}


def read_list(ctx: PageContext, iri: str, spec: FactList, number: int) -> list[str]:
    """The IRIs of one page of a list, in the page's order."""
    return open_page_index(ctx).organization_list(
        iri, spec.name, (number - 1) * PAGE_SIZE, PAGE_SIZE
    )


def read_named_in(ctx: PageContext, iri: str, number: int) -> list[NamedIn]:
    """One page of the documents that name the organisation, those naming it most first."""
    named = []
    index = open_page_index(ctx)
    for document, mentions in index.organization_named_in(iri, (number - 1) * PAGE_SIZE, PAGE_SIZE):
        info = document_info(ctx, document)
        named.append(NamedIn(document_link(ctx, info), document_date(ctx, info)[0], mentions))
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


def read_flows(ctx: PageContext, iri: str, me: Link) -> tuple[list[Flow], list[Flow]]:
    """Where everyone who joined came from, and where everyone who left went: every move counted."""
    rows = open_page_index(ctx).organization_flows(iri)
    ends = read_end_labels(ctx, {row.end for row in rows if row.end})
    inflows, outflows = [], []
    for row in rows:
        end = ends[row.end] if row.end else None
        tentative = row.status in TENTATIVE_STATUSES
        if row.side == "in":
            inflows.append((end, me, row.people, row.moves, tentative))
        else:
            outflows.append((me, end, row.people, row.moves, tentative))
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
    if safe_iri(iri) is None:
        return None
    totals = read_totals(ctx, iri)
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
        page = read_paged(ctx, iri, number, pages)
    if page is not None:
        page.windows = {key: window(total, number) for key, total in totals.items()}
        page.paging = paging_of(ctx, iri, number, pages)
    return page


def read_paged(ctx: PageContext, iri: str, number: int, pages: int) -> EntityPage | None:
    """One page of an organisation too big for one: its lists' slices, its flows by aggregates."""
    entity = describe_shown(ctx, [iri]).get(iri)
    if entity is None or not entity.has_type(ctx.vocabulary.expand("rd:Organization")):
        return None
    name, others = names_of(entity, ctx.lang)
    check_in_range(number, pages, name)
    lists = {spec.name: read_list(ctx, iri, spec, number) for spec in ORGANIZATION_LISTS}
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
    page.named_in = read_named_in(ctx, iri, number)
    me = Link(name, ctx.links.page(iri))
    page.inflows, page.outflows = read_flows(ctx, iri, me)
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
