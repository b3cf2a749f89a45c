"""Publish builds atomically: each build is written aside, then `current` is switched to it in one step."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import NoBuildError

RELEASES_DIR = "releases"
CURRENT_LINK = "current"
STAGING_PREFIX = ".staging-"
KEEP_RELEASES = 3


def current_release(build_dir: Path) -> Path:
    """The published release of `build_dir`, or NoBuildError when nothing is published."""
    link = build_dir / CURRENT_LINK
    if not link.is_symlink() or not link.resolve().is_dir():
        raise NoBuildError(f"no published build in {build_dir}: run `kg build` first")
    return link.resolve()


@contextmanager
def staging_area(build_dir: Path) -> Iterator[Path]:
    """A fresh directory to write a release in; removed if the block raises."""
    releases = build_dir / RELEASES_DIR
    releases.mkdir(parents=True, exist_ok=True)
    staging = releases / f"{STAGING_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def publish_release(build_dir: Path, staging: Path, name: str) -> Path:
    """Move the staged release to `releases/NAME` and point `current` at it atomically."""
    releases = build_dir / RELEASES_DIR
    final = releases / name
    suffix = 1
    while final.exists():
        suffix += 1
        final = releases / f"{name}.{suffix}"
    staging.rename(final)
    temporary_link = build_dir / f".{CURRENT_LINK}-{uuid.uuid4().hex[:8]}"
    temporary_link.symlink_to(Path(RELEASES_DIR) / final.name)
    os.replace(temporary_link, build_dir / CURRENT_LINK)
    prune_releases(build_dir)
    return final


def prune_releases(build_dir: Path, keep: int = KEEP_RELEASES) -> None:
    """Delete all but the newest `keep` releases, never the current one nor a build in progress."""
    releases = build_dir / RELEASES_DIR
    current = (build_dir / CURRENT_LINK).resolve()
    finished = [p for p in releases.iterdir() if p.is_dir() and not p.name.startswith(".")]
    finished.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in finished[keep:]:
        if old.resolve() != current:
            shutil.rmtree(old, ignore_errors=True)
