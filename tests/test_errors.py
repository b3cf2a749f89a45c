"""Errors say where the problem is and map to the CLI's exit codes."""

from __future__ import annotations

from pathlib import Path

from kg.build import DoesNotConformError
from kg.errors import EXIT_BAD_INPUT, EXIT_DOES_NOT_CONFORM, BadInputError, Location, NoBuildError
from kg.validation import ValidationReport


def test_location_names_file_line_and_claim() -> None:
    assert (
        str(Location(Path("seeds/a.claims.yaml"), 12, "x")) == "seeds/a.claims.yaml:12 (claim 'x')"
    )
    assert str(Location(Path("seeds/a.txt"))) == "seeds/a.txt"


def test_bad_input_carries_its_location_and_exit_code() -> None:
    error = BadInputError("status must be one of …", Location(Path("f.yaml"), 3, "c"))
    assert str(error) == "f.yaml:3 (claim 'c'): status must be one of …"
    assert error.exit_code == EXIT_BAD_INPUT
    assert NoBuildError("no build").exit_code == EXIT_BAD_INPUT


def test_not_conforming_is_exit_1() -> None:
    assert DoesNotConformError(ValidationReport()).exit_code == EXIT_DOES_NOT_CONFORM
