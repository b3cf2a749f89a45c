"""Validation runs per document with a readable report; a non-conforming build publishes nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.build import BuildResult, DoesNotConformError, build
from kg.compile import CompiledDataset
from kg.errors import EXIT_DOES_NOT_CONFORM
from kg.iris import Iris
from kg.progress import Progress
from kg.published import PublishedBuild
from kg.validation import Violation, units_from_dataset, validate_units, validation_units
from tests.conftest import PROJECT_ROOT, SEEDS_DIR

VALLONE_CLAIMS = "000_b6ab9247b09f1895.claims.yaml"


def test_the_seeds_conform(compiled: CompiledDataset) -> None:
    report = validate_units(
        validation_units(compiled.document_graphs, compiled.metadata),
        compiled.shapes,
        Progress(enabled=False),
    )
    assert report.conforms and report.violations == []
    assert report.units == len(compiled.document_graphs) + 1
    assert report.describe().startswith("conforms: 3 unit(s)")


def test_each_document_is_validated_with_its_own_description(compiled: CompiledDataset) -> None:
    units = list(validation_units(compiled.document_graphs, compiled.metadata))
    assert [name for name, _ in units] == [
        *(str(g.identifier) for g in compiled.document_graphs),
        str(compiled.metadata.identifier),
    ]
    first_document = URIRef(units[0][0])
    unit = units[0][1]
    assert (first_document, RDF.type, compiled.iris.vocab.SourceDocument) in unit
    other_document = URIRef(units[1][0])
    assert (other_document, None, None) not in unit


def test_a_violation_reads_as_focus_path_value_message() -> None:
    violation = Violation(
        graph="g", focus="f", path="p", value="v", message="m", shape="s", severity="Violation"
    )
    assert violation.describe() == "[Violation] f p = v: m (shape s; graph g)"


def test_units_of_any_dataset(compiled: CompiledDataset, iris: Iris) -> None:
    dataset = Dataset()
    for graph in compiled.graphs:
        target = dataset.graph(graph.identifier)
        for triple in graph:
            target.add(triple)
    dataset.add((URIRef("http://example.org/s"), RDF.value, Literal("in the default graph")))
    units = units_from_dataset(dataset, iris.metadata_graph, {iris.ontology, iris.shapes})
    names = [name for name, _ in units]
    assert names[-1] == "default graph"
    assert str(iris.ontology) not in names and str(iris.shapes) not in names
    assert sorted(names[:2]) == sorted(str(g.identifier) for g in compiled.document_graphs)


def break_consistency(seeds: Path) -> None:
    """A claim that passes the curation checks but breaks a shape: the role before is someone else's."""
    path = seeds / VALLONE_CLAIMS
    text = path.read_text(encoding="utf-8")
    broken = text.replace(
        "role_before: andrea-vallone-at-openai", "role_before: max-stoiber-shopify"
    )
    assert broken != text
    path.write_text(broken, encoding="utf-8")


def test_a_non_conforming_build_publishes_nothing(tmp_path: Path, seeds_copy: Path) -> None:
    first = build(SEEDS_DIR, tmp_path, Iris(), Progress(enabled=False))
    break_consistency(seeds_copy)
    with pytest.raises(DoesNotConformError) as raised:
        build(seeds_copy, tmp_path, Iris(), Progress(enabled=False))
    report = raised.value.report
    assert not report.conforms
    assert any("Move-rolesAgree" in v.shape for v in report.violations)
    assert PublishedBuild.open(tmp_path).release == first.release
    assert [p.name for p in (tmp_path / "releases").iterdir()] == [first.release.name]


def test_the_cli_exits_1_with_a_readable_report(
    tmp_path: Path, seeds_copy: Path, built: BuildResult
) -> None:
    break_consistency(seeds_copy)

    def kg(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kg", *args, "-q"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    validate = kg("validate", "--seeds", str(seeds_copy))
    assert validate.returncode == EXIT_DOES_NOT_CONFORM
    assert "does not conform" in validate.stdout
    assert (
        "Move-rolesAgree" in validate.stdout
        and "andrea-vallone-openai-to-anthropic" in validate.stdout
    )
    built_again = kg("build", "--seeds", str(seeds_copy), "--build-dir", str(tmp_path / "b"))
    assert built_again.returncode == EXIT_DOES_NOT_CONFORM
    assert not (tmp_path / "b" / "current").exists()


def test_validate_an_rdf_file_that_breaks_the_shapes(tmp_path: Path, iris: Iris) -> None:
    move = URIRef(f"{iris.base}move/nobody-moves")
    graph = Graph()
    graph.add((move, RDF.type, iris.vocab.Move))
    path = tmp_path / "broken.ttl"
    graph.serialize(path, format="turtle")
    result = subprocess.run(
        [sys.executable, "-m", "kg", "validate", "-q", "--data", str(path)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == EXIT_DOES_NOT_CONFORM
    lines = [line for line in result.stdout.splitlines() if line.startswith("[Violation]")]
    assert lines and all(str(move) in line for line in lines)
    assert any(f"{iris.vocab}status" in line for line in lines)  # the path is shown
