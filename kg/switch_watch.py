"""Whether a remote store is in the middle of a switch, asked of its record at most once a second per process."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

SWITCH_CHECK_SECONDS = 1.0
# A builder waits this long between marking a switch and its first move, so that every reader's
# cached "no switch" has expired (and its next query sees the marker) before any graph changes.
SWITCH_SETTLE_SECONDS = SWITCH_CHECK_SECONDS + 1.0
SWITCH_RETRY_SECONDS = 5


@dataclass
class SwitchWatch:
    """The last answer of `ask` (is a switch marked?), kept `ttl` seconds: at most one small query
    a `ttl`, whatever the traffic; a failed `ask` is not kept (the store's error is the answer)."""

    ask: Callable[[], bool]
    ttl: float = SWITCH_CHECK_SECONDS
    _switching: bool = False
    _until: float = float("-inf")

    def switching(self) -> bool:
        """True while the store's record shows a switch under way (as of at most `ttl` ago)."""
        now = time.monotonic()
        if now >= self._until:
            self._switching = self.ask()
            self._until = now + self.ttl
        return self._switching
