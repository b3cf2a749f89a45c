"""What every peer offers the benchmark, and the error a peer that cannot start raises."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from bench.http_client import Reply
from bench.processes import Memory


class PeerStartError(Exception):
    """A peer could not start or load the data: which, and why."""

    def __init__(self, peer: str, reason: str) -> None:
        super().__init__(f"{peer} could not start: {reason}")
        self.peer = peer
        self.reason = reason


class Client(Protocol):
    """One connection to a peer, used by one thread."""

    def query(self, sparql: str, accept: str) -> Reply: ...

    def get(self, path: str, accept: str) -> Reply: ...

    def close(self) -> None: ...


class Peer(Protocol):
    """A system answering the query mix over the same data."""

    name: str
    label: str
    max_triples: int | None  # beyond this size the peer is skipped (with the reason below)
    skip_reason: str

    def start(self, data: Path) -> float:
        """Start and load `data` (TriG); the seconds it took until the first query could be answered."""
        ...

    def connect(self) -> Client: ...

    def memory(self) -> Memory:
        """RSS and PSS of every process of the peer."""
        ...

    def stop(self) -> None: ...


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until(
    ready: Callable[[], bool],
    alive: Callable[[], bool],
    seconds: float,
    peer: str,
    log: Path | None,
) -> None:
    """Poll `ready` until it is true; raise PeerStartError if the process dies or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return
        if not alive():
            raise PeerStartError(peer, f"the process exited before it was ready{log_tail(log)}")
        time.sleep(0.2)
    raise PeerStartError(peer, f"not ready after {seconds:.0f} s{log_tail(log)}")


def answers(url: str) -> bool:
    """Whether a GET of `url` answers 200 now."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def log_tail(log: Path | None, lines: int = 8) -> str:
    """The last lines of a log file, to say why a process failed."""
    if log is None or not log.exists():
        return ""
    tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-lines:]
    return "; log: " + " | ".join(tail) if tail else ""
