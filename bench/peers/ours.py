"""Our server: `kg serve --data FILE --port P --workers 2` (gunicorn, on-disk Oxigraph store, query children)."""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.http_client import HttpClient
from bench.peers.base import PeerStartError, answers, free_port, wait_until
from bench.peers.processes import ServerProcess, launch

LOAD_SECONDS = 3600.0
WORKERS = 2


@dataclass
class OurServer(ServerProcess):
    """`kg serve` on a free loopback port; its temporary release is removed when it stops."""

    workers: int = WORKERS
    name: str = "ours"
    label: str = "our server"
    max_triples: int | None = None
    skip_reason: str = ""
    port: int = 0
    arguments: tuple[str, ...] = ()  # more `kg serve` options (the store, for a remote one)
    environment: dict[str, str] = field(default_factory=dict)

    def start(self, data: Path) -> float:
        self.port = free_port()
        self._directory = Path(tempfile.mkdtemp(prefix="bench-ours-"))
        log = self._directory / "server.log"
        began = time.monotonic()
        command = [sys.executable, "-m", "kg", "serve", "--data", str(data.resolve()),
                   "--port", str(self.port), "--workers", str(self.workers), *self.arguments]  # fmt: skip
        environment = {**self.environment, "TMPDIR": str(self._directory)}
        self._process = launch(command, log, env=environment)
        process = self._process
        wait_until(
            lambda: answers(f"http://127.0.0.1:{self.port}/health"),
            lambda: process.poll() is None,
            LOAD_SECONDS,
            self.name,
            log,
        )
        return time.monotonic() - began

    def connect(self) -> HttpClient:
        if not self.port:
            raise PeerStartError(self.name, "not started")
        return HttpClient(self.port)
