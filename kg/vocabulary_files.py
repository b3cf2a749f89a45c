"""Load the ontology and the SHACL shapes from the repository, rebased onto the deployment's base IRI."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.errors import BadInputError, Location
from kg.iris import Iris

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_FILE = PROJECT_ROOT / "ontology" / "revolving-door.ttl"
SHAPES_FILE = PROJECT_ROOT / "shapes" / "revolving-door-shapes.ttl"


def load_turtle(path: Path, iris: Iris, identifier: str) -> Graph:
    """Parse a Turtle file written against the default base into a graph named `identifier`."""
    graph = Graph(identifier=identifier)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInputError(f"cannot read: {error}", Location(path)) from None
    try:
        graph.parse(data=iris.rebase(text), format="turtle")
    except Exception as error:  # rdflib's Turtle parser raises many types, IndexError among them
        raise BadInputError(f"not valid Turtle: {error!r}", Location(path)) from None
    return graph


def load_ontology(iris: Iris, path: Path = ONTOLOGY_FILE) -> Graph:
    """The ontology graph, named by the ontology IRI."""
    return load_turtle(path, iris, str(iris.ontology))


def load_shapes(iris: Iris, path: Path = SHAPES_FILE) -> Graph:
    """The shapes graph, named by the shapes IRI."""
    return load_turtle(path, iris, str(iris.shapes))
