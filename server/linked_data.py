"""Routes of the linked data: every IRI under the base dereferences, the ontology and shapes at their
namespace IRIs, the dataset's VoID at /.well-known/void, the JSON-LD context."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask
from flask.blueprints import BlueprintSetupState

from server import dereference, vocabulary
from server.publication import EXTENSION_KEY, open_publication

blueprint = Blueprint("linked_data", __name__)

# (rule, endpoint, view): GET (and so HEAD) only. The catch-all comes last in Werkzeug's ordering
# anyway: every rule with a static part wins over it.
ROUTES: tuple[tuple[str, str, Callable[..., Any]], ...] = (
    ("/ontology", "ontology", vocabulary.ontology),
    ("/ontology.<extension>", "ontology_format", vocabulary.ontology),
    ("/ontology/<version>", "ontology_version", vocabulary.ontology_version),
    ("/shapes", "shapes", vocabulary.shapes),
    ("/shapes.<extension>", "shapes_format", vocabulary.shapes),
    ("/.well-known/void", "void", dereference.void),
    ("/context.jsonld", "context", dereference.context),
    ("/<path:path>", "resource", dereference.dereference),
)

for rule, endpoint, view in ROUTES:
    blueprint.add_url_rule(rule, endpoint, view, methods=["GET"])


@blueprint.record_once
def remember_publication(state: BlueprintSetupState) -> None:
    """Read the published build's constants once, when the app registers the blueprint."""
    app = state.app
    assert isinstance(app, Flask)
    app.extensions[EXTENSION_KEY] = open_publication(app)
