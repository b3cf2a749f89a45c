"""rdflib-endpoint from PyPI: an rdflib Dataset behind FastAPI and uvicorn (installed into the venv if missing)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.http_client import HttpClient
from bench.peers.base import PeerStartError, answers, free_port, wait_until
from bench.peers.processes import ServerProcess, launch

PACKAGES = ("rdflib-endpoint", "uvicorn")
MODULES = ("rdflib_endpoint", "uvicorn")
LOAD_SECONDS = 1800.0
MAX_TRIPLES = 1_000_000


def ensure_installed() -> None:
    """pip install rdflib-endpoint and uvicorn into this interpreter if they are missing."""
    if all(importlib.util.find_spec(module) for module in MODULES):
        return
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", *PACKAGES],
        capture_output=True,
        text=True,
        check=False,
    )
    if install.returncode != 0:
        last = install.stderr.strip().splitlines()[-1:] or ["no output"]
        raise PeerStartError(
            "rdflib-endpoint", f"pip install {' '.join(PACKAGES)} failed: {last[0]}"
        )


@dataclass
class RdflibEndpoint(ServerProcess):
    """`python -m bench.peers.rdflib_app` on a free loopback port."""

    name: str = "rdflib"
    label: str = "rdflib-endpoint"
    max_triples: int | None = MAX_TRIPLES
    skip_reason: str = "rdflib needs many minutes (and GBs) to load more than 1M triples"
    port: int = 0

    def start(self, data: Path) -> float:
        ensure_installed()
        self.port = free_port()
        self._directory = Path(tempfile.mkdtemp(prefix="bench-rdflib-"))
        log = self._directory / "server.log"
        began = time.monotonic()
        command = [
            sys.executable,
            "-m",
            "bench.peers.rdflib_app",
            str(data.resolve()),
            str(self.port),
        ]
        self._process = launch(command, log, cwd=Path(__file__).resolve().parents[2])
        process = self._process
        probe = f"http://127.0.0.1:{self.port}/sparql?query=ASK%7B%7D"
        wait_until(
            lambda: answers(probe), lambda: process.poll() is None, LOAD_SECONDS, self.name, log
        )
        return time.monotonic() - began

    def connect(self) -> HttpClient:
        if not self.port:
            raise PeerStartError(self.name, "not started")
        return HttpClient(self.port)
