"""Measure `kg build` and SHACL validation at scale on generated corpora: `python -m bench.build_scale`."""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

PYTHON = sys.executable
TIME = "/usr/bin/time"
STEP = re.compile(r"^\[kg +([0-9.]+)s\] (.*)$")
COMPILED = re.compile(r"compiled ([0-9,]+ quads)")
CACHE = re.compile(r"validation: (\d+) unit\(s\) validated, (\d+) reused")
TRIPLES_PER_ARTICLE = 289  # union triples per generated article, to size a corpus for a size


@dataclass
class Run:
    """One measured command: wall seconds, peak RSS of its largest process, its progress steps."""

    command: list[str]
    seconds: float
    peak_mb: float
    steps: list[tuple[float, str]] = field(default_factory=list)
    stdout: str = ""

    def at(self, prefix: str) -> float:
        """The elapsed time of the first progress step starting with `prefix`."""
        return next(seconds for seconds, message in self.steps if message.startswith(prefix))

    def validation_seconds(self) -> float:
        return self.at("validation") - self.at("validating")

    def compiled(self) -> str:
        """What the build compiled ("3,153,808 quads"), from its progress."""
        for _seconds, message in self.steps:
            found = COMPILED.match(message)
            if found:
                return found[1]
        return "? quads"

    def cache_counts(self) -> tuple[int, int]:
        for _seconds, message in self.steps:
            found = CACHE.match(message)
            if found:
                return int(found[1]), int(found[2])
        return 0, 0

    def shell(self) -> str:
        return " ".join(self.command)


def run_measured(command: list[str], log: Path | None = None) -> Run:
    """Run a command under GNU time (its standard error kept in `log`); fail loudly if it fails."""
    done = subprocess.run(
        [TIME, "-v", *command], capture_output=True, text=True, check=False, encoding="utf-8"
    )
    if log is not None:
        log.write_text(done.stderr, encoding="utf-8")
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([0-9.]+)", done.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    assert wall is not None and rss is not None, "GNU time's -v output"
    hours, minutes, seconds = int(wall[1] or 0), int(wall[2]), float(wall[3])
    steps = [
        (float(found[1]), found[2])
        for line in done.stderr.splitlines()
        if (found := STEP.match(line))
    ]
    return Run(
        command,
        3600 * hours + 60 * minutes + seconds,
        int(rss[1]) / 1024,
        steps,
        done.stdout,
    )


