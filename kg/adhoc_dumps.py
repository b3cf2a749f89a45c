"""The dumps of an ad-hoc release, streamed by the store to disk, then hashed and gzipped in chunks."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.formats import FORMATS, RdfFormat, dump_filename

OX_DUMP_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}
PREFIXED_FORMATS = ("turtle", "trig", "rdfxml")
CHUNK_BYTES = 1 << 20
GZIP_LEVEL = 6


def write_dataset_dumps(
    store: ox.Store, directory: Path, prefixes: dict[str, str], quads: int
) -> dict[str, Any]:
    """The dataset formats (TriG, N-Quads) of the store as loaded: call before the union is added."""
    return {
        name: described
        for fmt in FORMATS
        if fmt.dataset
        for name, described in [write_dump(store, fmt, directory, prefixes, quads)]
    }


def write_graph_dumps(
    store: ox.Store, directory: Path, prefixes: dict[str, str], triples: int
) -> dict[str, Any]:
    """The graph formats (Turtle, JSON-LD, N-Triples, RDF/XML) of the union default graph."""
    return {
        name: described
        for fmt in FORMATS
        if not fmt.dataset
        for name, described in [write_dump(store, fmt, directory, prefixes, triples)]
    }


def write_dump(
    store: ox.Store, fmt: RdfFormat, directory: Path, prefixes: dict[str, str], count: int
) -> tuple[str, dict[str, Any]]:
    """One dump and its gzipped copy, in the store's order (deterministic for the same data).

    The store writes the file itself (no Python object per triple); a graph format holds the default
    graph, a dataset format everything the store holds when it is called.
    """
    directory.mkdir(exist_ok=True)
    path = directory / dump_filename(fmt)
    store.dump(
        str(path),
        format=OX_DUMP_FORMATS[fmt.name],
        from_graph=None if fmt.dataset else ox.DefaultGraph(),
        prefixes=prefixes if fmt.name in PREFIXED_FORMATS else None,
    )
    plain_sha, zipped_path = gzip_and_hash(path)
    zipped_sha = file_sha256(zipped_path)
    return path.name, {
        "format": fmt.name,
        "media_type": fmt.media_type,
        "graphs": "the loaded dataset" if fmt.dataset else "default graph (union)",
        "triples": count,
        "bytes": path.stat().st_size,
        "sha256": plain_sha,
        "gzip_bytes": zipped_path.stat().st_size,
        "gzip_sha256": zipped_sha,
    }


def gzip_and_hash(path: Path) -> tuple[str, Path]:
    """Write `path`.gz (no timestamp, so the same file gives the same bytes) and return the sha256
    of `path` with the gzipped file's path; both in chunks, in constant memory."""
    digest = hashlib.sha256()
    zipped = path.with_name(path.name + ".gz")
    with (
        path.open("rb") as source,
        zipped.open("wb") as raw,
        gzip.GzipFile(
            filename="", mode="wb", compresslevel=GZIP_LEVEL, fileobj=raw, mtime=0
        ) as sink,
    ):
        while chunk := source.read(CHUNK_BYTES):
            digest.update(chunk)
            sink.write(chunk)
    return digest.hexdigest(), zipped


def file_sha256(path: Path) -> str:
    """The sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()
