"""Every IRI of the graph dereferences (303 to the representation Accept prefers, each representation
at its own URL), with Link, Vary, Content-Location, validators and 304; the RDF of an entity holds its
facts and their quotes; unknown and hostile paths get a clear 4xx."""

from __future__ import annotations

import email.utils

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF
from werkzeug.test import TestResponse

from kg.iris import Iris
from kg.namespaces import OA, SCHEMA
from kg.store import OxigraphStore
from server import pages
from tests.conftest import assert_same_graph

LILIAN = "/person/lilian-weng"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
RDFLIB_FORMATS = {
    "ttl": "turtle",
    "jsonld": "json-ld",
    "nt": "nt",
    "rdf": "xml",
    "trig": "trig",
    "nq": "nquads",
}
MEDIA_TYPES = {
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
    "trig": "application/trig",
    "nq": "application/n-quads",
    "html": "text/html",
}


def subject_iris(store: OxigraphStore, base: str) -> list[str]:
    """Every IRI under the base that is the subject of a triple of the default graph."""
    result = store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s)) }")
    assert isinstance(result, ox.QuerySolutions)
    iris = [s["s"].value for s in result]
    return sorted(iri for iri in iris if iri.startswith(base))


def parse(response: TestResponse, extension: str) -> Graph:
    """A graph-format response as an rdflib graph."""
    graph = Graph()
    graph.parse(data=response.data, format=RDFLIB_FORMATS[extension])
    return graph


def parse_dataset(response: TestResponse, extension: str) -> Dataset:
    dataset = Dataset()
    dataset.parse(data=response.data, format=RDFLIB_FORMATS[extension])
    return dataset


def union_of(dataset: Dataset) -> Graph:
    """The triples of every graph of a dataset, as one graph."""
    union = Graph()
    for s, p, o, _ in dataset.quads():
        union.add((s, p, o))
    return union


def test_every_subject_iri_dereferences_to_turtle_that_describes_it(
    client: FlaskClient, store: OxigraphStore, iris: Iris
) -> None:
    subjects = subject_iris(store, iris.base)
    kinds = {iri[len(iris.base) :].split("/")[0].split("#")[0] for iri in subjects}
    assert kinds >= {"person", "organization", "role", "move", "document", "evidence", "mention"}
    assert kinds >= {"activity", "dataset", "dumps"}
    for iri in subjects:
        path = "/" + iri[len(iris.base) :]
        resource = path.partition("#")[0]
        if resource.startswith("/dumps/"):
            continue  # a dump file: served as the file itself (tests/test_dumps.py)
        answer = client.get(resource)
        assert answer.status_code == 303, iri
        assert answer.headers["Location"] == f"{resource}.ttl"
        document = client.get(answer.headers["Location"])
        assert document.status_code == 200, iri
        assert document.mimetype == "text/turtle"
        graph = parse(document, "ttl")
        assert (URIRef(iri), None, None) in graph, (
            iri
        )  # fragments too: the resource's document holds them


def test_the_named_metadata_graph_dereferences_to_its_content(
    client: FlaskClient, store: OxigraphStore, iris: Iris
) -> None:
    answer = client.get("/graph/metadata", headers={"Accept": "application/trig"})
    assert answer.status_code == 303
    assert answer.headers["Location"] == "/graph/metadata.trig"
    dataset = parse_dataset(client.get("/graph/metadata.trig"), "trig")
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert graphs == {str(iris.metadata_graph)}
    result = store.query(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iris.metadata_graph}> {{ ?s ?p ?o }} }}"
    )
    assert isinstance(result, ox.QuerySolutions)
    assert len(union_of(dataset)) == int(next(iter(result))["n"].value)


