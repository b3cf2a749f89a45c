"""One place that turns an error into a response: JSON for programs, HTML for browsers, never a trace."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from kg.errors import BadInputError, KgError, NoBuildError, StoreError, StoreSwitchingError

LOG = logging.getLogger(__name__)


class ApiError(HTTPException):
    """An HTTP error with a message that says what is wrong."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(description=message)
        self.code = status


def wants_html() -> bool:
    """True when the client prefers HTML to JSON (a browser)."""
    best = request.accept_mimetypes.best_match(
        ["application/json", "text/html"], default="application/json"
    )
    return (
        best == "text/html"
        and request.accept_mimetypes["text/html"] > request.accept_mimetypes["application/json"]
    )


def error_response(status: int, title: str, message: str) -> Response:
    """The one error shape: {"error": {"status", "title", "message"}} or the HTML error page."""
    if wants_html():
        html = render_template("error.html", status=status, title=title, message=message)
        return Response(html, status=status, mimetype="text/html")
    response = jsonify({"error": {"status": status, "title": title, "message": message}})
    response.status_code = status
    return response


def register_error_handlers(app: Flask) -> None:
    """Route every error through `error_response`."""

    @app.errorhandler(HTTPException)
    def handle_http(error: HTTPException) -> Response:
        status = error.code or 500
        response = error_response(status, error.name, error.description or error.name)
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            response.headers["Allow"] = ", ".join(sorted(error.valid_methods))
        return response

    @app.errorhandler(BadInputError)
    def handle_bad_input(error: BadInputError) -> Response:
        return error_response(400, "Bad Request", str(error))

    @app.errorhandler(NoBuildError)
    @app.errorhandler(StoreError)
    def handle_unavailable(error: KgError) -> Response:
        return error_response(503, "Service Unavailable", str(error))

    @app.errorhandler(StoreSwitchingError)
    def handle_switching(error: StoreSwitchingError) -> Response:
        response = error_response(503, "Service Unavailable", str(error))
        response.headers["Retry-After"] = str(error.retry_after)
        return response

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception) -> Response:
        LOG.exception("unexpected error on %s", request.path)
        return error_response(500, "Internal Server Error", "an unexpected error; it was logged")
