"""The web publisher: a Flask app over the published, validated graph (read-only)."""

from __future__ import annotations

from typing import Any

from flask import Flask

from kg.settings import Settings, load_settings
from server.errors import register_error_handlers
from server.graph import GraphService


def create_app(
    settings: Settings | None = None, test_config: dict[str, Any] | None = None
) -> Flask:
    """Build the app over the published build named by `settings` (or the settings in force)."""
    settings = settings or load_settings()
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_request_bytes,
        JSON_SORT_KEYS=False,
        SETTINGS=settings,
    )
    if test_config:
        app.config.update(test_config)
    app.extensions["graph"] = GraphService.open(settings)
    register_error_handlers(app)
    from server import dumps, health, linked_data, pages, sparql

    app.register_blueprint(health.blueprint)
    app.register_blueprint(sparql.blueprint)
    app.register_blueprint(dumps.blueprint)
    app.register_blueprint(pages.blueprint)
    app.register_blueprint(linked_data.blueprint)
    app.after_request(add_cors_headers)
    return app


def add_cors_headers(response: Any) -> Any:
    """Every answer may be read by any origin: the data is public and the server is read-only."""
    response.headers.setdefault("Access-Control-Allow-Origin", "*")
    response.headers.setdefault(
        "Access-Control-Expose-Headers", "Link, Content-Location, ETag, Vary"
    )
    return response
