"""The `kg` command line: build, validate, export, query and describe the knowledge graph."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from rdflib import Dataset, URIRef

from kg import __version__
from kg.build import build, validate_compiled
from kg.compile import compile_dataset
from kg.errors import EXIT_BAD_INPUT, EXIT_DOES_NOT_CONFORM, EXIT_OK, BadInputError, KgError
from kg.formats import FORMATS, FORMATS_BY_NAME
from kg.iris import Iris
from kg.progress import Progress
from kg.published import PublishedBuild
from kg.query_output import OUTPUT_FORMATS, render_results
from kg.settings import EMBEDDED_STORE, SETTINGS_BY_NAME, Settings, load_settings
from kg.store_http import StoreEndpoint, endpoint_of
from kg.validation import ValidationReport, units_from_dataset, validate_units
from kg.vocabulary_files import load_shapes

MAX_DEFAULT_JOBS = 4
DATA_FORMATS = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads", ".rdf": "xml",
                ".xml": "xml", ".jsonld": "json-ld", ".json": "json-ld"}  # fmt: skip


class ArgumentParser(argparse.ArgumentParser):
    """argparse that exits with 2 and a one-line reason, as every bad input does."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"kg: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def make_parser(settings: Settings) -> ArgumentParser:
    common = ArgumentParser(add_help=False)
    common.add_argument(
        "--build-dir",
        type=Path,
        default=settings.build_dir,
        help=f"where builds are published (default: $KG_BUILD_DIR or {settings.build_dir})",
    )
    common.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    base = ArgumentParser(add_help=False)
    base.add_argument(
        "--base-uri",
        default=settings.base_uri,
        help=f"base of every minted IRI (default: $KG_BASE_URI or {settings.base_uri})",
    )
    seeds = ArgumentParser(add_help=False)
    seeds.add_argument(
        "--seeds",
        type=Path,
        default=settings.seeds_dir,
        help=f"the sources and claims (default: $KG_SEEDS_DIR or {settings.seeds_dir})",
    )
    store = ArgumentParser(add_help=False)
    store.add_argument(
        "--store",
        type=store_setting,
        default=settings.store,
        help="the store: 'oxigraph' (embedded) or the query URL of a SPARQL 1.1 endpoint"
        f" (default: $KG_STORE or {settings.store}; its update URL and credentials:"
        " $KG_STORE_UPDATE, $KG_STORE_GSP, $KG_STORE_USER, $KG_STORE_PASSWORD)",
    )
    store.set_defaults(
        store_update=settings.store_update,
        store_gsp=settings.store_gsp,
        store_user=settings.store_user,
        store_password=settings.store_password,
        query_timeout=settings.query_timeout,
    )
    parser = ArgumentParser(prog="kg", description=__doc__)
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    jobs = ArgumentParser(add_help=False)
    jobs.add_argument(
        "--jobs",
        type=positive_int,
        default=default_jobs(),
        help=f"worker processes that validate (default: the CPUs, {default_jobs()})",
    )
    build = commands.add_parser(
        "build",
        parents=[common, base, seeds, jobs, store],
        help="build, validate and publish the graph",
    )
    build.add_argument(
        "--full-validation",
        action="store_true",
        help="validate every unit again, ignoring the results stored in BUILD_DIR/validation-cache",
    )
    validate = commands.add_parser(
        "validate",
        parents=[common, base, jobs],
        help="check a graph against the shapes (exit 1 if it does not conform)",
        description="Validate the published build, or the seeds without publishing, or an RDF file.",
    )
    source = validate.add_mutually_exclusive_group()
    source.add_argument(
        "--seeds", type=Path, help="compile these seeds and validate, publishing nothing"
    )
    source.add_argument("--data", type=Path, help="validate an RDF file (TriG, N-Quads, Turtle, …)")

    export = commands.add_parser(
        "export", parents=[common], help="write the graph in an RDF format"
    )
    export.add_argument("--format", required=True, choices=[fmt.name for fmt in FORMATS])
    export.add_argument(
        "-o", "--output", type=Path, help="file to write (default: standard output)"
    )

    query = commands.add_parser("query", parents=[common, store], help="run a SPARQL query")
    query.add_argument(
        "sparql", help="the query text, @FILE to read it from a file, or - for stdin"
    )
    query.add_argument("--format", default="table", choices=OUTPUT_FORMATS)

    stats = commands.add_parser("stats", parents=[common], help="what the published graph holds")
    stats.add_argument("--format", default="text", choices=["text", "json"])

    serve = commands.add_parser(
        "serve",
        parents=[common, store],
        help="serve the graph over HTTP (SPARQL endpoint, linked data, pages) under gunicorn",
        description="Serve the published build, or any RDF files given with --data (no build needed).",
    )
    serve.add_argument("--host", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8080)")
    serve.add_argument("--workers", type=int, help="gunicorn worker processes (default 2)")
    serve.add_argument("--base-uri", help="base IRI of served entities (with --data)")
    serve.add_argument(
        "--data",
        type=Path,
        nargs="+",
        action="extend",
        help="RDF files to serve instead of the build",
    )
    return parser


