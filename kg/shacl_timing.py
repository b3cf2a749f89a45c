"""Time plain pySHACL against the build's engine on a sample of units: `python -m kg.shacl_timing`."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as plain_pyshacl
from rdflib import Graph

from kg.compile import compile_dataset
from kg.iris import Iris
from kg.progress import Progress
from kg.validation import private_copy, validate_one, validation_units
from kg.validation_report import read_results


@dataclass(frozen=True)
class Timing:
    """Seconds spent on the same units by each engine, and whether they agreed."""

    units: int
    triples: int
    plain_seconds: float
    engine_seconds: float
    same_results: bool

    def describe(self) -> str:
        per_plain = 1000 * self.plain_seconds / self.units
        per_engine = 1000 * self.engine_seconds / self.units
        return (
            f"{self.units} unit(s), {self.triples:,} triples: plain pySHACL {self.plain_seconds:.1f} s"
            f" ({per_plain:.0f} ms/unit), engine {self.engine_seconds:.1f} s ({per_engine:.0f} ms/unit),"
            f" {self.plain_seconds / self.engine_seconds:.1f}x;"
            f" {'same' if self.same_results else 'DIFFERENT'} results"
        )


def time_units(units: list[tuple[str, Graph]], shapes: Graph) -> Timing:
    plain_seconds = engine_seconds = 0.0
    same = True
    for name, unit in units:
        started = time.perf_counter()
        _conforms, results, _text = plain_pyshacl(
            unit,
            shacl_graph=private_copy(shapes),
            inference="none",
            advanced=True,
            allow_warnings=True,
        )
        plain = read_results(name, results)
        plain_seconds += time.perf_counter() - started
        started = time.perf_counter()
        engine = validate_one(name, unit, shapes)
        engine_seconds += time.perf_counter() - started
        same = same and plain == engine
    triples = sum(len(unit) for _name, unit in units)
    return Timing(len(units), triples, plain_seconds, engine_seconds, same)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.shacl_timing", description=__doc__)
    parser.add_argument("--seeds", type=Path, required=True, help="the corpus to compile")
    parser.add_argument("--sample", type=int, default=100, help="document units to time")
    args = parser.parse_args(argv)
    compiled = compile_dataset(args.seeds, Iris(), Progress(enabled=False))
    units = list(validation_units(compiled.document_graphs, compiled.metadata))
    documents, metadata = units[:-1], units[-1]
    step = max(1, len(documents) // args.sample)
    print("documents:", time_units(documents[::step][: args.sample], compiled.shapes).describe())
    print("metadata: ", time_units([metadata], compiled.shapes).describe())
    return 0


if __name__ == "__main__":
    sys.exit(main())
