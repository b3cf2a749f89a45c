"""A switch written down in the record graph before its first move (marker and plan), so anyone can finish it."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from kg.store_graphs import (
    DROPS_PREDICATE,
    HOLDS_PREDICATE,
    RECORD_GRAPH,
    RECORD_PREDICATE,
    STAGING_PREDICATE,
    SWITCHES_TO_PREDICATE,
    SWITCHING_PREDICATE,
    XSD_INTEGER,
)

PLAN_PREDICATES = (SWITCHING_PREDICATE, SWITCHES_TO_PREDICATE, HOLDS_PREDICATE, DROPS_PREDICATE)
# What the switch's last step forgets: the marker, the plan, and the staging graphs it moved.
SWITCH_PREDICATES = (*PLAN_PREDICATES, STAGING_PREDICATE)
RECORD = f"<{RECORD_GRAPH}>"


@dataclass(frozen=True)
class SwitchPlan:
    """A switch: each staging graph onto its published name, the triples each holds, the graphs to drop."""

    token: str
    moves: dict[str, str]  # staging graph -> published name
    counts: dict[str, int]  # published name -> its triples, as counted in its staging graph
    drops: tuple[str, ...] = ()


def mark_updates(plan: SwitchPlan, chunk: int) -> list[str]:
    """The update requests that write `plan` into the record (`chunk` triples a request), the marker
    last and alone: a plan counts only once its marker is committed."""
    triples: list[str] = []
    for staging, name in plan.moves.items():
        triples.append(f"<{staging}> <{SWITCHES_TO_PREDICATE}> <{name}> .")
        triples.append(f'<{staging}> <{HOLDS_PREDICATE}> "{plan.counts[name]}"^^<{XSD_INTEGER}> .')
    triples += [f"{RECORD} <{DROPS_PREDICATE}> <{graph}> ." for graph in plan.drops]
    chunks = [triples[start : start + chunk] for start in range(0, len(triples), chunk)]
    chunks.append([f'{RECORD} <{SWITCHING_PREDICATE}> "{plan.token}" .'])
    return [insert_into_record(lines) for lines in chunks]


def insert_into_record(triples: Iterable[str]) -> str:
    """One INSERT DATA of `triples` (N-Triples lines) into the record graph."""
    return f"INSERT DATA {{ GRAPH {RECORD} {{\n" + "\n".join(triples) + "\n} }"


def unrecord_update(predicate: str, graphs: Iterable[str]) -> str:
    """One DELETE DATA of the record's `<record> predicate <graph>` triples for these graphs only."""
    triples = "\n".join(f"{RECORD} <{predicate}> <{graph}> ." for graph in graphs)
    return f"DELETE DATA {{ GRAPH {RECORD} {{\n{triples}\n}} }}"


def plan_query() -> str:
    """The record's marker and plan triples, as ?s ?p ?o (the record graph is the default graph)."""
    listed = ", ".join(f"<{predicate}>" for predicate in PLAN_PREDICATES)
    return f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER(?p IN ({listed})) }}"


def marker_query() -> str:
    """True while a switch is marked in the record (the record graph is the default graph)."""
    return f"ASK {{ {RECORD} <{SWITCHING_PREDICATE}> ?token }}"


def plan_of(rows: Iterable[tuple[str, str, str]]) -> SwitchPlan | None:
    """The plan the record's rows (`plan_query`) describe, or None when no switch is marked."""
    token = ""
    moves: dict[str, str] = {}
    holds: dict[str, int] = {}
    drops: list[str] = []
    for subject, predicate, value in rows:
        if predicate == SWITCHING_PREDICATE:
            token = value
        elif predicate == SWITCHES_TO_PREDICATE:
            moves[subject] = value
        elif predicate == HOLDS_PREDICATE:
            holds[subject] = int(value)
        elif predicate == DROPS_PREDICATE:
            drops.append(value)
    if not token:
        return None
    moves = dict(sorted(moves.items()))
    counts = {name: holds.get(staging, 0) for staging, name in moves.items()}
    return SwitchPlan(token, moves, counts, tuple(sorted(drops)))


def switch_update(plan: SwitchPlan, staged: Collection[str]) -> str:
    """One request: drop what the new release lacks, move each staging graph still in `staged` onto
    its name, write the new record of what is published. The marker stays: see `forget_update`."""
    operations = [f"DROP SILENT GRAPH <{graph}>" for graph in plan.drops]
    operations += [
        f"MOVE SILENT GRAPH <{staging}> TO GRAPH <{name}>"
        for staging, name in plan.moves.items()
        if staging in staged
    ]
    record = "\n".join(f"{RECORD} <{RECORD_PREDICATE}> <{name}> ." for name in plan.counts)
    operations += [
        f"DELETE WHERE {{ GRAPH {RECORD} {{ {RECORD} <{RECORD_PREDICATE}> ?g }} }}",
        insert_into_record([record]),
    ]
    return " ;\n".join(operations)


def forget_update(predicates: Sequence[str] = SWITCH_PREDICATES) -> str:
    """One operation that removes every record triple with one of `predicates` (by default the
    marker, the plan and the staging list: a switch's last step)."""
    listed = ", ".join(f"<{predicate}>" for predicate in predicates)
    return (
        f"DELETE {{ GRAPH {RECORD} {{ ?s ?p ?o }} }}"
        f" WHERE {{ GRAPH {RECORD} {{ ?s ?p ?o FILTER(?p IN ({listed})) }} }}"
    )
