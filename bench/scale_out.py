"""Scale-out: 1, 2, … `kg serve` instances in front of one Virtuoso, the same requests spread over them.

    python -m bench.scale_out --triples 100k --servers 1,2 --requests 200 --seconds 8

One Virtuoso is started and loaded once (`kg.remote_release`); for each count of servers, that many
`kg serve --store URL` processes (stateless: the same build directory, no store of their own) run on
their own ports, and the driver's threads are dealt round-robin over them. Prints one line per
(servers, request kind, concurrency): median, p99, throughput, errors and the requests each server
answered; then, once a count's servers are stopped, the requests each one logged (warm-up included).
"""

from __future__ import annotations

import argparse
import itertools
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.driver import Limits, Measurement, Request, measure, warm_up
from bench.generate import DEFAULT_BASE, DEFAULT_SEED
from bench.http_client import HttpClient, Reply
from bench.peers.base import answers, free_port, wait_until
from bench.peers.processes import launch, terminate
from bench.peers.virtuoso import BUFFERS_PER_TRIPLE, VirtuosoServer, start_server
from bench.probes import all_probes
from bench.run import RunConfig, prepare_data
from bench.sizes import parse_size
from kg.adhoc import publish_files
from kg.iris import Iris
from kg.progress import Progress
from kg.remote_release import publish_into_store
from kg.store_http import StoreEndpoint

PROBES = ("lookup_out", "moves_from", "entity_html")
LEVELS = (1, 8)
MAX_SERVERS = 16
DATA_DIR = Path(__file__).parent / "data"
HEALTH = "/health"


@dataclass(frozen=True)
class ScaleOutConfig:
    """A run, from the command line: the graph's size, the counts of servers, the bounds of a phase."""

    triples: int
    servers: tuple[int, ...]
    workers: int
    requests: int
    seconds: float
    data_dir: Path = DATA_DIR
    work_dir: Path | None = None  # kept after the run when given; else a temporary directory


@dataclass
class DealtClient:
    """A client of one of the servers that counts, by port, the replies it got from there."""

    http: HttpClient
    answered: Counter[int]
    lock: threading.Lock

    def query(self, sparql: str, accept: str) -> Reply:
        return self._count(self.http.query(sparql, accept))

    def get(self, path: str, accept: str) -> Reply:
        return self._count(self.http.get(path, accept))

    def close(self) -> None:
        self.http.close()

    def _count(self, reply: Reply) -> Reply:
        with self.lock:
            self.answered[self.http.port] += 1
        return reply


@dataclass(frozen=True)
class Spread:
    """A phase measured over several servers, and how many requests each server answered."""

    measurement: Measurement
    answered: tuple[int, ...]  # by server, in the order of their ports


@dataclass
class Servers:
    """The processes this run started (the store, then the web servers), stopped at the end."""

    web: list[subprocess.Popen[bytes]] = field(default_factory=list)
    store: VirtuosoServer | None = None

    def stop_web(self) -> None:
        while self.web:
            terminate(self.web.pop())

    def stop_all(self) -> None:
        self.stop_web()
        if self.store is not None:
            terminate(self.store.process)
            self.store = None


def parse_servers(text: str) -> tuple[int, ...]:
    """The counts of servers `--servers` names (such as 1,2,4); ValueError says what is wrong."""
    counts = []
    for part in text.split(","):
        if not re.fullmatch(r"[0-9]+", part.strip()) or not 1 <= int(part) <= MAX_SERVERS:
            raise ValueError(
                f"--servers {text!r}: {part.strip()!r} is not a count of servers; write whole"
                f" numbers from 1 to {MAX_SERVERS} separated by commas, such as 1,2"
            )
        counts.append(int(part))
    return tuple(counts)


def parse_arguments(argv: list[str] | None) -> ScaleOutConfig:
    """The run the command line asks for; exits 2 with a message naming what is wrong."""
    parser = argparse.ArgumentParser(prog="python -m bench.scale_out", description=__doc__)
    parser.add_argument("--triples", default="100k", help="graph size (default %(default)s)")
    parser.add_argument("--servers", default="1,2", help="counts of servers (default %(default)s)")
    parser.add_argument("--workers", type=int, default=2, help="workers per server (default 2)")
    parser.add_argument("--requests", type=int, default=200, help="requests per phase at most")
    parser.add_argument("--seconds", type=float, default=8.0, help="seconds per phase at most")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="generated graphs")
    parser.add_argument("--work-dir", type=Path, help="store, build and logs, kept (default: temp)")
    args = parser.parse_args(argv)
    try:
        triples, servers = parse_size(args.triples), parse_servers(args.servers)
    except ValueError as error:
        parser.error(str(error))
    for name in ("workers", "requests", "seconds"):
        if getattr(args, name) <= 0:
            parser.error(f"--{name} must be positive, not {getattr(args, name)}")
    return ScaleOutConfig(
        triples, servers, args.workers, args.requests, args.seconds, args.data_dir, args.work_dir
    )


