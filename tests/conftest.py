"""Shared fixtures: the real seeds compiled and built by the real pipeline, and editable copies.

The server's fixtures (`app`, `client`, `live_server`) run every test that uses them on both stores:
the embedded Oxigraph store and a real Virtuoso on 127.0.0.1, started once for the session.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from playwright.sync_api import Browser, sync_playwright
from rdflib import BNode, Graph

from bench.peers.processes import terminate
from bench.peers.virtuoso import VirtuosoServer, start_server
from kg.build import BuildResult, build
from kg.compile import CompiledDataset, compile_dataset
from kg.iris import Iris
from kg.progress import Progress
from kg.published import PublishedBuild
from kg.remote_release import publish_into_store
from kg.settings import EMBEDDED_STORE, Settings, load_settings
from kg.store import OxigraphStore
from kg.store_http import StoreEndpoint, endpoint_of

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
QUERIES_DIR = PROJECT_ROOT / "queries"
# ../shared (seed articles, W3C tests) stands beside every checkout, CI's clean clones included.
SHARED_DIR = next(
    (p for p in (PROJECT_ROOT.parent / "shared", Path("/work/shared")) if p.is_dir()),
    PROJECT_ROOT.parent / "shared",
)


@pytest.fixture(scope="session")
def iris() -> Iris:
    return Iris()


@pytest.fixture(scope="session")
def compiled(iris: Iris) -> CompiledDataset:
    """The seeds compiled (not validated, not stored)."""
    return compile_dataset(SEEDS_DIR, iris, Progress(enabled=False))


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, iris: Iris) -> BuildResult:
    """The seeds built and published once for the session, in a build directory of its own."""
    build_dir = tmp_path_factory.mktemp("build")
    return build(SEEDS_DIR, build_dir, iris, Progress(enabled=False))


@pytest.fixture(scope="session")
def build_dir(built: BuildResult) -> Path:
    return built.release.parent.parent


@pytest.fixture(scope="session")
def published(build_dir: Path) -> PublishedBuild:
    return PublishedBuild.open(build_dir)


@pytest.fixture(scope="session")
def store(published: PublishedBuild) -> Iterator[OxigraphStore]:
    opened = published.open_embedded_store()
    yield opened
    opened.close()


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of the seeds, for tests that break them."""
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, copy)
    return copy


def assert_same_graph(actual: Graph, expected: Graph) -> None:
    """Isomorphism for graphs without blank nodes (ours have none): the same set of triples.

    Faster than rdflib's general isomorphism test and, on failure, shows what differs.
    """
    for graph in (actual, expected):
        assert not any(isinstance(term, BNode) for triple in graph for term in triple)
    missing, extra = set(expected) - set(actual), set(actual) - set(expected)
    assert not missing and not extra, f"missing {sorted(missing)[:5]}, extra {sorted(extra)[:5]}"


STORES = ("oxigraph", "virtuoso")


@contextlib.contextmanager
def running_virtuoso(directory: Path) -> Iterator[VirtuosoServer]:
    """A real Virtuoso 7 (Debian's package, installed by `make test`) on free loopback ports, its
    database in `directory` (a directory used before keeps its data), stopped on exit."""
    server = start_server(directory)
    try:
        yield server
    finally:
        terminate(server.process)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """The session's Virtuoso: the server's tests run over it."""
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


@pytest.fixture(scope="module")
def spare_virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """A Virtuoso of the module's own, for tests that load other data into it, stop it or kill it."""
    with running_virtuoso(tmp_path_factory.mktemp("spare-virtuoso")) as server:
        yield server


def virtuoso_endpoint(server: VirtuosoServer) -> StoreEndpoint:
    """Queries at /sparql; updates at /sparql-auth with HTTP digest as the DBA (its password is dba)."""
    return StoreEndpoint(
        server.sparql_url, f"http://127.0.0.1:{server.http_port}/sparql-auth", "dba", "dba"
    )


def store_environment(endpoint: StoreEndpoint) -> dict[str, str]:
    """The KG_STORE* variables that point `kg` at `endpoint`."""
    return {
        "KG_STORE": endpoint.query_url,
        "KG_STORE_UPDATE": endpoint.update_url,
        "KG_STORE_USER": endpoint.user,
        "KG_STORE_PASSWORD": endpoint.password,
    }


def build_dir_in(
    server: VirtuosoServer, build_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A copy of `build_dir` whose release is published again, the same files, with its graph in
    `server` (`kg.remote_release`)."""
    copy = tmp_path_factory.mktemp("virtuoso-build") / "build"
    shutil.copytree(build_dir, copy, symlinks=True)
    publish_into_store(copy, virtuoso_endpoint(server), Progress(enabled=False))
    return copy


@pytest.fixture(scope="session")
def virtuoso_build_dir(
    build_dir: Path, virtuoso: VirtuosoServer, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The session's release loaded into the session's Virtuoso instead of an embedded store."""
    return build_dir_in(virtuoso, build_dir, tmp_path_factory)


@pytest.fixture(scope="session", params=STORES)
def served(request: pytest.FixtureRequest, build_dir: Path) -> Settings:
    """The settings the server runs with: over the embedded store, then over Virtuoso."""
    if request.param == EMBEDDED_STORE:
        return load_settings({"build_dir": build_dir}, environ={})
    server: VirtuosoServer = request.getfixturevalue("virtuoso")
    remote_dir: Path = request.getfixturevalue("virtuoso_build_dir")
    return load_settings(
        {"build_dir": remote_dir}, environ=store_environment(virtuoso_endpoint(server))
    )


@pytest.fixture(scope="session")
def app(served: Settings) -> Flask:
    """The Flask app over the session build, on each store (Flask's test client for protocol tests)."""
    from server import create_app

    return create_app(served)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(served: Settings) -> Iterator[str]:
    """The real server: `kg serve` (gunicorn, 2 workers) on a free loopback port, on each store;
    yields its base URL."""
    endpoint = endpoint_of(
        served.store, served.store_update, served.store_user, served.store_password
    )
    with serving(served.build_dir, endpoint) as url:
        yield url


@contextlib.contextmanager
def serving(build_dir: Path, endpoint: StoreEndpoint | None = None) -> Iterator[str]:
    """`kg serve` over the release of `build_dir` (in `endpoint` when given) on a free loopback
    port until the block ends; yields its base URL."""
    port = free_port()
    log = build_dir / f"serve-{port}.log"
    environment = {name: value for name, value in os.environ.items() if not name.startswith("KG_")}
    if endpoint is not None:
        environment |= store_environment(endpoint)
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kg",
                "serve",
                "--build-dir",
                str(build_dir),
                "--port",
                str(port),
            ],
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/.well-known/void", timeout=2):
                break
        except urllib.error.HTTPError:
            break  # the server answers, even if with an error
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                process.wait(timeout=30)
                raise RuntimeError(f"kg serve did not start: {log.read_text()}") from None
            time.sleep(0.2)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (installed by `make test`; never downloaded, never skipped)."""
    assert CHROMIUM.exists(), (
        "Debian's chromium is missing: `make test` installs it (apt-get install chromium)"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
