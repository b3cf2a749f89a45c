"""HTML pages: home, index pages with search, and the page of every person, organisation, move, role
and document (to be completed)."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("pages", __name__)


def render_entity_html(kind: str, iri: str) -> str | None:
    """The HTML page of the entity `iri` of the given kind ('person', 'organization', 'role', 'move',
    'document', 'evidence', 'mention'), or None when the graph does not hold it."""
    return None
