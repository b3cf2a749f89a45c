"""The HTML pages over the seeds' build: what each page shows, its languages, search, data links."""

from __future__ import annotations

import json
import re
import statistics
import time
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from server.graph import graph_service
from server.page_graph import select
from server.pages import render_entity_html

ENTITY_PAGES = (
    ("person", "lilian-weng"),
    ("person", "jan-leike"),
    ("organization", "openai"),
    ("organization", "thinking-machines-lab"),
    ("role", "lilian-weng-vp-research-safety-openai"),
    ("move", "lilian-weng-leaves-openai"),
    ("move", "thinking-machines-lab-two-employees-expected-at-openai"),
    ("document", "openai-hemorragie-lilian-weng"),
    ("document", "porte-tournante-ia"),
    ("evidence", "openai-hemorragie-lilian-weng/lilian-weng-leaves-openai-3"),
    ("mention", "porte-tournante-ia/jan-leike-1"),
)
INDEX_PAGES = ("/people", "/organizations", "/moves", "/documents")
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
ALTERNATE = re.compile(r'<link rel="alternate" type="([^"]+)" href="([^"]+)">')


def base_of(app: Flask) -> str:
    return str(graph_service(app).manifest["base_uri"])


def render(app: Flask, kind: str, path: str, query: str = "", **headers: str) -> str:
    """An entity page through `render_entity_html`, as the linked-data routes call it."""
    with app.test_request_context(f"/{kind}/{path}.html{query}", headers=headers):
        html = render_entity_html(kind, f"{base_of(app)}{kind}/{path}")
    assert html is not None, f"no page for {kind}/{path}"
    return html


def jsonld_of(html: str) -> dict[str, Any]:
    scripts = JSONLD.findall(html)
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert isinstance(data, dict)
    assert data["@context"] == "https://schema.org"
    return data


def html_lang(html: str) -> str:
    match = re.search(r'<html lang="([a-z]+)">', html)
    assert match is not None
    return match.group(1)


@pytest.mark.parametrize(("kind", "path"), ENTITY_PAGES)
def test_every_entity_page_has_title_jsonld_and_data_forms(
    app: Flask, kind: str, path: str
) -> None:
    html = render(app, kind, path)
    assert html_lang(html) == "en"
    assert re.search(r"<title>[^<]+ · Revolving Door</title>", html)
    jsonld_of(html)
    alternates = dict(ALTERNATE.findall(html))
    assert alternates == {
        "text/turtle": f"/{kind}/{path}.ttl",
        "application/ld+json": f"/{kind}/{path}.jsonld",
        "application/n-triples": f"/{kind}/{path}.nt",
        "application/rdf+xml": f"/{kind}/{path}.rdf",
    }
    assert 'href="?lang=fr"' not in html and "lang=fr" in html  # the switch keeps the path


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("person", "nobody"),
        ("person", "openai"),  # an organisation is no person
        ("organization", "lilian-weng"),
        ("move", "lilian-weng-vp-research-safety-openai"),  # a role is no move
        ("role", "lilian-weng-leaves-openai"),
        ("document", "nothing"),
        ("evidence", "porte-tournante-ia/nothing-1"),
        ("mention", "openai-hemorragie-lilian-weng/lilian-weng-leaves-openai-1"),
        ("person", "bad>iri"),
        ("spaceship", "lilian-weng"),
    ],
)
def test_unknown_entities_have_no_page(app: Flask, kind: str, path: str) -> None:
    with app.test_request_context("/"):
        assert render_entity_html(kind, f"{base_of(app)}{kind}/{path}") is None


def test_person_page_shows_roles_dates_moves_and_sources(app: Flask) -> None:
    html = render(app, "person", "lilian-weng")
    assert "<h1>Lilian Weng</h1>" in html
    assert "Weng" in html.split("Also named", 1)[1][:200]
    assert "VP recherche et sécurité" in html
    assert "from August 2024" in html and "from 2018" in html
    assert "15 November (year not given)" in html
    assert "date unknown" in html
    quote = "Après 7 ans chez OpenAI, je me sens prête à repartir de zéro et explorer de nouveaux horizons"
    link = "/document/openai-hemorragie-lilian-weng.html#ev-lilian-weng-leaves-openai-3"
    assert f'<a class="quote" href="{link}">{quote}</a>' in html
    assert "OpenAI en pleine hémorragie" in html  # the article's title
    assert 'class="timeline-svg"' in html and 'data-rows="5"' in html
    assert "Not placed on the timeline" in html  # the leaving date has no year: listed apart
    assert html.count('<article class="fact role">') == 4
    assert html.count('<article class="fact move') == 2


