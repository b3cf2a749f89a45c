"""Validate the dataset against the SHACL shapes unit by unit, reusing stored results when given a cache."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Graph

from kg.oxigraph_terms import sorted_ntriples
from kg.progress import Progress
from kg.shacl_engine import UnitGraph, validate_unit
from kg.validation_cache import ValidationCache
from kg.validation_report import ValidationReport, Violation, read_results
from kg.validation_units import Triple, unit_triples, units_from_dataset, validation_units
from kg.validation_workers import Job, validate_jobs

__all__ = [
    "ValidationReport",
    "Violation",
    "read_results",
    "unit_triples",
    "units_from_dataset",
    "validate_units",
    "validation_units",
]

UnitContent = Graph | list[Triple] | bytes  # a unit as a graph, its triples or its sorted N-Triples


def validate_units(
    units: Iterable[tuple[str, UnitContent]],
    shapes: Graph,
    progress: Progress,
    *,
    cache: ValidationCache | None = None,
    jobs: int = 1,
    total: int | None = None,
) -> ValidationReport:
    """Validate each unit against the shapes (the data states its classes; no inference is run).

    Without a cache every unit is validated (a full validation). With one, a unit whose key (its
    content, its name, the shapes) has a trusted stored result takes that result, and the others are
    validated and stored: both give the same report, since a unit's results depend only on what its
    key hashes. `jobs` > 1 validates in that many worker processes; `total` is for progress.
    """
    report = ValidationReport()
    pending = pending_jobs(units, cache, report, progress, total)
    for job, violations in validate_jobs(pending, private_copy(shapes), jobs):
        report.violations.extend(violations)
        if cache is not None:
            cache.store(job.key, job.name, violations)
    report.violations.sort(key=Violation.sort_key)
    done = f"{report.units} unit(s) validated" if cache is None else cache.counts.describe()
    progress.step(f"validation: {done}")
    return report


def pending_jobs(
    units: Iterable[tuple[str, UnitContent]],
    cache: ValidationCache | None,
    report: ValidationReport,
    progress: Progress,
    total: int | None,
) -> Iterator[Job]:
    """The units to validate; those with trusted stored results add them to the report instead."""
    for name, content in units:
        report.units += 1
        progress.count("units checked", report.units, max(report.units, total or 0))
        ntriples = content if isinstance(content, bytes) else sorted_ntriples(content)
        key = "" if cache is None else cache.key(name, ntriples)
        stored = None if cache is None else cache.lookup(key, name)
        if stored is not None:
            report.violations.extend(stored)
            continue
        yield Job(name=name, key=key, ntriples=ntriples)


def private_copy(shapes: Graph) -> Graph:
    """The shapes for pySHACL, which adds its own axioms to the shapes graph it is given."""
    copy = Graph(identifier=shapes.identifier)
    for triple in shapes:
        copy.add(triple)
    return copy


def validate_one(name: str, content: UnitContent, shapes: Graph) -> list[Violation]:
    """The results of one unit (for tests and tools)."""
    ntriples = content if isinstance(content, bytes) else sorted_ntriples(content)
    unit = UnitGraph.of_ntriples(name, ntriples)
    return validate_unit(name, unit, private_copy(shapes))
