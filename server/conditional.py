"""Validators of a published representation (ETag, Last-Modified) and the 304 answer to a conditional
GET or HEAD, decided before the representation is made."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import Request, Response


@dataclass(frozen=True)
class Validators:
    """What a client may revalidate against: the ETag (unquoted) and the time of the build."""

    etag: str
    last_modified: dt.datetime


def validators_for(etag: str, built_at: str) -> Validators:
    """Validators of a representation that changes only with the build (`built_at`, ISO 8601)."""
    built = dt.datetime.fromisoformat(built_at)
    if built.tzinfo is None:
        built = built.replace(tzinfo=dt.UTC)
    return Validators(etag=etag, last_modified=built.replace(microsecond=0))


def is_not_modified(request: Request, validators: Validators) -> bool:
    """Whether a GET or HEAD may be answered 304 (RFC 9110: If-None-Match, else If-Modified-Since)."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.if_none_match:
        return request.if_none_match.contains_weak(validators.etag)
    since = request.if_modified_since
    return since is not None and validators.last_modified <= since


def add_validators(response: Response, validators: Validators) -> Response:
    """Set ETag and Last-Modified on a response."""
    response.set_etag(validators.etag)
    response.last_modified = validators.last_modified
    return response


def not_modified_response(validators: Validators) -> Response:
    """An empty 304 that carries the validators."""
    return add_validators(Response(status=304), validators)
