"""Make a release's page index once: before the workers start, in a child process, else on first use.

The index is written beside the release (or, when its directory is read-only, in the system's temporary
directory) under a file lock, so that several servers or workers over one build make it once.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import multiprocessing
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from flask import Flask

from kg.errors import StoreError
from server.graph import GraphService, graph_service
from server.i18n import LANGUAGES
from server.index_entries import INDEX_KINDS, document_texts, index_rows
from server.organization_aggregates import (
    organization_flows,
    organization_lists,
    organization_named_in,
    organization_totals,
)
from server.page_context import PageContext, release_cache
from server.page_graph import load_vocabulary
from server.page_index import (
    INDEX_FILE,
    OrganizationRows,
    PageIndex,
    is_current,
    write_page_index,
)
from server.page_links import Links
from server.page_search import fold

BUILD_SECONDS = 3600.0


def index_path(release: Path) -> Path:
    """Where the index of `release` lives: beside it, else (nothing can be written there) in the
    temporary directory."""
    beside = release / INDEX_FILE
    try:
        (release / f".{INDEX_FILE}.lock").touch()
    except OSError:
        digest = hashlib.sha256(str(release.resolve()).encode()).hexdigest()[:16]
        elsewhere = Path(tempfile.gettempdir()) / "revolving-door-page-index" / digest
        elsewhere.mkdir(parents=True, exist_ok=True)
        return elsewhere / INDEX_FILE
    return beside


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the index's lock (one maker at a time, across processes)."""
    with open(path.with_name(f".{path.name}.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def ensure_page_index(service: GraphService) -> Path:
    """The path of the release's index, made first if it is missing (StoreError if the store fails)."""
    path = index_path(service.release)
    if is_current(path):
        return path
    with locked(path):
        if not is_current(path):
            make_page_index(service, path)
    return path


def make_page_index(service: GraphService, path: Path) -> None:
    """Read every index page's entries, in each language, from the store and write them to `path`
    (one kind and language at a time in memory)."""
    store = service.store
    base = str(service.manifest["base_uri"])
    vocabulary = load_vocabulary(store, service.published.prefixes, base)
    contexts = [
        PageContext(service, store, vocabulary, lang, Links(base, None, "")) for lang in LANGUAGES
    ]
    texts = {iri: fold(text) for iri, text in document_texts(contexts[0]).items()}
    entries = ((kind, ctx.lang, index_rows(ctx, kind)) for ctx in contexts for kind in INDEX_KINDS)
    organizations = OrganizationRows(
        totals=organization_totals(contexts[0]),
        lists=organization_lists(contexts[0]),
        named_in=organization_named_in(contexts[0]),
        flows=organization_flows(contexts[0]),
    )
    write_page_index(path, entries, texts, organizations)


def prepare_page_index(app: Flask) -> None:
    """Make the index before the workers fork, in a child process (its memory is given back when it
    ends); a store that fails now leaves it to be made on first use."""
    child = multiprocessing.get_context("fork").Process(target=make_in_child, args=(app,))
    child.start()
    child.join(BUILD_SECONDS)
    if child.is_alive():
        child.kill()
        child.join()
    if child.exitcode != 0:
        print("page index: not made at start; it will be made on first use", file=sys.stderr)


def make_in_child(app: Flask) -> None:
    with app.app_context():
        try:
            ensure_page_index(graph_service(app))
        except StoreError as error:
            print(f"page index: {error}", file=sys.stderr)
            sys.exit(1)


def open_page_index(ctx: PageContext) -> PageIndex:
    """This process's handle on the served release's index (made first if it is missing)."""
    cache = release_cache()
    key = f"page-index:{os.getpid()}"  # a handle is never shared across a fork
    index = cache.get(key)
    if not isinstance(index, PageIndex):
        index = cache[key] = PageIndex(ensure_page_index(ctx.service))
    return index
