"""The `kg` command line, run as a real subprocess: build, stats, export, query, validate."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg.compile import CompiledDataset
from kg.formats import FORMATS, RdfFormat
from tests.conftest import PROJECT_ROOT, assert_same_graph


def kg(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        cwd=PROJECT_ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def cli_build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    build_dir = tmp_path_factory.mktemp("cli-build")
    result = kg("build", "--build-dir", str(build_dir))
    assert result.returncode == 0, result.stderr
    assert "built " in result.stdout and "10 Person" in result.stdout
    assert "validat" in result.stderr  # progress lines go to stderr
    return build_dir


def test_version() -> None:
    result = kg("--version")
    assert result.returncode == 0 and result.stdout.startswith("kg ")


def test_stats_text_and_json(cli_build_dir: Path) -> None:
    text = kg("stats", "--build-dir", str(cli_build_dir))
    assert text.returncode == 0
    assert "Move         12" in text.stdout and "(all graphs)" in text.stdout
    data = json.loads(kg("stats", "--build-dir", str(cli_build_dir), "--format", "json").stdout)
    assert data["counts"]["Person"] == 10


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_export_writes_a_parseable_file(
    cli_build_dir: Path, tmp_path: Path, fmt: RdfFormat, compiled: CompiledDataset
) -> None:
    output = tmp_path / f"out.{fmt.extension}"
    result = kg(
        "export", "--build-dir", str(cli_build_dir), "--format", fmt.name, "-o", str(output)
    )
    assert result.returncode == 0, result.stderr
    if fmt.dataset:
        dataset = Dataset()
        dataset.parse(output, format=fmt.rdflib_name)
        names = {str(g.identifier) for g in dataset.graphs() if len(g)}
        assert names == {str(g.identifier) for g in compiled.graphs}
        for graph in compiled.document_graphs:
            assert_same_graph(dataset.graph(graph.identifier), graph)
    else:
        graph = Graph().parse(output, format=fmt.rdflib_name)
        assert_same_graph(graph, compiled.default_graph())


def test_export_to_stdout_is_the_published_dump(cli_build_dir: Path) -> None:
    result = kg("export", "--build-dir", str(cli_build_dir), "--format", "nt")
    dump = next((cli_build_dir / "current" / "dumps").glob("*.nt")).read_text(encoding="utf-8")
    assert result.returncode == 0 and result.stdout == dump


def test_query_formats(cli_build_dir: Path) -> None:
    query = "SELECT ?name WHERE { ?p a rd:Person ; schema:name ?name } ORDER BY ?name"
    table = kg("query", "--build-dir", str(cli_build_dir), query)
    assert table.returncode == 0 and "Lilian Weng" in table.stdout and "(10 rows)" in table.stdout
    as_json = json.loads(
        kg("query", "--build-dir", str(cli_build_dir), "--format", "json", query).stdout
    )
    names = [b["name"]["value"] for b in as_json["results"]["bindings"]]
    assert names == sorted(names) and len(names) == 10
    as_csv = kg("query", "--build-dir", str(cli_build_dir), "--format", "csv", query).stdout
    assert next(iter(csv.reader(io.StringIO(as_csv)))) == ["name"]


def test_query_from_file_and_stdin(cli_build_dir: Path) -> None:
    from_file = kg("query", "--build-dir", str(cli_build_dir), "@queries/10-who-leads-whom.rq")
    assert from_file.returncode == 0 and "Jan Leike" in from_file.stdout
    from_stdin = kg("query", "--build-dir", str(cli_build_dir), "-", stdin="ASK { ?m a rd:Move }")
    assert from_stdin.returncode == 0 and from_stdin.stdout.strip() == "true"


def test_validate_the_published_build_and_the_seeds(cli_build_dir: Path) -> None:
    published = kg("validate", "--build-dir", str(cli_build_dir))
    assert published.returncode == 0 and "conforms" in published.stdout
    seeds = kg("validate", "--seeds", "seeds")
    assert seeds.returncode == 0 and "conforms" in seeds.stdout


def test_validate_an_rdf_file(cli_build_dir: Path) -> None:
    trig = next((cli_build_dir / "current" / "dumps").glob("*.trig"))
    result = kg("validate", "--data", str(trig))
    assert result.returncode == 0, result.stdout + result.stderr
