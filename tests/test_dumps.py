"""/dumps/: every export file of the build, plain and gzipped, listed (HTML or JSON) and streamed from
disk with its sha256 as ETag, ranges and 304; nothing else of the release is served."""

from __future__ import annotations

import gzip
import hashlib

import pytest
from flask.testing import FlaskClient

from kg.published import PublishedBuild

GZIP = "application/gzip"


def test_the_listing_for_programs_is_json_with_every_file(
    client: FlaskClient, published: PublishedBuild
) -> None:
    answer = client.get("/dumps/")
    assert answer.status_code == 200
    assert answer.mimetype == "application/json"
    assert answer.headers["Vary"] == "Accept"
    listing = answer.get_json()
    assert listing["version"] == published.version
    files = {file["name"]: file for file in listing["dumps"]}
    manifest = published.manifest["dumps"]
    assert set(files) == set(manifest) | {f"{name}.gz" for name in manifest}
    for name, described in manifest.items():
        assert files[name]["bytes"] == described["bytes"]
        assert files[name]["sha256"] == described["sha256"]
        assert files[name]["triples"] == described["triples"]
        assert files[name]["url"] == f"/dumps/{name}"
        assert files[f"{name}.gz"]["bytes"] == described["gzip_bytes"]
        assert files[f"{name}.gz"]["sha256"] == described["gzip_sha256"]
        assert files[f"{name}.gz"]["compressed"] is True


def test_the_listing_for_browsers_is_a_table(
    client: FlaskClient, published: PublishedBuild
) -> None:
    answer = client.get("/dumps/", headers={"Accept": "text/html,*/*;q=0.8"})
    assert answer.status_code == 200
    assert answer.mimetype == "text/html"
    page = answer.get_data(as_text=True)
    for name, described in published.manifest["dumps"].items():
        assert f'href="/dumps/{name}"' in page
        assert f'href="/dumps/{name}.gz"' in page
        assert described["sha256"] in page and described["gzip_sha256"] in page
        assert f"{described['bytes']:,}" in page
    assert client.get("/dumps/", headers={"Accept": "image/png"}).status_code == 406


def test_dumps_without_the_slash_redirect(client: FlaskClient) -> None:
    answer = client.get("/dumps")
    assert answer.status_code in (301, 308)
    assert answer.headers["Location"].endswith("/dumps/")


@pytest.mark.parametrize("compressed", [False, True])
def test_every_dump_downloads_with_the_checksum_of_the_manifest(
    client: FlaskClient, published: PublishedBuild, compressed: bool
) -> None:
    for name, described in published.manifest["dumps"].items():
        file_name = f"{name}.gz" if compressed else name
        answer = client.get(f"/dumps/{file_name}")
        assert answer.status_code == 200, file_name
        assert answer.is_streamed  # sent from disk, not read into memory first
        data = answer.get_data()
        expected = described["gzip_sha256"] if compressed else described["sha256"]
        assert hashlib.sha256(data).hexdigest() == expected
        assert answer.headers["ETag"] == f'"{expected}"'
        assert answer.headers["Last-Modified"]
        if compressed:
            assert answer.mimetype == GZIP
            assert "Content-Encoding" not in answer.headers  # the .gz file as it is, like `curl -O`
            assert answer.headers["Content-Disposition"] == f"attachment; filename={file_name}"
            plain = (published.release / "dumps" / name).read_bytes()
            assert gzip.decompress(data) == plain
        else:
            assert answer.mimetype == described["media_type"]


def test_a_dump_answers_head_ranges_and_conditional_requests(
    client: FlaskClient, published: PublishedBuild
) -> None:
    described = published.manifest["dumps"]["revolving-door.nt"]
    path = "/dumps/revolving-door.nt"
    head = client.head(path)
    assert head.status_code == 200
    assert head.data == b""
    assert int(head.headers["Content-Length"]) == described["bytes"]
    assert head.headers["Accept-Ranges"] == "bytes"
    part = client.get(path, headers={"Range": "bytes=0-99"})
    assert part.status_code == 206
    assert part.data == (published.release / "dumps" / "revolving-door.nt").read_bytes()[:100]
    again = client.get(path, headers={"If-None-Match": head.headers["ETag"]})
    assert again.status_code == 304
    since = client.get(path, headers={"If-Modified-Since": head.headers["Last-Modified"]})
    assert since.status_code == 304


@pytest.mark.parametrize(
    "name",
    [
        "manifest.json",
        "revolving-door.ttl.bz2",
        "revolving-door.TTL",
        "revolving-door",
        "store",
        "..",
        "%2e%2e",
        "..%2fmanifest.json",
        "revolving-door.ttl%00",
    ],
)
def test_only_the_files_of_the_manifest_are_served(client: FlaskClient, name: str) -> None:
    answer = client.get(f"/dumps/{name}")
    assert answer.status_code in (400, 404)
    assert b'"version"' not in answer.data
