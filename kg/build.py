"""The build: sources and claims → dataset → validation → store, dumps and manifest, published atomically."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg import __version__
from kg.compile import CompiledDataset, compile_dataset
from kg.errors import EXIT_DOES_NOT_CONFORM, KgError
from kg.formats import FORMATS, dump_filename
from kg.iris import Iris
from kg.metadata import COUNTED_CLASSES, count_instances
from kg.ontology_docs import ONTOLOGY_DOCS_FILE, write_ontology_docs
from kg.progress import Progress
from kg.releases import publish_release, staging_area
from kg.serialize import DatasetLines, serialize_lines, write_context
from kg.store_http import StoreEndpoint
from kg.store_loading import load_store, store_location
from kg.validation import ValidationReport, validate_units
from kg.validation_cache import ValidationCache
from kg.validation_unit_lines import unit_ntriples

STORE_DIR = "store"
DUMPS_DIR = "dumps"
MANIFEST_FILE = "manifest.json"
REPORT_FILE = "validation.txt"
CONTEXT_FILE = "context.jsonld"


class DoesNotConformError(KgError):
    """The compiled graph breaks the shapes: nothing is published."""

    exit_code = EXIT_DOES_NOT_CONFORM

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__(report.describe())


@dataclass(frozen=True)
class BuildResult:
    """A published build: where it is and what it holds."""

    release: Path
    manifest: dict[str, Any]
    report: ValidationReport


def build(
    seeds_dir: Path,
    build_dir: Path,
    iris: Iris,
    progress: Progress,
    *,
    full_validation: bool = False,
    jobs: int = 1,
    store: StoreEndpoint | None = None,
) -> BuildResult:
    """Build and publish; on any error the previously published build stays as it was.

    The graph is loaded into a new embedded store, or into the remote `store` (loaded aside, counted,
    then switched) as the last step before the release is published.

    Validation reuses the stored result of every unit whose content and shapes are unchanged
    (`build_dir/validation-cache/`) unless `full_validation`; `jobs` worker processes validate the rest.
    """
    started = time.monotonic()
    compiled = compile_dataset(seeds_dir, iris, progress)
    cache = ValidationCache.open(build_dir, compiled.shapes, reuse=not full_validation)
    report = validate_compiled(compiled, progress, cache=cache, jobs=jobs)
    if not report.conforms:
        raise DoesNotConformError(report)
    cache.prune()
    with staging_area(build_dir) as staging:
        dumps = write_dumps(compiled, staging / DUMPS_DIR, progress)
        dumps_dir = staging / DUMPS_DIR
        write_context(compiled, staging / CONTEXT_FILE)
        write_ontology_docs(compiled.ontology, staging / ONTOLOGY_DOCS_FILE)
        (staging / REPORT_FILE).write_text(report.describe() + "\n", encoding="utf-8")
        manifest = make_manifest(compiled, dumps, time.monotonic() - started)
        manifest["store"] = store_location(store)
        (staging / MANIFEST_FILE).write_text(
            json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
        )
        load_store(dumps_dir, staging / STORE_DIR, store, progress)
        release = publish_release(build_dir, staging, _release_name(compiled.version))
    progress.step(f"published {release}")
    return BuildResult(release=release, manifest=manifest, report=report)


def validate_compiled(
    compiled: CompiledDataset,
    progress: Progress,
    *,
    cache: ValidationCache | None = None,
    jobs: int = 1,
) -> ValidationReport:
    """Validate every document unit and the metadata unit of a compiled dataset."""
    total = len(compiled.document_graphs) + 1
    how = "full" if cache is None or not cache.reuse else "incremental"
    progress.step(f"validating {total} unit(s) against the shapes ({how}, {jobs} job(s))")
    units = unit_ntriples(compiled.document_graphs, compiled.metadata, compiled.graph_lines)
    return validate_units(units, compiled.shapes, progress, cache=cache, jobs=jobs, total=total)


def write_dumps(compiled: CompiledDataset, directory: Path, progress: Progress) -> dict[str, Any]:
    """Write every export format, plain and gzipped; return their descriptions for the manifest."""
    directory.mkdir()
    described: dict[str, Any] = {}
    lines = DatasetLines.of(compiled)
    union_triples = len(lines.union)
    all_quads = len(lines.quads)
    for fmt in FORMATS:
        data = serialize_lines(lines, fmt, compiled.prefixes)
        name = dump_filename(fmt)
        (directory / name).write_bytes(data)
        zipped = gzip.compress(data, mtime=0)
        (directory / f"{name}.gz").write_bytes(zipped)
        described[name] = {
            "format": fmt.name,
            "media_type": fmt.media_type,
            "graphs": "all named graphs" if fmt.dataset else "default graph (union)",
            "triples": all_quads if fmt.dataset else union_triples,
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "gzip_bytes": len(zipped),
            "gzip_sha256": hashlib.sha256(zipped).hexdigest(),
        }
        progress.step(f"wrote {name} ({len(data):,} bytes)")
    return described


def make_manifest(
    compiled: CompiledDataset, dumps: dict[str, Any], seconds: float
) -> dict[str, Any]:
    """What a build holds, for `kg stats` and the server."""
    rd = compiled.iris.vocab
    counts = count_instances(compiled.iris, compiled.document_graphs)
    return {
        "version": compiled.version,
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "build_seconds": round(seconds, 3),
        "kg_version": __version__,
        "base_uri": compiled.iris.base,
        "documents": [
            {
                "id": source.doc_id,
                "iri": str(compiled.iris.document(source.doc_id)),
                "file": source.text_path.name,
                "claims": len(compiled.claims[source.doc_id]),
            }
            for source in compiled.sources
        ],
        "counts": {name: counts[rd[name]] for name in COUNTED_CLASSES},
        "graphs": {str(g.identifier): len(g) for g in compiled.graphs},
        "default_graph": [str(name) for name in compiled.default_graph_names],
        "dumps": dumps,
    }


def _release_name(version: str) -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{stamp}-{version}"
