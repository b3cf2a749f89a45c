"""CPU time of entity pages and cost of index pages, in-process (Flask's test client) over one release.

    python -m bench.pages_inprocess --data bench/data/1m-seed1.trig --build-dir /tmp/pages-1m

The release is published from `--data` into `--build-dir` once (as `kg serve --data` does) and reused.
The release's page index is made first if it is missing (and the time it took printed), as `kg serve`
does at start. Entity pages are the benchmark's draws (bench.probes, seed 1): CPU time per page, for organisations and
people apart. Index pages: every kind with a set of searches and page numbers, twice (the first pass
pays whatever a worker pays first), with the growth of the process's resident memory. To compare two
versions of the code, run it from each (e.g. a `git worktree` on `PYTHONPATH`) over the same build.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.generate import Samples, samples_path
from bench.probes import PAGES, page_requests
from kg.adhoc import publish_files
from kg.iris import Iris
from kg.progress import Progress
from kg.settings import load_settings

SEED = 1
INDEX_KINDS = ("people", "organizations", "moves", "documents")
INDEX_QUERIES = ("", "?page=2", "?page=7", "?q=lab", "?q=rech&page=2", "?lang=fr", "?lang=fr&page=3",
                 "?q=annonc", "?q=rumeur&lang=fr", "?q=2023")  # fmt: skip


@dataclass(frozen=True)
class Timed:
    """One request: its path, status, size and time (CPU or wall, in ms)."""

    path: str
    status: int
    size: int
    ms: float


def resident_mb() -> float:
    """This process's resident memory."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def time_requests(
    get: Callable[[str], tuple[int, int]], paths: list[str], clock: Callable[[], float]
) -> list[Timed]:
    """Each path requested once, timed with `clock`."""
    timed = []
    for path in paths:
        start = clock()
        status, size = get(path)
        timed.append(Timed(path, status, size, (clock() - start) * 1000))
    return timed


def summary(label: str, timed: list[Timed]) -> str:
    times, sizes = [t.ms for t in timed], [t.size / 1024 for t in timed]
    worst = max(timed, key=lambda t: t.ms)
    return (
        f"{label}: {len(timed)} pages, median {statistics.median(times):.1f} / mean "
        f"{statistics.mean(times):.1f} / max {max(times):.0f} ms; mean {statistics.mean(sizes):.1f}"
        f" KB / max {max(sizes):.0f} KB (slowest {worst.path})"
    )


def entity_paths(samples: Samples, draws: int) -> tuple[list[str], list[str]]:
    """The first `draws` organisation pages and person pages the benchmark draws."""
    probe = next(p for p in PAGES if p.name == "entity_html")
    paths = [r.target for r in page_requests(probe, samples, SEED, 4 * draws + 20)]
    orgs = [p for p in paths if p.startswith("/organization/")]
    people = [p for p in paths if p.startswith("/person/")]
    return orgs[:draws], people[:draws]


def release_dir(data: Path, build_dir: Path, base: str) -> None:
    """Publish `data` into `build_dir` unless a release is already there."""
    if (build_dir / "current").exists():
        return
    build_dir.mkdir(parents=True, exist_ok=True)
    publish_files([data], build_dir, Iris(base), Progress())


def run(data: Path, build_dir: Path, draws: int) -> list[str]:
    """The report's lines."""
    from server import create_app  # after the release exists: the app opens it
    from server.graph import graph_service
    from server.page_index_build import ensure_page_index

    samples = Samples.read(samples_path(data))
    release_dir(data, build_dir, samples.base)
    app = create_app(load_settings({"build_dir": build_dir, "base_uri": samples.base}, environ={}))
    with app.app_context():
        start = time.perf_counter()
        index = ensure_page_index(graph_service(app))
        made = time.perf_counter() - start
    client = app.test_client()

    def get(path: str) -> tuple[int, int]:
        reply = client.get(path, headers={"Accept": "text/html"})
        return reply.status_code, len(reply.data)

    lines = [f"page index: {index.stat().st_size / 2**20:.1f} MB, ready in {made:.1f} s"]
    orgs, people = entity_paths(samples, draws)
    time_requests(get, orgs[:5] + people[:5], time.process_time)  # warm the process's caches
    for label, paths in (("organisations", orgs), ("people", people)):
        lines.append(
            summary(f"entity pages, {label}, CPU", time_requests(get, paths, time.process_time))
        )
    paths = [f"/{kind}{query}" for kind in INDEX_KINDS for query in INDEX_QUERIES]
    for attempt in ("first", "second"):
        before, start = resident_mb(), time.perf_counter()
        timed = time_requests(get, paths, time.perf_counter)
        wall = time.perf_counter() - start
        errors = [t.path for t in timed if t.status >= 500]
        lines.append(
            f"index pages, {attempt} pass: {len(timed)} requests in {wall:.1f} s (slowest "
            f"{max(timed, key=lambda t: t.ms).path} {max(t.ms for t in timed):.0f} ms), resident "
            f"memory {before:.0f} -> {resident_mb():.0f} MB, errors {len(errors)}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.pages_inprocess", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--data", type=Path, required=True, help="a generated TriG file")
    parser.add_argument("--build-dir", type=Path, required=True, help="where its release is kept")
    parser.add_argument("--draws", type=int, default=100, help="pages of each kind (default 100)")
    args = parser.parse_args(argv)
    if not args.data.is_file() or not samples_path(args.data).is_file():
        print(f"error: {args.data} and its samples file must exist (python -m bench.generate)",
              file=sys.stderr)  # fmt: skip
        return 2
    if args.draws < 1:
        print("error: --draws must be a positive whole number", file=sys.stderr)
        return 2
    for line in run(args.data, args.build_dir, args.draws):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
