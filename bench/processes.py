"""Memory of a server: resident and proportional set sizes of a process and all its descendants (/proc)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class Memory:
    """Memory of a group of processes: RSS summed (shared pages counted in each), PSS summed (shared once)."""

    rss: int
    pss: int
    processes: int

    @property
    def rss_mb(self) -> float:
        return self.rss / 2**20

    @property
    def pss_mb(self) -> float:
        return self.pss / 2**20


NO_MEMORY = Memory(0, 0, 0)


def parent_of(pid: int) -> int | None:
    """The parent pid of a process, or None if it is gone."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def process_tree(root: int) -> list[int]:
    """`root` and every process descended from it."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            parent = parent_of(int(entry.name))
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, []))
    return tree


def read_rollup(pid: int) -> tuple[int, int] | None:
    """(RSS, PSS) in bytes of one process, from smaps_rollup; None if it is gone."""
    try:
        lines = (PROC / str(pid) / "smaps_rollup").read_text().splitlines()
    except OSError:
        return None
    values = {}
    for line in lines:
        key, _, rest = line.partition(":")
        if key in ("Rss", "Pss"):
            values[key] = int(rest.split()[0]) * 1024
    return values.get("Rss", 0), values.get("Pss", 0)


def memory_of_tree(root: int) -> Memory:
    """RSS and PSS of `root` and all its descendants."""
    rss = pss = count = 0
    for pid in process_tree(root):
        rollup = read_rollup(pid)
        if rollup is not None:
            rss, pss, count = rss + rollup[0], pss + rollup[1], count + 1
    return Memory(rss, pss, count)


def memory_of_self() -> Memory:
    """Memory of this very process (the in-process peer lives here)."""
    return memory_of_tree(os.getpid())
