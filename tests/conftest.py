"""Shared fixtures: the real seeds compiled and built by the real pipeline, and editable copies."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import BNode, Graph

from kg.build import BuildResult, build
from kg.compile import CompiledDataset, compile_dataset
from kg.iris import Iris
from kg.progress import Progress
from kg.published import PublishedBuild
from kg.store import OxigraphStore

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
QUERIES_DIR = PROJECT_ROOT / "queries"


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
    opened = published.open_store()
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
