"""A big organisation's HTML page comes a page at a time (50 facts a list), on both stores: the first
page the most recent, the next pages the rest, undated last; totals and flows count every move;
page links keep the language; a page past the end is 404, a page that is no number 400."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from rdflib import Graph

from kg.adhoc import publish_files
from kg.iris import DEFAULT_BASE_URI, Iris
from kg.progress import Progress
from kg.settings import load_settings
from server import create_app
from tests.conftest import STORES, build_dir_in, store_environment, virtuoso_endpoint

BASE = DEFAULT_BASE_URI
JOINED, DATED, LEFT = 120, 100, 7
PAGE = "/organization/big-lab.html"
HTML = {"Accept": "text/html"}


def big_organisation() -> str:
    """TriG (one named graph, as every release has) of an organisation that 120 people joined (100 dated, one a year, 20 undated) from
    three others, one move in ten rumoured, and that 7 people left."""
    lines = [
        f"@prefix rd: <{BASE}ontology#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix schema: <http://schema.org/> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        f'<{BASE}organization/big-lab> a rd:Organization ; schema:name "Big Lab" ;'
        ' rdfs:label "Big Lab" .',
    ]
    for n in range(3):
        lines.append(
            f'<{BASE}organization/origin-{n}> a rd:Organization ; schema:name "Origin {n}" ;'
            f' rdfs:label "Origin {n}" .'
        )
    for i in range(JOINED + LEFT):
        person = f"<{BASE}person/p{i:03d}>"
        lines.append(f'{person} a rd:Person ; schema:name "Person {i}" ; rdfs:label "Person {i}" .')
        joined = i < JOINED
        ends = (f"origin-{i % 3}", "big-lab") if joined else ("big-lab", "origin-0")
        status = "rd:rumoured" if i % 10 == 0 else "rd:completed"
        date = f' ; rd:date "{1990 + i}"^^xsd:gYear' if i < DATED or not joined else ""
        lines.append(
            f"<{BASE}move/m{i:03d}> a rd:Move ; rd:mover {person} ;"
            f" rd:fromOrganization <{BASE}organization/{ends[0]}> ;"
            f" rd:toOrganization <{BASE}organization/{ends[1]}> ; rd:status {status}{date} ;"
            f' rdfs:label "move {i}" .'
        )
    prefixes, triples = lines[:4], lines[4:]
    return "\n".join([*prefixes, f"<{BASE}document/big> {{", *triples, "}"]) + "\n"


def publish_big_organisation(directory: Path) -> Path:
    """A release of the big organisation in `directory`, as `kg serve --data` makes one; its build dir."""
    source = directory / "big.trig"
    source.write_text(big_organisation(), encoding="utf-8")
    build_dir = directory / "build"
    publish_files([source], build_dir, Iris(), Progress(enabled=False))
    return build_dir


@pytest.fixture(scope="module")
def big_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish_big_organisation(tmp_path_factory.mktemp("big-organisation"))


@pytest.fixture(scope="module", params=STORES)
def big(
    request: pytest.FixtureRequest, big_build: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FlaskClient]:
    """The server over the big organisation: on the embedded store, then on a Virtuoso of its own."""
    if request.param == "oxigraph":
        yield create_app(load_settings({"build_dir": big_build}, environ={})).test_client()
        return
    server = request.getfixturevalue("spare_virtuoso")
    remote = build_dir_in(server, big_build, tmp_path_factory)
    environment = store_environment(virtuoso_endpoint(server))
    yield create_app(load_settings({"build_dir": remote}, environ=environment)).test_client()


def moves_on(html: str) -> list[str]:
    """The moves whose cards the page shows, in order (each card links to its move once or more)."""
    found = re.findall(r'href="/move/(m\d{3})\.html', html)
    return list(dict.fromkeys(found))


def page(client: FlaskClient, query: str = "") -> str:
    answer = client.get(PAGE + query, headers=HTML)
    assert answer.status_code == 200, answer.data[:300]
    return answer.get_data(as_text=True)


def test_the_first_page_shows_the_fifty_most_recent_arrivals(big: FlaskClient) -> None:
    html = page(big)
    joined = [m for m in moves_on(html) if int(m[1:]) < JOINED]
    assert joined == [f"m{i:03d}" for i in range(99, 49, -1)]
    assert "(120)" in html and "1–50 of 120" in html  # the total, and which part this is
    assert f'<link rel="canonical" href="{PAGE}">' in html
    assert f'<link rel="next" href="{PAGE}?page=2">' in html
    assert 'rel="prev"' not in html
    assert "page 1 of 3" in html


def test_the_next_pages_show_the_rest_undated_last(big: FlaskClient) -> None:
    second, third = page(big, "?page=2"), page(big, "?page=3")
    assert moves_on(second)[:50] == [f"m{i:03d}" for i in range(49, -1, -1)]
    assert f'<link rel="prev" href="{PAGE}">' in second
    assert f'<link rel="next" href="{PAGE}?page=3">' in second
    assert f'<link rel="canonical" href="{PAGE}?page=2">' in second
    undated = [m for m in moves_on(third) if int(m[1:]) < JOINED]
    assert undated == [f"m{i:03d}" for i in range(DATED, JOINED)]
    assert 'rel="next"' not in third and f'<link rel="prev" href="{PAGE}?page=2">' in third
    assert "None on this page" in third  # the 7 departures were all on page 1
    every = {*moves_on(page(big)), *moves_on(second), *moves_on(third)}
    assert every == {f"m{i:03d}" for i in range(JOINED + LEFT)}


def test_the_flows_and_totals_count_every_move(big: FlaskClient) -> None:
    for query in ("", "?page=3"):
        html = page(big, query)
        firm = sum(1 for i in range(JOINED) if i % 3 == 1 and i % 10)
        assert f"Origin 1 → Big Lab: {firm} people, {firm} moves" in html
        gone = sum(1 for i in range(JOINED, JOINED + LEFT) if i % 10)
        assert f"Big Lab → Origin 0: {gone} people, {gone} moves" in html
        assert "(120)" in html and f"({LEFT})" in html


def test_a_page_past_the_end_is_404(big: FlaskClient) -> None:
    answer = big.get(PAGE + "?page=4")
    assert answer.status_code == 404
    message = answer.get_json()["error"]["message"]
    assert message == "page 4 does not exist: Big Lab has 3 pages"
    html = big.get(PAGE + "?page=99", headers=HTML)
    assert html.status_code == 404 and "Big Lab has 3 pages" in html.get_data(as_text=True)


@pytest.mark.parametrize("bad", ["0", "-1", "abc", "1.5", "", "2x", "٣", "9" * 30])
def test_a_page_that_is_no_positive_number_is_400(big: FlaskClient, bad: str) -> None:
    answer = big.get(PAGE, query_string={"page": bad})
    assert answer.status_code == 400
    error = answer.get_json()["error"]
    assert error["status"] == 400 and "positive whole number" in error["message"]


def test_french_pages_keep_their_language(big: FlaskClient) -> None:
    html = page(big, "?page=2&lang=fr")
    assert '<html lang="fr"' in html
    assert f'<link rel="next" href="{PAGE}?page=3&amp;lang=fr">' in html
    assert f'<link rel="prev" href="{PAGE}?lang=fr">' in html
    assert f'<link rel="canonical" href="{PAGE}?page=2&amp;lang=fr">' in html
    assert "page 2 sur 3" in html and "51–100 sur 120" in html


def test_the_data_forms_stay_whole(big: FlaskClient) -> None:
    graph = Graph().parse(data=big.get("/organization/big-lab.ttl").data, format="turtle")
    moves = {str(s) for s in graph.subjects() if str(s).startswith(f"{BASE}move/")}
    assert moves == {f"{BASE}move/m{i:03d}" for i in range(JOINED + LEFT)}


def test_a_small_organisation_has_one_page_and_no_pager(big: FlaskClient) -> None:
    html = big.get("/organization/origin-2.html", headers=HTML).get_data(as_text=True)
    assert 'rel="next"' not in html and 'class="pager"' not in html
    assert '<link rel="canonical" href="/organization/origin-2.html">' in html
    assert big.get("/organization/origin-2.html?page=2").status_code == 404


def test_a_one_page_organisation_is_in_the_same_order(big: FlaskClient) -> None:
    html = big.get("/organization/origin-0.html", headers=HTML).get_data(as_text=True)
    arrivals = [f"m{i:03d}" for i in range(JOINED + LEFT - 1, JOINED - 1, -1)]
    dated = [f"m{i:03d}" for i in range(DATED - 1, -1, -1) if i % 3 == 0]
    undated = [f"m{i:03d}" for i in range(DATED, JOINED) if i % 3 == 0]
    assert moves_on(html) == arrivals + dated + undated
    assert (
        f"Big Lab → Origin 0: {sum(1 for i in range(JOINED, JOINED + LEFT) if i % 10)} people"
        in html
    )