@pytest.mark.parametrize(
    ("accept", "extension"),
    [
        (None, "ttl"),
        ("*/*", "ttl"),
        ("text/*", "ttl"),
        ("text/turtle", "ttl"),
        ("application/x-turtle", "ttl"),
        ("application/ld+json", "jsonld"),
        ("application/json", "jsonld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "rdf"),
        ("application/trig", "trig"),
        ("application/n-quads", "nq"),
        ("text/html", "html"),
        (BROWSER_ACCEPT, "html"),
        ("text/turtle;q=0.5, application/ld+json", "jsonld"),
        ("text/html;q=0.9, text/turtle", "ttl"),
        ("application/rdf+xml;q=0.8, application/n-triples;q=0.9", "nt"),
        ("application/ld+json;q=0.5, application/rdf+xml;q=0.6", "rdf"),
        ("text/html;q=0.1, application/trig;q=0.2, image/png", "trig"),
        ("application/n-quads;q=0.7, text/turtle;q=0.7", "ttl"),
    ],
)
def test_content_negotiation_chooses_by_accept_and_q_values(
    client: FlaskClient, accept: str | None, extension: str
) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    answer = client.get(LILIAN, headers=headers)
    assert answer.status_code == 303
    assert answer.headers["Location"] == f"{LILIAN}.{extension}"
    assert answer.headers["Vary"] == "Accept"


@pytest.mark.parametrize("accept", ["image/png", "application/pdf, text/plain", "text/turtle;q=0"])
def test_an_accept_header_nothing_matches_is_406(client: FlaskClient, accept: str) -> None:
    answer = client.get(LILIAN, headers={"Accept": accept})
    assert answer.status_code == 406
    assert answer.get_json()["error"]["status"] == 406
    assert "text/turtle" in answer.get_json()["error"]["message"]


def test_the_303_links_every_representation(client: FlaskClient) -> None:
    answer = client.get(LILIAN)
    links = answer.headers["Link"]
    for extension, media_type in MEDIA_TYPES.items():
        assert f'<{LILIAN}.{extension}>; rel="alternate"; type="{media_type}"' in links


@pytest.mark.parametrize("extension", list(MEDIA_TYPES))
def test_an_explicit_format_is_served_directly_with_its_alternates(
    client: FlaskClient, extension: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "render_entity_html", lambda kind, iri: f"<p>{kind} {iri}</p>")
    answer = client.get(f"{LILIAN}.{extension}")
    assert answer.status_code == 200
    assert answer.mimetype == MEDIA_TYPES[extension]
    assert answer.headers["Content-Location"] == f"{LILIAN}.{extension}"
    links = answer.headers["Link"]
    for other, media_type in MEDIA_TYPES.items():
        link = f'<{LILIAN}.{other}>; rel="alternate"; type="{media_type}"'
        assert (link in links) == (other != extension)
    assert "Accept" not in answer.headers.get("Vary", "").split(", ")
    assert answer.headers["ETag"] and answer.headers["Last-Modified"]


def test_every_format_says_the_same(client: FlaskClient) -> None:
    turtle = parse(client.get(f"{LILIAN}.ttl"), "ttl")
    for extension in ("jsonld", "nt", "rdf"):
        assert_same_graph(parse(client.get(f"{LILIAN}.{extension}"), extension), turtle)
    trig = parse_dataset(client.get(f"{LILIAN}.trig"), "trig")
    nquads = parse_dataset(client.get(f"{LILIAN}.nq"), "nq")
    assert set(trig.quads()) == set(nquads.quads())
    assert_same_graph(union_of(trig), turtle)


def test_html_is_the_page_of_the_pages_module(
    client: FlaskClient, iris: Iris, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str]] = []

    def render(kind: str, iri: str) -> str:
        asked.append((kind, iri))
        return "<!doctype html><p>her page</p>"

    monkeypatch.setattr(pages, "render_entity_html", render)
    answer = client.get(f"{LILIAN}.html")
    assert answer.status_code == 200
    assert answer.data == b"<!doctype html><p>her page</p>"
    assert asked == [("person", str(iris.person("lilian-weng")))]
    assert "Accept-Language" in answer.headers["Vary"]


def test_a_resource_without_a_page_gets_its_description_as_a_table(
    client: FlaskClient, iris: Iris, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "render_entity_html", lambda kind, iri: None)
    path = "/activity/curation/porte-tournante-ia"
    answer = client.get(path, headers={"Accept": BROWSER_ACCEPT})
    assert answer.headers["Location"] == f"{path}.html"
    page = client.get(f"{path}.html")
    assert page.status_code == 200
    assert page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert str(iris.curation("porte-tournante-ia")) in text
    assert f'href="{path}.ttl"' in text
    assert 'href="/document/porte-tournante-ia"' in text  # links stay on this server


