"""The SHACL shapes graph as a readable list: each node shape with its targets, constraints, message and
property shapes; the helper shapes (no target) apart."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from server.jsonld import compact_iri
from server.terms import value_of

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
LANGUAGE = "en"
# What a shape applies to, in the order shown, with the words that introduce it.
TARGETS: tuple[tuple[str, str], ...] = (
    ("targetClass", "every instance of"),
    ("targetSubjectsOf", "every subject of"),
    ("targetObjectsOf", "every object of"),
    ("targetNode", "the node"),
    ("target", "the nodes selected by"),
)
# The constraints shown, in this order (SPARQL constraints are shown with their query).
CONSTRAINTS: tuple[str, ...] = (
    "nodeKind",
    "class",
    "datatype",
    "minCount",
    "maxCount",
    "minLength",
    "minInclusive",
    "pattern",
    "hasValue",
    "lessThan",
    "not",
    "qualifiedValueShape",
    "qualifiedMinCount",
    "qualifiedMaxCount",
)


@dataclass(frozen=True)
class Constraint:
    """One constraint as shown: its name (a compact IRI) and its value."""

    name: str
    value: str


@dataclass(frozen=True)
class PropertyShape:
    anchor: str
    iri: str
    label: str
    path: str
    constraints: list[Constraint]
    message: str


@dataclass(frozen=True)
class NodeShape:
    anchor: str
    iri: str
    label: str
    targets: list[Constraint]
    constraints: list[Constraint]
    message: str
    queries: list[str]
    properties: list[PropertyShape]


@dataclass(frozen=True)
class ShapesListing:
    title: str
    description: str
    targeted: list[NodeShape]
    helpers: list[NodeShape]


def list_shapes(
    quads: Iterable[ox.Quad], shapes_iri: str, prefixes: Mapping[str, str]
) -> ShapesListing:
    """The shapes of a shapes graph (given as its quads), sorted by label."""
    namespaces = sorted(prefixes.items(), key=lambda item: -len(item[1]))
    about: dict[str, dict[str, list[ox.NamedNode | ox.Literal]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for quad in quads:
        if isinstance(quad.object, ox.NamedNode | ox.Literal):
            about[value_of(quad.subject)][quad.predicate.value].append(quad.object)

    def text(iri: str, predicate: str) -> str:
        values = about[iri][predicate]
        chosen = [
            v for v in values if isinstance(v, ox.Literal) and v.language == LANGUAGE
        ] or values
        return str(chosen[0].value) if chosen else ""

    def shown(term: ox.NamedNode | ox.Literal) -> str:
        return compact_iri(term.value, namespaces) if isinstance(term, ox.NamedNode) else term.value

    def pairs(iri: str, names: Iterable[str]) -> list[Constraint]:
        return [
            Constraint(compact_iri(SH + name, namespaces), shown(value))
            for name in names
            for value in sorted(about[iri][SH + name], key=str)
        ]

    def anchor(iri: str) -> str:
        return iri.rpartition("#")[2] or iri

    def property_shape(iri: str) -> PropertyShape:
        paths = about[iri][SH + "path"]
        return PropertyShape(
            anchor=anchor(iri),
            iri=iri,
            label=text(iri, RDFS_LABEL) or anchor(iri),
            path=shown(paths[0]) if paths else "",
            constraints=pairs(iri, CONSTRAINTS),
            message=text(iri, SH + "message"),
        )

    def node_shape(iri: str) -> NodeShape:
        return NodeShape(
            anchor=anchor(iri),
            iri=iri,
            label=text(iri, RDFS_LABEL) or anchor(iri),
            targets=[
                Constraint(words, shown(value))
                for name, words in TARGETS
                for value in sorted(about[iri][SH + name], key=str)
            ],
            constraints=pairs(iri, CONSTRAINTS),
            message=text(iri, SH + "message"),
            queries=[
                text(constraint.value, SH + "select")
                for constraint in about[iri][SH + "sparql"]
                if isinstance(constraint, ox.NamedNode)
            ],
            properties=sorted(
                (property_shape(p.value) for p in about[iri][SH + "property"]),
                key=lambda shape: shape.label.lower(),
            ),
        )

    node_shape_type = ox.NamedNode(SH + "NodeShape")
    node_iris = [
        iri for iri, properties in about.items() if node_shape_type in properties[RDF_TYPE]
    ]
    node_shapes = sorted(map(node_shape, node_iris), key=lambda shape: shape.label.lower())
    return ShapesListing(
        title=text(shapes_iri, RDFS_LABEL) or shapes_iri,
        description=text(shapes_iri, RDFS_COMMENT),
        targeted=[shape for shape in node_shapes if shape.targets],
        helpers=[shape for shape in node_shapes if not shape.targets],
    )
