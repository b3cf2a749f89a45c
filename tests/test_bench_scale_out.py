"""The scale-out benchmark: its arguments, its threads dealt over every server, a tiny run over a real
Virtuoso and real `kg serve` processes that leaves none of them running."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bench.driver import Limits, Request
from bench.probes import WARM_UP
from bench.scale_out import LEVELS, PROBES, main, measure_spread, parse_servers
from tests.conftest import PROJECT_ROOT

LINE = re.compile(
    r"^(?P<servers>\d+) server\(s\) × 1 workers  (?P<probe>\w+)\s+c=(?P<level>\d+):"
    r" median\s+(?P<median>\S+) ms  p99\s+(?P<p99>\S+) ms\s+(?P<throughput>\S+)/s"
    r"  errors (?P<errors>\d+)  per server (?P<answered>[\d+]+)$"
)
LOGGED = re.compile(
    r"^(\d+) server\(s\): requests in each one's access log, warm-up included: (.+)$"
)
REQUESTS = 16


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--servers", "0"], "'0' is not a count of servers"),
        (["--servers", "x"], "'x' is not a count of servers"),
        (["--servers", "1,,2"], "'' is not a count of servers"),
        (["--servers", "-1"], "'-1' is not a count of servers"),
        (["--servers", "17"], "from 1 to 16"),
        (["--triples", "big"], "'big' is not a size"),
        (["--workers", "0"], "--workers must be positive"),
        (["--requests", "-5"], "--requests must be positive"),
        (["--seconds", "0"], "--seconds must be positive"),
        (["--workers", "two"], "invalid int value: 'two'"),
    ],
)
def test_bad_arguments_exit_2_saying_what_is_wrong(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*arguments, "--data-dir", str(tmp_path / "data"), "--work-dir", str(tmp_path / "w")])
    assert exited.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "data").exists() and not (tmp_path / "w").exists()  # nothing started


def test_the_command_itself_exits_2_on_a_bad_count_of_servers() -> None:
    command = [sys.executable, "-m", "bench.scale_out", "--servers", "0"]
    finished = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    assert finished.returncode == 2, finished.stderr
    assert "--servers '0': '0' is not a count of servers" in finished.stderr


def test_counts_of_servers_are_read_in_order() -> None:
    assert parse_servers("1") == (1,)
    assert parse_servers("1, 2,4") == (1, 2, 4)


class Recording(BaseHTTPRequestHandler):
    """Answers every GET after a few milliseconds, recording which connection it came on."""

    protocol_version = "HTTP/1.1"  # keep-alive: one connection per client, as the driver's
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        server = self.server
        assert isinstance(server, RecordingServer)
        with server.lock:
            server.connections.append(self.client_address)
        time.sleep(0.005)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format: str, *args: object) -> None:
        return None


class RecordingServer(ThreadingHTTPServer):
    """A real HTTP server on a free loopback port that keeps the client address of every request."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Recording)
        self.lock = threading.Lock()
        self.connections: list[tuple[str, int]] = []


@pytest.fixture
def two_servers() -> Iterator[list[RecordingServer]]:
    servers = [RecordingServer(), RecordingServer()]
    threads = [threading.Thread(target=s.serve_forever, args=(0.05,), daemon=True) for s in servers]
    for thread in threads:
        thread.start()
    yield servers
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(("concurrency", "connections"), [(1, (1, 0)), (3, (2, 1)), (8, (4, 4))])
def test_the_threads_are_dealt_round_robin_over_the_servers(
    two_servers: list[RecordingServer], concurrency: int, connections: tuple[int, int]
) -> None:
    ports = [s.server_address[1] for s in two_servers]
    requests = [Request("/thing", "text/plain", is_query=False)] * 60
    spread = measure_spread(ports, requests, concurrency, Limits(60, 30.0))
    received = tuple(len(s.connections) for s in two_servers)
    assert spread.measurement.summary.requests == 60 and spread.measurement.summary.errors == 0
    assert spread.answered == received and sum(received) == 60
    assert tuple(len(set(s.connections)) for s in two_servers) == connections


def requests_in(log: Path) -> int:
    """The requests of an access log, but the readiness probes (/health)."""
    lines = log.read_text(encoding="utf-8").splitlines()
    return sum(1 for line in lines if re.search(r'"GET (?!/health )', line))


def processes_using(directory: Path) -> list[str]:
    """The live processes whose command line or working directory is in `directory`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            cwd = os.readlink(entry / "cwd")
        except OSError:
            continue  # gone meanwhile, or not ours to read
        if str(directory) in command or cwd.startswith(str(directory)):
            found.append(f"{entry.name}: {command}")
    return found


def test_a_tiny_run_measures_every_phase_over_every_server_and_stops_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "work"
    arguments = ["--triples", "5k", "--servers", "1,2", "--workers", "1"]
    arguments += ["--requests", str(REQUESTS), "--seconds", "20"]
    assert main([*arguments, "--data-dir", str(tmp_path / "data"), "--work-dir", str(work)]) == 0
    output = capsys.readouterr().out.splitlines()
    lines = [match for line in output if (match := LINE.match(line))]
    phases = [(int(m["servers"]), m["probe"], int(m["level"])) for m in lines]
    assert sorted(phases) == sorted((n, p, c) for n in (1, 2) for p in PROBES for c in LEVELS)
    dealt = {0: 0, 1: 0}  # what the driver's clients got from each of the two servers
    for match in lines:
        assert int(match["errors"]) == 0, match.string
        median, p99 = float(match["median"]), float(match["p99"])
        assert math.isfinite(median) and 0 < median <= p99, match.string
        assert float(match["throughput"]) > 0, match.string
        answered = [int(n) for n in match["answered"].split("+")]
        assert len(answered) == int(match["servers"]) and sum(answered) == REQUESTS
        if int(match["servers"]) == 2:
            dealt = {index: dealt[index] + n for index, n in enumerate(answered)}
            if int(match["level"]) == 8:
                assert min(answered) > 0, match.string  # both servers answered in every phase
    # every server's own access log holds its warm-up and exactly the requests dealt to it
    warm_up = WARM_UP * len(PROBES)
    logged = [requests_in(work / f"serve-2-{index}.log") for index in (0, 1)]
    assert logged == [warm_up + dealt[0], warm_up + dealt[1]]
    printed = {int(m[1]): m[2] for line in output if (m := LOGGED.match(line))}
    assert printed == {1: str(warm_up + 2 * REQUESTS * len(PROBES)), 2: f"{logged[0]}, {logged[1]}"}
    assert (work / "store" / "virtuoso.log").exists()
    assert processes_using(work) == []  # Virtuoso and every kg serve (arbiter and workers) stopped
