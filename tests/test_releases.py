"""Checks kg/releases.py: no build, staging clean-up, the atomic switch of `current`, and pruning."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.errors import NoBuildError
from kg.releases import (
    CURRENT_LINK,
    KEEP_RELEASES,
    RELEASES_DIR,
    STAGING_PREFIX,
    current_release,
    prune_releases,
    publish_release,
    staging_area,
)

BASE_TIME = 1_700_000_000


def stage(build_dir: Path, content: str, age: int) -> Path:
    """A staged release holding one file, its mtime `age` seconds after BASE_TIME."""
    with staging_area(build_dir) as staging:
        (staging / "content.txt").write_text(content, encoding="utf-8")
    os.utime(staging, (BASE_TIME + age, BASE_TIME + age))
    return staging


def release_names(build_dir: Path) -> set[str]:
    return {path.name for path in (build_dir / RELEASES_DIR).iterdir()}


def test_no_build_dir(tmp_path: Path) -> None:
    with pytest.raises(NoBuildError, match="run `kg build` first"):
        current_release(tmp_path / "nothing-here")


def test_current_is_not_a_link(tmp_path: Path) -> None:
    (tmp_path / CURRENT_LINK).mkdir()
    with pytest.raises(NoBuildError, match="kg build"):
        current_release(tmp_path)


def test_current_link_dangling(tmp_path: Path) -> None:
    (tmp_path / CURRENT_LINK).symlink_to(Path(RELEASES_DIR) / "gone")
    with pytest.raises(NoBuildError, match="kg build"):
        current_release(tmp_path)


def test_staging_area_removed_when_block_raises(tmp_path: Path) -> None:
    seen: list[Path] = []
    with pytest.raises(RuntimeError, match="boom"), staging_area(tmp_path) as staging:
        seen.append(staging)
        (staging / "half-written.nq").write_text("...", encoding="utf-8")
        raise RuntimeError("boom")
    assert len(seen) == 1
    assert not seen[0].exists()
    assert seen[0].name.startswith(STAGING_PREFIX)
    assert list((tmp_path / RELEASES_DIR).iterdir()) == []


def test_staging_area_kept_when_block_succeeds(tmp_path: Path) -> None:
    with staging_area(tmp_path) as staging:
        (staging / "file").write_text("x", encoding="utf-8")
    assert staging.is_dir()
    assert staging.parent == tmp_path / RELEASES_DIR
    assert (staging / "file").read_text(encoding="utf-8") == "x"


def test_staging_areas_are_distinct(tmp_path: Path) -> None:
    with staging_area(tmp_path) as first, staging_area(tmp_path) as second:
        assert first != second


def test_publish_switches_current(tmp_path: Path) -> None:
    first = publish_release(tmp_path, stage(tmp_path, "one", 1), "r1")
    assert first == tmp_path / RELEASES_DIR / "r1"
    assert current_release(tmp_path) == first.resolve()
    assert (tmp_path / CURRENT_LINK).is_symlink()
    assert not os.path.isabs(os.readlink(tmp_path / CURRENT_LINK))
    second = publish_release(tmp_path, stage(tmp_path, "two", 2), "r2")
    assert current_release(tmp_path) == second.resolve()
    assert (current_release(tmp_path) / "content.txt").read_text(encoding="utf-8") == "two"
    assert first.is_dir()  # the old release stays until pruned
    assert (first / "content.txt").read_text(encoding="utf-8") == "one"


def test_publish_leaves_no_temporary_link(tmp_path: Path) -> None:
    publish_release(tmp_path, stage(tmp_path, "one", 1), "r1")
    publish_release(tmp_path, stage(tmp_path, "two", 2), "r2")
    assert sorted(path.name for path in tmp_path.iterdir()) == [CURRENT_LINK, RELEASES_DIR]
    assert release_names(tmp_path) == {"r1", "r2"}


def test_publish_same_name_twice_is_distinct(tmp_path: Path) -> None:
    first = publish_release(tmp_path, stage(tmp_path, "one", 1), "same")
    second = publish_release(tmp_path, stage(tmp_path, "two", 2), "same")
    assert first != second
    assert first.name == "same"
    assert second.name == "same.2"
    assert (first / "content.txt").read_text(encoding="utf-8") == "one"
    assert (second / "content.txt").read_text(encoding="utf-8") == "two"
    assert current_release(tmp_path) == second.resolve()
    third = publish_release(tmp_path, stage(tmp_path, "three", 3), "same")
    assert third.name == "same.3"


def test_publish_prunes_beyond_keep(tmp_path: Path) -> None:
    for number in range(1, KEEP_RELEASES + 2):
        publish_release(tmp_path, stage(tmp_path, str(number), number), f"r{number}")
    expected = {f"r{number}" for number in range(2, KEEP_RELEASES + 2)}
    assert release_names(tmp_path) == expected
    assert current_release(tmp_path).name == f"r{KEEP_RELEASES + 1}"


def make_release(build_dir: Path, name: str, age: int) -> Path:
    release = build_dir / RELEASES_DIR / name
    release.mkdir(parents=True)
    os.utime(release, (BASE_TIME + age, BASE_TIME + age))
    return release


def point_current(build_dir: Path, name: str) -> None:
    (build_dir / CURRENT_LINK).symlink_to(Path(RELEASES_DIR) / name)


def test_prune_keeps_newest(tmp_path: Path) -> None:
    for age in range(6):
        make_release(tmp_path, f"r{age}", age)
    point_current(tmp_path, "r5")
    prune_releases(tmp_path)
    assert release_names(tmp_path) == {"r3", "r4", "r5"}
    assert KEEP_RELEASES == 3


def test_prune_by_mtime_not_by_name(tmp_path: Path) -> None:
    make_release(tmp_path, "a", 30)
    make_release(tmp_path, "b", 10)
    make_release(tmp_path, "c", 20)
    point_current(tmp_path, "a")
    prune_releases(tmp_path, keep=2)
    assert release_names(tmp_path) == {"a", "c"}


def test_prune_never_removes_current(tmp_path: Path) -> None:
    for age in range(6):
        make_release(tmp_path, f"r{age}", age)
    point_current(tmp_path, "r0")  # the oldest (a rollback)
    prune_releases(tmp_path)
    assert release_names(tmp_path) == {"r0", "r3", "r4", "r5"}


def test_prune_never_removes_staging(tmp_path: Path) -> None:
    make_release(tmp_path, f"{STAGING_PREFIX}1234-deadbeef", 0)
    for age in range(1, 6):
        make_release(tmp_path, f"r{age}", age)
    point_current(tmp_path, "r5")
    prune_releases(tmp_path, keep=1)
    assert release_names(tmp_path) == {f"{STAGING_PREFIX}1234-deadbeef", "r5"}


def test_prune_keep_one_with_old_current(tmp_path: Path) -> None:
    for age in range(3):
        make_release(tmp_path, f"r{age}", age)
    point_current(tmp_path, "r1")
    prune_releases(tmp_path, keep=1)
    assert release_names(tmp_path) == {"r1", "r2"}