def store_setting(text: str) -> str:
    """The --store value, checked as the KG_STORE setting is."""
    try:
        return str(SETTINGS_BY_NAME["store"].parse(text))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def store_endpoint(args: argparse.Namespace) -> StoreEndpoint | None:
    """The remote store --store names (with the update URL and credentials of the settings)."""
    return endpoint_of(
        args.store, args.store_update, args.store_user, args.store_password, args.store_gsp
    )


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, MAX_DEFAULT_JOBS))


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (0 ok, 1 does not conform, 2 bad input)."""
    try:
        settings = load_settings()
    except KgError as error:
        print(f"kg: {error}", file=sys.stderr)
        return error.exit_code
    args = make_parser(settings).parse_args(argv)
    progress = Progress(enabled=not args.quiet)
    try:
        handler = {
            "build": run_build,
            "validate": run_validate,
            "export": run_export,
            "query": run_query,
            "stats": run_stats,
            "serve": run_serve,
        }[args.command]
        return handler(args, progress)
    except KgError as error:
        print(f"kg {args.command}: {error}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        return EXIT_OK


def make_iris(args: argparse.Namespace) -> Iris:
    try:
        return Iris(args.base_uri)
    except ValueError as error:
        raise BadInputError(str(error)) from None


def run_build(args: argparse.Namespace, progress: Progress) -> int:
    result = build(
        args.seeds,
        args.build_dir,
        make_iris(args),
        progress,
        full_validation=args.full_validation,
        jobs=args.jobs,
        store=store_endpoint(args),
    )
    manifest = result.manifest
    counts = ", ".join(f"{n} {name}" for name, n in manifest["counts"].items())
    print(f"built {manifest['version']} in {manifest['build_seconds']:.1f}s: {counts}")
    print(f"published {result.release}")
    return EXIT_OK


def run_validate(args: argparse.Namespace, progress: Progress) -> int:
    iris = make_iris(args)
    if args.seeds is not None:
        compiled = compile_dataset(args.seeds, iris, progress)
        report = validate_compiled(compiled, progress, jobs=args.jobs)
    else:
        path = args.data if args.data is not None else published_nquads(args.build_dir)
        report = validate_file(path, iris, progress, jobs=args.jobs)
    print(report.describe())
    return EXIT_OK if report.conforms else EXIT_DOES_NOT_CONFORM


def published_nquads(build_dir: Path) -> Path:
    return PublishedBuild.open(build_dir).dump_path(FORMATS_BY_NAME["nquads"])


def validate_file(path: Path, iris: Iris, progress: Progress, jobs: int = 1) -> ValidationReport:
    """Validate an RDF file: each named graph with its document's description, and the rest."""
    rdf_format = DATA_FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        raise BadInputError(f"{path}: unknown RDF file type; use one of {', '.join(DATA_FORMATS)}")
    dataset = Dataset()
    try:
        dataset.parse(path, format=rdf_format)
    except FileNotFoundError:
        raise BadInputError(f"{path}: file not found") from None
    except Exception as error:  # rdflib's parsers raise many types
        raise BadInputError(f"{path}: not valid {rdf_format}: {error}") from None
    skip = {URIRef(str(iris.ontology)), URIRef(str(iris.shapes))}
    units = units_from_dataset(dataset, iris.metadata_graph, skip)
    progress.step(f"validating {len(units)} unit(s) against the shapes (full, {jobs} job(s))")
    return validate_units(units, load_shapes(iris), progress, jobs=jobs, total=len(units))


