"""The ontology and the shapes at their namespace IRIs, the dataset's VoID/DCAT description at
/.well-known/void and /dataset, and the published JSON-LD context."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
from markupsafe import escape
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, RDF, VOID, XSD

from kg.iris import Iris
from kg.published import PublishedBuild
from kg.store import OxigraphStore
from tests.conftest import assert_same_graph
from tests.test_linked_data import BROWSER_ACCEPT, RDFLIB_FORMATS, parse, parse_dataset, union_of

SPDX = "http://spdx.org/rdf/terms#"


def named_graph(store: OxigraphStore, iri: str) -> Graph:
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
    assert isinstance(result, ox.QueryTriples)
    return Graph().parse(data=result.serialize(format=ox.RdfFormat.N_TRIPLES), format="nt")


@pytest.mark.parametrize("name", ["ontology", "shapes"])
def test_a_vocabulary_is_its_named_graph_in_every_format(
    client: FlaskClient, store: OxigraphStore, iris: Iris, name: str
) -> None:
    expected = named_graph(store, f"{iris.base}{name}")
    assert len(expected) > 100
    negotiated = client.get(f"/{name}")
    assert negotiated.status_code == 200  # a hash namespace: the document is served at its IRI
    assert negotiated.mimetype == "text/turtle"
    assert negotiated.headers["Content-Location"] == f"/{name}.ttl"
    assert negotiated.headers["Vary"] == "Accept"
    assert_same_graph(parse(negotiated, "ttl"), expected)
    for extension in RDFLIB_FORMATS:
        answer = client.get(f"/{name}.{extension}")
        assert answer.status_code == 200, extension
        assert answer.headers["Content-Location"] == f"/{name}.{extension}"
        assert_same_graph(union_of(parse_dataset(answer, extension)), expected)
    assert f'</{name}.html>; rel="alternate"; type="text/html"' in negotiated.headers["Link"]


def test_the_ontology_page_is_pylodes(client: FlaskClient, iris: Iris) -> None:
    for answer in (
        client.get("/ontology", headers={"Accept": BROWSER_ACCEPT}),
        client.get("/ontology.html"),
    ):
        assert answer.status_code == 200
        assert answer.mimetype == "text/html"
        page = answer.get_data(as_text=True)
        assert "pyLODE" in page
        assert "Revolving Door: the ontology" in page
        assert str(iris.vocab.Person) in page
        assert 'id="CurationActivity"' in page  # ontology#Term lands on the term
    assert client.get("/ontology", headers={"Accept": "text/html"}).headers["Vary"] == (
        "Accept, Accept-Language"
    )


def test_the_version_iri_redirects_to_the_ontology(client: FlaskClient) -> None:
    answer = client.get("/ontology/0.1.0", headers={"Accept": "text/turtle"})
    assert answer.status_code == 303
    assert answer.headers["Location"] == "/ontology"
    assert client.get("/ontology/9.9.9").status_code == 404
    assert client.get("/ontology.xyz").status_code == 404


def test_the_shapes_page_lists_every_shape_with_its_message(
    client: FlaskClient, store: OxigraphStore, iris: Iris
) -> None:
    answer = client.get("/shapes", headers={"Accept": "text/html"})
    assert answer.status_code == 200
    assert answer.headers["Content-Location"] == "/shapes.html"
    page = answer.get_data(as_text=True)
    result = store.query(
        f"""SELECT ?label ?message WHERE {{ GRAPH <{iris.shapes}> {{
            ?shape a sh:NodeShape ; rdfs:label ?label . OPTIONAL {{ ?shape sh:message ?message }} }} }}"""
    )
    assert isinstance(result, ox.QuerySolutions)
    rows = list(result)
    assert len(rows) > 20
    for row in rows:
        assert _escaped(row["label"].value) in page
        if row["message"] is not None:
            assert _escaped(row["message"].value) in page


def _escaped(text: str) -> str:
    return str(escape(text))


def test_void_describes_the_dataset_with_sizes_and_checksums(
    client: FlaskClient, iris: Iris, published: PublishedBuild
) -> None:
    answer = client.get("/.well-known/void")
    assert answer.status_code == 200
    assert answer.mimetype == "text/turtle"
    assert answer.headers["Content-Location"] == "/dataset.ttl"
    assert answer.headers["Vary"] == "Accept"
    graph = parse(answer, "ttl")
    dataset = iris.dataset
    assert (dataset, RDF.type, VOID.Dataset) in graph
    assert (dataset, RDF.type, DCAT.Dataset) in graph
    assert (dataset, VOID.sparqlEndpoint, URIRef(f"{iris.base}sparql")) in graph
    assert (URIRef(f"{iris.base}sparql"), DCAT.servesDataset, dataset) in graph
    dumps = published.manifest["dumps"]
    for name, described in dumps.items():
        for file_name, size, sha256 in (
            (name, described["bytes"], described["sha256"]),
            (f"{name}.gz", described["gzip_bytes"], described["gzip_sha256"]),
        ):
            distribution = iris.dump(file_name)
            assert (dataset, DCAT.distribution, distribution) in graph, file_name
            assert (distribution, DCAT.downloadURL, distribution) in graph
            assert (
                distribution,
                DCAT.byteSize,
                Literal(size, datatype=XSD.nonNegativeInteger),
            ) in graph
            checksum = graph.value(distribution, URIRef(SPDX + "checksum"))
            assert checksum is not None
            assert str(graph.value(checksum, URIRef(SPDX + "checksumValue"))) == sha256
            assert graph.value(checksum, URIRef(SPDX + "algorithm")) == URIRef(
                SPDX + "checksumAlgorithm_sha256"
            )
    partitions = list(graph.objects(dataset, VOID.classPartition))
    assert len(partitions) == len(published.manifest["counts"])


def test_void_negotiates_and_sends_people_to_the_dumps(client: FlaskClient) -> None:
    turtle = parse(client.get("/.well-known/void"), "ttl")
    for accept, extension in (
        ("application/ld+json", "jsonld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "rdf"),
    ):
        answer = client.get("/.well-known/void", headers={"Accept": accept})
        assert answer.status_code == 200
        assert answer.headers["Content-Location"] == f"/dataset.{extension}"
        assert_same_graph(parse(answer, extension), turtle)
    people = client.get("/.well-known/void", headers={"Accept": BROWSER_ACCEPT})
    assert people.status_code == 303
    assert people.headers["Location"] == "/dumps/"
    assert client.get("/.well-known/void", headers={"Accept": "image/png"}).status_code == 406


def test_the_dataset_iri_dereferences_to_the_same_description(client: FlaskClient) -> None:
    answer = client.get("/dataset")
    assert answer.status_code == 303
    assert answer.headers["Location"] == "/dataset.ttl"
    assert_same_graph(
        parse(client.get("/dataset.ttl"), "ttl"), parse(client.get("/.well-known/void"), "ttl")
    )
    html = client.get("/dataset", headers={"Accept": "text/html"})
    assert html.headers["Location"] == "/dumps/"
    assert '</dumps/>; rel="alternate"; type="text/html"' in answer.headers["Link"]


def test_the_context_is_the_published_one(client: FlaskClient, published: PublishedBuild) -> None:
    answer = client.get("/context.jsonld")
    assert answer.status_code == 200
    assert answer.mimetype == "application/ld+json"
    assert json.loads(answer.data) == json.loads(Path(published.context_path).read_text())
    again = client.get("/context.jsonld", headers={"If-None-Match": answer.headers["ETag"]})
    assert again.status_code == 304
