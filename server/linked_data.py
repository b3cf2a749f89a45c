"""Routes of the linked data part of the publisher (to be completed)."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("linked_data", __name__)