def test_head_answers_like_get_without_a_body(client: FlaskClient) -> None:
    for path in (LILIAN, f"{LILIAN}.ttl", "/.well-known/void", "/ontology", "/dumps/"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code, path
        assert head.data == b""
        for header in ("Content-Type", "Location", "Link", "ETag", "Vary", "Content-Location"):
            assert head.headers.get(header) == got.headers.get(header), (path, header)


def test_etag_and_last_modified_give_304(client: FlaskClient) -> None:
    first = client.get(f"{LILIAN}.ttl")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert first.headers["ETag"] != client.get(f"{LILIAN}.jsonld").headers["ETag"]
    again = client.get(f"{LILIAN}.ttl", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    assert client.get(f"{LILIAN}.ttl", headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get(f"{LILIAN}.ttl", headers={"If-Modified-Since": modified}).status_code == 304
    earlier = email.utils.format_datetime(
        email.utils.parsedate_to_datetime(modified).replace(year=2000), usegmt=True
    )
    assert client.get(f"{LILIAN}.ttl", headers={"If-Modified-Since": earlier}).status_code == 200
    # If-None-Match wins over If-Modified-Since
    both = {"If-None-Match": '"other"', "If-Modified-Since": modified}
    assert client.get(f"{LILIAN}.ttl", headers=both).status_code == 200


def test_a_persons_rdf_holds_her_facts_with_their_quotes_and_provenance(
    client: FlaskClient, store: OxigraphStore, iris: Iris
) -> None:
    graph = parse(client.get(f"{LILIAN}.ttl"), "ttl")
    person = iris.person("lilian-weng")
    rd = iris.vocab
    result = store.query(
        f"""SELECT DISTINCT ?fact ?exact WHERE {{
            {{ ?fact rd:mover <{person}> }} UNION {{ ?fact rd:person <{person}> }}
            UNION {{ BIND(<{person}> AS ?fact) }}
            ?fact rd:hasEvidence/oa:hasTarget/oa:hasSelector/oa:exact ?exact }}"""
    )
    assert isinstance(result, ox.QuerySolutions)
    quotes = [(URIRef(row["fact"].value), row["exact"].value) for row in result]
    assert len(quotes) >= 10
    for fact, exact in quotes:
        assert Literal(exact) in set(graph.objects(None, OA.exact)), exact
        assert (fact, rd.hasEvidence, None) in graph
    for move in graph.subjects(rd.mover, person):
        assert (move, RDF.type, rd.Move) in graph
        assert (move, rd.fromOrganization, None) in graph or (
            move,
            rd.toOrganization,
            None,
        ) in graph
    # the document is named and titled, but its text is not repeated on every person
    document = iris.document("openai-hemorragie-lilian-weng")
    assert (document, iris.vocab.mentions, person) in graph
    assert (document, URIRef("http://purl.org/dc/terms/title"), None) in graph
    assert not list(graph.objects(None, SCHEMA.text))


def test_an_entitys_rdf_holds_its_own_triples_and_those_pointing_to_it(
    client: FlaskClient, store: OxigraphStore, iris: Iris
) -> None:
    for iri in (
        iris.person("lilian-weng"),
        iris.organization("openai"),
        iris.move("lilian-weng-leaves-openai"),
    ):
        path = "/" + str(iri)[len(iris.base) :]
        graph = parse(client.get(f"{path}.nt"), "nt")
        result = store.query(
            f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }} }}"
        )
        assert isinstance(result, ox.QueryTriples)
        expected = Graph().parse(data=result.serialize(format=ox.RdfFormat.N_TRIPLES), format="nt")
        assert set(expected) <= set(graph), iri
    # nothing invented: every triple is in the store's default graph
    everything = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert isinstance(everything, ox.QueryTriples)
    whole = Graph().parse(data=everything.serialize(format=ox.RdfFormat.N_TRIPLES), format="nt")
    for path in (
        LILIAN,
        "/organization/openai",
        "/evidence/openai-hemorragie-lilian-weng/lilian-weng-leaves-openai-1",
    ):
        assert set(parse(client.get(f"{path}.nt"), "nt")) <= set(whole), path


def test_a_documents_rdf_holds_its_text(client: FlaskClient, iris: Iris) -> None:
    graph = parse(client.get("/document/porte-tournante-ia.ttl"), "ttl")
    document = iris.document("porte-tournante-ia")
    texts = list(graph.objects(document, SCHEMA.text))
    assert len(texts) == 1 and len(str(texts[0])) > 1000


