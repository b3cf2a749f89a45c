"""Latency statistics: median, p99 (nearest rank) and throughput of a measured phase."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    """What one (peer, request kind, concurrency) phase measured; times in milliseconds."""

    requests: int
    errors: int
    median_ms: float
    p99_ms: float
    throughput: float  # successful requests per second of wall-clock time
    seconds: float


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value with at least `fraction` of values at or below it."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    """The median (mean of the two middle values for an even count)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def summarise(latencies: list[float], errors: int, seconds: float) -> Summary:
    """A phase's summary from the latencies (seconds) of its successful requests."""
    return Summary(
        requests=len(latencies) + errors,
        errors=errors,
        median_ms=median(latencies) * 1000,
        p99_ms=percentile(latencies, 0.99) * 1000,
        throughput=len(latencies) / seconds if seconds > 0 else math.nan,
        seconds=seconds,
    )
