"""Routes of the dumps: the export files of the build, listed at /dumps/ (HTML for people, JSON for
programs) and streamed from disk with validators and ranges; only the files the manifest names."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from flask import Blueprint, Response, render_template, request, send_file

from kg.build import DUMPS_DIR
from server.errors import ApiError
from server.graph import graph_service
from server.negotiation import HTML, MediaType
from server.publication import publication
from server.representation import document, framing_for, negotiate, not_modified, variant_of

blueprint = Blueprint("dumps", __name__)

GZIP_SUFFIX = ".gz"
GZIP_MEDIA_TYPE = "application/gzip"
JSON = MediaType("json", "application/json", ("json",))
LISTING_CHOICES: tuple[MediaType, ...] = (JSON, HTML)  # programs by default, browsers ask for HTML


@dataclass(frozen=True)
class DumpFile:
    """One file of /dumps/: what it holds and how to check it."""

    name: str
    url: str
    format: str
    media_type: str
    graphs: str
    triples: int
    bytes: int
    sha256: str
    compressed: bool


def dump_files(manifest: dict[str, Any], root: str) -> list[DumpFile]:
    """Every dump of the manifest, each followed by its gzipped copy."""
    files = []
    for name, dump in manifest["dumps"].items():
        for compressed in (False, True):
            file_name = name + GZIP_SUFFIX if compressed else name
            files.append(
                DumpFile(
                    name=file_name,
                    url=f"{root}/dumps/{file_name}",
                    format=str(dump["format"]),
                    media_type=str(dump["media_type"]),
                    graphs=str(dump["graphs"]),
                    triples=int(dump["triples"]),
                    bytes=int(dump["gzip_bytes"] if compressed else dump["bytes"]),
                    sha256=str(dump["gzip_sha256"] if compressed else dump["sha256"]),
                    compressed=compressed,
                )
            )
    return files


@blueprint.get("/dumps/")
def listing() -> Response:
    """The dumps with size, triple count and sha256: HTML for browsers, JSON otherwise."""
    published = publication()
    media = negotiate(LISTING_CHOICES)
    root = request.script_root
    validators = published.validators(f"dumps-{variant_of(media)}")
    framing = framing_for(media, f"{root}/dumps/", "", negotiated=True)
    cached = not_modified(validators, framing)
    if cached is not None:
        return cached
    files = dump_files(graph_service().manifest, root)
    if media is HTML:
        page = render_template(
            "dumps.html",
            files=files,
            version=published.version,
            built_at=published.built_at,
            void_url=f"{root}/.well-known/void",
            sparql_url=f"{root}/sparql",
        )
        return document(page, HTML, validators, framing)
    body = {
        "version": published.version,
        "built_at": published.built_at,
        "dumps": [asdict(file) for file in files],
    }
    return document(json.dumps(body, indent=1) + "\n", JSON, validators, framing)


@blueprint.get("/dumps/<name>")
def dump(name: str) -> Response:
    """One dump file, streamed; a .gz is sent as the gzip file it is (no Content-Encoding)."""
    dumps = graph_service().manifest["dumps"]
    compressed = name.endswith(GZIP_SUFFIX)
    plain = name[: -len(GZIP_SUFFIX)] if compressed else name
    described = dumps.get(plain)
    if described is None:
        raise ApiError(404, "no such dump; the list is at /dumps/")
    published = publication()
    validators = published.file_validators(
        str(described["gzip_sha256"] if compressed else described["sha256"])
    )
    return send_file(
        published.release / DUMPS_DIR / (plain + GZIP_SUFFIX if compressed else plain),
        mimetype=GZIP_MEDIA_TYPE if compressed else str(described["media_type"]),
        as_attachment=compressed,
        download_name=name,
        etag=validators.etag,
        last_modified=validators.last_modified,
        conditional=True,
    )
