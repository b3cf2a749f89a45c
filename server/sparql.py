"""Routes of the sparql part of the publisher (to be completed)."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("sparql", __name__)
