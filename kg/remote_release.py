"""Publish the current release again, the same files, with its graph loaded into a remote store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from kg.build import DUMPS_DIR, MANIFEST_FILE, STORE_DIR
from kg.progress import Progress
from kg.releases import current_release, publish_release, staging_area
from kg.store_http import StoreEndpoint
from kg.store_loading import load_store, store_location


def publish_into_store(build_dir: Path, endpoint: StoreEndpoint, progress: Progress) -> Path:
    """A new release beside the current one: its dumps and pages, no embedded store, its graph loaded
    into `endpoint` (staged, then switched); published only once the store holds it. For data served
    with `kg serve --data FILE --store URL`, and for tests that need one release on both stores."""
    source = current_release(build_dir)
    with staging_area(build_dir) as staging:
        for entry in source.iterdir():
            if entry.name == STORE_DIR:
                continue
            if entry.is_dir():
                shutil.copytree(entry, staging / entry.name)
            else:
                shutil.copy2(entry, staging / entry.name)
        manifest = json.loads((staging / MANIFEST_FILE).read_text(encoding="utf-8"))
        manifest["store"] = store_location(endpoint)
        (staging / MANIFEST_FILE).write_text(
            json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
        )
        load_store(staging / DUMPS_DIR, staging / STORE_DIR, endpoint, progress)
        return publish_release(build_dir, staging, f"{source.name}-remote")
