"""The load driver with fake clients: bounded by count and time, errors counted, slow peers reported."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from bench.checks import collect_rows, compare_peers
from bench.driver import Limits, Request, measure, warm_up
from bench.http_client import Reply
from bench.probes import Probe, ProbeRequests
from bench.rows import Rows

ROWS = b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "uri", "value": "http://a"}}]}}'


@dataclass
class FakeClient:
    """Answers after `delay` seconds; fails every query whose text contains "fail"; times out on "slow"."""

    delay: float = 0.0
    sent: list[str] = field(default_factory=list)

    def query(self, sparql: str, accept: str) -> Reply:
        self.sent.append(sparql)
        if "slow" in sparql:
            raise TimeoutError("timed out")
        time.sleep(self.delay)
        if "fail" in sparql:
            return Reply(500, b"broken")
        return Reply(200, ROWS, "application/sparql-results+json")

    def get(self, path: str, accept: str) -> Reply:
        return Reply(404, b"")

    def close(self) -> None:
        return None


def test_a_phase_stops_at_its_request_count() -> None:
    requests = [Request(f"q{i}", "json") for i in range(50)]
    measured = measure(FakeClient, requests, 4, Limits(requests=20, seconds=10))
    assert measured.summary.requests == 20 and measured.summary.errors == 0
    assert measured.concurrency == 4 and measured.summary.throughput > 0


def test_a_phase_stops_at_its_time_limit() -> None:
    requests = [Request(f"q{i}", "json") for i in range(1000)]
    began = time.monotonic()
    measured = measure(
        lambda: FakeClient(delay=0.01), requests, 2, Limits(requests=1000, seconds=0.2)
    )
    assert time.monotonic() - began < 1.0
    assert 5 < measured.summary.requests < 100


def test_errors_are_counted_and_quoted() -> None:
    requests = [Request("ok", "json"), Request("fail", "json"), Request("slow", "json")] * 3
    measured = measure(FakeClient, requests, 1, Limits(requests=9, seconds=5))
    assert measured.summary.requests == 9 and measured.summary.errors == 6
    assert "500: broken" in measured.error_samples
    assert any("TimeoutError" in sample for sample in measured.error_samples)


def test_warm_up_reports_a_peer_too_slow_to_measure() -> None:
    assert warm_up(FakeClient(), [Request("ok", "json")] * 3, seconds=5) is None
    failure = warm_up(FakeClient(), [Request("slow", "json")], seconds=5)
    assert failure is not None and "TimeoutError" in failure


def test_checks_stop_sending_a_query_that_timed_out_and_report_it() -> None:
    probe = Probe("lookup", "lookup", "one entity")
    slow = ProbeRequests(Probe("path", "path", "a path"), [Request("slow", "json")] * 3, [], {})
    fine = ProbeRequests(probe, [Request("ok", "json")] * 3, [], {})
    client = FakeClient()
    collected = collect_rows(client, [fine, slow])
    assert client.sent.count("slow") == 1
    assert isinstance(collected[("lookup", 0)], Rows)
    mismatches = compare_peers({"inprocess": collected, "other": collected}, {}, "inprocess")
    assert {(m.peer, m.probe) for m in mismatches} == {("inprocess", "path"), ("other", "path")}
