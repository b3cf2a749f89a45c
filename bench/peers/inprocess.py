"""pyoxigraph in this process, in memory, no HTTP: the floor of our engine (evaluation and serialisation)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from bench.http_client import Reply
from bench.processes import Memory, memory_of_self

SPARQL_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
UNION = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass
class InProcessClient:
    """Queries evaluated on the shared in-memory store and serialised as a server would."""

    store: ox.Store

    def query(self, sparql: str, accept: str) -> Reply:
        try:
            result = self.store.query(sparql)
            if isinstance(result, ox.QueryTriples):
                body = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
                return Reply(200, body or b"", N_TRIPLES)
            body = result.serialize(format=ox.QueryResultsFormat.JSON)
            return Reply(200, body or b"", SPARQL_JSON)
        except (SyntaxError, ValueError, OSError) as error:
            return Reply(400, str(error).encode("utf-8"))

    def get(self, path: str, accept: str) -> Reply:
        return Reply(404, b"the in-process peer has no pages")

    def close(self) -> None:
        return None


@dataclass
class InProcessOxigraph:
    """An in-memory pyoxigraph store, its default graph the set union of the named graphs (as kg serve)."""

    name: str = "inprocess"
    label: str = "pyoxigraph in-process"
    max_triples: int | None = None
    skip_reason: str = ""
    _store: ox.Store | None = field(default=None, repr=False)

    def start(self, data: Path) -> float:
        began = time.monotonic()
        store = ox.Store()
        store.bulk_load(path=str(data), format=ox.RdfFormat.TRIG)
        store.update(UNION)
        self._store = store
        return time.monotonic() - began

    def connect(self) -> InProcessClient:
        assert self._store is not None, "start the peer first"
        return InProcessClient(self._store)

    def memory(self) -> Memory:
        return memory_of_self()

    def stop(self) -> None:
        self._store = None
