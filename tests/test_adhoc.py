"""`kg serve --data` publication: named graphs kept, the default graph their set union (computed by the
store), graph sizes counted, every dump parses back to what was loaded and is the same for the same data."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.adhoc import publish_files
from kg.build import DUMPS_DIR, MANIFEST_FILE, STORE_DIR
from kg.errors import BadInputError
from kg.iris import Iris
from kg.progress import Progress

EX = "http://127.0.0.1:8080/things/"
DATA = f"""\
@prefix ex: <{EX}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:g1 {{ ex:a rdfs:label "A" ; ex:knows ex:b . ex:shared ex:p "same" . }}
ex:g2 {{ ex:b rdfs:label "B"@fr . ex:shared ex:p "same" . }}
"""
UNION = {
    (f"{EX}a", "http://www.w3.org/2000/01/rdf-schema#label", '"A"'),
    (f"{EX}a", f"{EX}knows", f"<{EX}b>"),
    (f"{EX}b", "http://www.w3.org/2000/01/rdf-schema#label", '"B"@fr'),
    (f"{EX}shared", f"{EX}p", '"same"'),
}


def publish(directory: Path, text: str = DATA, name: str = "things.trig") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    source = directory / name
    source.write_text(text, encoding="utf-8")
    return publish_files([source], directory / "build", Iris(), Progress(enabled=False))


def triples_of(quads: list[ox.Quad]) -> set[tuple[str, str, str]]:
    return {(str(q.subject)[1:-1], q.predicate.value, str(q.object)) for q in quads}


def test_the_default_graph_is_the_set_union_of_the_named_graphs(tmp_path: Path) -> None:
    release = publish(tmp_path)
    store = ox.Store.read_only(str(release / STORE_DIR))
    default = list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert len(default) == len(UNION)  # the triple in both graphs is there once
    assert triples_of(default) == UNION
    assert len(store) == 5 + len(UNION)


def test_the_manifest_counts_each_graph_and_describes_twelve_files(tmp_path: Path) -> None:
    release = publish(tmp_path)
    manifest = json.loads((release / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["graphs"] == {f"{EX}g1": 3, f"{EX}g2": 2}
    assert manifest["default_graph"] == [f"{EX}g1", f"{EX}g2"]
    dumps = manifest["dumps"]
    assert dumps["revolving-door.nt"]["triples"] == len(UNION)
    assert dumps["revolving-door.nq"]["triples"] == 5
    for name, described in dumps.items():
        plain = (release / DUMPS_DIR / name).read_bytes()
        zipped = (release / DUMPS_DIR / f"{name}.gz").read_bytes()
        assert described["bytes"] == len(plain)
        assert described["sha256"] == hashlib.sha256(plain).hexdigest()
        assert described["gzip_sha256"] == hashlib.sha256(zipped).hexdigest()
        assert gzip.decompress(zipped) == plain


@pytest.mark.parametrize(
    ("name", "rdf_format"),
    [
        ("revolving-door.ttl", ox.RdfFormat.TURTLE),
        ("revolving-door.nt", ox.RdfFormat.N_TRIPLES),
        ("revolving-door.rdf", ox.RdfFormat.RDF_XML),
        ("revolving-door.jsonld", ox.RdfFormat.JSON_LD),
    ],
)
def test_graph_dumps_hold_the_union(tmp_path: Path, name: str, rdf_format: ox.RdfFormat) -> None:
    release = publish(tmp_path)
    parsed = list(ox.parse(path=str(release / DUMPS_DIR / name), format=rdf_format))
    assert triples_of(parsed) == UNION


@pytest.mark.parametrize(
    ("name", "rdf_format"),
    [("revolving-door.trig", ox.RdfFormat.TRIG), ("revolving-door.nq", ox.RdfFormat.N_QUADS)],
)
def test_dataset_dumps_hold_the_named_graphs_only(
    tmp_path: Path, name: str, rdf_format: ox.RdfFormat
) -> None:
    release = publish(tmp_path)
    parsed = list(ox.parse(path=str(release / DUMPS_DIR / name), format=rdf_format))
    assert len(parsed) == 5
    assert {q.graph_name.value for q in parsed if isinstance(q.graph_name, ox.NamedNode)} == {
        f"{EX}g1",
        f"{EX}g2",
    }


def test_the_same_data_gives_the_same_dumps(tmp_path: Path) -> None:
    first = json.loads((publish(tmp_path / "one") / MANIFEST_FILE).read_text(encoding="utf-8"))
    second = json.loads((publish(tmp_path / "two") / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert first["version"] == second["version"]
    assert first["dumps"] == second["dumps"]


def test_triples_without_graphs_are_the_default_graph(tmp_path: Path) -> None:
    release = publish(tmp_path, f'<{EX}a> <{EX}p> "x" .\n', "plain.nt")
    store = ox.Store.read_only(str(release / STORE_DIR))
    assert len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))) == 1
    manifest = json.loads((release / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["graphs"] == {}
    assert manifest["dumps"]["revolving-door.nt"]["triples"] == 1


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("things.txt", "x", "unknown RDF file type"),
        ("things.ttl", "this is not turtle", "not valid"),
    ],
)
def test_bad_files_are_refused_with_their_name(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    with pytest.raises(BadInputError, match=message):
        publish(tmp_path, text, name)
    assert not list((tmp_path / "build" / "releases").glob("*-data"))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match=r"missing\.ttl"):
        publish_files(
            [tmp_path / "missing.ttl"], tmp_path / "build", Iris(), Progress(enabled=False)
        )
