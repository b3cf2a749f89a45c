"""A build with stored validation results publishes the same bytes as one without, and shows progress."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.build import BuildResult, build
from kg.corpus import CorpusSpec, write_corpus
from kg.iris import Iris
from kg.progress import Progress
from kg.validation_cache import CACHE_DIR
from tests.conftest import PROJECT_ROOT

QUIET = Progress(enabled=False)
ARTICLES = 20
UNSTABLE = ("built_at", "build_seconds")  # the manifest's only fields that change between builds


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("corpus")
    write_corpus(CorpusSpec(articles=ARTICLES), directory, QUIET)
    return directory


def published_files(result: BuildResult) -> dict[str, bytes]:
    """Every file of a release but the store (a database), the manifest without its timings."""
    files = {
        str(path.relative_to(result.release)): path.read_bytes()
        for path in sorted(result.release.rglob("*"))
        if path.is_file() and "store" not in path.relative_to(result.release).parts
    }
    manifest = json.loads(files.pop("manifest.json"))
    files["manifest.json"] = json.dumps(
        {k: v for k, v in manifest.items() if k not in UNSTABLE}
    ).encode()
    return files


def test_the_published_build_is_the_same_with_and_without_the_cache(
    seeds: Path, tmp_path: Path
) -> None:
    cold = build(seeds, tmp_path / "a", Iris(), QUIET)
    warm_progress = io.StringIO()
    warm = build(seeds, tmp_path / "a", Iris(), Progress(stream=warm_progress))
    assert f"0 unit(s) validated, {ARTICLES + 1} reused" in warm_progress.getvalue()
    full = build(seeds, tmp_path / "b", Iris(), QUIET, full_validation=True)
    assert published_files(warm) == published_files(cold) == published_files(full)
    assert warm.report == cold.report == full.report
    assert len(list((tmp_path / "a" / CACHE_DIR).glob("*/*.json"))) == ARTICLES + 1


def test_long_steps_show_progress(seeds: Path, tmp_path: Path) -> None:
    stream = io.StringIO()
    build(seeds, tmp_path, Iris(), Progress(stream=stream))
    lines = stream.getvalue()
    for expected in (
        f"documents assembled: {ARTICLES}/{ARTICLES}",
        "quads, version",
        f"validating {ARTICLES + 1} unit(s) against the shapes (incremental, 1 job(s))",
        f"units checked: {ARTICLES + 1}/{ARTICLES + 1}",
        f"validation: {ARTICLES + 1} unit(s) validated, 0 reused from the cache",
        "wrote revolving-door.nq",
        "loading the store",
    ):
        assert expected in lines, expected


def test_the_command_line_validates_fully_on_request(seeds: Path, tmp_path: Path) -> None:
    def kg(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kg", *args],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    common = ("--seeds", str(seeds), "--build-dir", str(tmp_path), "--jobs", "1")
    first = kg("build", *common)
    assert first.returncode == 0, first.stderr
    again = kg("build", *common)
    assert f"0 unit(s) validated, {ARTICLES + 1} reused" in again.stderr
    forced = kg("build", *common, "--full-validation")
    assert "(full, 1 job(s))" in forced.stderr
    assert f"{ARTICLES + 1} unit(s) validated, 0 reused" in forced.stderr
    validated = kg("validate", "--build-dir", str(tmp_path), "-q")
    assert validated.returncode == 0 and validated.stdout.startswith("conforms:")
    refused = kg("build", *common, "--jobs", "0")
    assert refused.returncode == 2