def test_person_page_lists_roles_under_their_direction(app: Flask) -> None:
    html = render(app, "person", "jan-leike")
    assert "Roles held under their direction" in html
    assert "/person/andrea-vallone.html" in html


def test_person_jsonld_is_a_schema_person(app: Flask) -> None:
    data = jsonld_of(render(app, "person", "lilian-weng"))
    assert data["@type"] == "Person"
    assert data["@id"] == f"{base_of(app)}person/lilian-weng"
    assert data["name"] == "Lilian Weng" and data["alternateName"] == ["Weng"]
    roles = {role["roleName"]: role.get("startDate") for role in data["memberOf"]}
    assert roles["VP recherche et sécurité"] == "2024-08"


def test_organization_page_shows_who_joined_and_left_and_the_flows(app: Flask) -> None:
    html = render(app, "organization", "openai")
    joined, left = html.split('id="joined"', 1)[1].split('id="left"', 1)
    assert "/person/max-stoiber.html" in joined and "/organization/shopify.html" in joined
    assert "/person/andrea-vallone.html" in left and "/organization/anthropic.html" in left
    assert 'class="flows-svg"' in html
    assert "expected" in html  # the two expected arrivals keep their status
    assert jsonld_of(html)["@type"] == "Organization"


def test_move_page_shows_its_details_and_evidence(app: Flask) -> None:
    html = render(app, "move", "lilian-weng-leaves-openai")
    for text in ("Reason", "Announced via", "X (ex-Twitter)", "announced", "Role before"):
        assert text in html
    assert html.count('<a class="quote"') == 4
    data = jsonld_of(html)
    assert data["@type"] == "LeaveAction"
    assert data["actionStatus"] == "CompletedActionStatus"


def test_an_expected_move_is_not_presented_as_done(app: Flask) -> None:
    html = render(app, "move", "thinking-machines-lab-two-employees-expected-at-openai")
    assert "expected" in html and "dans les semaines à venir" in html
    assert "2 people (deux autres employés)" in html
    data = jsonld_of(html)
    assert data["@type"] == "JoinAction" and data["actionStatus"] == "PotentialActionStatus"


def test_role_page_shows_its_dates_sources_and_moves(app: Flask) -> None:
    html = render(app, "role", "lilian-weng-vp-research-safety-openai")
    assert "August 2024" in html and '<time datetime="2024-08">' in html
    assert html.split('id="moves"', 1)[0].count('<a class="quote"') == 2
    assert "/move/lilian-weng-leaves-openai.html" in html
    assert jsonld_of(html)["@type"] == "OrganizationRole"


def test_document_page_highlights_every_quote_at_its_offsets(app: Flask) -> None:
    html = render(app, "document", "openai-hemorragie-lilian-weng")
    ids = re.findall(r'<mark class="ev" id="(ev-[^"]+)"', html)
    rows = list(
        select(
            graph_service(app).store,
            "SELECT ?e WHERE { ?e a rd:Evidence ; oa:hasTarget/oa:hasSource "
            "<http://127.0.0.1:8080/document/openai-hemorragie-lilian-weng> }",
        )
    )
    assert len(ids) == len(rows) == len(set(ids))
    assert 'data-evidence="' + str(len(rows)) + '"' in html
    assert 'id="ev-lilian-weng-leaves-openai-3"' in html
    assert 'class="mention" id="m-lilian-weng-1" href="/person/lilian-weng.html"' in html
    assert "Facts this article states" in html
    assert html.count('<a class="ev-ref"') == len(rows)
    assert jsonld_of(html)["@type"] == "Article"


