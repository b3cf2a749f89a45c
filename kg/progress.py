"""Progress lines on standard error for long work, with elapsed time; silent when disabled."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Prints one line a step: `[kg 1.2s] message`."""

    def __init__(self, enabled: bool = True, stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self._last_count = 0.0

    def step(self, message: str) -> None:
        if self.enabled:
            print(f"[kg {self.elapsed():6.1f}s] {message}", file=self.stream, flush=True)

    def count(self, what: str, done: int, total: int) -> None:
        """Report `done` of `total`, at most about once a second and always at the end."""
        now = time.monotonic()
        if done == total or now - self._last_count >= 1.0:
            self._last_count = now
            self.step(f"{what}: {done}/{total}")

    def elapsed(self) -> float:
        return time.monotonic() - self.started
