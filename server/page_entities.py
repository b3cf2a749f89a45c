"""What the person and organisation pages show, read in a handful of queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from server.page_catalogue import document_date, document_info, document_link
from server.page_context import PageContext
from server.page_facts import attach_sources, move_view, role_view
from server.page_graph import Description, describe_query, safe_iri, select
from server.page_paging import Paging, Window
from server.page_records import Flow, Link, MoveView, RoleView, Source, Text

# How facts relate to the entity a page is about, by the property that points at it.
PERSON_RELATIONS: tuple[str, ...] = ("rd:person", "rd:mover", "rd:reportsTo", "rd:reportedBy")
ORGANIZATION_RELATIONS: tuple[str, ...] = (
    "rd:organization",
    "rd:fromOrganization",
    "rd:toOrganization",
    "rd:reportedBy",
)

# A flow before adding up: origin, destination, people, moves, tentative.
FlowPart = tuple[Link | None, Link | None, int, int, bool]

# What the pages never read from a description: the quotes are read by fact, the names by entity.
NOT_SHOWN: tuple[str, ...] = (
    "rd:hasEvidence",
    "rd:hasMention",
    "prov:wasDerivedFrom",
    "prov:wasGeneratedBy",
)
NEIGHBOURHOOD_QUERY = """
SELECT ?s ?p ?o ?label WHERE {{
  {{ BIND({iri} AS ?s) }} {unions}
  ?s ?p ?o
  FILTER (?p NOT IN ({not_shown}))
  OPTIONAL {{ ?o rdfs:label ?label }}
}}
"""
NAMED_IN_QUERY = """
SELECT ?document (COUNT(DISTINCT ?mention) AS ?mentions) WHERE {{
  {iri} rd:hasMention ?mention .
  ?mention oa:hasTarget/oa:hasSource ?document .
}}
GROUP BY ?document
"""


@dataclass(frozen=True)
class NamedIn:
    """A document that names the entity, and how often."""

    document: Link
    date: str
    mentions: int


@dataclass
class EntityPage:
    """A person or an organisation, its facts and their sources."""

    iri: str
    kind: str
    name: str
    other_names: list[str]
    descriptions: list[Text]
    description_sources: list[Source]
    roles: list[RoleView] = field(default_factory=list)
    moves: list[MoveView] = field(default_factory=list)
    joined: list[MoveView] = field(default_factory=list)
    left: list[MoveView] = field(default_factory=list)
    leads: list[RoleView] = field(default_factory=list)
    reported: list[MoveView] = field(default_factory=list)
    named_in: list[NamedIn] = field(default_factory=list)
    # An organisation's page is one of several: each list's part of its whole, the pager, the flows.
    windows: dict[str, Window] = field(default_factory=dict)
    paging: Paging | None = None
    inflows: list[Flow] = field(default_factory=list)
    outflows: list[Flow] = field(default_factory=list)


def merge_flows(parts: Iterable[FlowPart]) -> list[Flow]:
    """Add up the people and moves of flows with the same ends and the same certainty."""
    totals: dict[tuple[str, str, bool], Flow] = {}
    for origin, destination, people, moves, tentative in parts:
        key = (origin.href if origin else "", destination.href if destination else "", tentative)
        before = totals.get(key)
        if before is not None:
            people, moves = people + before.people, moves + before.moves
        totals[key] = Flow(origin, destination, people, moves, tentative)
    return sorted(totals.values(), key=lambda f: (-f.people, f.tentative, flow_names(f)))


def flow_names(flow: Flow) -> tuple[str, str]:
    return (
        flow.origin.label if flow.origin else "",
        flow.destination.label if flow.destination else "",
    )


def read_neighbourhood(
    ctx: PageContext, iri: str, relations: tuple[str, ...]
) -> dict[str, Description] | None:
    """The entity and every fact that points at it by one of `relations`, described in one query."""
    written = safe_iri(iri)
    if written is None:
        return None
    unions = " ".join(f"UNION {{ ?s {relation} {written} }}" for relation in relations)
    query = NEIGHBOURHOOD_QUERY.format(iri=written, unions=unions, not_shown=", ".join(NOT_SHOWN))
    return describe_query(ctx.store, query, ctx.vocabulary)


def read_named_in(ctx: PageContext, iri: str) -> list[NamedIn]:
    written = safe_iri(iri)
    if written is None:
        return []
    named = []
    for row in select(ctx.store, NAMED_IN_QUERY.format(iri=written)):
        info = document_info(ctx, row["document"].value)
        link, date = document_link(ctx, info), document_date(ctx, info)[0]
        named.append(NamedIn(link, date, row["mentions"].as_int))
    return sorted(named, key=lambda n: (-n.mentions, n.document.label))


def names_of(entity: Description, lang: str) -> tuple[str, list[str]]:
    """The entity's name and its other names (name variants), without repeats."""
    names = [t.value for t in entity.texts("schema:name")]
    labels = [t.value for t in entity.texts("rdfs:label")]
    variants = [t.value for t in entity.texts("skos:altLabel")]
    name = names[0] if names else (labels[0] if labels else entity.iri.rsplit("/", 1)[-1])
    others = sorted({*names, *variants} - {name})
    return name, others


