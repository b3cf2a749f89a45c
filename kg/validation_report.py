"""The validation report: each pySHACL result as a record, and how a report reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.namespaces import SH


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

    def sort_key(self) -> tuple[str, ...]:
        return (
            self.graph,
            self.focus,
            self.path,
            self.shape,
            self.message,
            self.value,
            self.severity,
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


def read_results(graph_name: str, results: Graph) -> list[Violation]:
    """The results of a pySHACL report graph, as records in a fixed order."""
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
    return sorted(violations, key=Violation.sort_key)


def _text(node: Node | None) -> str:
    return "" if node is None else str(node)


def _short(text: str, limit: int = 120) -> str:
    """One line, cut at `limit` characters: a value may be a whole article."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
