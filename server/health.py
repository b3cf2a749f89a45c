"""GET /health: a tiny fixed answer that reads nothing, for probes and as the web stack's floor."""

from __future__ import annotations

from flask import Blueprint, Response

blueprint = Blueprint("health", __name__)
BODY = b'{"status": "ok"}\n'


@blueprint.route("/health", methods=["GET", "HEAD"])
def health() -> Response:
    """The same few bytes every time: the server is up and answering (the store is not read)."""
    response = Response(BODY, content_type="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response