def read_entity(ctx: PageContext, kind: str, iri: str) -> EntityPage | None:
    """The page of a person or organisation, or None when the graph holds no such entity."""
    class_curie = "rd:Person" if kind == "person" else "rd:Organization"
    relations = PERSON_RELATIONS if kind == "person" else ORGANIZATION_RELATIONS
    described = read_neighbourhood(ctx, iri, relations)
    entity = described.get(iri) if described else None
    if (
        described is None
        or entity is None
        or not entity.has_type(ctx.vocabulary.expand(class_curie))
    ):
        return None
    name, others = names_of(entity, ctx.lang)
    page = EntityPage(
        iri=iri,
        kind=kind,
        name=name,
        other_names=others,
        descriptions=[Text(t.value, t.lang) for t in entity.texts("schema:description")],
        description_sources=[],
    )
    views = sort_facts(ctx, page, described)
    sources = attach_sources(ctx, views, extra=[iri])
    page.description_sources = sources.get(iri, [])
    page.named_in = read_named_in(ctx, iri)
    return page


def points_at(fact: Description, relation: str, iri: str) -> bool:
    return any(term.value == iri for term in fact.iris(relation))


def sort_facts(
    ctx: PageContext, page: EntityPage, described: dict[str, Description]
) -> list[RoleView | MoveView]:
    """Put each fact of the neighbourhood in the page's lists; return every view made."""
    role_class, move_class = ctx.vocabulary.expand("rd:Role"), ctx.vocabulary.expand("rd:Move")
    views: list[RoleView | MoveView] = []
    for fact in described.values():
        if fact.has_type(role_class):
            role = role_view(ctx, fact)
            views.append(role)
            if points_at(fact, "rd:person", page.iri) or points_at(
                fact, "rd:organization", page.iri
            ):
                page.roles.append(role)
            if points_at(fact, "rd:reportsTo", page.iri):
                page.leads.append(role)
        elif fact.has_type(move_class):
            move = move_view(ctx, fact)
            views.append(move)
            if points_at(fact, "rd:mover", page.iri):
                page.moves.append(move)
            if points_at(fact, "rd:toOrganization", page.iri):
                page.joined.append(move)
            if points_at(fact, "rd:fromOrganization", page.iri):
                page.left.append(move)
            if points_at(fact, "rd:reportedBy", page.iri):
                page.reported.append(move)
    for roles in (page.roles, page.leads):
        roles.sort(key=role_order)
    for moves in (page.moves, page.joined, page.left, page.reported):
        moves.sort(key=lambda m: m.sort_key)
    return views


def role_order(role: RoleView) -> tuple[tuple[int, int, int], str, str]:
    """Dated roles first, earliest first; then by organisation and title."""
    start = role.start or role.end
    key = start.sort_key() if start else (10**7, 0, 0)
    who = role.person.label if role.person else ""
    return (key, role.organization.label if role.organization else "", who + role.iri)
