"""A SPARQL 1.1 store over HTTP (Virtuoso, Fuseki, GraphDB…): staged loading, a checked switch, queries.

The published graphs keep their own IRIs in the store, so queries mean exactly what they mean on the
embedded store. A new release is first loaded into staging graphs under `STAGING_PREFIX` and counted;
only then one update request moves every staging graph onto its published name, drops the graphs the
previous release had and the new one has not, and rewrites the record of what is published. A failure
before the switch drops the staging graphs and leaves the previous release served.

Queries name their dataset: the default graph is the materialised union `DEFAULT_GRAPH`, the named
graphs are those of the release, so staging graphs and the record are never visible.
"""

from __future__ import annotations

import contextlib
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.errors import BadInputError, StoreError
from kg.query_guard import refuse_outbound_requests
from kg.query_text import (
    QUERY_FORMS,
    names_dataset,
    query_form,
    uses_named_graphs,
    without_dataset_clauses,
)
from kg.store import QueryResult
from kg.store_http import QueryConnection, StoreEndpoint, post_graph, post_update, store_message
from kg.store_results import as_boolean, parse_reply

NAMESPACE = "urn:revolving-door:"
DEFAULT_GRAPH = f"{NAMESPACE}default-graph"
RECORD_GRAPH = f"{NAMESPACE}published-graphs"
RECORD_PREDICATE = f"{NAMESPACE}publishes"
STAGING_PREDICATE = f"{NAMESPACE}stages"
STAGING_PREFIX = f"{NAMESPACE}staging:"
CHUNK_TRIPLES = 2000
GSP_CHUNK_TRIPLES = 100_000
UPDATE_SECONDS = 600.0
SOLUTIONS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
TRIPLES_ACCEPT = "application/n-triples, text/turtle;q=0.9"
TIMEOUT_STATES = ("S1TAT",)  # Virtuoso's "anytime" answer: the query was cut at its time limit


