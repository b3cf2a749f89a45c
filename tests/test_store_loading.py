"""`kg build --store`: the release loaded into a real Virtuoso and read back by `kg query` and `kg stats`;
an unreachable store is exit 2 with its URL, and the previous release stays published."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bench.peers.virtuoso import VirtuosoServer
from kg.published import PublishedBuild
from kg.releases import RELEASES_DIR, current_release
from tests.conftest import PROJECT_ROOT, free_port, store_environment, virtuoso_endpoint


def kg(*arguments: str, environ: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `kg` as a user would, with only the KG_ variables given."""
    clean = {name: value for name, value in os.environ.items() if not name.startswith("KG_")}
    return subprocess.run(
        [sys.executable, "-m", "kg", *arguments],
        cwd=PROJECT_ROOT,
        env={**clean, **(environ or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_build_into_virtuoso_is_read_back(
    spare_virtuoso: VirtuosoServer, build_dir: Path, tmp_path: Path
) -> None:
    endpoint = virtuoso_endpoint(spare_virtuoso)
    target = tmp_path / "build"
    shutil.copytree(build_dir / "validation-cache", target / "validation-cache")
    built = kg("build", "-q", "--build-dir", str(target), environ=store_environment(endpoint))
    assert built.returncode == 0, built.stderr
    release = current_release(target)
    assert not (release / "store").exists()  # no embedded store: the graph is in Virtuoso
    published = PublishedBuild.open(target)
    assert published.store_location == endpoint.query_url
    stats = kg("stats", "--build-dir", str(target))
    assert f"store        {endpoint.query_url}" in stats.stdout
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?p a rd:Person }"
    answer = kg(
        "query", "--build-dir", str(target), "--store", endpoint.query_url, query, "--format", "csv"
    )
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.split() == ["n", str(published.manifest["counts"]["Person"])]
    embedded = kg("query", "--build-dir", str(target), query)
    assert embedded.returncode == 2
    assert f"set KG_STORE={endpoint.query_url}" in embedded.stderr


def test_an_unreachable_store_is_exit_2_and_the_last_release_stays(
    build_dir: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "build"
    shutil.copytree(build_dir, copy, symlinks=True)
    before = current_release(copy)
    closed = f"http://127.0.0.1:{free_port()}/sparql"
    result = kg("build", "-q", "--build-dir", str(copy), "--store", closed)
    assert result.returncode == 2
    assert closed in result.stderr and "unreachable" in result.stderr
    assert "previous release is still served" in result.stderr
    assert "Traceback" not in result.stderr
    assert current_release(copy) == before
    assert not [p for p in (copy / RELEASES_DIR).iterdir() if p.name.startswith(".")]


def test_a_store_that_is_not_a_url_is_exit_2() -> None:
    result = kg("query", "--store", "virtuoso", "ASK {}")
    assert result.returncode == 2 and "neither 'oxigraph' nor an http(s) URL" in result.stderr
    result = kg("stats", environ={"KG_STORE": "ftp://example.org/sparql"})
    assert result.returncode == 2 and "KG_STORE" in result.stderr
