"""The build-at-scale benchmark reads GNU time and the build's progress, and extrapolates honestly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench.build_scale import Run, extrapolate, run_measured

PROGRESS = [
    (0.0, "reading entities and sources from seeds"),
    (12.5, "compiled 3,153,808 quads, version c90189ef5b914eb2"),
    (12.5, "validating 10001 unit(s) against the shapes (incremental, 2 job(s))"),
    (41.2, "validation: 2 unit(s) validated, 10000 reused from the cache"),
    (80.0, "published build/releases/x"),
]


def test_stages_and_cache_counts_come_from_the_progress_lines() -> None:
    run = Run(["kg", "build"], 81.0, 100.0, PROGRESS)
    assert run.at("validating") == 12.5
    assert run.validation_seconds() == pytest.approx(28.7)
    assert run.cache_counts() == (2, 10000)
    assert run.compiled() == "3,153,808 quads"


def test_extrapolation_is_linear_from_the_largest_size_with_the_growth_measured() -> None:
    line = extrapolate([(10_000, 10.0), (40_000, 80.0)], 1_000_000)
    assert "2,000 s" in line  # 80 s / 40,000 triples x 1,000,000
    assert "triples^1.50" in line  # 8x the time for 4x the triples


def test_a_command_is_measured_with_its_progress(tmp_path: Path) -> None:
    script = "import sys; print('[kg   1.5s] validating 1 unit(s)', file=sys.stderr); print('out')"
    run = run_measured([sys.executable, "-c", script], tmp_path / "log")
    assert run.steps == [(1.5, "validating 1 unit(s)")] and run.stdout == "out\n"
    assert run.seconds >= 0 and run.peak_mb > 0
    assert "validating" in (tmp_path / "log").read_text(encoding="utf-8")
