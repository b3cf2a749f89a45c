"""The errors the pipeline raises, each saying what is wrong and where, with the CLI exit code it maps to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_DOES_NOT_CONFORM = 1
EXIT_BAD_INPUT = 2


class KgError(Exception):
    """Base class of the errors the CLI reports without a traceback."""

    exit_code = EXIT_BAD_INPUT


@dataclass
class Location:
    """Where in a curated file a problem is: the file, a 1-based line, and the claim id if any."""

    path: Path
    line: int | None = None
    claim: str | None = None

    def __str__(self) -> str:
        text = str(self.path)
        if self.line is not None:
            text += f":{self.line}"
        if self.claim is not None:
            text += f" (claim {self.claim!r})"
        return text


class BadInputError(KgError):
    """Input that cannot be used as it is: a source, a curated file, a query or an option."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        self.message = message
        self.location = location
        super().__init__(f"{location}: {message}" if location else message)


class NoBuildError(BadInputError):
    """A command needs a published build and there is none in the build directory."""


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class StoreSwitchingError(StoreError):
    """The store is in the middle of switching to a new release; ask again in `retry_after` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
