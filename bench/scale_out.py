"""Scale-out: 1, 2, … `kg serve` instances in front of one Virtuoso, the same requests spread over them.

    python -m bench.scale_out --triples 100k --servers 1,2 --requests 200 --seconds 8

One Virtuoso is started and loaded once (`kg.remote_release`); for each count of servers, that many
`kg serve --store URL` processes (stateless: the same build directory, no store of their own) run on
their own ports, and the driver's threads are dealt round-robin over them. Prints one line per
(servers, request kind, concurrency): median, p99, throughput.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.driver import Limits, Measurement, Request, measure, warm_up
from bench.generate import DEFAULT_BASE, DEFAULT_SEED
from bench.http_client import HttpClient
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


def serve(
    build_dir: Path, server: VirtuosoServer, workers: int, log: Path
) -> tuple[int, subprocess.Popen[bytes]]:
    """One `kg serve` over the store on a free port; its port and process, once /health answers."""
    port = free_port()
    url = server.sparql_url
    command = [sys.executable, "-m", "kg", "serve", "--build-dir", str(build_dir), "--store", url,
               "--port", str(port), "--workers", str(workers)]  # fmt: skip
    process = launch(command, log)
    probe = f"http://127.0.0.1:{port}/health"
    wait_until(lambda: answers(probe), lambda: process.poll() is None, 120, "kg serve", log)
    return port, process


def measure_spread(
    ports: list[int], requests: list[Request], concurrency: int, limits: Limits
) -> Measurement:
    """The driver's measurement, its threads dealt round-robin over the servers."""
    dealt = itertools.cycle(ports)
    return measure(lambda: HttpClient(next(dealt)), requests, concurrency, limits)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale_out", description=__doc__)
    parser.add_argument("--triples", default="100k")
    parser.add_argument("--servers", default="1,2")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=8.0)
    args = parser.parse_args(argv)
    triples = parse_size(args.triples)
    directory = Path(tempfile.mkdtemp(prefix="bench-scale-out-"))
    config = RunConfig(Path(__file__).parent / "data", DEFAULT_SEED, Limits(1, 1))
    data, samples = prepare_data(triples, config)
    store = start_server(directory, max(20_000, int(triples * BUFFERS_PER_TRIPLE)))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        url = store.sparql_url
        build_dir = directory / "build"
        publish_files([data], build_dir, Iris(DEFAULT_BASE), Progress(enabled=False))
        publish_into_store(build_dir, StoreEndpoint(url, f"{url}-auth", "dba", "dba"), Progress())
        drawn = all_probes(samples, DEFAULT_SEED, args.requests, LEVELS)
        probes = [probe for probe in drawn if probe.probe.name in PROBES]
        for count in (int(n) for n in args.servers.split(",")):
            ports = []
            for index in range(count):
                log = directory / f"serve-{count}-{index}.log"
                port, process = serve(build_dir, store, args.workers, log)
                ports.append(port)
                processes.append(process)
            for probe in probes:
                for port in ports:
                    warm_up(HttpClient(port), probe.warm_up, 10.0)
                for level in LEVELS:
                    limits = Limits(args.requests, args.seconds)
                    s = measure_spread(ports, probe.by_concurrency[level], level, limits).summary
                    print(f"{count} server(s) × {args.workers} workers  {probe.probe.name:<12} c={level}:"
                          f" median {s.median_ms:8.2f} ms  p99 {s.p99_ms:8.2f} ms  {s.throughput:7.1f}/s"
                          f"  errors {s.errors}", flush=True)  # fmt: skip
            while processes:
                terminate(processes.pop())
    finally:
        for process in processes:
            terminate(process)
        terminate(store.process)
        shutil.rmtree(directory, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
