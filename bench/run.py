"""One size of the benchmark: generate the data, then start, check, measure and stop each peer in turn."""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from bench.checks import Collected, collect_rows, compare_peers
from bench.driver import Limits, download_watching_memory, measure, warm_up
from bench.generate import Samples, generate, samples_path
from bench.http_client import HttpClient
from bench.peers.base import Peer, PeerStartError
from bench.peers.ours import OurServer
from bench.probes import CHECKS, ProbeRequests, all_probes
from bench.results import PeerResult, SizeResult
from bench.sizes import size_label

REFERENCE = "inprocess"
DUMP = "/dumps/revolving-door.nq"


@dataclass(frozen=True)
class RunConfig:
    """What a run does: where the data goes, the seed, the bounds of each phase, the concurrency levels."""

    data_dir: Path
    seed: int
    limits: Limits
    levels: tuple[int, ...] = (1, 8)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def prepare_data(triples: int, config: RunConfig) -> tuple[Path, Samples]:
    """The generated file of this size and seed, generated now unless it is already there."""
    path = config.data_dir / f"{size_label(triples)}-seed{config.seed}.trig"
    if path.exists() and samples_path(path).exists():
        samples = Samples.read(samples_path(path))
        if samples.seed == config.seed:
            return path, samples
    say(f"generating {path} ({triples} triples)")
    return path, generate(triples, path, config.seed)


def measure_probe(peer: Peer, probe: ProbeRequests, config: RunConfig, result: PeerResult) -> None:
    """Warm up, then each concurrency level; a level is skipped when the one before could not fill it."""
    client = peer.connect()
    try:
        failure = warm_up(client, probe.warm_up, config.limits.seconds)
    finally:
        client.close()
    if failure is not None:
        result.notes[probe.probe.name] = f"not measured: {failure}"
        say(f"  {peer.name:10} {probe.probe.name:15} not measured: {failure}")
        return
    for level in config.levels:
        first = config.levels[0]
        before = result.measurement(probe.probe.name, first)
        planned = len(probe.by_concurrency[first])
        if level > 1 and before is not None and before.summary.requests < min(level, planned):
            result.notes[probe.probe.name] = (
                f"c={level} not run: at c={first} only {before.summary.requests} requests"
                f" fitted in {config.limits.seconds:g} s"
            )
            continue
        measured = measure(peer.connect, probe.by_concurrency[level], level, config.limits)
        result.measurements.setdefault(probe.probe.name, []).append(measured)
        summary = measured.summary
        say(
            f"  {peer.name:10} {probe.probe.name:15} c={level}: median {summary.median_ms:8.2f} ms"
            f"  p99 {summary.p99_ms:8.2f} ms  {summary.throughput:8.1f}/s  errors {summary.errors}"
        )


def exercise(
    peer: Peer, data: Path, probes: list[ProbeRequests], config: RunConfig, size: SizeResult
) -> tuple[PeerResult, Collected]:
    """Start the peer, load, check rows, measure every probe it answers, read its memory, stop it."""
    result = PeerResult(peer.name, peer.label)
    collected: Collected = {}
    try:
        say(f"{peer.label}: starting and loading {data.name}")
        result.load_seconds = peer.start(data)
        result.memory_after_load = peer.memory()
        say(f"{peer.label}: loaded in {result.load_seconds:.1f} s")
        client = peer.connect()
        try:
            collected = collect_rows(client, probes)
        finally:
            client.close()
        for probe in probes:
            if not probe.probe.ours_only or isinstance(peer, OurServer):
                measure_probe(peer, probe, config, result)
        if isinstance(peer, OurServer):
            size.download = download_watching_memory(
                lambda: HttpClient(peer.port, timeout=600).download(DUMP), peer.memory
            )
            size.download_file = DUMP
        result.memory_after_run = peer.memory()
    except PeerStartError as error:
        result.status, result.reason = "failed", error.reason
        say(f"{peer.label}: {error}")
    except Exception as error:  # a peer that breaks mid-run is reported; the others still run
        result.status, result.reason = "failed", f"{type(error).__name__}: {error}"
        say(f"{peer.label}: failed: {traceback.format_exc(limit=3)}")
    finally:
        peer.stop()
    return result, collected


def run_size(triples: int, peers: list[Peer], config: RunConfig) -> SizeResult:
    """Every peer on the same data and the same requests, one after the other."""
    data, samples = prepare_data(triples, config)
    probes = all_probes(samples, config.seed, config.limits.requests, config.levels)
    size = SizeResult(
        size=size_label(triples),
        triples=samples.triples,
        documents=samples.documents,
        data_file=str(data),
        seed=config.seed,
        started=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        limits={"requests": config.limits.requests, "seconds": config.limits.seconds},
        probes=[
            {"name": p.probe.name, "kind": p.probe.kind, "title": p.probe.title} for p in probes
        ],
    )
    by_peer: dict[str, Collected] = {}
    for peer in peers:
        if peer.max_triples is not None and triples > peer.max_triples:  # the size asked for
            size.peers.append(PeerResult(peer.name, peer.label, "skipped", peer.skip_reason))
            say(f"{peer.label}: skipped: {peer.skip_reason}")
            continue
        result, collected = exercise(peer, data, probes, config, size)
        size.peers.append(result)
        if result.status == "ok":
            by_peer[peer.name] = collected
    modes = {p.probe.name: p.probe.compare for p in probes}
    reference = REFERENCE if REFERENCE in by_peer else next(iter(by_peer), REFERENCE)
    size.mismatches = compare_peers(by_peer, modes, reference)
    size.checked = CHECKS * sum(1 for p in probes if not p.probe.ours_only)
    return size
