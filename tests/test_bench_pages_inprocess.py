"""bench.pages_inprocess: a report of real pages from a generated graph, and bad arguments refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.generate import generate
from bench.pages_inprocess import main


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pages-data") / "5k.trig"
    generate(5_000, path, seed=1, base="http://127.0.0.1:8080/")
    return path


def test_the_report_measures_entity_and_index_pages(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data", str(data), "--build-dir", str(tmp_path / "build"), "--draws", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "page index",
        "entity pages, organisations, CPU",
        "entity pages, people, CPU",
        "index pages, first pass",
        "index pages, second pass",
    ]
    assert re.fullmatch(r"page index: [\d.]+ MB, ready in [\d.]+ s", lines[0])
    for line in lines[1:3]:
        pages, median = re.search(r"(\d+) pages, median ([\d.]+)", line).groups()  # type: ignore[union-attr]
        assert int(pages) == 5 and float(median) > 0
    assert all(line.endswith("errors 0") for line in lines[3:])
    assert (tmp_path / "build" / "current").exists()


def test_bad_arguments_exit_2_saying_what_is_wrong(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nothing.trig"
    assert main(["--data", str(missing), "--build-dir", str(tmp_path)]) == 2
    assert "must exist" in capsys.readouterr().err
    assert main(["--data", str(data), "--build-dir", str(tmp_path), "--draws", "0"]) == 2
    assert "--draws" in capsys.readouterr().err
