"""The rdflib-endpoint peer's server process: load the TriG into an rdflib Dataset and serve it with uvicorn.

python -m bench.peers.rdflib_app DATA.trig PORT
"""

from __future__ import annotations

import importlib
import sys
from typing import Any


def main(argv: list[str]) -> int:
    """Load, then serve until stopped (the default graph is the union of the named graphs, as a set)."""
    data, port = argv
    rdflib = importlib.import_module("rdflib")
    endpoint: Any = importlib.import_module("rdflib_endpoint")
    uvicorn: Any = importlib.import_module("uvicorn")
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data, format="trig")
    app = endpoint.SparqlEndpoint(graph=dataset, path="/sparql", cors_enabled=False)
    uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
