"""The published graph as the server sees it: manifest, dumps and a read-only store (embedded or remote) per process."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from kg.iris import Iris
from kg.published import PublishedBuild
from kg.settings import Settings
from kg.store import GraphStore
from kg.store_http import StoreEndpoint, endpoint_of


@dataclass
class GraphService:
    """What every request reads: the release, its manifest, and the store (opened lazily after fork)."""

    published: PublishedBuild
    settings: Settings
    _store: GraphStore | None = field(default=None, repr=False)
    _store_pid: int = -1

    @classmethod
    def open(cls, settings: Settings) -> GraphService:
        return cls(published=PublishedBuild.open(settings.build_dir), settings=settings)

    @property
    def store(self) -> GraphStore:
        """The read-only store of this process: its own handle on the embedded store, or its own
        connection to the remote one (each gunicorn worker opens its own after the fork)."""
        if self._store is None or self._store_pid != os.getpid():
            self._store = self.published.open_store(self.endpoint, self.settings.query_timeout)
            self._store_pid = os.getpid()
        return self._store

    @property
    def endpoint(self) -> StoreEndpoint | None:
        """The remote store the settings name, or None for the embedded store."""
        settings = self.settings
        return endpoint_of(
            settings.store,
            settings.store_update,
            settings.store_user,
            settings.store_password,
            settings.store_gsp,
        )

    @property
    def manifest(self) -> dict[str, Any]:
        return self.published.manifest

    @property
    def version(self) -> str:
        return self.published.version

    @property
    def iris(self) -> Iris:
        return Iris(self.manifest["base_uri"])

    @property
    def release(self) -> Path:
        return self.published.release


def graph_service(app: Flask | None = None) -> GraphService:
    """The GraphService of the current (or given) app."""
    service = (app or current_app).extensions["graph"]
    assert isinstance(service, GraphService)
    return service
