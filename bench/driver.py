"""The load driver: requests at a given concurrency, bounded in count and time, timed one by one."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.http_client import Reply
from bench.peers.base import Client
from bench.processes import Memory
from bench.stats import Summary, summarise

MAX_ERROR_SAMPLES = 3
MEMORY_SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Request:
    """One request of the mix: a SPARQL query, or a path to GET, and the media type accepted."""

    target: str
    accept: str
    is_query: bool = True


@dataclass(frozen=True)
class Limits:
    """How much one phase may do: at most `requests` requests and `seconds` of wall-clock time."""

    requests: int
    seconds: float


@dataclass(frozen=True)
class Measurement:
    """A phase's statistics and a few of its errors, as they were answered."""

    concurrency: int
    summary: Summary
    error_samples: tuple[str, ...] = ()


@dataclass
class _Tally:
    """What the threads of a phase record, under one lock."""

    next_index: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def claim(self) -> int:
        with self.lock:
            index = self.next_index
            self.next_index += 1
            return index

    def record(self, seconds: float, error: str | None) -> None:
        with self.lock:
            if error is None:
                self.latencies.append(seconds)
            else:
                self.errors.append(error)


def send(client: Client, request: Request) -> Reply:
    """Send one request on a client."""
    if request.is_query:
        return client.query(request.target, request.accept)
    return client.get(request.target, request.accept)


def describe_failure(reply: Reply) -> str:
    return f"{reply.status}: {reply.body[:160].decode('utf-8', 'replace').strip()}"


def run_thread(
    connect: Callable[[], Client], requests: list[Request], tally: _Tally, deadline: float
) -> None:
    """Send requests, in the order of the shared list, until the list or the time is used up."""
    client = connect()
    try:
        while time.monotonic() < deadline:
            index = tally.claim()
            if index >= len(requests):
                return
            began = time.perf_counter()
            try:
                reply = send(client, requests[index])
                error = None if reply.ok else describe_failure(reply)
            except OSError as failure:
                client.close()
                error = f"{type(failure).__name__}: {failure}"
            tally.record(time.perf_counter() - began, error)
    finally:
        client.close()


def measure(
    connect: Callable[[], Client], requests: list[Request], concurrency: int, limits: Limits
) -> Measurement:
    """Run `requests` (at most limits.requests of them) on `concurrency` threads, each with its client."""
    tally = _Tally()
    chosen = requests[: limits.requests]
    began = time.monotonic()
    deadline = began + limits.seconds
    threads = [
        threading.Thread(target=run_thread, args=(connect, chosen, tally, deadline), daemon=True)
        for _ in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - began
    summary = summarise(tally.latencies, len(tally.errors), seconds)
    samples = tuple(dict.fromkeys(tally.errors))[:MAX_ERROR_SAMPLES]
    return Measurement(concurrency, summary, samples)


def warm_up(client: Client, requests: list[Request], seconds: float) -> str | None:
    """Send a few requests whose times are not kept (first-use costs: connections, children, caches).

    Stops after `seconds`; returns why the peer cannot be measured when a request fails to arrive
    (a timeout: one request takes longer than the client waits), else None.
    """
    deadline = time.monotonic() + seconds
    for request in requests:
        try:
            send(client, request)
        except OSError as failure:
            client.close()
            return f"a request failed before measuring ({type(failure).__name__}: {failure})"
        if time.monotonic() > deadline:
            break
    return None


@dataclass(frozen=True)
class Download:
    """A dump downloaded while the server's memory was sampled."""

    status: int
    bytes: int
    seconds: float
    memory_before: Memory
    memory_peak: Memory


def download_watching_memory(
    fetch: Callable[[], tuple[int, int]], memory: Callable[[], Memory]
) -> Download:
    """Run `fetch` while sampling `memory` every few milliseconds; the peak PSS seen."""
    before = memory()
    peak = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            current = memory()
            if current.pss > peak[0].pss:
                peak[0] = current
            done.wait(MEMORY_SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    began = time.perf_counter()
    try:
        status, size = fetch()
    finally:
        seconds = time.perf_counter() - began
        done.set()
        sampler.join()
    return Download(status, size, seconds, before, peak[0])
