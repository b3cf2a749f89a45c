"""What organisations' pages count and order, for every organisation at once, agrees with asking the
store about each organisation, on both stores."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from flask import Flask

from server.graph import graph_service
from server.organization_aggregates import (
    NAMED_IN,
    ORGANIZATION_LISTS,
    date_pattern,
    organization_flows,
    organization_lists,
    organization_named_in,
    organization_totals,
)
from server.page_context import PageContext
from server.page_graph import load_vocabulary, select
from server.page_links import Links


@pytest.fixture
def ctx(app: Flask) -> Iterator[PageContext]:
    with app.app_context():
        service = graph_service(app)
        base = str(service.manifest["base_uri"])
        vocabulary = load_vocabulary(service.store, service.published.prefixes, base)
        yield PageContext(service, service.store, vocabulary, "en", Links(base, None, ""))


def organisations(ctx: PageContext) -> list[str]:
    return [row["o"].value for row in select(ctx.store, "SELECT ?o WHERE { ?o a rd:Organization }")]


def test_totals_are_the_counts_of_each_organisation(ctx: PageContext) -> None:
    totals = {(org, name): n for org, name, n in organization_totals(ctx)}
    assert totals, "the seeds have organisations with facts"
    for org in organisations(ctx):
        for spec in ORGANIZATION_LISTS:
            query = (
                f"SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {{ ?f {spec.relation} <{org}> ;"
                f" a {spec.klass} }}"
            )
            (row,) = select(ctx.store, query)
            assert totals.get((org, spec.name), 0) == row["n"].as_int, (org, spec.name)
        query = (
            f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ <{org}> rd:hasMention ?m ."
            " ?m oa:hasTarget/oa:hasSource ?d }"
        )
        (row,) = select(ctx.store, query)
        assert totals.get((org, NAMED_IN), 0) == row["n"].as_int


def test_each_list_is_most_recent_first_undated_last(ctx: PageContext) -> None:
    lists = {(org, name): facts for org, name, facts in organization_lists(ctx)}
    specs = {spec.name: spec for spec in ORGANIZATION_LISTS}
    assert any(len(facts) > 1 for facts in lists.values())
    for (org, name), facts in lists.items():
        spec = specs[name]
        query = (
            f"SELECT ?fact (MAX(STR(?when)) AS ?date) WHERE {{ ?fact {spec.relation} <{org}> ;"
            f" a {spec.klass} . {date_pattern(spec)} }} GROUP BY ?fact"
        )
        dates = {
            row["fact"].value: row["date"].value if "date" in row else ""
            for row in select(ctx.store, query)
        }
        assert sorted(facts) == sorted(dates)
        keys = [dates[fact] for fact in facts]
        assert keys == sorted(keys, reverse=True)
        for before, after in itertools.pairwise(facts):
            assert dates[before] > dates[after] or before < after  # ties by IRI


def test_the_documents_naming_an_organisation_most_first(ctx: PageContext) -> None:
    named = dict(organization_named_in(ctx))
    assert named
    for documents in named.values():
        assert documents == sorted(documents, key=lambda pair: (-pair[1], pair[0]))
        assert all(mentions > 0 for _, mentions in documents)


def test_flows_count_every_move_in_and_out(ctx: PageContext) -> None:
    flows = list(organization_flows(ctx))
    for org in organisations(ctx):
        mine = [flow for owner, flow in flows if owner == org]
        for side, relation in (("in", "rd:toOrganization"), ("out", "rd:fromOrganization")):
            query = f"SELECT (COUNT(?m) AS ?n) WHERE {{ ?m {relation} <{org}> ; a rd:Move }}"
            (row,) = select(ctx.store, query)
            assert sum(f.moves for f in mine if f.side == side) == row["n"].as_int, (org, side)
    assert any(flow.status for _, flow in flows) and any(flow.end for _, flow in flows)
