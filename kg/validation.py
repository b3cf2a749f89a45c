"""Validate the dataset against the SHACL shapes, one document at a time, with a readable report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.namespaces import SH
from kg.progress import Progress


@dataclass(frozen=True)
class Violation:
    """One result of a validation report."""

    graph: str
    focus: str
    path: str
    value: str
    message: str
    shape: str
    severity: str

    def describe(self) -> str:
        path = f" {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value else ""
        return (
            f"[{self.severity}] {self.focus}{path}{value}: {self.message}"
            f" (shape {self.shape}; graph {self.graph})"
        )


@dataclass
class ValidationReport:
    """The outcome of validating a dataset: conforms when no result is a violation."""

    units: int = 0
    violations: list[Violation] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)

    def describe(self) -> str:
        if self.conforms and not self.violations:
            return f"conforms: {self.units} unit(s) validated, no results"
        lines = [v.describe() for v in self.violations]
        verdict = "conforms" if self.conforms else "does not conform"
        lines.append(f"{verdict}: {len(self.violations)} result(s) in {self.units} unit(s)")
        return "\n".join(lines)


def validation_units(document_graphs: list[Graph], metadata: Graph) -> Iterable[tuple[str, Graph]]:
    """What is validated together: each document's graph with its own description, then the metadata.

    A document's graph is validated on its own so that each source is checked for what it states,
    and so that adding a source re-validates only that source.
    """
    for document_graph in document_graphs:
        document = URIRef(str(document_graph.identifier))
        unit = Graph()
        for triple in document_graph:
            unit.add(triple)
        for predicate, value in metadata.predicate_objects(document):
            unit.add((document, predicate, value))
        yield str(document), unit
    yield str(metadata.identifier), metadata


def validate_units(
    units: Iterable[tuple[str, Graph]], shapes: Graph, progress: Progress
) -> ValidationReport:
    """Validate each unit against the shapes (the data states its classes; no inference is run)."""
    report = ValidationReport()
    for name, unit in units:
        _conforms, results, _text = shacl_validate(
            unit,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=True,
        )
        report.units += 1
        report.violations.extend(read_results(name, results))
        progress.step(f"validated {name}")
    report.violations.sort(key=lambda v: (v.graph, v.focus, v.path, v.shape, v.message))
    return report


def read_results(graph_name: str, results: Graph) -> list[Violation]:
    """The results of a pySHACL report graph, as records."""
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        violations.append(
            Violation(
                graph=graph_name,
                focus=_text(results.value(result, SH.focusNode)),
                path=_text(results.value(result, SH.resultPath)),
                value=_short(_text(results.value(result, SH.value))),
                message=_text(results.value(result, SH.resultMessage)),
                shape=_text(results.value(result, SH.sourceShape)),
                severity=_text(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            )
        )
    return violations


def _text(node: Node | None) -> str:
    return "" if node is None else str(node)


def units_from_dataset(
    dataset: Dataset, metadata_graph: URIRef, skip: set[URIRef]
) -> list[tuple[str, Graph]]:
    """Validation units of any loaded dataset: each named graph (with its document's description),
    the metadata graph, and the default graph if it holds triples; graphs in `skip` are left out."""
    metadata = Graph(identifier=metadata_graph)
    for triple in dataset.graph(metadata_graph):
        metadata.add(triple)
    documents = []
    default_triples = Graph(identifier=DATASET_DEFAULT_GRAPH_ID)
    for graph in dataset.graphs():
        name = graph.identifier
        if name == DATASET_DEFAULT_GRAPH_ID:
            for triple in graph:
                default_triples.add(triple)
        elif name != metadata_graph and name not in skip and len(graph):
            documents.append(graph)
    documents.sort(key=lambda g: str(g.identifier))
    units = list(validation_units(documents, metadata))
    if len(default_triples):
        units.append(("default graph", default_triples))
    return units


def _short(text: str, limit: int = 120) -> str:
    """One line, cut at `limit` characters: a value may be a whole article."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
