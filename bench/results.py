"""What a run found, as records: per size, per peer, per probe and concurrency."""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.driver import Download, Measurement
from bench.processes import Memory


@dataclass
class PeerResult:
    """One peer at one size: whether it ran, its load time, memory, and measurements per probe."""

    name: str
    label: str
    status: str = "ok"  # ok, skipped, failed
    reason: str = ""
    load_seconds: float | None = None
    memory_after_load: Memory | None = None
    memory_after_run: Memory | None = None
    measurements: dict[str, list[Measurement]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    def measurement(self, probe: str, concurrency: int) -> Measurement | None:
        for measured in self.measurements.get(probe, []):
            if measured.concurrency == concurrency:
                return measured
        return None


@dataclass(frozen=True)
class Mismatch:
    """A peer whose rows differ from the reference's for a checked request."""

    probe: str
    peer: str
    detail: str


@dataclass
class SizeResult:
    """Everything measured at one size."""

    size: str
    triples: int
    documents: int
    data_file: str
    seed: int
    started: str
    limits: dict[str, float]
    probes: list[dict[str, str]]
    peers: list[PeerResult] = field(default_factory=list)
    checked: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)
    download: Download | None = None
    download_file: str = ""

    def peer(self, name: str) -> PeerResult | None:
        for result in self.peers:
            if result.name == name and result.status == "ok":
                return result
        return None