def test_document_text_is_whole_once_the_marks_are_removed(app: Flask) -> None:
    html = render(app, "document", "porte-tournante-ia")
    shown = html.split('<div class="doc-text"', 1)[1].split(">", 1)[1].split("</div>", 1)[0]
    shown = re.sub(r'<a class="ev-ref"[^>]*>\d+</a>', "", shown)
    shown = re.sub(r"<[^>]+>", "", shown).replace("&#39;", "'").replace("&#34;", '"')
    rows = list(
        select(
            graph_service(app).store,
            "SELECT ?t WHERE { <http://127.0.0.1:8080/document/porte-tournante-ia> schema:text ?t }",
        )
    )
    assert shown == rows[0]["t"].value.replace("&", "&amp;")


def test_untitled_document_is_named_by_its_identifier(app: Flask) -> None:
    html = render(app, "document", "porte-tournante-ia")
    assert "<title>porte-tournante-ia · Revolving Door</title>" in html
    assert "date unknown" in html


def test_evidence_page_shows_the_quote_in_context(app: Flask) -> None:
    html = render(app, "evidence", "openai-hemorragie-lilian-weng/lilian-weng-leaves-openai-3")
    assert "sécurité depuis août dernier. «\u00a0" in html  # the prefix (with its no-break space)
    assert "/document/openai-hemorragie-lilian-weng.html#ev-lilian-weng-leaves-openai-3" in html
    assert "/move/lilian-weng-leaves-openai.html" in html
    assert jsonld_of(html)["@type"] == "Quotation"


def test_mention_page_links_to_the_name_in_the_document(app: Flask) -> None:
    html = render(app, "mention", "porte-tournante-ia/jan-leike-1")
    assert "/document/porte-tournante-ia.html#m-jan-leike-1" in html
    assert "/person/jan-leike.html" in html


def test_pages_speak_french_when_asked(app: Flask) -> None:
    by_parameter = render(app, "person", "lilian-weng", "?lang=fr")
    by_header = render(app, "person", "lilian-weng", **{"Accept-Language": "fr-FR,fr;q=0.9"})
    for html in (by_parameter, by_header):
        assert html_lang(html) == "fr"
        assert '<p class="kind">Personne</p>' in html  # the ontology's label
        assert "depuis août 2024" in html
        assert "15 novembre (année non précisée)" in html
        assert "date inconnue" in html
        assert "annoncé" in html  # the status, labelled by the ontology
        assert ">English</a>" in html
    assert "/document/openai-hemorragie-lilian-weng.html?lang=fr#ev-" in by_parameter
    assert "?lang=fr" not in by_header.split("<main>", 1)[1]