@dataclass
class RemoteStore:
    """A remote store holding the published release; `graphs` are the release's named graphs."""

    endpoint: StoreEndpoint
    graphs: tuple[str, ...] = ()
    prefixes: dict[str, str] = field(default_factory=dict)
    timeout: float = 30.0
    chunk_triples: int = CHUNK_TRIPLES
    _connection: QueryConnection | None = field(default=None, repr=False)

    @property
    def connection(self) -> QueryConnection:
        if self._connection is None:
            self._connection = QueryConnection(self.endpoint.query_url, self.timeout)
        return self._connection

    def query(self, sparql: str) -> QueryResult:
        """Run a read-only query over the release's dataset (or the one its FROM clauses name)."""
        return self.run(sparql)

    def run(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
        timeout: float | None = None,
    ) -> QueryResult:
        """Run a query; the protocol's dataset, when given, replaces the release's (as FROM would)."""
        refuse_outbound_requests(sparql)
        kind = query_form(sparql)
        if kind not in QUERY_FORMS:
            raise BadInputError(f"{kind} is an update: this store is only queried here (read-only)")
        protocol_dataset = default_graphs is not None or named_graphs is not None
        if protocol_dataset:
            sparql = without_dataset_clauses(sparql)  # the protocol's dataset replaces FROM
        form = [("query", self._prologue(base_iri) + sparql)]
        if protocol_dataset:
            form += [("default-graph-uri", iri) for iri in default_graphs or ()]
            named = self.graphs if named_graphs is None and default_graphs else named_graphs
            form += [("named-graph-uri", iri) for iri in named or ()]
        elif not names_dataset(sparql):
            form += [("default-graph-uri", DEFAULT_GRAPH)]
            if uses_named_graphs(sparql):  # else the named graphs cannot matter: spare the list
                form += [("named-graph-uri", iri) for iri in self.graphs]
        limit = timeout or self.timeout
        form.append(("timeout", str(int(limit * 1000))))
        accept = TRIPLES_ACCEPT if kind in ("CONSTRUCT", "DESCRIBE") else SOLUTIONS_ACCEPT
        reply = self.connection.post(form, accept, timeout=limit + 5)
        if reply.sql_state in TIMEOUT_STATES:
            raise StoreError(
                f"the query ran longer than the {limit:g} s limit (setting query_timeout)"
                " and was stopped; narrow it down or add a LIMIT"
            )
        if reply.status == 400:
            raise BadInputError(
                f"SPARQL syntax error (the store says): {store_message(reply.body)}"
            )
        if reply.status != 200:
            raise StoreError(
                f"the store at {self.endpoint.label} failed ({reply.status}): {store_message(reply.body)}"
            )
        result = parse_reply(reply.content_type, reply.body, self.endpoint.label)
        return as_boolean(result) if kind == "ASK" else result

    def select(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        timeout: float | None = None,
    ) -> ox.QuerySolutions:
        """The solutions of a SELECT query (the arguments as for `run`)."""
        result = self.run(
            sparql, default_graphs=default_graphs, named_graphs=named_graphs, timeout=timeout
        )
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError(
                f"the store at {self.endpoint.label} answered a SELECT with no solutions"
            )
        return result

    def _prologue(self, base_iri: str | None) -> str:
        lines = [f"BASE <{base_iri}>"] if base_iri else []
        lines += [f"PREFIX {prefix}: <{iri}>" for prefix, iri in self.prefixes.items()]
        return "".join(line + " " for line in lines)  # one line: the store's line numbers stay ours

    def replace_all(self, named_graphs: bytes, default_graph: bytes) -> None:
        """Load a release into staging graphs, count them, then switch them onto their names."""
        graphs = group_by_graph(named_graphs)
        graphs[DEFAULT_GRAPH] = [
            quad.triple for quad in ox.parse(default_graph, format=ox.RdfFormat.N_TRIPLES)
        ]
        token = uuid.uuid4().hex[:12]
        staging = {name: f"{STAGING_PREFIX}{token}:{index}" for index, name in enumerate(graphs)}
        try:
            self._drop_stale_staging()
            self._record(STAGING_PREDICATE, staging.values())
            for name, triples in graphs.items():
                self._insert(staging[name], triples)
            self._check_counts({staging[name]: len(triples) for name, triples in graphs.items()})
        except (StoreError, BadInputError) as error:
            self._drop_quietly(staging.values())
            raise StoreError(
                f"loading into the store at {self.endpoint.label} failed; nothing was switched"
                f" and the previous release is still served: {error}"
            ) from None
        self._switch(staging, previous=self._recorded(RECORD_PREDICATE))
        self._check_counts({name: len(triples) for name, triples in graphs.items()})
        self.graphs = tuple(name for name in graphs if name != DEFAULT_GRAPH)

    def _recorded(self, predicate: str) -> list[str]:
        """The graphs the store's record lists under `predicate` (none on a store never loaded)."""
        result = self.select(
            f"SELECT ?g WHERE {{ <{RECORD_GRAPH}> <{predicate}> ?g }}",
            default_graphs=(RECORD_GRAPH,),
            named_graphs=(RECORD_GRAPH,),
        )
        return [str(solution["g"].value) for solution in result]

    def _record(self, predicate: str, graphs: Iterable[str]) -> None:
        triples = " ".join(f"<{RECORD_GRAPH}> <{predicate}> <{name}> ." for name in graphs)
        post_update(
            self.endpoint,
            f"INSERT DATA {{ GRAPH <{RECORD_GRAPH}> {{ {triples} }} }}",
            UPDATE_SECONDS,
        )

    def _insert(self, graph: str, triples: list[ox.Triple]) -> None:
        """Add `triples` to `graph`: by the Graph Store Protocol when the store has a GSP URL
        (`GSP_CHUNK_TRIPLES` a request), else by INSERT DATA (`chunk_triples` a request)."""
        size = GSP_CHUNK_TRIPLES if self.endpoint.gsp_url else self.chunk_triples
        for start in range(0, len(triples), size):
            lines = ox.serialize(triples[start : start + size], format=ox.RdfFormat.N_TRIPLES)
            assert lines is not None
            if self.endpoint.gsp_url:
                post_graph(self.endpoint, graph, lines, UPDATE_SECONDS)
                continue
            update = f"INSERT DATA {{ GRAPH <{graph}> {{\n{lines.decode('utf-8')}}} }}"
            post_update(self.endpoint, update, UPDATE_SECONDS)

    def _check_counts(self, expected: dict[str, int]) -> None:
        """StoreError unless every graph holds exactly the triples it should."""
        counts = self.count_triples(expected)
        wrong = [
            f"{name}: {counts.get(name, 0)} of {n}"
            for name, n in expected.items()
            if counts.get(name, 0) != n
        ]
        if wrong:
            raise StoreError(
                f"the store holds other counts than were loaded ({'; '.join(wrong[:3])})"
            )

    def count_triples(self, graphs: Iterable[str]) -> dict[str, int]:
        """The number of triples in each of `graphs`, as the store counts them."""
        names = list(graphs)
        result = self.select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            default_graphs=(RECORD_GRAPH,),
            named_graphs=names,
            timeout=UPDATE_SECONDS,
        )
        return {str(row["g"].value): int(row["n"].value) for row in result}

    def _switch(self, staging: dict[str, str], previous: list[str]) -> None:
        """One update request: drop what the new release lacks, move staging onto names, rewrite the record."""
        operations = [f"DROP SILENT GRAPH <{name}>" for name in previous if name not in staging]
        operations += [
            f"MOVE SILENT GRAPH <{temp}> TO GRAPH <{name}>" for name, temp in staging.items()
        ]
        record = " ".join(f"<{RECORD_GRAPH}> <{RECORD_PREDICATE}> <{name}> ." for name in staging)
        operations += [
            f"DROP SILENT GRAPH <{RECORD_GRAPH}>",
            f"INSERT DATA {{ GRAPH <{RECORD_GRAPH}> {{ {record} }} }}",
        ]
        try:
            post_update(self.endpoint, " ;\n".join(operations), UPDATE_SECONDS)
        except (StoreError, BadInputError) as error:
            raise StoreError(
                f"switching the store at {self.endpoint.label} to the new release failed: {error};"
                " nothing was published here: run `kg build` again once the store is healthy"
            ) from None

    def _drop_stale_staging(self) -> None:
        """Drop the staging graphs an interrupted build left behind (one builder per store)."""
        stale = self._recorded(STAGING_PREDICATE)
        if stale:
            post_update(self.endpoint, drop_all(stale), UPDATE_SECONDS)
            post_update(
                self.endpoint,
                f"DELETE WHERE {{ GRAPH <{RECORD_GRAPH}> {{ <{RECORD_GRAPH}> <{STAGING_PREDICATE}> ?g }} }}",
                UPDATE_SECONDS,
            )

    def _drop_quietly(self, graphs: Iterable[str]) -> None:
        """Drop partial staging graphs if the store still answers (else the next build drops them)."""
        with contextlib.suppress(StoreError, BadInputError):
            post_update(self.endpoint, drop_all(graphs), UPDATE_SECONDS)
            post_update(
                self.endpoint,
                f"DELETE WHERE {{ GRAPH <{RECORD_GRAPH}> {{ <{RECORD_GRAPH}> <{STAGING_PREDICATE}> ?g }} }}",
                UPDATE_SECONDS,
            )

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()


def drop_all(graphs: Iterable[str]) -> str:
    """One update request dropping every graph of `graphs`."""
    return " ;\n".join(f"DROP SILENT GRAPH <{graph}>" for graph in graphs)


def group_by_graph(nquads: bytes) -> dict[str, list[ox.Triple]]:
    """The triples of each named graph of an N-Quads document, in order of first appearance."""
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
        graphs[str(quad.graph_name.value)].append(quad.triple)
    return dict(graphs)