def run_export(args: argparse.Namespace, progress: Progress) -> int:
    published = PublishedBuild.open(args.build_dir)
    source = published.dump_path(FORMATS_BY_NAME[args.format])
    if args.output is None:
        with source.open("rb") as stream:
            shutil.copyfileobj(stream, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        shutil.copyfile(source, args.output)
        progress.step(f"wrote {args.output} ({args.output.stat().st_size:,} bytes)")
    return EXIT_OK


def read_query_text(argument: str) -> str:
    if argument == "-":
        return sys.stdin.read()
    if argument.startswith("@"):
        try:
            return Path(argument[1:]).read_text(encoding="utf-8")
        except OSError as error:
            raise BadInputError(f"cannot read the query file: {error}") from None
    return argument


def run_query(args: argparse.Namespace, progress: Progress) -> int:
    published = PublishedBuild.open(args.build_dir)
    store = published.open_store(store_endpoint(args), args.query_timeout)
    try:
        result = store.query(read_query_text(args.sparql))
    finally:
        store.close()
    sys.stdout.buffer.write(render_results(result, args.format, published.prefixes))
    sys.stdout.buffer.flush()
    return EXIT_OK


def run_stats(args: argparse.Namespace, progress: Progress) -> int:
    manifest = PublishedBuild.open(args.build_dir).manifest
    if args.format == "json":
        print(json.dumps(manifest, indent=2))
        return EXIT_OK
    print(
        f"version      {manifest['version']} (built {manifest['built_at']}, {manifest['build_seconds']}s)"
    )
    print(f"base URI     {manifest['base_uri']}")
    print(f"store        {manifest.get('store', EMBEDDED_STORE)}")
    print(f"documents    {len(manifest['documents'])}")
    for name, count in manifest["counts"].items():
        print(f"{name:<13}{count}")
    print("triples per graph:")
    for graph, count in manifest["graphs"].items():
        print(f"  {count:>8}  {graph}")
    print(f"  {sum(manifest['graphs'].values()):>8}  (all graphs)")
    return EXIT_OK


def run_serve(args: argparse.Namespace, progress: Progress) -> int:
    """Hand over to the server package (kg's own modules never import Flask)."""
    import tempfile

    from kg.adhoc import publish_files
    from kg.remote_release import publish_into_store

    overrides = {
        "host": args.host,
        "port": args.port,
        "workers": args.workers,
        "base_uri": args.base_uri,
        "build_dir": args.build_dir,
        "store": args.store,
    }
    settings = load_settings(overrides)
    if args.data:
        data_dir = Path(tempfile.mkdtemp(prefix="kg-serve-data-"))
        publish_files(list(args.data), data_dir, Iris(settings.base_uri), progress)
        settings = load_settings({**overrides, "build_dir": data_dir, "data": tuple(args.data)})
    endpoint = endpoint_of(
        settings.store,
        settings.store_update,
        settings.store_user,
        settings.store_password,
        settings.store_gsp,
    )
    if args.data and endpoint is not None:
        publish_into_store(settings.build_dir, endpoint, progress)
    published = PublishedBuild.open(settings.build_dir)  # fail with exit 2 before gunicorn starts
    published.open_store(endpoint, settings.query_timeout).close()
    from server.serve import serve

    serve(settings)
    return EXIT_OK
