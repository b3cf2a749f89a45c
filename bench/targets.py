"""The issue's targets checked against one size's results: which are met, which not, and the ratio."""

from __future__ import annotations

import math
from dataclasses import dataclass

from bench.results import SizeResult

MEDIAN_FACTOR = 1.3
PAGE_MEDIAN_MS = 20.0
DUMP_GROWTH_BYTES = 32 * 2**20
VS_RDFLIB = {"join": 10.0, "aggregate": 10.0, "search": 10.0, "path": 1.0}
VS_RDFLIB_DEFAULT = 4.0
VS_VIRTUOSO = ("lookup_out", "lookup_in", "document", "entity_html", "entity_ttl")
# Virtuoso has no entity pages: ours are compared with its one-entity lookup.
VIRTUOSO_LINE = {"entity_html": "lookup_out", "entity_ttl": "lookup_out"}


@dataclass(frozen=True)
class TargetCheck:
    """One target on one line: met (None when a peer it needs did not run), the ratio, and how it reads."""

    target: str
    probe: str
    met: bool | None
    ratio: float | None
    detail: str


def median_ms(size: SizeResult, peer: str, probe: str, concurrency: int = 1) -> float | None:
    result = size.peer(peer)
    measured = result.measurement(probe, concurrency) if result else None
    if measured is None or measured.summary.requests == measured.summary.errors:
        return None
    return measured.summary.median_ms


def throughput(size: SizeResult, peer: str, probe: str, concurrency: int = 8) -> float | None:
    """Throughput at `concurrency`; at c=1 when the peer was too slow for c=8 to run (an upper bound)."""
    result = size.peer(peer)
    if result is None:
        return None
    measured = result.measurement(probe, concurrency) or result.measurement(probe, 1)
    return None if measured is None else measured.summary.throughput


def ratio_check(
    target: str, probe: str, value: float | None, need: float, above: bool, what: str
) -> TargetCheck:
    """A check that `value` is at least (`above`) or at most `need`."""
    if value is None or math.isnan(value):
        return TargetCheck(target, probe, None, None, f"{what}: not measured")
    met = value >= need if above else value <= need
    return TargetCheck(
        target, probe, met, value, f"{what} = {value:.2f} (target {'≥' if above else '≤'} {need:g})"
    )


def query_lines(size: SizeResult) -> list[dict[str, str]]:
    return [p for p in size.probes if p["kind"] not in ("page", "floor")]


def check_medians(size: SizeResult) -> list[TargetCheck]:
    floor = median_ms(size, "ours", "health")
    checks = []
    for line in query_lines(size):
        ours, engine = (
            median_ms(size, "ours", line["name"]),
            median_ms(size, "inprocess", line["name"]),
        )
        value = None if None in (ours, engine, floor) else ours / (engine + floor)  # type: ignore[operator]
        checks.append(
            ratio_check("median ≤ 1.3 × (in-process + HTTP floor)", line["name"], value,
                        MEDIAN_FACTOR, False, "ours ÷ (in-process + floor)")
        )  # fmt: skip
    return checks


def check_virtuoso(size: SizeResult) -> list[TargetCheck]:
    checks = []
    for probe in VS_VIRTUOSO:
        ours, theirs = (
            throughput(size, "ours", probe),
            throughput(size, "virtuoso", VIRTUOSO_LINE.get(probe, probe)),
        )
        value = None if ours is None or not theirs else ours / theirs
        checks.append(
            ratio_check("throughput c=8 ≥ Virtuoso", probe, value, 1.0, True, "ours ÷ Virtuoso")
        )
    return checks


def check_rdflib(size: SizeResult) -> list[TargetCheck]:
    checks = []
    for line in query_lines(size):
        need = VS_RDFLIB.get(line["kind"], VS_RDFLIB_DEFAULT)
        ours, theirs = (
            throughput(size, "ours", line["name"]),
            throughput(size, "rdflib", line["name"]),
        )
        value = None if ours is None or not theirs else ours / theirs
        checks.append(
            ratio_check(
                f"throughput c=8 ≥ {need:g}× rdflib-endpoint",
                line["name"],
                value,
                need,
                True,
                "ours ÷ rdflib",
            )
        )
    return checks


def check_pages_and_memory(size: SizeResult) -> list[TargetCheck]:
    checks = [
        ratio_check("entity page median < 20 ms", probe, median_ms(size, "ours", probe),
                    PAGE_MEDIAN_MS, False, "median ms")
        for probe in ("entity_html", "entity_ttl")
    ]  # fmt: skip
    download = size.download
    if download is None or download.status != 200:
        checks.append(
            TargetCheck("dump in constant server memory", "dump", None, None, "not measured")
        )
    else:
        growth = download.memory_peak.pss - download.memory_before.pss
        checks.append(
            TargetCheck(
                "dump in constant server memory", "dump", growth < DUMP_GROWTH_BYTES, growth / 2**20,
                f"server PSS grew {growth / 2**20:.1f} MB while sending {download.bytes / 2**20:.1f} MB"
                f" (target < {DUMP_GROWTH_BYTES / 2**20:.0f} MB)",
            )
        )  # fmt: skip
    return checks


def virtuoso_faster(size: SizeResult) -> list[TargetCheck]:
    """Lines where Virtuoso's median beats ours: reported with the ratio."""
    checks = []
    for line in query_lines(size):
        ours, theirs = (
            median_ms(size, "ours", line["name"]),
            median_ms(size, "virtuoso", line["name"]),
        )
        if ours is not None and theirs is not None and theirs < ours:
            checks.append(
                TargetCheck("where Virtuoso is faster (report)", line["name"], None, ours / theirs,
                            f"ours ÷ Virtuoso median = {ours / theirs:.2f}")
            )  # fmt: skip
    return checks


def check_targets(size: SizeResult) -> list[TargetCheck]:
    """Every target of the issue on this size's results."""
    return [
        *check_medians(size),
        *check_virtuoso(size),
        *check_rdflib(size),
        *check_pages_and_memory(size),
        *virtuoso_faster(size),
    ]
