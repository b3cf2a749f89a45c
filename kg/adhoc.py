"""Publish arbitrary RDF files as a release (no curation, no shapes), so any data can be served and measured."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.adhoc_dumps import CHUNK_BYTES, write_dataset_dumps, write_graph_dumps
from kg.build import DUMPS_DIR, MANIFEST_FILE, STORE_DIR
from kg.errors import BadInputError
from kg.iris import Iris
from kg.namespaces import external_prefixes
from kg.progress import Progress
from kg.releases import publish_release, staging_area

FILE_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
}
UNION_QUERY = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
GRAPH_SIZES_QUERY = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
UNION_FILE = "union.nt"


def publish_files(files: list[Path], build_dir: Path, iris: Iris, progress: Progress) -> Path:
    """Load RDF files into a new release of `build_dir`: named graphs kept, default graph = their union.

    Every step over the whole data runs in the store (bulk load, the union, the dumps), so the time
    and the Python memory do not grow with anything but the store's own work.
    """
    digest = hashlib.sha256()
    with staging_area(build_dir) as staging:
        store = ox.Store(str(staging / STORE_DIR))
        for path in files:
            load_file(store, path, digest)
            progress.step(f"loaded {path}")
        sizes = graph_sizes(store)
        prefixes = {**external_prefixes(), **iris.prefixes()}
        dumps = write_dataset_dumps(store, staging / DUMPS_DIR, prefixes, len(store))
        progress.step("wrote the dataset dumps")
        add_union_default_graph(store, staging / UNION_FILE)
        progress.step("materialised the union default graph")
        default_size = count_default_graph(store)
        dumps |= write_graph_dumps(store, staging / DUMPS_DIR, prefixes, default_size)
        progress.step("wrote the graph dumps")
        store.flush()
        del store
        version = digest.hexdigest()[:16]
        manifest: dict[str, Any] = {
            "version": version,
            "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "build_seconds": round(progress.elapsed(), 3),
            "base_uri": iris.base,
            "source_files": [str(path) for path in files],
            "documents": [],
            "counts": {},
            "graphs": dict(sorted(sizes.items())),
            "default_graph": sorted(sizes),
            "dumps": dumps,
        }
        (staging / MANIFEST_FILE).write_text(
            json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
        )
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        return publish_release(build_dir, staging, f"{stamp}-{version}-data")


def load_file(store: ox.Store, path: Path, digest: Any) -> None:
    """Bulk-load one RDF file, refusing an unknown extension or a file that does not parse."""
    rdf_format = FILE_FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        raise BadInputError(f"{path}: unknown RDF file type; use one of {', '.join(FILE_FORMATS)}")
    try:
        with path.open("rb") as source:
            while chunk := source.read(CHUNK_BYTES):
                digest.update(chunk)
    except OSError as error:
        raise BadInputError(f"{path}: {error.strerror}") from None
    try:
        store.bulk_load(path=str(path), format=rdf_format, base_iri=path.resolve().as_uri())
    except (SyntaxError, ValueError) as error:
        raise BadInputError(f"{path}: not valid {rdf_format.name}: {error}") from None


def graph_sizes(store: ox.Store) -> dict[str, int]:
    """Named graph IRI → its number of triples (counted by the store)."""
    result = store.query(GRAPH_SIZES_QUERY)
    assert isinstance(result, ox.QuerySolutions)
    sizes: dict[str, int] = {}
    for row in result:
        graph, count = row[0], row[1]
        if isinstance(graph, ox.NamedNode) and isinstance(count, ox.Literal):
            sizes[graph.value] = int(count.value)
    return sizes


def add_union_default_graph(store: ox.Store, scratch: Path) -> None:
    """Add every triple of the named graphs to the default graph, once: the store writes them to a
    scratch N-Triples file, then bulk-loads it (a triple already there is not stored twice)."""
    result = store.query(UNION_QUERY)
    assert isinstance(result, ox.QueryTriples)
    try:
        result.serialize(str(scratch), format=ox.RdfFormat.N_TRIPLES)
        store.bulk_load(path=str(scratch), format=ox.RdfFormat.N_TRIPLES)
    finally:
        scratch.unlink(missing_ok=True)


def count_default_graph(store: ox.Store) -> int:
    """The number of triples of the default graph (counted by the store)."""
    result = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QuerySolutions)
    count = next(iter(result))[0]
    assert isinstance(count, ox.Literal)
    return int(count.value)
