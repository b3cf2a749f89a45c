"""Data served with `kg serve --data` dereferences too: any IRI under the base, even one with a dot,
in the default graph when the files have no named graphs; /.well-known/void describes the dumps."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, RDFS

from kg.adhoc import publish_files
from kg.iris import Iris
from kg.progress import Progress
from kg.settings import load_settings
from server import create_app

DATA = """\
@prefix ex: <http://127.0.0.1:8080/things/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:a rdfs:label "A" ; ex:knows ex:b .
ex:b rdfs:label "B" .
<http://127.0.0.1:8080/things/file.v2> rdfs:label "dotted" .
"""
THINGS = "http://127.0.0.1:8080/things/"


@pytest.fixture(scope="module")
def data_client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    directory = tmp_path_factory.mktemp("any-data")
    source = directory / "things.ttl"
    source.write_text(DATA, encoding="utf-8")
    build_dir = directory / "build"
    publish_files([source], build_dir, Iris(), Progress(enabled=False))
    return create_app(load_settings({"build_dir": build_dir}, environ={})).test_client()


def test_any_iri_under_the_base_dereferences(data_client: FlaskClient) -> None:
    answer = data_client.get("/things/a")
    assert answer.status_code == 303
    assert answer.headers["Location"] == "/things/a.ttl"
    graph = Graph().parse(data=data_client.get("/things/a.ttl").data, format="turtle")
    assert (URIRef(f"{THINGS}a"), RDFS.label, Literal("A")) in graph
    assert (URIRef(f"{THINGS}b"), RDFS.label, Literal("B")) in graph  # the neighbour's label
    incoming = Graph().parse(data=data_client.get("/things/b.nt").data, format="nt")
    assert (URIRef(f"{THINGS}a"), URIRef(f"{THINGS}knows"), URIRef(f"{THINGS}b")) in incoming


def test_an_iri_with_a_dot_is_read_literally_first(data_client: FlaskClient) -> None:
    assert data_client.get("/things/file.v2").headers["Location"] == "/things/file.v2.ttl"
    graph = Graph().parse(data=data_client.get("/things/file.v2.ttl").data, format="turtle")
    assert (URIRef(f"{THINGS}file.v2"), RDFS.label, Literal("dotted")) in graph


def test_what_the_data_lacks_is_404(data_client: FlaskClient) -> None:
    for path in ("/things/c", "/ontology", "/shapes", "/dataset"):
        assert data_client.get(path).status_code == 404, path


def test_void_describes_the_dumps_of_any_data(data_client: FlaskClient) -> None:
    answer = data_client.get("/.well-known/void")
    assert answer.status_code == 200
    graph = Graph().parse(data=answer.data, format="turtle")
    assert len(list(graph.subject_objects(DCAT.byteSize))) == 12
