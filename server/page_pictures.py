"""The pictures of each page made from its records: a person's timeline, the flows of organisations."""

from __future__ import annotations

from collections.abc import Callable

from server.page_context import PageContext
from server.page_entities import EntityPage, merge_flows
from server.page_records import Flow, Link, MoveView, RoleView
from server.pictures import (
    FlowEdge,
    FlowEnd,
    FlowPicture,
    Span,
    Timeline,
    layout_flows,
    layout_timeline,
)

HOME_FLOW_LIMIT = 14
# An organisation's picture draws its largest flows each way; the smaller ones make one band per
# certainty ("37 other organisations"), so the picture stays readable and its size bounded.
ORGANIZATION_FLOW_LIMIT = 12
UNKNOWN_KEY = "?"


def role_span(ctx: PageContext, role: RoleView) -> Span:
    label = role.title or role.description
    org = role.organization.label if role.organization else ctx.t("unknown.org")
    detail = f"{org}, {role.period}" if role.period else org
    return Span(
        label=label.value if label else ctx.t("role.untitled"),
        lang=label.lang if label else None,
        detail=detail,
        href=role.href,
        kind="role",
        start=role.start,
        end=role.end,
    )


def move_label(ctx: PageContext, move: MoveView) -> str:
    """A move without its mover, as a person's timeline shows it: "OpenAI → ?"."""
    origin = move.origin.label if move.origin else ctx.t("unknown.short")
    destination = move.destination.label if move.destination else ctx.t("unknown.short")
    return f"{origin} → {destination}"


def move_span(ctx: PageContext, move: MoveView) -> Span:
    detail = ", ".join(part for part in (move.date_text, move.status) if part)
    return Span(move_label(ctx, move), None, detail, move.href, "move", move.date, None)


def person_timeline(ctx: PageContext, page: EntityPage) -> Timeline:
    """The person's roles as bars and moves as points along the years; undated ones listed apart."""
    spans = [role_span(ctx, role) for role in page.roles]
    spans += [move_span(ctx, move) for move in page.moves]
    return layout_timeline(spans)


def flow_end(ctx: PageContext, link: Link | None, column: int) -> FlowEnd:
    if link is None:
        return FlowEnd(column, UNKNOWN_KEY, ctx.t("unknown.org"), None)
    return FlowEnd(column, link.href or link.label, link.label, link.href or None)


def flow_title(ctx: PageContext, flow: Flow) -> str:
    origin = flow.origin.label if flow.origin else ctx.t("unknown.org")
    destination = flow.destination.label if flow.destination else ctx.t("unknown.org")
    status = ctx.t("flows.legend.tentative" if flow.tentative else "flows.legend.firm")
    counts = f"{ctx.t('flows.people', n=flow.people)}, {ctx.t('flows.moves', n=flow.moves)}"
    return f"{origin} → {destination}: {counts} ({status})"


def home_flows(ctx: PageContext, flows: list[Flow]) -> tuple[FlowPicture | None, int]:
    """Origins on the left, destinations on the right; the largest flows only, and how many are left."""
    shown = [f for f in flows if f.origin or f.destination][:HOME_FLOW_LIMIT]
    if not shown:
        return None, 0
    edges = [
        FlowEdge(
            flow_end(ctx, f.origin, 0),
            flow_end(ctx, f.destination, 1),
            f.people,
            flow_title(ctx, f),
            f.tentative,
        )
        for f in shown
    ]
    headings = (ctx.t("flows.from"), ctx.t("flows.to"))
    return layout_flows(edges, 2, headings), len(flows) - len(shown)


def group_smaller(
    flows: list[Flow], incoming: bool, name_others: Callable[[int], str]
) -> list[Flow]:
    """The `ORGANIZATION_FLOW_LIMIT` largest of `flows` (sorted largest first), then the others added
    up into one flow per certainty whose far end (the origin of an inflow, the destination of an
    outflow) is `name_others(n)` ("n other organisations"); those whose far end is unknown stay."""
    if len(flows) <= ORGANIZATION_FLOW_LIMIT:
        return flows
    kept, smaller = flows[:ORGANIZATION_FLOW_LIMIT], flows[ORGANIZATION_FLOW_LIMIT:]
    known: list[Flow] = []
    unknown: list[Flow] = []
    for flow in smaller:
        (known if (flow.origin if incoming else flow.destination) else unknown).append(flow)
    far_ends = {(f.origin if incoming else f.destination) for f in known}
    others = Link(name_others(len(far_ends)), "")
    grouped = merge_flows(
        (
            others if incoming else f.origin,
            f.destination if incoming else others,
            f.people,
            f.moves,
            f.tentative,
        )
        for f in known
    )
    return kept + unknown + grouped


def organization_flows(ctx: PageContext, page: EntityPage) -> FlowPicture | None:
    """Where the people who joined came from (left), and where those who left went (right): every
    move of the organisation, not only those of the page (`page.inflows`, `page.outflows`)."""
    me = Link(page.name, ctx.links.page(page.iri))

    def name_others(n: int) -> str:
        return ctx.t("flows.others", n=n)

    inflows = group_smaller(page.inflows, True, name_others)
    outflows = group_smaller(page.outflows, False, name_others)
    edges = [
        FlowEdge(
            flow_end(ctx, f.origin, 0),
            flow_end(ctx, me, 1),
            f.people,
            flow_title(ctx, f),
            f.tentative,
        )
        for f in inflows
    ]
    edges += [
        FlowEdge(
            flow_end(ctx, me, 1),
            flow_end(ctx, f.destination, 2),
            f.people,
            flow_title(ctx, f),
            f.tentative,
        )
        for f in outflows
    ]
    headings = (ctx.t("flows.came_from"), ctx.t("flows.went_to"))
    return layout_flows(edges, 3, headings) if edges else None