def test_home_page_shows_counts_flows_and_ways_to_the_data(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<strong>10</strong> <span>people</span>" in html
    assert "<strong>12</strong> <span>moves</span>" in html
    assert "<strong>2</strong> <span>documents</span>" in html
    assert "Last build" in html
    assert 'class="flows-svg"' in html and "Thinking Machines" in html
    for href in ("/sparql", "/dumps/", "/ontology"):
        assert f'href="{href}"' in html
    data = jsonld_of(html)
    assert data["@type"] == "Dataset"
    assert {d["encodingFormat"] for d in data["distribution"]} >= {"text/turtle"}
    assert ("text/turtle", "/dumps/revolving-door.ttl") in ALTERNATE.findall(html)
    assert "Accept-Language" in response.headers["Vary"]


def test_home_page_in_french(client: FlaskClient) -> None:
    html = client.get("/?lang=fr").get_data(as_text=True)
    assert html_lang(html) == "fr"
    assert "La porte tournante" in html and "personnes" in html
    assert "Flux de talents" in html


@pytest.mark.parametrize("path", INDEX_PAGES)
def test_index_pages_list_everything_with_links(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<form class="search" method="get"' in html and 'name="q"' in html
    assert jsonld_of(html)["@type"] == "ItemList"
    assert ALTERNATE.findall(html)
    assert re.search(r'href="/(person|organization|move|document)/[a-z0-9-]+\.html"', html)


@pytest.mark.parametrize(
    ("path", "query", "found", "absent"),
    [
        ("/people", "lilian", "/person/lilian-weng.html", "/person/jan-leike.html"),
        ("/people", "LILIAN weng", "/person/lilian-weng.html", "/person/mira-murati.html"),
        ("/people", "leike", "/person/jan-leike.html", "/person/lilian-weng.html"),
        ("/organizations", "openai", "/organization/openai.html", "/organization/shopify.html"),
        (
            "/organizations",
            "new york",
            "/organization/new-york-times.html",
            "/organization/openai.html",
        ),
        ("/moves", "vallone", "/move/andrea-vallone-openai-to-anthropic.html", "/move/jan-leike"),
        ("/moves", "shopify", "/move/max-stoiber-shopify-to-openai.html", "/move/jan-leike"),
        ("/documents", "equipe", "/document/openai-hemorragie-lilian-weng.html", "nothing"),
        (
            "/documents",
            "hemorragie",
            "/document/openai-hemorragie-lilian-weng.html",
            "tournante-ia.html",
        ),
    ],
)
def test_search_ignores_case_and_accents(
    client: FlaskClient, path: str, query: str, found: str, absent: str
) -> None:
    html = client.get(path, query_string={"q": query}).get_data(as_text=True)
    assert found in html
    assert absent not in html.split("<main>", 1)[1]


def test_document_search_shows_the_words_found(client: FlaskClient) -> None:
    html = client.get("/documents", query_string={"q": "equipe"}).get_data(as_text=True)
    assert "<mark>équipe</mark>" in html


def test_search_with_no_result_says_so(client: FlaskClient) -> None:
    html = client.get("/people", query_string={"q": "opnai <b>"}).get_data(as_text=True)
    assert "Nothing matches." in html
    assert "<b>" not in html.split("<main>", 1)[1]
    assert "opnai &lt;b&gt;" in html


def test_search_keeps_the_language(client: FlaskClient) -> None:
    html = client.get("/people?q=lilian&lang=fr").get_data(as_text=True)
    assert '<input type="hidden" name="lang" value="fr">' in html
    assert "/person/lilian-weng.html?lang=fr" in html
    assert "1 résultat pour « lilian »" in html


def test_index_pages_refuse_bad_page_numbers(client: FlaskClient) -> None:
    bad = client.get("/moves?page=abc")
    assert bad.status_code == 400
    assert "positive whole number" in bad.get_json()["error"]["message"]
    past = client.get("/moves?page=999")
    assert past.status_code == 404
    assert past.get_json()["error"]["message"].startswith(
        "page 999 does not exist: the list of moves"
    )
    html = client.get("/people?q=zzzz&page=2", headers={"Accept": "text/html"})
    assert html.status_code == 404 and "matching “zzzz”" in html.get_data(as_text=True)


def test_index_pages_name_their_canonical_address(client: FlaskClient) -> None:
    html = client.get("/people?lang=fr").get_data(as_text=True)
    assert '<link rel="canonical" href="/people?lang=fr">' in html


def test_entity_pages_are_routed_at_their_iri_path(client: FlaskClient) -> None:
    response = client.get("/person/lilian-weng.html")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "<h1>Lilian Weng</h1>" in response.get_data(as_text=True)


def test_unknown_entity_page_is_the_html_error_page(client: FlaskClient) -> None:
    response = client.get("/person/nobody-at-all.html", headers={"Accept": "text/html"})
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "404" in html and "Not found" in html and '<html lang="en">' in html
    assert "Back to the home page" in html


def test_an_error_page_never_echoes_markup(client: FlaskClient) -> None:
    response = client.get("/person/<script>alert(1)</script>.html", headers={"Accept": "text/html"})
    assert response.status_code in (400, 404)
    assert "<script>alert" not in response.get_data(as_text=True)


def test_error_page_speaks_french(client: FlaskClient) -> None:
    response = client.get("/person/personne.html?lang=fr", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "Introuvable" in response.get_data(as_text=True)


def test_stylesheet_is_served(client: FlaskClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200 and b"@media" in response.data
    response.close()


def test_person_page_renders_in_a_few_milliseconds(app: Flask, client: FlaskClient) -> None:
    """The median of 200 renders (the next issue measures it at scale: under 20 ms)."""
    client.get("/person/lilian-weng.html")
    timings = []
    for _ in range(200):
        start = time.perf_counter()
        response = client.get("/person/lilian-weng.html")
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200
    median_ms = statistics.median(timings) * 1000
    print(f"person page median render: {median_ms:.2f} ms")
    assert median_ms < 50
