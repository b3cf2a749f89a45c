"""Read access to the published build: its manifest, dumps and store, as the CLI and the server see them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.build import CONTEXT_FILE, DUMPS_DIR, MANIFEST_FILE, STORE_DIR
from kg.errors import NoBuildError, StoreError
from kg.formats import RdfFormat, dump_filename
from kg.iris import Iris
from kg.namespaces import external_prefixes
from kg.releases import current_release
from kg.remote_store import RemoteStore
from kg.settings import EMBEDDED_STORE
from kg.store import GraphStore, OxigraphStore
from kg.store_http import StoreEndpoint


@dataclass(frozen=True)
class PublishedBuild:
    """The release `current` points at, read-only."""

    release: Path
    manifest: dict[str, Any]

    @classmethod
    def open(cls, build_dir: Path) -> PublishedBuild:
        release = current_release(build_dir)
        try:
            manifest = json.loads((release / MANIFEST_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise NoBuildError(f"the published build in {release} is unreadable: {error}") from None
        if (
            not isinstance(manifest, dict)
            or not {"version", "base_uri", "dumps"} <= manifest.keys()
        ):
            raise NoBuildError(f"the published build in {release} has an incomplete manifest")
        return cls(release=release, manifest=manifest)

    @property
    def version(self) -> str:
        return str(self.manifest["version"])

    def dump_path(self, fmt: RdfFormat, *, gzipped: bool = False) -> Path:
        name = dump_filename(fmt) + (".gz" if gzipped else "")
        return self.release / DUMPS_DIR / name

    @property
    def context_path(self) -> Path:
        return self.release / CONTEXT_FILE

    @property
    def store_location(self) -> str:
        """Where the release's graph was loaded: `oxigraph` (embedded) or a remote store's query URL."""
        return str(self.manifest.get("store", EMBEDDED_STORE))

    def open_store(
        self, endpoint: StoreEndpoint | None = None, timeout: float = 30.0
    ) -> GraphStore:
        """The release's store: the embedded one, or the remote one at `endpoint` it was loaded into."""
        if endpoint is None:
            if self.store_location != EMBEDDED_STORE:
                raise StoreError(
                    f"the published release was loaded into the store at {self.store_location}:"
                    f" set KG_STORE={self.store_location} (or --store) to read it"
                )
            return self.open_embedded_store()
        if self.store_location != endpoint.query_url:
            raise StoreError(
                f"the published release was loaded into {self.store_location}, not into the store"
                f" at {endpoint.query_url}: build it there with `kg build --store {endpoint.query_url}`"
            )
        return RemoteStore(endpoint, tuple(self.manifest["graphs"]), self.prefixes, timeout)

    def open_embedded_store(self) -> OxigraphStore:
        return OxigraphStore.open_read_only(self.release / STORE_DIR, self.prefixes)

    @property
    def prefixes(self) -> dict[str, str]:
        """The prefixes every query may use without declaring them."""
        return {**external_prefixes(), **Iris(self.manifest["base_uri"]).prefixes()}
