"""`kg build` publishes a complete, validated, reproducible release, and nothing when it fails."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import BuildResult, build
from kg.errors import BadInputError
from kg.formats import FORMATS
from kg.iris import Iris
from kg.progress import Progress
from kg.published import PublishedBuild
from kg.releases import CURRENT_LINK
from kg.store import OxigraphStore
from tests.conftest import SEEDS_DIR


def test_build_publishes_every_part(built: BuildResult) -> None:
    release = built.release
    for part in ("store", "dumps", "manifest.json", "context.jsonld", "validation.txt"):
        assert (release / part).exists(), part
    assert (release.parent.parent / CURRENT_LINK).resolve() == release
    assert (release / "validation.txt").read_text().startswith("conforms")


def test_manifest_counts_what_the_articles_state(built: BuildResult) -> None:
    counts = built.manifest["counts"]
    assert counts["Person"] == 10
    assert counts["Organization"] == 6
    assert counts["Role"] == 16
    assert counts["Move"] == 12  # Jan Leike's departure is one move stated by both articles
    assert counts["Evidence"] >= counts["Role"] + counts["Move"]
    assert [doc["id"] for doc in built.manifest["documents"]] == [
        "porte-tournante-ia",
        "openai-hemorragie-lilian-weng",
    ]


def count(store: OxigraphStore, pattern: str) -> int:
    result = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    assert isinstance(result, ox.QuerySolutions)
    term = next(iter(result))["n"]
    assert isinstance(term, ox.Literal)
    return int(term.value)


def test_store_holds_every_named_graph_and_the_union(
    built: BuildResult, store: OxigraphStore
) -> None:
    for graph, triples in built.manifest["graphs"].items():
        assert count(store, f"GRAPH <{graph}> {{ ?s ?p ?o }}") == triples, graph
    union = built.manifest["dumps"]["revolving-door.nt"]["triples"]
    assert count(store, "?s ?p ?o") == union


def test_no_blank_nodes_anywhere(store: OxigraphStore) -> None:
    assert not store.query("ASK { GRAPH ?g { ?s ?p ?o FILTER (isBlank(?s) || isBlank(?o)) } }")
    assert not store.query("ASK { ?s ?p ?o FILTER (isBlank(?s) || isBlank(?o)) }")


def test_every_role_and_move_has_evidence_in_its_documents_graph(store: OxigraphStore) -> None:
    missing = store.query(
        """SELECT ?fact WHERE {
             GRAPH ?g { ?fact a ?class FILTER (?class IN (rd:Role, rd:Move))
                        FILTER NOT EXISTS { ?fact rd:hasEvidence/oa:hasTarget/oa:hasSource ?g } } }"""
    )
    assert isinstance(missing, ox.QuerySolutions)
    assert list(missing) == []


def test_rebuilding_the_same_seeds_gives_the_same_bytes(tmp_path: Path, built: BuildResult) -> None:
    again = build(SEEDS_DIR, tmp_path / "again", Iris(), Progress(enabled=False))
    assert again.manifest["version"] == built.manifest["version"]
    for name, described in built.manifest["dumps"].items():
        assert again.manifest["dumps"][name]["sha256"] == described["sha256"], name
        assert again.manifest["dumps"][name]["gzip_sha256"] == described["gzip_sha256"], name


def test_build_under_another_base_mints_every_iri_there(tmp_path: Path) -> None:
    base = "https://data.example.org/rd/"
    result = build(SEEDS_DIR, tmp_path / "other", Iris(base), Progress(enabled=False))
    published = PublishedBuild.open(tmp_path / "other")
    for fmt in FORMATS:
        text = published.dump_path(fmt).read_text(encoding="utf-8")
        assert "127.0.0.1:8080" not in text, fmt.name
    assert result.manifest["base_uri"] == base
    assert f"{base}ontology" in result.manifest["graphs"]


def test_a_second_build_replaces_the_first_and_keeps_it_until_pruned(tmp_path: Path) -> None:
    first = build(SEEDS_DIR, tmp_path, Iris(), Progress(enabled=False))
    second = build(SEEDS_DIR, tmp_path, Iris(), Progress(enabled=False))
    assert first.release != second.release
    assert first.release.exists()
    assert PublishedBuild.open(tmp_path).release == second.release


def test_a_failed_build_leaves_the_published_one_untouched(
    tmp_path: Path, seeds_copy: Path
) -> None:
    first = build(SEEDS_DIR, tmp_path, Iris(), Progress(enabled=False))
    manifest = (first.release / "manifest.json").read_bytes()
    (seeds_copy / "entities.yaml").write_text("people: [not, a, mapping]\n", encoding="utf-8")
    with pytest.raises(BadInputError):
        build(seeds_copy, tmp_path, Iris(), Progress(enabled=False))
    assert PublishedBuild.open(tmp_path).release == first.release
    assert (first.release / "manifest.json").read_bytes() == manifest
    assert [p.name for p in (tmp_path / "releases").iterdir() if p.name.startswith(".")] == []


def test_manifest_describes_each_dump(built: BuildResult) -> None:
    dumps = built.manifest["dumps"]
    assert sorted(d["format"] for d in dumps.values()) == sorted(f.name for f in FORMATS)
    for name, described in dumps.items():
        assert (built.release / "dumps" / name).stat().st_size == described["bytes"]
    json.dumps(built.manifest)