def test_trig_keeps_each_triple_in_its_document_graph(
    client: FlaskClient, store: OxigraphStore, iris: Iris
) -> None:
    dataset = parse_dataset(client.get("/move/jan-leike-leaves-openai.trig"), "trig")
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    both = {
        str(iris.document("porte-tournante-ia")),
        str(iris.document("openai-hemorragie-lilian-weng")),
    }
    assert both <= graphs  # the move two articles state, with each article's evidence in its graph
    assert str(iris.ontology) not in graphs and str(iris.shapes) not in graphs
    for s, p, o, g in dataset.quads():
        assert g is not None
        found = store.query(f"ASK {{ GRAPH <{g}> {{ {s.n3()} {p.n3()} {o.n3()} }} }}")
        assert bool(found), (s, p, o, g)


def test_an_evidence_iri_dereferences_with_its_quote_and_fragments(
    client: FlaskClient, iris: Iris
) -> None:
    evidence = iris.evidence("openai-hemorragie-lilian-weng", "lilian-weng-leaves-openai", 1)
    graph = parse(client.get("/" + str(evidence)[len(iris.base) :] + ".ttl"), "ttl")
    for fragment in ("target", "quote", "position"):
        assert (iris.fragment(evidence, fragment), None, None) in graph
    assert (iris.fragment(evidence, "quote"), OA.exact, None) in graph
    assert (evidence, OA.hasBody, iris.move("lilian-weng-leaves-openai")) in graph


@pytest.mark.parametrize(
    "path",
    [
        "/person/nobody",
        "/person/nobody.ttl",
        "/organization/",
        "/evidence/nowhere/nothing-1",
        "/nothing/at/all",
        "/dataset/class/Unicorn",
        "/graph/other",
    ],
)
def test_an_unknown_iri_is_404_in_the_form_asked(client: FlaskClient, path: str) -> None:
    as_json = client.get(path)
    assert as_json.status_code == 404
    assert as_json.get_json()["error"]["status"] == 404
    as_html = client.get(path, headers={"Accept": "text/html"})
    assert as_html.status_code == 404
    assert as_html.mimetype == "text/html"
    as_rdf = client.get(path, headers={"Accept": "text/turtle"})
    assert as_rdf.status_code == 404
    assert as_rdf.mimetype in ("application/json", "text/plain")


def test_an_unknown_extension_is_404(client: FlaskClient) -> None:
    answer = client.get(f"{LILIAN}.xyz")
    assert answer.status_code == 404
    assert ".ttl" in answer.get_json()["error"]["message"]


def test_a_404_never_echoes_the_path(client: FlaskClient) -> None:
    for accept in ("text/html", "application/json"):
        answer = client.get("/person/<script>alert(1)</script>", headers={"Accept": accept})
        assert answer.status_code in (400, 404)
        assert b"<script>alert" not in answer.data


@pytest.mark.parametrize(
    "path",
    [
        "/person/../../etc/passwd",
        "/person/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/person/lilian-weng/../../../manifest.json",
        "/dumps/..%2fmanifest.json",
        "/dumps/%2e%2e%2f%2e%2e%2fmanifest.json",
        "/dumps/..",
        "/dumps/manifest.json",
        "/context.jsonld/../manifest.json",
        "/person/lilian-weng%00.ttl",
        "/person/%00",
        "/document/..%5c..%5cmanifest.json",
        "/person/lilian%2fweng",
        "/person/%zz",
        "/person/%ff%fe",
        "/person//lilian-weng",
    ],
)
def test_traversal_and_malformed_paths_are_refused(client: FlaskClient, path: str) -> None:
    for accept in ("application/json", "text/html"):
        answer = client.get(path, headers={"Accept": accept})
        assert answer.status_code in (400, 404), path
        assert b"version" not in answer.data and b"root:" not in answer.data
        assert b"Traceback" not in answer.data
    assert client.get(LILIAN).status_code == 303


def test_an_oversized_path_is_414(client: FlaskClient) -> None:
    answer = client.get("/person/" + "a" * 5000)
    assert answer.status_code == 414
    assert answer.get_json()["error"]["status"] == 414


def test_a_malformed_accept_header_is_not_an_error(client: FlaskClient) -> None:
    for accept in (";;;", "text/turtle;q=abc", ",,,", "q=0.5", "*/*;q=-1, text/turtle"):
        answer = client.get(LILIAN, headers={"Accept": accept})
        assert answer.status_code in (303, 406), accept
