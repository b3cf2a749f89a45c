"""The pictures made from a page's records: an organisation's flows keep the largest, group the rest."""

from __future__ import annotations

from server.page_entities import merge_flows
from server.page_pictures import ORGANIZATION_FLOW_LIMIT, group_smaller
from server.page_records import Flow, Link

ME = Link("Orion", "/organization/orion")


def others(n: int) -> str:
    return f"{n} others"


def inflows(count: int) -> list[Flow]:
    """`count` organisations that people joined Orion from, the first the largest; every third tentative."""
    parts = [
        (Link(f"Org {i:02d}", f"/organization/o{i}"), ME, count - i, count - i + 1, i % 3 == 0)
        for i in range(count)
    ]
    return merge_flows(parts)


def test_an_organisation_with_few_flows_draws_them_all() -> None:
    flows = inflows(ORGANIZATION_FLOW_LIMIT)
    assert group_smaller(flows, True, others) == flows


def test_the_smaller_flows_are_grouped_by_certainty_and_nothing_is_lost() -> None:
    flows = inflows(40)
    drawn = group_smaller(flows, True, others)
    assert drawn[:ORGANIZATION_FLOW_LIMIT] == flows[:ORGANIZATION_FLOW_LIMIT]
    grouped = drawn[ORGANIZATION_FLOW_LIMIT:]
    assert {flow.tentative for flow in grouped} == {True, False} and len(grouped) == 2
    assert all(flow.origin == Link("28 others", "") and flow.destination == ME for flow in grouped)
    assert sum(f.people for f in drawn) == sum(f.people for f in flows)
    assert sum(f.moves for f in drawn) == sum(f.moves for f in flows)
    for tentative in (True, False):
        smaller = [f for f in flows[ORGANIZATION_FLOW_LIMIT:] if f.tentative == tentative]
        (group,) = [f for f in grouped if f.tentative == tentative]
        assert group.people == sum(f.people for f in smaller)


def test_outflows_group_their_destinations() -> None:
    flows = [Flow(ME, f.origin, f.people, f.moves, f.tentative) for f in inflows(20)]
    drawn = group_smaller(flows, False, others)
    assert all(f.origin == ME for f in drawn)
    assert {f.destination.label for f in drawn[ORGANIZATION_FLOW_LIMIT:] if f.destination} == {
        "8 others"
    }


def test_flows_from_an_unknown_organisation_are_never_counted_as_others() -> None:
    flows = [*inflows(30), Flow(None, ME, 1, 1, False)]
    drawn = group_smaller(flows, True, others)
    assert Flow(None, ME, 1, 1, False) in drawn
    assert {f.origin.label for f in drawn[ORGANIZATION_FLOW_LIMIT:] if f.origin} == {"18 others"}
