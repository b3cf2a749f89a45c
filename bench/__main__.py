"""`python -m bench`: run the benchmark at the sizes given and write the report of each to bench/results/."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from bench.driver import Limits
from bench.generate import DEFAULT_BASE, DEFAULT_SEED
from bench.peers.base import Peer
from bench.peers.inprocess import InProcessOxigraph
from bench.peers.ours import OurServer
from bench.peers.ours_remote import OurServerOverVirtuoso
from bench.peers.rdflib_endpoint import RdflibEndpoint
from bench.peers.virtuoso import Virtuoso
from bench.report import write_report
from bench.run import RunConfig, run_size
from bench.sizes import parse_size

BENCH_DIR = Path(__file__).resolve().parent
PEERS = ("inprocess", "ours", "virtuoso", "rdflib", "ours-virtuoso")
DEFAULT_PEERS = PEERS[:4]  # ours over Virtuoso is asked for by name (docs/scale-out.md)


def make_peers(names: list[str], triples: int) -> list[Peer]:
    """The peers asked for, in the order of PEERS."""
    makers: dict[str, Callable[[], Peer]] = {
        "inprocess": InProcessOxigraph,
        "ours": OurServer,
        "virtuoso": lambda: Virtuoso(base=DEFAULT_BASE, triples=triples),
        "rdflib": RdflibEndpoint,
        "ours-virtuoso": lambda: OurServerOverVirtuoso(triples=triples),
    }
    return [makers[name]() for name in PEERS if name in names]


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--sizes",
        default="10k,100k,1m",
        help="comma-separated sizes (default %(default)s; 10m opt-in)",
    )
    parser.add_argument(
        "--peers",
        default=",".join(DEFAULT_PEERS),
        help=f"comma-separated peers of {', '.join(PEERS)} (default %(default)s)",
    )
    parser.add_argument(
        "--requests", type=int, default=300, help="requests per phase at most (default %(default)s)"
    )
    parser.add_argument(
        "--seconds", type=float, default=8.0, help="seconds per phase at most (default %(default)s)"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--data-dir", type=Path, default=BENCH_DIR / "data")
    parser.add_argument("--results-dir", type=Path, default=BENCH_DIR / "results")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run each size, write its report; exit 2 on bad input."""
    args = parse_arguments(argv)
    try:
        sizes = [parse_size(size) for size in args.sizes.split(",")]
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    names = [name.strip() for name in args.peers.split(",")]
    unknown = [name for name in names if name not in PEERS]
    if unknown or args.requests < 1 or args.seconds <= 0:
        print(
            f"error: peers are {', '.join(PEERS)}; requests and seconds must be positive",
            file=sys.stderr,
        )
        return 2
    config = RunConfig(args.data_dir, args.seed, Limits(args.requests, args.seconds))
    for triples in sizes:
        size = run_size(triples, make_peers(names, triples), config)
        markdown, _ = write_report(size, args.results_dir)
        failed = [f"{p.label} ({p.reason})" for p in size.peers if p.status == "failed"]
        print(
            f"{size.size}: {markdown}" + (f"; could not run: {'; '.join(failed)}" if failed else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