def write_corpus(directory: Path, articles: int, start: int = 0, world: int | None = None) -> None:
    command = [PYTHON, "-m", "kg.corpus", "--articles", str(articles), "-o", str(directory), "-q"]
    command += ["--start", str(start), "--world", str(world if world is not None else articles)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def kg(*arguments: str) -> list[str]:
    return [str(Path(PYTHON).with_name("kg")), *arguments]


def union_triples(build_dir: Path) -> int:
    manifest = json.loads((build_dir / "current" / "manifest.json").read_text(encoding="utf-8"))
    return int(manifest["dumps"]["revolving-door.nt"]["triples"])


def measure_builds(sizes: list[int], work: Path, jobs: int) -> None:
    """Build each corpus once (full validation), then add one article to the largest and rebuild."""
    builds = {}
    for articles in sizes:
        seeds, build_dir = work / f"seeds-{articles}", work / f"build-{articles}"
        shutil.rmtree(build_dir, ignore_errors=True)
        shutil.rmtree(seeds, ignore_errors=True)
        write_corpus(seeds, articles)
        run = run_measured(
            [
                *kg("build", "--seeds", str(seeds), "--build-dir", str(build_dir)),
                *("--full-validation", "--jobs", str(jobs)),
            ],
            work / f"build-{articles}.log",
        )
        builds[articles] = run
        print(f"\n$ {run.shell()}")
        print(
            f"  {articles:,} articles, {union_triples(build_dir):,} triples (union):"
            f" {run.seconds:.1f} s wall, peak RSS {run.peak_mb:,.0f} MB;"
            f" compile {run.at('validating'):.1f} s, validation {run.validation_seconds():.1f} s,"
            f" dumps + store + publish {run.at('published') - run.at('validation'):.1f} s"
        )
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        print(
            f"\n  ratio {large:,}/{small:,} articles = {large / small:.0f}:"
            f" wall {builds[large].seconds / builds[small].seconds:.1f}x,"
            f" validation {builds[large].validation_seconds() / builds[small].validation_seconds():.1f}x"
        )
    largest = sizes[-1]
    seeds, build_dir = work / f"seeds-{largest}", work / f"build-{largest}"
    write_corpus(seeds, 1, start=largest, world=largest)
    run = run_measured(
        kg("build", "--seeds", str(seeds), "--build-dir", str(build_dir), "--jobs", str(jobs)),
        work / f"build-{largest}-plus-one.log",
    )
    validated, reused = run.cache_counts()
    print(f"\n$ {PYTHON} -m kg.corpus --articles 1 --start {largest} --world {largest} -o {seeds}")
    print(f"$ {run.shell()}")
    print(
        f"  one article added: {validated} unit(s) validated, {reused:,} reused,"
        f" validation {run.validation_seconds():.1f} s; whole build {run.seconds:.1f} s wall,"
        f" peak RSS {run.peak_mb:,.0f} MB"
    )


def measure_validation(triples: int, plain_sizes: list[int], work: Path, jobs: int) -> None:
    """Plain pySHACL on a whole union graph (at increasing sizes) against our per-unit validation."""
    articles = max(1, round(triples / TRIPLES_PER_ARTICLE))
    seeds = work / f"seeds-{articles}"
    shutil.rmtree(seeds, ignore_errors=True)
    write_corpus(seeds, articles)
    for workers in sorted({1, jobs}):
        run = run_measured(
            kg("validate", "--seeds", str(seeds), "--jobs", str(workers)),
            work / f"validate-{articles}-jobs-{workers}.log",
        )
        print(f"\n$ {run.shell()}")
        print(
            f"  ours, per unit ({articles:,} articles, {articles + 1:,} units,"
            f" {run.compiled()}), {workers} job(s):"
            f" validation {run.validation_seconds():.1f} s, whole command {run.seconds:.1f} s,"
            f" peak RSS {run.peak_mb:,.0f} MB"
        )
    measured: list[tuple[int, float]] = []
    for size in plain_sizes:
        data = work / f"union-{size}.nt"
        subprocess.run(
            [
                PYTHON,
                "-m",
                "bench.build_scale",
                "union",
                "--seeds",
                str(seeds),
                "--articles",
                str(size),
                "-o",
                str(data),
            ],
            check=True,
        )
        run = run_measured([PYTHON, "-m", "bench.build_scale", "plain", str(data)])
        print(f"\n$ {run.shell()}")
        print(f"  plain pySHACL, whole graph: {run.stdout.strip()}, peak RSS {run.peak_mb:,.0f} MB")
        found = re.match(r"([0-9,]+) triples, ([0-9.]+) s", run.stdout)
        assert found is not None, "validate_plain's line"
        measured.append((int(found[1].replace(",", "")), float(found[2])))
    if measured:
        print(extrapolate(measured, triples))


def extrapolate(measured: list[tuple[int, float]], triples: int) -> str:
    """Plain pySHACL's seconds at `triples`, from its seconds per triple at the largest size measured,
    with the growth exponent between the smallest and largest sizes (1 is linear)."""
    (small, small_seconds), (large, large_seconds) = min(measured), max(measured)
    text = f"  plain pySHACL extrapolated to {triples:,} triples (linearly from {large:,}):"
    text += f" {large_seconds / large * triples:,.0f} s"
    if large > small:
        exponent = math.log(large_seconds / small_seconds) / math.log(large / small)
        text += f"; measured growth: time ~ triples^{exponent:.2f}"
    return text


def write_union(seeds: Path, articles: int, output: Path) -> None:
    """The union graph (N-Triples) of the first `articles` articles of a corpus, as `kg build` dumps it."""
    from kg.compile import compile_dataset
    from kg.iris import Iris
    from kg.progress import Progress
    from kg.serialize import DatasetLines

    part = output.with_suffix(".seeds")
    shutil.rmtree(part, ignore_errors=True)
    part.mkdir()
    shutil.copy(seeds / "entities.yaml", part)
    for text in sorted(seeds.glob("*.txt"))[:articles]:
        for path in seeds.glob(text.name.removesuffix(".txt") + ".*"):
            shutil.copy(path, part)
    compiled = compile_dataset(part, Iris(), Progress(enabled=False))
    output.write_text("".join(DatasetLines.of(compiled).union), encoding="utf-8")
    shutil.rmtree(part)


def validate_plain(data: Path) -> None:
    """Plain pySHACL (rdflib's graph and SPARQL) on one N-Triples file, with the project's options."""
    from pyshacl import validate
    from rdflib import Graph

    from kg.iris import Iris
    from kg.validation_report import read_results
    from kg.vocabulary_files import load_shapes

    graph = Graph().parse(data, format="nt")
    shapes = load_shapes(Iris())
    started = time.perf_counter()
    conforms, results, _text = validate(
        graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    seconds = time.perf_counter() - started
    found = len(read_results(str(data), results))
    print(f"{len(graph):,} triples, {seconds:.1f} s, conforms: {conforms}, {found} result(s)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.build_scale", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("run", help="the whole measurement (the default)")
    run.add_argument("--sizes", default="1000,10000", help="corpus sizes in articles")
    run.add_argument("--triples", type=int, default=1_000_000, help="validation comparison size")
    run.add_argument(
        "--plain-articles", default="50,100,200", help="sizes for plain pySHACL (articles)"
    )
    run.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    run.add_argument("--work", type=Path, help="working directory (default: a temporary one)")
    run.add_argument("--skip-builds", action="store_true", help="only the validation comparison")
    union = commands.add_parser("union", help="write the union graph of a corpus's first articles")
    union.add_argument("--seeds", type=Path, required=True)
    union.add_argument("--articles", type=int, required=True)
    union.add_argument("-o", "--output", type=Path, required=True)
    plain = commands.add_parser("plain", help="plain pySHACL on an N-Triples file")
    plain.add_argument("data", type=Path)
    args = parser.parse_args(argv if argv is not None else sys.argv[1:] or ["run"])
    if args.command == "union":
        write_union(args.seeds, args.articles, args.output)
        return 0
    if args.command == "plain":
        validate_plain(args.data)
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-build-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"working in {work}")
    if not args.skip_builds:
        measure_builds([int(size) for size in args.sizes.split(",")], work, args.jobs)
    plain_sizes = [int(size) for size in args.plain_articles.split(",") if size]
    measure_validation(args.triples, plain_sizes, work, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
