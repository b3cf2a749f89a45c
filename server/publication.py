"""What the linked-data responses need of the published build, computed once per app: IRIs, graphs,
prefixes, version and build time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from kg import __version__
from server.conditional import Validators, validators_for
from server.graph import graph_service
from server.void import VOID_PREFIXES

EXTENSION_KEY = "linked_data"


@dataclass(frozen=True)
class Publication:
    """The constants of one published build, as the server presents it."""

    base: str
    vocab: str
    ontology: str
    shapes: str
    dataset: str
    default_graphs: tuple[
        str, ...
    ]  # whose union is the default graph; empty: data in the default graph
    named_graphs: frozenset[str]
    prefixes: dict[str, str]
    version: str
    built_at: str
    release: Path

    def validators(self, variant: str) -> Validators:
        """ETag and Last-Modified of one representation (`variant`) of this build, by this server."""
        return validators_for(f"{self.version}-{__version__}-{variant}", self.built_at)

    def file_validators(self, sha256: str) -> Validators:
        """ETag (the file's sha256) and Last-Modified of a file of the release."""
        return validators_for(sha256, self.built_at)


def open_publication(app: Flask) -> Publication:
    """Read the constants from the app's published build."""
    service = graph_service(app)
    iris = service.iris
    manifest = service.manifest
    return Publication(
        base=iris.base,
        vocab=str(iris.vocab),
        ontology=str(iris.ontology),
        shapes=str(iris.shapes),
        dataset=str(iris.dataset),
        default_graphs=tuple(manifest.get("default_graph", ())),
        named_graphs=frozenset(manifest.get("graphs", {})),
        prefixes={**service.published.prefixes, **VOID_PREFIXES},
        version=service.version,
        built_at=str(manifest.get("built_at", "1970-01-01T00:00:00+00:00")),
        release=service.release,
    )


def publication() -> Publication:
    """The Publication of the current app (made when the linked-data blueprint was registered)."""
    found = current_app.extensions[EXTENSION_KEY]
    assert isinstance(found, Publication)
    return found
