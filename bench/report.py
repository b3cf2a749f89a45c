"""The results of one size as a Markdown table and as JSON, written to bench/results/."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import platform
from pathlib import Path
from typing import Any

from bench.results import PeerResult, SizeResult
from bench.targets import TargetCheck, check_targets, median_ms, throughput

PEER_ORDER = ("ours", "inprocess", "virtuoso", "rdflib")


def number(value: float | None, digits: int = 3) -> str:
    """A value to `digits` significant digits, or a dash."""
    if value is None or math.isnan(value):
        return "—"
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    return f"{value:.{max(0, digits - 1 - magnitude)}f}"


def megabytes(value: int | None) -> str:
    return "—" if value is None else f"{value / 2**20:.0f}"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def ordered_peers(size: SizeResult) -> list[PeerResult]:
    return sorted(
        size.peers, key=lambda p: PEER_ORDER.index(p.name) if p.name in PEER_ORDER else 99
    )


def peers_section(size: SizeResult) -> list[str]:
    rows = []
    for peer in ordered_peers(size):
        load, run = peer.memory_after_load, peer.memory_after_run
        rows.append([
            peer.label, peer.status + (f": {peer.reason}" if peer.reason else ""),
            number(peer.load_seconds), megabytes(load.pss if load else None),
            megabytes(run.pss if run else None), megabytes(load.rss if load else None),
            megabytes(run.rss if run else None), str(run.processes if run else "—"),
        ])  # fmt: skip
    header = ["peer", "status", "load s", "PSS after load MB", "PSS after run MB",
              "RSS after load MB", "RSS after run MB", "processes"]  # fmt: skip
    return ["## Peers, load time and memory", "", *table(header, rows), ""]


def latency_section(size: SizeResult, level: int) -> list[str]:
    peers = [p for p in ordered_peers(size) if p.status == "ok"]
    rows = []
    for probe in size.probes:
        cells = [f"{probe['name']}"]
        for peer in peers:
            measured = peer.measurement(probe["name"], level)
            if measured is None:
                cells.append("—")
                continue
            s = measured.summary
            errors = f" · **{s.errors} err**" if s.errors else ""
            cells.append(
                f"{number(s.median_ms)} / {number(s.p99_ms)} · {number(s.throughput)}/s{errors}"
            )
        rows.append(cells)
    header = ["line", *[p.label for p in peers]]
    title = f"## Concurrency {level}: median / p99 ms · throughput per s"
    return [title, "", *table(header, rows), ""]


def ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def ratio_section(size: SizeResult) -> list[str]:
    floor = median_ms(size, "ours", "health")
    rows = []
    for probe in size.probes:
        if probe["kind"] in ("page", "floor"):
            continue
        name = probe["name"]
        ours = median_ms(size, "ours", name)
        engine = median_ms(size, "inprocess", name)
        engine_floor = None if engine is None or floor is None else engine + floor
        rows.append([
            name, ratio(ours, engine), ratio(ours, engine_floor),
            ratio(ours, median_ms(size, "virtuoso", name)), ratio(ours, median_ms(size, "rdflib", name)),
            ratio(throughput(size, "ours", name), throughput(size, "virtuoso", name)),
            ratio(throughput(size, "ours", name), throughput(size, "rdflib", name)),
        ])  # fmt: skip
    header = ["query", "median ÷ in-process", "median ÷ (in-process + floor)", "median ÷ Virtuoso",
              "median ÷ rdflib", "c=8 throughput ÷ Virtuoso", "c=8 throughput ÷ rdflib"]  # fmt: skip
    return [
        "## Ratios: ours ÷ each peer (medians at c=1: below 1 we are faster; throughput at c=8: above 1 we serve more)",
        "",
        *table(header, rows),
        "",
    ]


def targets_section(checks: list[TargetCheck]) -> list[str]:
    marks = {True: "met", False: "**missed**", None: "—"}
    rows = [[c.target, c.probe, number(c.ratio), marks[c.met], c.detail] for c in checks]
    met = sum(1 for c in checks if c.met)
    missed = sum(1 for c in checks if c.met is False)
    return [
        f"## Targets: {met} met, {missed} missed",
        "",
        *table(["target", "line", "ratio", "", "detail"], rows),
        "",
    ]


def notes_section(size: SizeResult) -> list[str]:
    lines = [
        f"## Row checks: {size.checked} requests per peer compared with the in-process peer's rows",
        "",
    ]
    lines += [f"- **{m.peer}** `{m.probe}` {m.detail}" for m in size.mismatches] or [
        "- every peer returned the same rows"
    ]
    lines.append("")
    download = size.download
    if download is not None:
        lines += [
            f"Dump download (`{size.download_file}`, ours): {download.bytes / 2**20:.1f} MB in {download.seconds:.2f} s;"
            f" server PSS {download.memory_before.pss / 2**20:.0f} MB before, peak {download.memory_peak.pss / 2**20:.0f} MB.",
            "",
        ]
    notes = [
        f"- {peer.label} `{probe}`: {note}"
        for peer in size.peers
        for probe, note in peer.notes.items()
    ]
    errors = [
        f"- {peer.label} `{probe}` c={m.concurrency}: {sample}"
        for peer in size.peers for probe, measured in peer.measurements.items()
        for m in measured for sample in m.error_samples
    ]  # fmt: skip
    if notes or errors:
        lines += ["## Notes", "", *notes, *errors, ""]
    return lines


def render_markdown(size: SizeResult) -> str:
    """The whole report of one size."""
    head = [
        f"# Benchmark at {size.size}: {size.triples} triples in {size.documents} documents",
        "",
        f"Run started {size.started} on {platform.node() or 'this machine'} ({os.cpu_count()} cores);"
        f" seed {size.seed}; each phase at most {size.limits['requests']:g} requests and"
        f" {size.limits['seconds']:g} s. Generated by `python -m bench` (see docs/benchmark.md).",
        "",
    ]
    body = [
        *peers_section(size),
        *latency_section(size, 1),
        *latency_section(size, 8),
        *ratio_section(size),
        *targets_section(check_targets(size)),
        *notes_section(size),
    ]
    return "\n".join(head + body)


def write_report(size: SizeResult, directory: Path) -> tuple[Path, Path]:
    """bench/results/<date>-<size>.md and .json."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = f"{size.started[:10]}-{size.size}"
    markdown, data = directory / f"{stem}.md", directory / f"{stem}.json"
    markdown.write_text(render_markdown(size), encoding="utf-8")
    document: dict[str, Any] = dataclasses.asdict(size)
    document["targets"] = [dataclasses.asdict(c) for c in check_targets(size)]
    data.write_text(json.dumps(document, indent=1, default=str) + "\n", encoding="utf-8")
    return markdown, data
