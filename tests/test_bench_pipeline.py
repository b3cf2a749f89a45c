"""The whole benchmark at a tiny size, with the in-process peer and our server; a peer that cannot start."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.__main__ import main
from bench.driver import Limits
from bench.http_client import HttpClient
from bench.peers.base import Peer, PeerStartError
from bench.peers.inprocess import InProcessOxigraph
from bench.peers.ours import OurServer
from bench.processes import NO_MEMORY, Memory
from bench.report import write_report
from bench.run import RunConfig, run_size


@dataclass
class BrokenPeer:
    """A peer whose server cannot start."""

    name: str = "broken"
    label: str = "a broken peer"
    max_triples: int | None = None
    skip_reason: str = ""

    def start(self, data: Path) -> float:
        raise PeerStartError(self.name, "its binary is missing (install it with apt-get)")

    def connect(self) -> HttpClient:
        raise AssertionError("never started")

    def memory(self) -> Memory:
        return NO_MEMORY

    def stop(self) -> None:
        return None


def test_tiny_run_with_in_process_and_our_server(tmp_path: Path) -> None:
    config = RunConfig(tmp_path / "data", seed=5, limits=Limits(requests=6, seconds=1.0))
    peers: list[Peer] = [InProcessOxigraph(), OurServer(), BrokenPeer()]
    size = run_size(2_000, peers, config)
    assert [p.status for p in size.peers] == ["ok", "ok", "failed"]
    assert "binary is missing" in size.peers[2].reason
    assert size.mismatches == []
    ours = size.peer("ours")
    assert ours is not None and ours.memory_after_run is not None
    assert ours.memory_after_run.processes >= 3  # arbiter, workers, query children
    for probe in ("lookup_out", "construct", "entity_html", "entity_ttl", "health"):
        measured = ours.measurement(probe, 8)
        assert measured is not None and measured.summary.errors == 0, (probe, measured)
    assert size.download is not None and size.download.status == 200
    markdown, data = write_report(size, tmp_path / "results")
    report = markdown.read_text(encoding="utf-8")
    assert "## Targets" in report and "a broken peer" in report and "binary is missing" in report
    assert json.loads(data.read_text(encoding="utf-8"))["size"] == "2k"


def test_cli_refuses_bad_sizes_and_unknown_peers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--sizes", "big"]) == 2
    assert main(["--peers", "fuseki"]) == 2
    assert "error" in capsys.readouterr().err
