"""Read access to the published build: its manifest, dumps and store, as the CLI and the server see them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.build import CONTEXT_FILE, DUMPS_DIR, MANIFEST_FILE, STORE_DIR
from kg.errors import NoBuildError
from kg.formats import RdfFormat, dump_filename
from kg.iris import Iris
from kg.namespaces import external_prefixes
from kg.releases import current_release
from kg.store import OxigraphStore


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

    def open_store(self) -> OxigraphStore:
        return OxigraphStore.open_read_only(self.release / STORE_DIR, self.prefixes)

    @property
    def prefixes(self) -> dict[str, str]:
        """The prefixes every query may use without declaring them."""
        return {**external_prefixes(), **Iris(self.manifest["base_uri"]).prefixes()}
