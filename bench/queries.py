"""The query mix: SPARQL templates whose parameters are drawn per request from the generated data (seeded)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from bench.generate import Samples

SPARQL_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
STATUSES = ("completed", "announced", "expected", "rumoured")
BIG_RESULT_ROWS = 10_000
PREFIXES = """\
PREFIX rd: <{base}ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""

Draw = Callable[[random.Random, Samples], dict[str, str]]


@dataclass(frozen=True)
class QueryTemplate:
    """A query of the mix: what it asks, its kind (for the targets), its text and how to compare results.

    `compare` is "rows" (the rows as a multiset) or "count" (only how many: a LIMIT without ORDER BY
    may pick different rows on each peer).
    """

    name: str
    kind: str
    title: str
    text: str
    draw: Draw
    accept: str = SPARQL_JSON
    compare: str = "rows"

    def render(self, samples: Samples, parameters: dict[str, str]) -> str:
        """The query with its prefixes and parameters filled in."""
        return PREFIXES.format(base=samples.base) + self.text.format(**parameters)


def draw_entity(rng: random.Random, samples: Samples) -> dict[str, str]:
    pool = samples.persons if rng.random() < 0.5 else samples.organizations
    return {"entity": rng.choice(pool)}


def draw_organization(rng: random.Random, samples: Samples) -> dict[str, str]:
    return {"org": rng.choice(samples.organizations)}


def draw_person(rng: random.Random, samples: Samples) -> dict[str, str]:
    return {"person": rng.choice(samples.persons)}


def draw_document(rng: random.Random, samples: Samples) -> dict[str, str]:
    return {"document": rng.choice(samples.document_iris)}


def draw_term(rng: random.Random, samples: Samples) -> dict[str, str]:
    return {"term": rng.choice(samples.search_terms)}


def draw_statuses(rng: random.Random, samples: Samples) -> dict[str, str]:
    chosen = [status for status in STATUSES if rng.random() < 0.5] or [rng.choice(STATUSES)]
    return {"statuses": " ".join(f"rd:{s}" for s in chosen), "limit": str(rng.randint(50, 150))}


def draw_offset(rng: random.Random, samples: Samples) -> dict[str, str]:
    return {"offset": str(rng.randrange(100))}


QUERIES: tuple[QueryTemplate, ...] = (
    QueryTemplate(
        "lookup_out", "lookup", "one entity, outgoing",
        "SELECT ?p ?o WHERE {{ <{entity}> ?p ?o }}", draw_entity,
    ),
    QueryTemplate(
        "lookup_in", "lookup", "one entity, incoming",
        "SELECT ?s ?p WHERE {{ ?s ?p <{entity}> }}", draw_entity,
    ),
    QueryTemplate(
        "moves_from", "join", "moves out of an organisation, with labels and dates",
        """SELECT ?move ?person ?to ?status ?date WHERE {{
  ?move rd:fromOrganization <{org}> ; rd:toOrganization ?toOrg ; rd:mover ?mover ; rd:status ?status .
  ?mover rdfs:label ?person . ?toOrg rdfs:label ?to .
  OPTIONAL {{ ?move rd:date ?date }}
}}""",
        draw_organization,
    ),
    QueryTemplate(
        "moves_per_pair", "aggregate", "moves counted per pair of organisations",
        """SELECT ?from ?to (COUNT(DISTINCT ?move) AS ?moves) WHERE {{
  VALUES ?status {{ {statuses} }}
  ?move rd:fromOrganization ?fromOrg ; rd:toOrganization ?toOrg ; rd:status ?status .
  ?fromOrg rdfs:label ?from . ?toOrg rdfs:label ?to .
}} GROUP BY ?from ?to ORDER BY DESC(?moves) ?from ?to LIMIT {limit}""",
        draw_statuses,
    ),
    QueryTemplate(
        "document", "document", "everything one document states",
        "SELECT ?s ?p ?o WHERE {{ GRAPH <{document}> {{ ?s ?p ?o }} }}", draw_document,
    ),
    QueryTemplate(
        "search", "search", "label substring search",
        """SELECT ?entity ?label WHERE {{
  ?entity rdfs:label ?label . FILTER(CONTAINS(LCASE(?label), "{term}"))
}}""",
        draw_term,
    ),
    QueryTemplate(
        "path", "path", "organisations reached by chains of moves (property path)",
        "SELECT DISTINCT ?reached WHERE {{ <{org}> (^rd:fromOrganization/rd:toOrganization)+ ?reached }}",
        draw_organization,
    ),
    QueryTemplate(
        "big_result", "bulk", f"{BIG_RESULT_ROWS} rows (quotes)",
        f"SELECT ?selector ?exact WHERE {{{{ ?selector oa:exact ?exact }}}} LIMIT {BIG_RESULT_ROWS} OFFSET {{offset}}",
        draw_offset, compare="count",
    ),
    QueryTemplate(
        "construct", "construct", "a person's moves as a graph (CONSTRUCT)",
        "CONSTRUCT {{ ?move ?p ?o }} WHERE {{ ?move rd:mover <{person}> ; ?p ?o }}",
        draw_person, accept=N_TRIPLES,
    ),
)  # fmt: skip


def draw_queries(template: QueryTemplate, samples: Samples, seed: int, count: int) -> list[str]:
    """`count` instances of a template, the same for every peer given the same seed."""
    rng = random.Random(f"{seed}:{template.name}")
    return [template.render(samples, template.draw(rng, samples)) for _ in range(count)]
