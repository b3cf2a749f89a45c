"""What organisations' pages count and order, for every organisation at once (for the page index):
each list's total and order, the documents that name it, and its flows in and out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from server.page_context import PageContext
from server.page_graph import select
from server.page_index import FlowRow


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

# Every row names its organisation; the pages read one organisation's rows from the index.
TOTALS_QUERY = """
SELECT ?org ?relation (COUNT(DISTINCT ?fact) AS ?facts) WHERE {{
  {{ VALUES (?relation ?klass) {{ {pairs} }} ?fact ?relation ?org ; a ?klass . ?org a rd:Organization . }}
  UNION
  {{ ?org a rd:Organization ; rd:hasMention ?mention . ?mention oa:hasTarget/oa:hasSource ?fact .
    BIND (rd:hasMention AS ?relation) }}
}}
GROUP BY ?org ?relation
"""
# The date a fact is sorted by: the latest of its dates' lexical forms (partial dates read backwards
# put "2024-08" before "2024" before "2023", year-less ones after them), undated ("") last.
LIST_QUERY = """
SELECT ?org ?fact (MAX(STR(?when)) AS ?date) WHERE {{
  ?fact {relation} ?org ; a {klass} . ?org a rd:Organization .
  {dates}
}}
GROUP BY ?org ?fact
"""
NAMED_IN_QUERY = """
SELECT ?org ?document (COUNT(DISTINCT ?mention) AS ?mentions) WHERE {
  ?org a rd:Organization ; rd:hasMention ?mention . ?mention oa:hasTarget/oa:hasSource ?document .
}
GROUP BY ?org ?document
"""
FLOWS_QUERY = """
SELECT ?org ?side ?end ?status (SUM(?people) AS ?total) (COUNT(?move) AS ?moves) WHERE {
  { ?move rd:toOrganization ?org ; a rd:Move . BIND ("in" AS ?side)
    OPTIONAL { ?move rd:fromOrganization ?end } }
  UNION
  { ?move rd:fromOrganization ?org ; a rd:Move . BIND ("out" AS ?side)
    OPTIONAL { ?move rd:toOrganization ?end } }
  OPTIONAL { ?move rd:status ?status }
  OPTIONAL { ?move rd:headcount ?headcount }
  BIND (COALESCE(?headcount, 1) AS ?people)
}
GROUP BY ?org ?side ?end ?status
"""


def date_pattern(spec: FactList) -> str:
    """The pattern that binds ?when to the date a fact of the list is sorted by."""
    if not spec.fallback:
        return f"OPTIONAL {{ ?fact {spec.date} ?when }}"
    return (
        f"OPTIONAL {{ ?fact {spec.date} ?first }} OPTIONAL {{ ?fact {spec.fallback} ?second }} "
        "BIND (COALESCE(?first, ?second) AS ?when)"
    )


def organization_totals(ctx: PageContext) -> Iterator[tuple[str, str, int]]:
    """(organisation, list, how many facts) for every list that has any."""
    pairs = " ".join(f"({spec.relation} {spec.klass})" for spec in ORGANIZATION_LISTS)
    names = {spec.relation: spec.name for spec in ORGANIZATION_LISTS} | {"rd:hasMention": NAMED_IN}
    for row in select(ctx.store, TOTALS_QUERY.format(pairs=pairs)):
        relation = ctx.vocabulary.compact(row["relation"].value)
        yield row["org"].value, names[relation], row["facts"].as_int


def organization_lists(ctx: PageContext) -> Iterator[tuple[str, str, list[str]]]:
    """(organisation, list, its facts in the page's order): most recent first, undated last, the IRI
    breaking ties."""
    for spec in ORGANIZATION_LISTS:
        query = LIST_QUERY.format(
            relation=spec.relation, klass=spec.klass, dates=date_pattern(spec)
        )
        facts: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for row in select(ctx.store, query):
            date = row["date"].value if "date" in row else ""
            facts[row["org"].value].append((row["fact"].value, date))
        for org, dated in facts.items():
            dated.sort()  # by IRI, then (stable) by date, most recent first
            dated.sort(key=lambda pair: pair[1], reverse=True)
            yield org, spec.name, [fact for fact, _ in dated]


def organization_named_in(ctx: PageContext) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """(organisation, the documents naming it with how often, those naming it most first)."""
    named: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for row in select(ctx.store, NAMED_IN_QUERY):
        named[row["org"].value].append((row["document"].value, row["mentions"].as_int))
    for org, documents in named.items():
        yield org, sorted(documents, key=lambda pair: (-pair[1], pair[0]))


def organization_flows(ctx: PageContext) -> Iterator[tuple[str, FlowRow]]:
    """(organisation, one of its flows): every move in and out counted."""
    for row in select(ctx.store, FLOWS_QUERY):
        end = row["end"].value if "end" in row else ""
        status = ctx.vocabulary.compact(row["status"].value) if "status" in row else ""
        flow = FlowRow(row["side"].value, end, status, row["total"].as_int, row["moves"].as_int)
        yield row["org"].value, flow