def serve(
    build_dir: Path, server: VirtuosoServer, workers: int, log: Path
) -> tuple[int, subprocess.Popen[bytes]]:
    """One `kg serve` over the store on a free port; its port and process, once /health answers."""
    port = free_port()
    url = server.sparql_url
    command = [sys.executable, "-m", "kg", "serve", "--build-dir", str(build_dir), "--store", url,
               "--port", str(port), "--workers", str(workers)]  # fmt: skip
    process = launch(command, log)
    probe = f"http://127.0.0.1:{port}{HEALTH}"
    try:
        wait_until(lambda: answers(probe), lambda: process.poll() is None, 120, "kg serve", log)
    except BaseException:
        terminate(process)
        raise
    return port, process


def measure_spread(
    ports: list[int], requests: list[Request], concurrency: int, limits: Limits
) -> Spread:
    """The driver's measurement, its threads dealt round-robin over the servers (thread i to server
    i mod N); counts the replies each server gave."""
    dealt = itertools.cycle(ports)
    answered: Counter[int] = Counter()
    lock = threading.Lock()

    def connect() -> DealtClient:
        with lock:
            port = next(dealt)
        return DealtClient(HttpClient(port), answered, lock)

    measurement = measure(connect, requests, concurrency, limits)
    return Spread(measurement, tuple(answered[port] for port in ports))


def requests_logged(log: Path) -> int:
    """The requests a `kg serve` logged in its access log, but for /health (its readiness probe)."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    return sum(1 for line in lines if '"GET ' in line and f'"GET {HEALTH} ' not in line)


def format_line(count: int, workers: int, probe: str, level: int, spread: Spread) -> str:
    """One line of the output: a (servers, request kind, concurrency) phase."""
    s = spread.measurement.summary
    return (
        f"{count} server(s) × {workers} workers  {probe:<12} c={level}:"
        f" median {s.median_ms:8.2f} ms  p99 {s.p99_ms:8.2f} ms  {s.throughput:7.1f}/s"
        f"  errors {s.errors}  per server {'+'.join(str(n) for n in spread.answered)}"
    )


def run(config: ScaleOutConfig) -> int:
    """Load one Virtuoso, then measure each count of servers in front of it; stop everything."""
    directory = config.work_dir or Path(tempfile.mkdtemp(prefix="bench-scale-out-"))
    (directory / "store").mkdir(parents=True, exist_ok=True)
    data, samples = prepare_data(
        config.triples, RunConfig(config.data_dir, DEFAULT_SEED, Limits(1, 1))
    )
    servers = Servers()
    try:
        buffers = max(20_000, int(config.triples * BUFFERS_PER_TRIPLE))
        servers.store = start_server(directory / "store", buffers)
        url = servers.store.sparql_url
        build_dir = directory / "build"
        publish_files([data], build_dir, Iris(DEFAULT_BASE), Progress(enabled=False))
        publish_into_store(build_dir, StoreEndpoint(url, f"{url}-auth", "dba", "dba"), Progress())
        drawn = all_probes(samples, DEFAULT_SEED, config.requests, LEVELS)
        probes = [probe for probe in drawn if probe.probe.name in PROBES]
        limits = Limits(config.requests, config.seconds)
        for count in config.servers:
            logs = [directory / f"serve-{count}-{index}.log" for index in range(count)]
            ports = []
            for log in logs:
                port, process = serve(build_dir, servers.store, config.workers, log)
                ports.append(port)
                servers.web.append(process)
            for probe in probes:
                for port in ports:
                    client = HttpClient(port)
                    warm_up(client, probe.warm_up, 10.0)
                    client.close()
                for level in LEVELS:
                    spread = measure_spread(ports, probe.by_concurrency[level], level, limits)
                    line = format_line(count, config.workers, probe.probe.name, level, spread)
                    print(line, flush=True)
            servers.stop_web()
            logged = ", ".join(str(requests_logged(log)) for log in logs)
            print(
                f"{count} server(s): requests in each one's access log, warm-up included: {logged}"
            )
    finally:
        servers.stop_all()
        if config.work_dir is None:
            shutil.rmtree(directory, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments (exit 2 when they are wrong), then run."""
    return run(parse_arguments(argv))


if __name__ == "__main__":
    sys.exit(main())
