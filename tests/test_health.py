"""GET /health answers a tiny fixed JSON without reading the graph."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_health_is_a_fixed_json_answer(client: FlaskClient) -> None:
    first = client.get("/health")
    second = client.get("/health", headers={"Accept": "text/html"})
    assert first.status_code == 200 and first.mimetype == "application/json"
    assert first.get_json() == {"status": "ok"}
    assert second.data == first.data
    assert first.headers["Cache-Control"] == "no-store"
    assert len(first.data) < 32


def test_health_answers_head_and_refuses_post(client: FlaskClient) -> None:
    assert client.head("/health").status_code == 200
    assert client.post("/health").status_code == 405
