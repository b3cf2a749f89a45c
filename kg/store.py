"""The SPARQL store behind a small interface, and its embedded Oxigraph implementation (`remote_store` is the other)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from kg.errors import BadInputError, StoreError
from kg.query_guard import refuse_outbound_requests

# A remote store's CONSTRUCT/DESCRIBE answer is parsed into a list of triples.
QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | list[ox.Triple]


class GraphStore(Protocol):
    """What the pipeline and the server need of a store: load a dataset once, then query it."""

    def replace_all(self, named_graphs: bytes, default_graph: bytes) -> None:
        """Replace the store's content: named graphs as N-Quads, the default graph as N-Triples."""

    def query(self, sparql: str) -> QueryResult:
        """Run a read-only SPARQL query; its default graph is the store's default graph."""

    def close(self) -> None:
        """Release the store."""


class OxigraphStore:
    """An Oxigraph store on disk.

    Its default graph is materialised at load time as the set union of the published graphs:
    Oxigraph's own union of several graphs keeps duplicates, where an RDF merge does not.
    """

    def __init__(self, store: ox.Store, prefixes: dict[str, str] | None = None) -> None:
        self._store = store
        self.prefixes = prefixes or {}

    @classmethod
    def create(cls, path: Path) -> OxigraphStore:
        """A new, empty, writable store at `path`."""
        try:
            return cls(ox.Store(str(path)))
        except OSError as error:
            raise StoreError(f"cannot create the store at {path}: {error}") from None

    @classmethod
    def open_read_only(cls, path: Path, prefixes: dict[str, str] | None = None) -> OxigraphStore:
        """Open a published store for reading; other readers may open it at the same time.

        `prefixes` are declared for every query, so a query may use them without PREFIX lines.
        """
        try:
            return cls(ox.Store.read_only(str(path)), prefixes)
        except OSError as error:
            raise StoreError(f"cannot open the store at {path}: {error}") from None

    def replace_all(self, named_graphs: bytes, default_graph: bytes) -> None:
        self._store.clear()
        self._store.bulk_load(named_graphs, format=ox.RdfFormat.N_QUADS)
        self._store.bulk_load(default_graph, format=ox.RdfFormat.N_TRIPLES)
        self._store.flush()
        self._store.optimize()

    def query(self, sparql: str) -> QueryResult:
        refuse_outbound_requests(sparql)
        try:
            return self._store.query(sparql, prefixes=self.prefixes)
        except SyntaxError as error:
            raise BadInputError(f"SPARQL syntax error: {short_parser_message(error)}") from None

    def count_quads(self) -> int:
        return len(self._store)

    def close(self) -> None:
        del self._store


def short_parser_message(error: SyntaxError, limit: int = 300) -> str:
    """The parser's message on one line, its long lists of expected characters cut short."""
    text = " ".join(str(error).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
