"""Routes of the dumps part of the publisher (to be completed)."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("dumps", __name__)
