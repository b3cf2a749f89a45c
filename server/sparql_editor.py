"""The query editor a browser gets at /sparql: vendored YASGUI preloaded with the example queries."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.iris import Iris

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
TITLE_MARK = "# title:"


@dataclass(frozen=True)
class ExampleQuery:
    """One example query of `queries/`: its file name, its title and its text (rebased)."""

    name: str
    title: str
    text: str


def load_examples(directory: Path, iris: Iris) -> tuple[ExampleQuery, ...]:
    """The example queries, in file-name order, their IRIs rebased on this deployment's base."""
    if not directory.is_dir():
        return ()
    return tuple(read_example(path, iris) for path in sorted(directory.glob("*.rq")))


def read_example(path: Path, iris: Iris) -> ExampleQuery:
    """One example; its title is its first line's `# title: …`, else its file name."""
    text = iris.rebase(path.read_text(encoding="utf-8"))
    first_line = text.split("\n", 1)[0]
    if first_line.lower().startswith(TITLE_MARK):
        title = first_line[len(TITLE_MARK) :].strip()
    else:
        title = path.stem
    return ExampleQuery(name=path.stem, title=title or path.stem, text=text)
