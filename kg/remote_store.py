"""A SPARQL 1.1 store over HTTP (Virtuoso, Fuseki, GraphDB…): staged loading, a marked switch, queries.

The published graphs keep their own IRIs in the store, so queries mean exactly what they mean on the
embedded store. A new release is first loaded into staging graphs under `STAGING_PREFIX` and counted;
then its switch is written down in the record (`kg.store_switch`: a marker and a plan), and only then
one update request moves every staging graph onto its published name, drops the graphs the previous
release had and the new one has not, and rewrites the record; the marker goes last. A failure before
the marker drops the staging graphs and leaves the previous release served; a failure after it leaves
the marker, so readers get `StoreSwitchingError` (503) until the next build finishes the switch.

Queries name their dataset: the default graph is the materialised union `DEFAULT_GRAPH`, the named
graphs are those of the release, so staging graphs and the record are never visible.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.errors import BadInputError, StoreError, StoreSwitchingError
from kg.query_guard import refuse_outbound_requests
from kg.query_text import (
    QUERY_FORMS,
    names_dataset,
    query_form,
    uses_named_graphs,
    without_dataset_clauses,
)
from kg.store import QueryResult
from kg.store_graphs import (
    DEFAULT_GRAPH,
    RECORD_GRAPH,
    RECORD_PREDICATE,
    STAGING_PREDICATE,
    STAGING_PREFIX,
)
from kg.store_http import QueryConnection, StoreEndpoint, post_graph, post_update, store_message
from kg.store_results import as_boolean, parse_reply
from kg.store_switch import (
    PLAN_PREDICATES,
    SwitchPlan,
    forget_update,
    insert_into_record,
    mark_updates,
    marker_query,
    plan_of,
    plan_query,
    switch_update,
    unrecord_update,
)
from kg.switch_watch import SWITCH_RETRY_SECONDS, SWITCH_SETTLE_SECONDS, SwitchWatch

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
    _watch: SwitchWatch | None = field(default=None, repr=False)

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
        """Run a query; the protocol's dataset, when given, replaces the release's (as FROM would).
        StoreSwitchingError while the store's record shows a switch under way (asked at most once a
        second): a reader never sees some graphs of one release and some of another."""
        self.refuse_while_switching()
        return self._run(sparql, default_graphs, named_graphs, base_iri, timeout)

    def refuse_while_switching(self) -> None:
        """StoreSwitchingError if the record showed a switch under way when last asked (≤ 1 s ago)."""
        if self._watch is None:
            self._watch = SwitchWatch(self.switch_marked)
        if self._watch.switching():
            raise StoreSwitchingError(
                f"the store at {self.endpoint.label} is in the middle of switching to a new release"
                " (a build is publishing it, or the next `kg build` finishes an interrupted one);"
                f" try again in {SWITCH_RETRY_SECONDS} s",
                SWITCH_RETRY_SECONDS,
            )

    def switch_marked(self) -> bool:
        """True while the store's record holds a switch marker (one small ASK)."""
        return bool(self._run(marker_query(), (RECORD_GRAPH,), (), None, None))

    def _run(
        self,
        sparql: str,
        default_graphs: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
        base_iri: str | None,
        timeout: float | None,
    ) -> QueryResult:
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
        self.refuse_while_switching()
        return self._select(sparql, default_graphs, named_graphs, timeout)

    def _select(
        self,
        sparql: str,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        timeout: float | None = None,
    ) -> ox.QuerySolutions:
        """A SELECT's solutions whatever the record says (the builder's own reading)."""
        result = self._run(sparql, default_graphs, named_graphs, None, timeout)
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
        """Finish any switch an interrupted build left, load the release into staging graphs, count
        them, mark the switch, give readers time to see the mark, then switch."""
        self.finish_switch()
        plan = self.stage_release(named_graphs, default_graph)
        time.sleep(SWITCH_SETTLE_SECONDS)
        self._switch(plan, plan.moves)
        self.graphs = tuple(name for name in plan.counts if name != DEFAULT_GRAPH)

    def stage_release(self, named_graphs: bytes, default_graph: bytes) -> SwitchPlan:
        """Load a release into fresh staging graphs, count them, and write its switch's plan and
        marker into the record; StoreError (staging dropped, nothing marked) if any step fails."""
        graphs = group_by_graph(named_graphs)
        graphs[DEFAULT_GRAPH] = [
            quad.triple for quad in ox.parse(default_graph, format=ox.RdfFormat.N_TRIPLES)
        ]
        token = uuid.uuid4().hex[:12]
        staging = {f"{STAGING_PREFIX}{token}:{index}": name for index, name in enumerate(graphs)}
        counts = {name: len(triples) for name, triples in graphs.items()}
        marking = False
        self._drop_stale_staging()
        try:
            self._record(STAGING_PREDICATE, staging)
            for temp, name in staging.items():
                self._insert(temp, graphs[name])
            self._check_counts({temp: counts[name] for temp, name in staging.items()})
            previous = self._recorded(RECORD_PREDICATE)
            drops = tuple(sorted(set(previous) - counts.keys()))
            plan = SwitchPlan(token, staging, counts, drops)
            marking = True
            for update in mark_updates(plan, self.chunk_triples):
                post_update(self.endpoint, update, UPDATE_SECONDS)
        except (StoreError, BadInputError) as error:
            self._drop_quietly(staging, unmark=marking)
            raise StoreError(self._not_switched_message(error)) from None
        return plan

    def finish_switch(self) -> SwitchPlan | None:
        """Roll forward the switch an interrupted build left marked in the record, if any: move the
        staging graphs still there, drop what was to be dropped, write the record, remove the marker.
        Safe to run again at any point. The plan it finished, or None when there was none."""
        try:
            plan = self._unfinished_switch()
        except (StoreError, BadInputError) as error:
            raise StoreError(self._not_switched_message(error)) from None
        if plan is None:
            return None
        try:
            staged = self.count_triples(plan.moves)
        except (StoreError, BadInputError) as error:
            raise StoreError(self._unfinished_message(error)) from None
        self._switch(plan, staged)
        return plan

    def _unfinished_switch(self) -> SwitchPlan | None:
        return plan_of(self._switch_rows())

    def _switch_rows(self) -> list[tuple[str, str, str]]:
        """The record's marker and plan triples as (subject, predicate, value) strings."""
        result = self._select(plan_query(), (RECORD_GRAPH,), (RECORD_GRAPH,))
        return [(str(row["s"].value), str(row["p"].value), str(row["o"].value)) for row in result]

    def _recorded(self, predicate: str) -> list[str]:
        """The graphs the store's record lists under `predicate` (none on a store never loaded)."""
        result = self._select(
            f"SELECT ?g WHERE {{ <{RECORD_GRAPH}> <{predicate}> ?g }}",
            (RECORD_GRAPH,),
            (RECORD_GRAPH,),
        )
        return [str(solution["g"].value) for solution in result]

    def _record(self, predicate: str, graphs: Iterable[str]) -> None:
        triples = [f"<{RECORD_GRAPH}> <{predicate}> <{name}> ." for name in graphs]
        post_update(self.endpoint, insert_into_record(triples), UPDATE_SECONDS)

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
        """The number of triples in each of `graphs` that holds any, as the store counts them
        (the builder's check: answered even while a switch is marked)."""
        result = self._select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            (RECORD_GRAPH,),
            list(graphs),
            UPDATE_SECONDS,
        )
        return {str(row["g"].value): int(row["n"].value) for row in result}

    def _switch(self, plan: SwitchPlan, staged: Collection[str]) -> None:
        """Drop, move what is `staged`, write the record (one request); count the published graphs;
        only then remove the marker. On failure the marker stays: readers get 503 until it is done."""
        try:
            post_update(self.endpoint, switch_update(plan, staged), UPDATE_SECONDS)
            self._check_counts(plan.counts)
            post_update(self.endpoint, forget_update(), UPDATE_SECONDS)
        except (StoreError, BadInputError) as error:
            raise StoreError(self._unfinished_message(error)) from None

    def _not_switched_message(self, error: Exception) -> str:
        return (
            f"loading into the store at {self.endpoint.label} failed; nothing was switched"
            f" and the previous release is still served: {error}"
        )

    def _unfinished_message(self, error: Exception) -> str:
        return (
            f"switching the store at {self.endpoint.label} to the new release failed: {error};"
            " the switch stays marked in the store, whose readers get 503 until it is finished:"
            " run `kg build` again once the store is healthy (it finishes the switch first)"
        )

    def _drop_stale_staging(self) -> None:
        """Drop the staging graphs and any unmarked plan an interrupted load left behind (one
        builder per store); refuse while a switch is marked: its staging graphs are still needed."""
        try:
            rows = self._switch_rows()
            stale = self._recorded(STAGING_PREDICATE)
        except (StoreError, BadInputError) as error:
            raise StoreError(self._not_switched_message(error)) from None
        if plan_of(rows) is not None:
            raise StoreError(
                f"a switch is still marked in the store at {self.endpoint.label}: it must be"
                " finished first (`kg build` does), its staging graphs are still needed"
            )
        try:
            if stale:
                post_update(self.endpoint, drop_all(stale), UPDATE_SECONDS)
            if stale or rows:
                post_update(self.endpoint, forget_update(), UPDATE_SECONDS)
        except (StoreError, BadInputError) as error:
            raise StoreError(self._not_switched_message(error)) from None

    def _drop_quietly(self, graphs: Iterable[str], *, unmark: bool) -> None:
        """Undo a load that was not switched, if the store still answers (else the next build does):
        first its marker and plan if it was marking them, then the staging graphs, then their record."""
        with contextlib.suppress(StoreError, BadInputError):
            if unmark:
                post_update(self.endpoint, forget_update(PLAN_PREDICATES), UPDATE_SECONDS)
            post_update(self.endpoint, drop_all(graphs), UPDATE_SECONDS)
            post_update(self.endpoint, unrecord_update(STAGING_PREDICATE, graphs), UPDATE_SECONDS)

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
