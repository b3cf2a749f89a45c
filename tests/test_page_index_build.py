"""The page index is made once per release: before the workers start, from either store, beside the
release or elsewhere when it cannot be written there; a store that fails then is a 503, not a crash."""

from __future__ import annotations

import shutil
import sqlite3
import urllib.request
from pathlib import Path

import pytest
from flask import Flask

from bench.peers.virtuoso import VirtuosoServer
from kg.published import PublishedBuild
from kg.settings import load_settings
from server import create_app
from server.graph import graph_service
from server.page_index import INDEX_FILE, is_current
from server.page_index_build import ensure_page_index, index_path, prepare_page_index
from tests.conftest import free_port, serving, store_environment, virtuoso_endpoint


def fresh_copy(build_dir: Path, target: Path) -> Path:
    """A copy of a build directory without any page index (other tests may have made one)."""
    copy = target / "build"
    shutil.copytree(build_dir, copy, symlinks=True)
    for made in copy.rglob(f"*{INDEX_FILE}*"):
        made.unlink()
    return copy


def index_file(build: Path) -> Path:
    return PublishedBuild.open(build).release / INDEX_FILE


def contents(path: Path) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT * FROM entries ORDER BY kind, lang, position").fetchall()
        return rows + connection.execute("SELECT * FROM texts ORDER BY iri").fetchall()
    finally:
        connection.close()


def test_the_index_is_made_once_beside_the_release(build_dir: Path, tmp_path: Path) -> None:
    build = fresh_copy(build_dir, tmp_path)
    app = create_app(load_settings({"build_dir": build}, environ={}))
    with app.app_context():
        path = ensure_page_index(graph_service(app))
        assert path == index_file(build) and is_current(path)
        made = path.stat().st_mtime_ns
        assert ensure_page_index(graph_service(app)) == path
    assert path.stat().st_mtime_ns == made


def test_a_release_that_cannot_be_written_has_its_index_elsewhere(tmp_path: Path) -> None:
    nowhere = tmp_path / "not-a-directory"
    nowhere.write_text("a file where the release would be")
    path = index_path(nowhere)
    assert path.name == INDEX_FILE and path.parent.is_dir()
    assert not path.is_relative_to(tmp_path)
    assert index_path(nowhere) == path  # the same release, the same place


def test_the_index_is_made_before_the_workers_in_a_child_process(
    build_dir: Path, tmp_path: Path
) -> None:
    build = fresh_copy(build_dir, tmp_path)
    app = create_app(load_settings({"build_dir": build}, environ={}))
    prepare_page_index(app)
    assert is_current(index_file(build))
    assert not any(key.startswith("page-index") for key in app.extensions.get("pages.cache", {}))


def test_the_index_made_from_virtuoso_is_the_one_made_from_the_embedded_store(
    build_dir: Path,
    virtuoso_build_dir: Path,
    virtuoso: VirtuosoServer,
    tmp_path: Path,
) -> None:
    embedded = fresh_copy(build_dir, tmp_path / "embedded")
    remote = fresh_copy(virtuoso_build_dir, tmp_path / "remote")
    environ = store_environment(virtuoso_endpoint(virtuoso))
    for build, env in ((embedded, {}), (remote, environ)):
        prepare_page_index(create_app(load_settings({"build_dir": build}, environ=env)))
    assert contents(index_file(remote)) == contents(index_file(embedded))


def test_a_store_that_fails_at_start_leaves_the_index_for_later_and_pages_answer_503(
    build_dir: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    build = fresh_copy(build_dir, tmp_path)
    closed = f"http://127.0.0.1:{free_port()}/sparql"
    app: Flask = create_app(load_settings({"build_dir": build}, environ={"KG_STORE": closed}))
    prepare_page_index(app)
    assert "page index" in capfd.readouterr().err
    assert not index_file(build).exists()
    reply = app.test_client().get("/people", headers={"Accept": "text/html"})
    assert reply.status_code == 503 and closed in reply.get_data(as_text=True)


def test_issue_4_the_server_makes_the_index_before_its_first_request(
    build_dir: Path, tmp_path: Path
) -> None:
    build = fresh_copy(build_dir, tmp_path)
    with serving(build) as url:
        assert is_current(index_file(build))
        with urllib.request.urlopen(f"{url}/moves?q=openai", timeout=30) as reply:
            assert reply.status == 200 and b"Lilian Weng" in reply.read()
