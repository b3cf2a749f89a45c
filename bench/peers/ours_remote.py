"""Our server over Virtuoso: `kg serve --data FILE --store URL`, the graph in a Virtuoso of its own."""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.peers.ours import OurServer
from bench.peers.processes import terminate
from bench.peers.virtuoso import BUFFERS_PER_TRIPLE, VirtuosoServer, start_server
from bench.processes import Memory, memory_of_tree


@dataclass
class OurServerOverVirtuoso(OurServer):
    """Our gunicorn workers with no embedded store: every query goes to Virtuoso on loopback.

    The load time counts starting Virtuoso, publishing the release (dumps, pages) and loading it over
    SPARQL Update (staged, counted, switched), as `kg build --store` does.
    """

    name: str = "ours-virtuoso"
    label: str = "our server over Virtuoso"
    triples: int = 100_000
    _virtuoso: VirtuosoServer | None = field(default=None, repr=False)
    _store_directory: Path | None = field(default=None, repr=False)

    def start(self, data: Path) -> float:
        began = time.monotonic()
        self._store_directory = Path(tempfile.mkdtemp(prefix="bench-ours-virtuoso-"))
        buffers = max(20_000, int(self.triples * BUFFERS_PER_TRIPLE))
        self._virtuoso = start_server(self._store_directory, buffers, name=self.name)
        url = self._virtuoso.sparql_url
        self.arguments = ("--store", url)
        self.environment = {
            "KG_STORE_UPDATE": f"{url}-auth",
            "KG_STORE_USER": "dba",
            "KG_STORE_PASSWORD": "dba",
        }
        super().start(data)
        return time.monotonic() - began

    def memory(self) -> Memory:
        ours = super().memory()
        if self._virtuoso is None:
            return ours
        store = memory_of_tree(self._virtuoso.process.pid)
        return Memory(ours.rss + store.rss, ours.pss + store.pss, ours.processes + store.processes)

    def stop(self) -> None:
        super().stop()
        if self._virtuoso is not None:
            terminate(self._virtuoso.process)
            self._virtuoso = None
        if self._store_directory is not None:
            shutil.rmtree(self._store_directory, ignore_errors=True)
            self._store_directory = None
