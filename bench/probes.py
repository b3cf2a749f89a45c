"""The lines of the benchmark: the SPARQL queries of the mix, and our pages and HTTP floor (ours only)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.driver import Request
from bench.generate import Samples
from bench.queries import QUERIES, QueryTemplate, draw_queries

CHECKS = 3  # requests of each query whose rows are compared across peers
WARM_UP = 3


@dataclass(frozen=True)
class Probe:
    """One line of the table: a kind of request, and whether only our server answers it."""

    name: str
    kind: str
    title: str
    compare: str = "rows"
    ours_only: bool = False


@dataclass(frozen=True)
class ProbeRequests:
    """A probe's requests, drawn once and identical for every peer: checked, warm-up, c=1, c=8."""

    probe: Probe
    checks: list[Request]
    warm_up: list[Request]
    by_concurrency: dict[int, list[Request]]


PAGES = (
    Probe("entity_html", "page", "entity page (HTML)", ours_only=True),
    Probe("entity_ttl", "page", "entity page (Turtle)", ours_only=True),
    Probe("health", "floor", "HTTP floor: GET /health", ours_only=True),
)


def query_probe(template: QueryTemplate) -> Probe:
    return Probe(template.name, template.kind, template.title, template.compare)


def page_requests(probe: Probe, samples: Samples, seed: int, count: int) -> list[Request]:
    """GETs of entity pages (a person or an organisation, drawn per request) or of /health."""
    if probe.name == "health":
        return [Request("/health", "application/json", is_query=False)] * count
    rng = random.Random(f"{seed}:{probe.name}")
    extension, accept = (
        (".html", "text/html") if probe.name == "entity_html" else (".ttl", "text/turtle")
    )
    requests = []
    for _ in range(count):
        pool = samples.persons if rng.random() < 0.5 else samples.organizations
        path = "/" + rng.choice(pool).removeprefix(samples.base)
        requests.append(Request(path + extension, accept, is_query=False))
    return requests


def split(
    probe: Probe, drawn: list[Request], per_phase: int, levels: tuple[int, ...]
) -> ProbeRequests:
    """Cut one drawn list into checks, warm-up and one distinct slice per concurrency level."""
    phases = {}
    offset = CHECKS + WARM_UP
    for level in levels:
        phases[level] = drawn[offset : offset + per_phase]
        offset += per_phase
    return ProbeRequests(probe, drawn[:CHECKS], drawn[CHECKS : CHECKS + WARM_UP], phases)


def all_probes(
    samples: Samples, seed: int, per_phase: int, levels: tuple[int, ...]
) -> list[ProbeRequests]:
    """Every probe with its requests, for `levels` of concurrency of `per_phase` requests each."""
    total = CHECKS + WARM_UP + per_phase * len(levels)
    probes = []
    for template in QUERIES:
        texts = draw_queries(template, samples, seed, total)
        drawn = [Request(text, template.accept) for text in texts]
        probes.append(split(query_probe(template), drawn, per_phase, levels))
    for probe in PAGES:
        probes.append(split(probe, page_requests(probe, samples, seed, total), per_phase, levels))
    return probes
