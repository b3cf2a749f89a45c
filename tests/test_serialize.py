"""Checks kg/serialize.py: every format round-trips, keeps its graphs, and is byte-for-byte deterministic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.compile import CompiledDataset
from kg.formats import FORMATS, FORMATS_BY_NAME, RdfFormat
from kg.iris import Iris
from kg.namespaces import external_prefixes
from kg.serialize import jsonld_context, serialize, write_context

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GRAPH_FORMATS = [fmt for fmt in FORMATS if not fmt.dataset]
DATASET_FORMATS = [fmt for fmt in FORMATS if fmt.dataset]
HASH_SEEDS = ("1", "2")
HASH_SCRIPT = f"""
import hashlib
from pathlib import Path
from kg.compile import compile_dataset
from kg.formats import FORMATS
from kg.iris import Iris
from kg.progress import Progress
from kg.serialize import serialize
compiled = compile_dataset(Path({str(PROJECT_ROOT / "seeds")!r}), Iris(), Progress(enabled=False))
for fmt in FORMATS:
    print(fmt.name, hashlib.sha256(serialize(compiled, fmt)).hexdigest())
"""


def ids(formats: list[RdfFormat]) -> list[str]:
    return [fmt.name for fmt in formats]


@pytest.fixture(scope="module")
def dumps(compiled: CompiledDataset) -> dict[str, bytes]:
    return {fmt.name: serialize(compiled, fmt) for fmt in FORMATS}


@pytest.fixture(scope="module")
def subprocess_hashes() -> dict[str, dict[str, str]]:
    """sha256 of every format per PYTHONHASHSEED, from fresh interpreters started together."""
    running = {}
    for seed in HASH_SEEDS:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        running[seed] = subprocess.Popen(
            [sys.executable, "-c", HASH_SCRIPT],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    hashes: dict[str, dict[str, str]] = {}
    for seed, process in running.items():
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        hashes[seed] = dict(line.split() for line in out.splitlines())
    return hashes


def parse_graph(data: bytes, fmt: RdfFormat) -> Graph:
    return Graph().parse(data=data, format=fmt.rdflib_name)


def parse_dataset(data: bytes, fmt: RdfFormat) -> Dataset:
    dataset = Dataset()
    dataset.parse(data=data, format=fmt.rdflib_name)
    return dataset


@pytest.mark.parametrize("fmt", GRAPH_FORMATS, ids=ids(GRAPH_FORMATS))
def test_graph_format_isomorphic_to_default_graph(
    compiled: CompiledDataset, dumps: dict[str, bytes], fmt: RdfFormat
) -> None:
    parsed = parse_graph(dumps[fmt.name], fmt)
    expected = compiled.default_graph()
    assert len(parsed) == len(expected)
    assert isomorphic(parsed, expected)


@pytest.mark.parametrize("fmt", DATASET_FORMATS, ids=ids(DATASET_FORMATS))
def test_dataset_format_keeps_every_named_graph(
    compiled: CompiledDataset, dumps: dict[str, bytes], fmt: RdfFormat
) -> None:
    parsed = parse_dataset(dumps[fmt.name], fmt)
    names = {
        graph.identifier
        for graph in parsed.graphs()
        if graph.identifier != DATASET_DEFAULT_GRAPH_ID or len(graph)
    }
    expected_names = {graph.identifier for graph in compiled.graphs}
    assert names == expected_names
    assert len(expected_names) == len(compiled.document_graphs) + 3
    for graph in compiled.graphs:
        assert isinstance(graph.identifier, URIRef)
        assert isomorphic(parsed.graph(graph.identifier), graph), graph.identifier


def test_default_graph_is_union_of_documents_and_metadata(compiled: CompiledDataset) -> None:
    union = compiled.default_graph()
    expected: set[Any] = set()
    for graph in [*compiled.document_graphs, compiled.metadata]:
        expected.update(graph)
    assert set(union) == expected
    assert not set(compiled.ontology) <= set(union)


@pytest.mark.parametrize("name", ["nt", "nquads"])
def test_line_formats_sorted(dumps: dict[str, bytes], name: str) -> None:
    text = dumps[name].decode("utf-8")
    assert text.endswith(" .\n")
    lines = text.splitlines()
    assert lines == sorted(lines)
    assert len(lines) == len(set(lines))
    assert all(line.endswith(" .") for line in lines)


def test_nquads_lines_count_every_quad(compiled: CompiledDataset, dumps: dict[str, bytes]) -> None:
    assert len(dumps["nquads"].decode("utf-8").splitlines()) == sum(
        len(graph) for graph in compiled.graphs
    )


@pytest.mark.parametrize("fmt", FORMATS, ids=ids(list(FORMATS)))
def test_serialising_twice_same_bytes(
    compiled: CompiledDataset, dumps: dict[str, bytes], fmt: RdfFormat
) -> None:
    assert serialize(compiled, fmt) == dumps[fmt.name]


@pytest.mark.parametrize("fmt", FORMATS, ids=ids(list(FORMATS)))
def test_same_bytes_across_hash_seeds(
    subprocess_hashes: dict[str, dict[str, str]], fmt: RdfFormat
) -> None:
    digests = {seed: hashes[fmt.name] for seed, hashes in subprocess_hashes.items()}
    assert len(set(digests.values())) == 1, f"{fmt.name} differs with PYTHONHASHSEED: {digests}"


def test_subprocess_hashes_cover_every_format(
    subprocess_hashes: dict[str, dict[str, str]],
) -> None:
    for hashes in subprocess_hashes.values():
        assert set(hashes) == set(FORMATS_BY_NAME)
        assert all(len(digest) == 64 for digest in hashes.values())


def json_keys(value: object) -> set[str]:
    """Every key of every object in a JSON document."""
    if isinstance(value, dict):
        return set(value) | {key for item in value.values() for key in json_keys(item)}
    if isinstance(value, list):
        return {key for item in value for key in json_keys(item)}
    return set()


def test_jsonld_is_compacted(compiled: CompiledDataset, dumps: dict[str, bytes]) -> None:
    data = json.loads(dumps["jsonld"])
    assert data["@context"]["rd"] == str(compiled.iris.vocab)
    keys = json_keys(data["@graph"])
    assert {"@id", "@type", "rd:status", "rd:mover", "oa:hasTarget", "schema:name"} <= keys
    assert not [key for key in keys if key.startswith(("http://", "https://"))]
    types = {node["@type"] for node in data["@graph"] if isinstance(node.get("@type"), str)}
    assert "oa:TextQuoteSelector" in types


def test_jsonld_context_matches_dump(compiled: CompiledDataset, dumps: dict[str, bytes]) -> None:
    assert json.loads(dumps["jsonld"])["@context"] == jsonld_context(compiled.prefixes)["@context"]


def project_prefixes(iris: Iris) -> dict[str, str]:
    return {**external_prefixes(), **iris.prefixes()}


def test_write_context_holds_the_prefixes(compiled: CompiledDataset, tmp_path: Path) -> None:
    path = tmp_path / "context.jsonld"
    write_context(compiled, path)
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    data = json.loads(text)
    assert list(data) == ["@context"]
    context = data["@context"]
    for prefix, namespace in project_prefixes(compiled.iris).items():
        assert context.get(prefix) == namespace, prefix
    assert "" not in context
    assert list(context) == sorted(context)


def test_write_context_only_the_project_prefixes(compiled: CompiledDataset, tmp_path: Path) -> None:
    # bind_prefixes (kg/compile.py) says it replaces rdflib's defaults: the published context
    # should declare the project's prefixes, not brick:, sosa:, odrl:, wgs: and the like.
    path = tmp_path / "context.jsonld"
    write_context(compiled, path)
    context = json.loads(path.read_text(encoding="utf-8"))["@context"]
    extra = sorted(set(context) - set(project_prefixes(compiled.iris)))
    assert extra == []


@pytest.mark.parametrize("fmt", FORMATS, ids=ids(list(FORMATS)))
def test_no_blank_node_in_any_dump(dumps: dict[str, bytes], fmt: RdfFormat) -> None:
    if fmt.dataset:
        quads = list(parse_dataset(dumps[fmt.name], fmt).quads((None, None, None, None)))
        terms = [term for quad in quads for term in quad]
    else:
        triples = list(parse_graph(dumps[fmt.name], fmt))
        terms = [term for triple in triples for term in triple]
    assert len(terms) > 1000
    assert [term for term in terms if isinstance(term, BNode)] == []


def test_dump_bytes_are_utf8_with_non_ascii(dumps: dict[str, bytes]) -> None:
    for name, data in dumps.items():
        text = data.decode("utf-8")
        assert "hémorragie" in text, name
