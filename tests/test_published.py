"""Checks kg/published.py: the session build opens, its dumps and context exist, a bad manifest is refused."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import BuildResult
from kg.errors import NoBuildError
from kg.formats import FORMATS, RdfFormat, dump_filename
from kg.iris import Iris
from kg.published import PublishedBuild
from kg.releases import CURRENT_LINK, RELEASES_DIR
from kg.store import OxigraphStore


def test_opens_the_current_release(published: PublishedBuild, built: BuildResult) -> None:
    assert published.release == built.release.resolve()
    assert (published.release / "manifest.json").is_file()


def test_version_matches_manifest(published: PublishedBuild, built: BuildResult) -> None:
    on_disk = json.loads((published.release / "manifest.json").read_text(encoding="utf-8"))
    assert published.version == on_disk["version"]
    assert published.version == built.manifest["version"]
    assert len(published.version) == 16
    int(published.version, 16)


def test_version_matches_store(published: PublishedBuild, store: OxigraphStore) -> None:
    result = store.query("SELECT ?v WHERE { ?d a void:Dataset ; dct:hasVersion ?v }")
    assert isinstance(result, ox.QuerySolutions)
    rows = list(result)
    assert [row["v"].value for row in rows] == [published.version]


@pytest.mark.parametrize("fmt", FORMATS, ids=[fmt.name for fmt in FORMATS])
def test_dump_plain_and_gzipped(published: PublishedBuild, fmt: RdfFormat) -> None:
    plain = published.dump_path(fmt)
    zipped = published.dump_path(fmt, gzipped=True)
    assert plain.name == dump_filename(fmt)
    assert zipped.name == dump_filename(fmt) + ".gz"
    assert plain.parent == zipped.parent == published.release / "dumps"
    data = plain.read_bytes()
    assert len(data) > 0
    assert gzip.decompress(zipped.read_bytes()) == data
    assert published.manifest["dumps"][plain.name]["bytes"] == len(data)


def test_context_path(published: PublishedBuild) -> None:
    assert published.context_path == published.release / "context.jsonld"
    context = json.loads(published.context_path.read_text(encoding="utf-8"))
    assert context["@context"]["rd"] == "http://127.0.0.1:8080/ontology#"


def test_prefixes(published: PublishedBuild) -> None:
    prefixes = published.prefixes
    assert prefixes["rd"] == str(Iris().vocab)
    assert prefixes["person"] == "http://127.0.0.1:8080/person/"
    assert prefixes["schema"] == "https://schema.org/"
    assert prefixes["oa"] == "http://www.w3.org/ns/oa#"


def test_open_store_answers(published: PublishedBuild) -> None:
    opened = published.open_store()
    try:
        assert bool(opened.query("ASK { person:lilian-weng a rd:Person }")) is True
    finally:
        opened.close()


def fake_release(build_dir: Path, manifest: str | None) -> Path:
    release = build_dir / RELEASES_DIR / "20240101T000000000000Z-0123456789abcdef"
    release.mkdir(parents=True)
    if manifest is not None:
        (release / "manifest.json").write_text(manifest, encoding="utf-8")
    (build_dir / CURRENT_LINK).symlink_to(Path(RELEASES_DIR) / release.name)
    return release


def test_corrupt_manifest(tmp_path: Path) -> None:
    release = fake_release(tmp_path, '{"version": "0123", ')
    with pytest.raises(NoBuildError, match="unreadable") as caught:
        PublishedBuild.open(tmp_path)
    assert str(release.resolve()) in caught.value.message


def test_missing_manifest(tmp_path: Path) -> None:
    fake_release(tmp_path, None)
    with pytest.raises(NoBuildError, match="unreadable"):
        PublishedBuild.open(tmp_path)


def test_manifest_not_utf8(tmp_path: Path) -> None:
    release = fake_release(tmp_path, "{}")
    (release / "manifest.json").write_bytes(b'{"version": "\xff"}')
    with pytest.raises(NoBuildError, match="unreadable"):
        PublishedBuild.open(tmp_path)


def test_no_build(tmp_path: Path) -> None:
    with pytest.raises(NoBuildError, match="kg build"):
        PublishedBuild.open(tmp_path)
