"""Run pySHACL on one validation unit quickly: its SPARQL is answered by Oxigraph, not re-parsed by rdflib."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from pyshacl.graph_abstraction import DataGraph
from rdflib import Graph, Variable
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Processor, Result
from rdflib.term import Identifier, Node

from kg.oxigraph_terms import to_oxigraph, to_rdflib
from kg.validation_report import Violation, read_results

PYSHACL_OPTIONS: dict[str, Any] = {
    "inference": "none",  # the data states its classes
    "advanced": True,  # SHACL-SPARQL targets (sh:target) are SHACL-AF
    "allow_warnings": True,
    "inplace": True,  # the unit is ours and thrown away: pySHACL need not copy it
}


class UnitGraph(Graph):
    """A unit's triples for pySHACL, whose SPARQL queries run on an Oxigraph copy of them.

    pySHACL hands every SHACL-SPARQL query to the data graph's `query()`, as text, once per focus
    node; rdflib would parse that text again each time (10-30 ms a query) and evaluate it in Python.
    Here the same text, with the same pre-bound variables, runs on Oxigraph; pySHACL still reads the
    graph for SHACL Core, drives the validation and writes the report
    (`tests/test_validation_engine.py` compares the reports with plain pySHACL's).
    """

    def __init__(self, identifier: str | None = None) -> None:
        super().__init__(identifier=identifier, bind_namespaces="none")
        self._oxigraph: ox.Store | None = None

    @classmethod
    def of_ntriples(cls, name: str, ntriples: bytes) -> UnitGraph:
        """A unit graph holding the triples of N-Triples bytes (its Oxigraph copy loaded from them)."""
        unit = cls(identifier=name)
        triples = list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))  # keeps blank node ids
        for triple in triples:
            unit.add(
                (to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object))
            )
        store = ox.Store()
        store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        unit._oxigraph = store
        return unit

    def add(self, triple: tuple[Node, Node, Node]) -> UnitGraph:
        self._oxigraph = None  # the copy is made again at the next query
        super().add(triple)
        return self

    def remove(self, triple: tuple[Node | None, Node | None, Node | None]) -> UnitGraph:
        self._oxigraph = None
        super().remove(triple)
        return self

    def query(
        self,
        query_object: str | Query,
        processor: str | Processor = "sparql",
        result: str | type[Result] = "sparql",
        initNs: Mapping[str, Any] | None = None,  # noqa: N803 (rdflib's name)
        initBindings: Mapping[str, Identifier] | None = None,  # noqa: N803
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Result:
        """Run a SPARQL query text on Oxigraph, over the triples the graph holds now."""
        if not isinstance(query_object, str) or initNs:
            raise TypeError("a unit graph answers SPARQL given as text, with its own prefixes")
        store = self._store_copy()
        bindings = {
            ox.Variable(str(name)): to_oxigraph(term) for name, term in (initBindings or {}).items()
        }
        answer = store.query(query_object, substitutions=bindings)
        return to_result(answer)

    def _store_copy(self) -> ox.Store:
        if self._oxigraph is None:
            store = ox.Store()
            store.bulk_extend(
                ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in self
            )
            self._oxigraph = store
        return self._oxigraph


def to_result(answer: Any) -> Result:
    """An rdflib query result holding Oxigraph's answer (solutions or a boolean)."""
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if not isinstance(answer, ox.QuerySolutions):
        raise TypeError("a validation query is a SELECT or an ASK")
    result = Result("SELECT")
    names = [Variable(variable.value) for variable in answer.variables]
    result.vars = names
    result.bindings = [
        {
            name: to_rdflib(value)
            for name, value in zip(names, solution, strict=True)
            if value is not None
        }
        for solution in answer
    ]
    return result


def validate_unit(name: str, unit: UnitGraph, shapes: Graph) -> list[Violation]:
    """The results of validating one unit against the shapes, as records naming the unit."""
    _conforms, results, _text = shacl_validate(
        DataGraph.from_rdflib_graph(unit), shacl_graph=shapes, **PYSHACL_OPTIONS
    )
    return read_results(name, results)


def unit_graph(name: str, triples: Iterable[tuple[Node, Node, Node]]) -> UnitGraph:
    """A unit graph holding `triples`."""
    unit = UnitGraph(identifier=name)
    for triple in triples:
        unit.add(triple)
    return unit
