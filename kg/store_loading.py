"""Load a release's dumps into its store: a new embedded Oxigraph store, or a remote store (staged, then switched)."""

from __future__ import annotations

import time
from pathlib import Path

from kg.formats import FORMATS_BY_NAME, dump_filename
from kg.progress import Progress
from kg.remote_store import RemoteStore
from kg.settings import EMBEDDED_STORE
from kg.store import GraphStore, OxigraphStore
from kg.store_http import StoreEndpoint


def store_location(endpoint: StoreEndpoint | None) -> str:
    """What the manifest records of the store: `oxigraph`, or the remote store's query URL."""
    return EMBEDDED_STORE if endpoint is None else endpoint.query_url


def load_store(
    dumps_dir: Path, store_dir: Path, endpoint: StoreEndpoint | None, progress: Progress
) -> None:
    """Every named graph (the N-Quads dump) and the default graph (the N-Triples dump) into the
    release's store.

    Embedded: a new store at `store_dir`. Remote: loaded aside and switched only once complete and
    counted; StoreError (exit 2) if the store is unreachable or refuses, the previous release intact.
    """
    began = time.monotonic()
    store: GraphStore
    if endpoint is None:
        progress.step("loading the store")
        store = OxigraphStore.create(store_dir)
    else:
        progress.step(f"loading the store at {endpoint.query_url} (staged, then switched)")
        store = RemoteStore(endpoint)
    try:
        store.replace_all(
            (dumps_dir / dump_filename(FORMATS_BY_NAME["nquads"])).read_bytes(),
            (dumps_dir / dump_filename(FORMATS_BY_NAME["nt"])).read_bytes(),
        )
    finally:
        store.close()
    progress.step(f"loaded the store in {time.monotonic() - began:.1f}s")
