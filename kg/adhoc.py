"""Publish arbitrary RDF files as a release (no curation, no shapes), so any data can be served and measured."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.build import DUMPS_DIR, MANIFEST_FILE, STORE_DIR
from kg.errors import BadInputError
from kg.formats import FORMATS, dump_filename
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
OX_DUMP_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}


def publish_files(files: list[Path], build_dir: Path, iris: Iris, progress: Progress) -> Path:
    """Load RDF files into a new release of `build_dir`: named graphs kept, default graph = their union."""
    digest = hashlib.sha256()
    with staging_area(build_dir) as staging:
        store = ox.Store(str(staging / STORE_DIR))
        for path in files:
            load_file(store, path, digest)
            progress.step(f"loaded {path}")
        sizes: dict[str, int] = {}
        union = set()
        for quad in store.quads_for_pattern(None, None, None, None):
            union.add(quad.triple)
            sizes[str(quad.graph_name)] = sizes.get(str(quad.graph_name), 0) + 1
        graphs = sorted(str(g.value) for g in store.named_graphs() if isinstance(g, ox.NamedNode))
        store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in union)
        store.flush()
        dumps = write_dumps(store, staging / DUMPS_DIR, {**external_prefixes(), **iris.prefixes()})
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
            "graphs": {graph: sizes.get(f"<{graph}>", 0) for graph in graphs},
            "default_graph": graphs,
            "dumps": dumps,
        }
        (staging / MANIFEST_FILE).write_text(
            json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
        )
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        return publish_release(build_dir, staging, f"{stamp}-{version}-data")


def load_file(store: ox.Store, path: Path, digest: Any) -> None:
    """Load one RDF file, refusing an unknown extension or a file that does not parse."""
    rdf_format = FILE_FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        raise BadInputError(f"{path}: unknown RDF file type; use one of {', '.join(FILE_FORMATS)}")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BadInputError(f"{path}: {error.strerror}") from None
    digest.update(data)
    try:
        store.bulk_load(data, format=rdf_format, base_iri=path.resolve().as_uri())
    except (SyntaxError, ValueError) as error:
        raise BadInputError(f"{path}: not valid {rdf_format.name}: {error}") from None


def write_dumps(store: ox.Store, directory: Path, prefixes: dict[str, str]) -> dict[str, Any]:
    """Dumps of the loaded data in every format (graph formats hold the union default graph)."""
    directory.mkdir()
    described = {}
    for fmt in FORMATS:
        path = directory / dump_filename(fmt)
        items: list[Any]
        if fmt.dataset:
            quads = store.quads_for_pattern(None, None, None, None)
            items = sorted(
                (q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)), key=str
            )
        else:
            items = sorted(
                (q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())),
                key=str,
            )
        with_prefixes = fmt.name in ("turtle", "trig", "rdfxml")
        data = ox.serialize(
            items, format=OX_DUMP_FORMATS[fmt.name], prefixes=prefixes if with_prefixes else None
        )
        assert data is not None
        path.write_bytes(data)
        zipped = gzip.compress(data, mtime=0)
        (directory / f"{path.name}.gz").write_bytes(zipped)
        described[path.name] = {
            "format": fmt.name,
            "media_type": fmt.media_type,
            "graphs": "all named graphs" if fmt.dataset else "default graph (union)",
            "triples": len(items),
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "gzip_bytes": len(zipped),
            "gzip_sha256": hashlib.sha256(zipped).hexdigest(),
        }
    return described
