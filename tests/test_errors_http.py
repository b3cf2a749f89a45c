"""Every error is answered in one shape, JSON for programs and HTML for browsers, never a trace."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_unknown_path_as_json_and_as_html(client: FlaskClient) -> None:
    as_json = client.get("/no/such/thing", headers={"Accept": "application/json"})
    assert as_json.status_code == 404
    body = as_json.get_json()
    assert body["error"]["status"] == 404 and body["error"]["message"]
    as_html = client.get("/no/such/thing", headers={"Accept": "text/html"})
    assert as_html.status_code == 404 and as_html.mimetype == "text/html"
    assert b"Traceback" not in as_html.data


def test_an_unusual_method_is_405_with_allow(client: FlaskClient) -> None:
    response = client.open("/sparql", method="PROPFIND", headers={"Accept": "application/json"})
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert response.get_json()["error"]["status"] == 405


def test_the_path_is_never_echoed_unescaped(client: FlaskClient) -> None:
    response = client.get("/<script>alert(1)</script>", headers={"Accept": "text/html"})
    assert response.status_code in (400, 404)
    assert b"<script>alert(1)</script>" not in response.data
