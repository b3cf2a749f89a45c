"""Regenerate tests/golden/documents.nq from the seeds (run by `make golden`; review the diff)."""

from __future__ import annotations

from pathlib import Path

from kg.compile import compile_dataset
from kg.iris import Iris
from kg.progress import Progress
from kg.serialize import nquad_lines

GOLDEN = Path(__file__).parent / "golden" / "documents.nq"
SEEDS = Path(__file__).parent.parent / "seeds"


def main() -> None:
    compiled = compile_dataset(SEEDS, Iris(), Progress(enabled=False))
    GOLDEN.write_text("".join(nquad_lines(compiled.document_graphs)), encoding="utf-8")
    print(f"wrote {GOLDEN}")


if __name__ == "__main__":
    main()
