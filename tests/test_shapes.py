"""Checks the SHACL shapes: the seeds conform, and every shape catches a violation of its own."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD
from rdflib.term import Node

from kg.compile import CompiledDataset, compile_dataset
from kg.iris import Iris
from kg.namespaces import OA, SCHEMA, SH
from kg.progress import Progress
from kg.validation import ValidationReport, validate_units, validation_units

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHAPES_FILE = ROOT / "shapes" / "revolving-door-shapes.ttl"
ONTOLOGY_FILE = ROOT / "ontology" / "revolving-door.ttl"
BASE = "http://127.0.0.1:8080/"
SHAPES = URIRef(f"{BASE}shapes")
ONTOLOGY = URIRef(f"{BASE}ontology")
RD = Namespace(f"{BASE}ontology#")
RDSH = Namespace(f"{BASE}shapes#")
ELSEWHERE = "http://example.org/"
TARGET_PREDICATES = (
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.target,
)

SPARQL_SHAPE_PREDICATES = {
    RDF.type,
    RDFS.label,
    RDFS.isDefinedBy,
    SH.message,
    SH.sparql,
    *TARGET_PREDICATES,
}


@pytest.fixture(scope="module")
def compiled() -> CompiledDataset:
    return compile_dataset(SEEDS, Iris(), Progress(False))


@pytest.fixture(scope="module")
def shapes() -> Graph:
    """The shapes file as written (against the default base)."""
    return Graph().parse(SHAPES_FILE, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def validate(
    compiled: CompiledDataset, documents: list[Graph], metadata: Graph
) -> ValidationReport:
    return validate_units(validation_units(documents, metadata), compiled.shapes, Progress(False))


# The shapes file, read ###################################################################


def shape_nodes(shapes: Graph) -> set[URIRef]:
    found = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    )
    return {s for s in found if isinstance(s, URIRef)}


def reported_shapes(shapes: Graph) -> set[URIRef]:
    """Shapes that can be a result's sh:sourceShape: targeted shapes and their property shapes."""
    targeted = {s for p in TARGET_PREDICATES for s in shapes.subjects(p, None)}
    properties = {o for s in targeted for o in shapes.objects(s, SH.property)}
    return {s for s in targeted | properties if isinstance(s, URIRef)}


def local(node: Node) -> str:
    return str(node).removeprefix(str(RDSH))


def english(shapes: Graph, subject: Node, predicate: URIRef) -> list[str]:
    return [
        str(o)
        for o in shapes.objects(subject, predicate)
        if isinstance(o, Literal) and o.language == "en"
    ]


def sparql_text(shapes: Graph, shape: Node) -> str:
    constraint = shapes.value(shape, SH.sparql)
    select = shapes.value(constraint, SH.select)
    return str(select)


# The sample a mutation changes ###########################################################


@dataclass
class Sample:
    """Copies of one document's graph and of the metadata graph, for a mutation to break."""

    document: URIRef
    graph: Graph
    metadata: Graph

    @classmethod
    def of(cls, compiled: CompiledDataset) -> "Sample":
        """The first document of the seeds."""
        source = compiled.document_graphs[0]
        graph = Graph(identifier=source.identifier)
        for triple in source:
            graph.add(triple)
        metadata = Graph(identifier=compiled.metadata.identifier)
        for triple in compiled.metadata:
            metadata.add(triple)
        return cls(URIRef(str(source.identifier)), graph, metadata)

    def instances(self, rdf_class: URIRef) -> list[URIRef]:
        """The instances of `rdf_class` in the document's graph, in IRI order."""
        return sorted(s for s in self.graph.subjects(RDF.type, rdf_class) if isinstance(s, URIRef))

    def a(self, rdf_class: URIRef, number: int = 0) -> URIRef:
        return self.instances(rdf_class)[number]

    def having(self, *predicates: URIRef) -> URIRef:
        """The first subject, in IRI order, that has a value for every one of `predicates`."""
        found = sorted(
            s
            for s in set(self.graph.subjects(predicates[0], None))
            if isinstance(s, URIRef) and all(self.graph.value(s, p) is not None for p in predicates)
        )
        return found[0]

    def one(self, subject: Node, predicate: URIRef) -> Node:
        value = self.graph.value(subject, predicate)
        assert value is not None, f"{subject} has no {predicate}"
        return value

    def replace(self, subject: Node, predicate: URIRef, value: Node) -> None:
        """Give `subject` `value` as its only value for `predicate`."""
        self.graph.set((subject, predicate, value))

    def add(self, subject: Node, predicate: URIRef, value: Node) -> None:
        self.graph.add((subject, predicate, value))

    def remove(self, subject: Node, predicate: URIRef, value: Node | None = None) -> None:
        self.graph.remove((subject, predicate, value))

    def set_meta(self, predicate: URIRef, value: Node) -> None:
        self.metadata.set((self.document, predicate, value))

    def meta(self, predicate: URIRef) -> Node:
        value = self.metadata.value(self.document, predicate)
        assert value is not None
        return value

    def evidence(self) -> URIRef:
        return self.a(RD.Evidence)

    def mention(self) -> URIRef:
        return self.a(RD.Mention)

    def part(self, annotation: URIRef, name: str) -> URIRef:
        """An annotation's #target, #quote or #position."""
        return URIRef(f"{annotation}#{name}")

    def typed_elsewhere(self, rdf_class: URIRef, graph: Graph | None = None) -> None:
        """Type an IRI the build would never mint."""
        (self.graph if graph is None else graph).add(
            (URIRef(f"{ELSEWHERE}thing"), RDF.type, rdf_class)
        )

    def other(self, rdf_class: URIRef, than: Node) -> URIRef:
        """An instance of `rdf_class` other than `than`."""
        return next(o for o in self.instances(rdf_class) if o != than)


def validate_sample(compiled: CompiledDataset, sample: Sample) -> ValidationReport:
    """Validate the sample's document unit, and the metadata graph too if the mutation changed it."""
    units = validation_units([sample.graph], sample.metadata)
    if set(sample.metadata) == set(compiled.metadata):
        units = [unit for unit in units if unit[0] == str(sample.document)]
    return validate_units(units, compiled.shapes, Progress(False))


def edit_literal(value: Node, edit: Callable[[str], str]) -> Literal:
    """The literal `value` with its text edited, same datatype and language."""
    assert isinstance(value, Literal)
    return Literal(edit(str(value)), lang=value.language, datatype=value.datatype)


def shifted(value: Node, by: int) -> Literal:
    assert isinstance(value, Literal)
    return Literal(int(value) + by, datatype=value.datatype)


def other_first_letter(text: str) -> str:
    return ("Z" if text[:1] != "Z" else "Y") + text[1:]


# The mutations: each shape, and a way to break it #######################################

Mutation = Callable[[Sample], object]


def move_without_mover(s: Sample) -> None:
    move = s.having(RD.headcount)
    s.remove(move, RD.headcount)


def move_with_mover_and_headcount(s: Sample) -> None:
    s.add(s.having(RD.mover), RD.headcount, Literal(1, datatype=XSD.integer))


def move_going_nowhere(s: Sample) -> None:
    move = s.having(RD.fromOrganization)
    s.remove(move, RD.fromOrganization)
    s.remove(move, RD.toOrganization)


def move_leaving_another_organisation(s: Sample) -> None:
    move = s.having(RD.roleBefore, RD.fromOrganization)
    left = s.one(s.one(move, RD.roleBefore), RD.organization)
    s.replace(move, RD.fromOrganization, s.other(RD.Organization, left))


def move_by_someone_else(s: Sample) -> None:
    move = s.having(RD.roleAfter, RD.mover)
    s.replace(move, RD.mover, s.other(RD.Person, s.one(move, RD.mover)))


def quote_not_at_offsets(s: Sample) -> None:
    quote = s.part(s.evidence(), "quote")
    s.replace(quote, OA.exact, edit_literal(s.one(quote, OA.exact), other_first_letter))


def offset_shifted_by_one(s: Sample) -> None:
    position = s.part(s.mention(), "position")
    s.replace(position, OA.start, shifted(s.one(position, OA.start), 1))


def prefix_not_before_quote(s: Sample) -> None:
    quote = s.part(s.mention(), "quote")
    s.replace(quote, OA.prefix, edit_literal(s.one(quote, OA.prefix), other_first_letter))


def suffix_not_after_quote(s: Sample) -> None:
    quote = s.part(s.evidence(), "quote")
    s.replace(quote, OA.suffix, edit_literal(s.one(quote, OA.suffix), lambda t: t[:-1] + "#"))


def start_typed_integer(s: Sample) -> None:
    """A negative offset (the shape asks for an xsd:integer of 0 or more)."""
    position = s.part(s.evidence(), "position")
    s.replace(position, OA.start, Literal(-1, datatype=XSD.integer))


def empty_position(s: Sample) -> None:
    position = s.part(s.evidence(), "position")
    s.replace(position, OA.end, s.one(position, OA.start))


def stated_words_not_in_text(s: Sample) -> None:
    role = s.having(RD.roleTitle)
    s.replace(role, RD.roleTitle, Literal("grand manitou de la sécurité", lang="fr"))


def stated_words_in_another_language(s: Sample) -> None:
    role = s.having(RD.roleTitle)
    s.replace(role, RD.roleTitle, Literal(str(s.one(role, RD.roleTitle)), lang="en"))


def two_titles(s: Sample) -> None:
    for title in ("Un titre", "Un autre titre"):
        s.metadata.add((s.document, DCTERMS.title, Literal(title, lang="fr")))


def document_mentions_nobody(s: Sample) -> None:
    entity = min(str(o) for o in s.graph.objects(s.document, RD.mentions))
    s.remove(s.document, RD.mentions, URIRef(entity))


def evidence_not_derived_from_its_document(s: Sample) -> None:
    s.replace(s.evidence(), PROV.wasDerivedFrom, URIRef(f"{BASE}document/another-document"))


def fact_forgets_its_evidence(s: Sample) -> None:
    evidence = s.evidence()
    s.remove(s.one(evidence, OA.hasBody), RD.hasEvidence, evidence)


def entity_forgets_its_mention(s: Sample) -> None:
    mention = s.mention()
    s.remove(s.one(mention, OA.hasBody), RD.hasMention, mention)


def curation(s: Sample) -> URIRef:
    return URIRef(f"{BASE}activity/curation/{str(s.document).rsplit('/', 1)[-1]}")


MUTATIONS: list[tuple[str, Mutation]] = [
    # Person
    ("Person", lambda s: s.typed_elsewhere(RD.Person)),
    ("Person-name", lambda s: s.remove(s.a(RD.Person), SCHEMA.name)),
    ("Person-label", lambda s: s.remove(s.a(RD.Person), RDFS.label)),
    ("Person-mention", lambda s: s.remove(s.a(RD.Person), RD.hasMention)),
    ("Person-evidence", lambda s: s.add(s.a(RD.Person), RD.hasEvidence, s.mention())),
    ("Person-description", lambda s: s.add(s.a(RD.Person), SCHEMA.description, Literal("x"))),
    ("Person-notOrganization", lambda s: s.add(s.a(RD.Person), RDF.type, RD.Organization)),
    # Organization
    ("Organization", lambda s: s.typed_elsewhere(RD.Organization)),
    ("Organization-name", lambda s: s.remove(s.a(RD.Organization), SCHEMA.name)),
    ("Organization-label", lambda s: s.remove(s.a(RD.Organization), RDFS.label)),
    ("Organization-mention", lambda s: s.remove(s.a(RD.Organization), RD.hasMention)),
    ("Organization-evidence", lambda s: s.add(s.a(RD.Organization), RD.hasEvidence, s.a(RD.Role))),
    (
        "Organization-description",
        lambda s: s.add(s.a(RD.Organization), SCHEMA.description, Literal(3)),
    ),
    # Role
    ("Role", lambda s: s.typed_elsewhere(RD.Role)),
    ("Role-person", lambda s: s.remove(s.a(RD.Role), RD.person)),
    ("Role-organization", lambda s: s.replace(s.a(RD.Role), RD.organization, s.a(RD.Person))),
    ("Role-title", lambda s: s.add(s.having(RD.roleTitle), RD.roleTitle, Literal("x", lang="fr"))),
    ("Role-description", lambda s: s.add(s.a(RD.Role), RD.roleDescription, Literal("x"))),
    (
        "Role-startDate",
        lambda s: s.add(s.a(RD.Role), RD.startDate, Literal("2024-13", datatype=XSD.gYearMonth)),
    ),
    ("Role-startDate", lambda s: s.add(s.a(RD.Role), RD.startDate, Literal("2024"))),
    (
        "Role-endDate",
        lambda s: s.add(s.a(RD.Role), RD.endDate, Literal("15 novembre", lang="fr")),
    ),
    ("Role-hasEnded", lambda s: s.replace(s.having(RD.hasEnded), RD.hasEnded, Literal("yes"))),
    ("Role-reportsTo", lambda s: s.add(s.a(RD.Role), RD.reportsTo, s.a(RD.Organization))),
    ("Role-evidence", lambda s: s.remove(s.a(RD.Role), RD.hasEvidence)),
    ("Role-label", lambda s: s.add(s.a(RD.Role), RDFS.label, Literal("another label"))),
    ("Role-derivedFrom", lambda s: s.remove(s.a(RD.Role), PROV.wasDerivedFrom)),
    ("Role-generatedBy", lambda s: s.remove(s.a(RD.Role), PROV.wasGeneratedBy)),
    # Move
    ("Move", lambda s: s.typed_elsewhere(RD.Move)),
    ("Move-status", lambda s: s.replace(s.a(RD.Move), RD.status, RD.cancelled)),
    ("Move-mover", lambda s: s.replace(s.having(RD.mover), RD.mover, s.a(RD.Organization))),
    (
        "Move-headcount",
        lambda s: s.replace(s.having(RD.headcount), RD.headcount, Literal(0, datatype=XSD.integer)),
    ),
    ("Move-groupDescription", lambda s: s.add(s.a(RD.Move), RD.groupDescription, Literal("x"))),
    (
        "Move-from",
        lambda s: s.add(
            s.having(RD.fromOrganization),
            RD.fromOrganization,
            s.other(RD.Organization, s.one(s.having(RD.fromOrganization), RD.fromOrganization)),
        ),
    ),
    (
        "Move-to",
        lambda s: s.replace(s.having(RD.toOrganization), RD.toOrganization, s.a(RD.Person)),
    ),
    ("Move-roleBefore", lambda s: s.add(s.a(RD.Move), RD.roleBefore, s.a(RD.Move, 1))),
    ("Move-roleAfter", lambda s: s.add(s.a(RD.Move), RD.roleAfter, s.a(RD.Person))),
    (
        "Move-date",
        lambda s: s.add(
            s.a(RD.Move), RD.date, Literal("2024-11-15T10:00:00", datatype=XSD.dateTime)
        ),
    ),
    (
        "Move-date",
        lambda s: s.add(s.a(RD.Move), RD.date, Literal("--11-31", datatype=XSD.gMonthDay)),
    ),
    ("Move-timeframe", lambda s: s.add(s.a(RD.Move), RD.timeframe, Literal("bientôt"))),
    (
        "Move-reason",
        lambda s: s.add(s.a(RD.Move), RD.reason, Literal("x", datatype=XSD.string)),
    ),
    ("Move-reportedBy", lambda s: s.add(s.a(RD.Move), RD.reportedBy, s.a(RD.Role))),
    ("Move-announcedVia", lambda s: s.add(s.a(RD.Move), RD.announcedVia, Literal("X"))),
    ("Move-evidence", lambda s: s.remove(s.a(RD.Move), RD.hasEvidence)),
    ("Move-label", lambda s: s.remove(s.a(RD.Move), RDFS.label)),
    ("Move-derivedFrom", lambda s: s.remove(s.a(RD.Move), PROV.wasDerivedFrom)),
    ("Move-generatedBy", lambda s: s.remove(s.a(RD.Move), PROV.wasGeneratedBy)),
    ("Move-moverOrHeadcount", move_without_mover),
    ("Move-personOrGroup", move_with_mover_and_headcount),
    ("Move-fromOrTo", move_going_nowhere),
    ("Move-rolesAgree", move_leaving_another_organisation),
    ("Move-rolesAgree", move_by_someone_else),
    # Stated words
    ("StatedText", stated_words_not_in_text),
    ("StatedText", stated_words_in_another_language),
    # Source document (its description comes from the metadata graph)
    ("SourceDocument", lambda s: s.typed_elsewhere(RD.SourceDocument, s.metadata)),
    (
        "SourceDocument-text",
        lambda s: s.set_meta(SCHEMA.text, Literal(str(s.meta(SCHEMA.text)))),
    ),
    (
        "SourceDocument-sha256",
        lambda s: s.set_meta(RD.sha256, Literal(str(s.meta(RD.sha256)).upper())),
    ),
    (
        "SourceDocument-characterCount",
        lambda s: s.metadata.remove((s.document, RD.characterCount, None)),
    ),
    ("SourceDocument-language", lambda s: s.set_meta(DCTERMS.language, Literal("français"))),
    ("SourceDocument-title", two_titles),
    (
        "SourceDocument-issued",
        lambda s: s.set_meta(DCTERMS.issued, Literal("2024-11-08T09:00:00", datatype=XSD.dateTime)),
    ),
    (
        "SourceDocument-characterCountMatches",
        lambda s: s.set_meta(RD.characterCount, shifted(s.meta(RD.characterCount), 1)),
    ),
    ("SourceDocument-sha256Matches", lambda s: s.set_meta(RD.sha256, Literal("0" * 64))),
    ("SourceDocument-textLanguage", lambda s: s.set_meta(DCTERMS.language, Literal("en"))),
    ("SourceDocument-mentionsAgree", document_mentions_nobody),
    (
        "SourceDocument-mentionsAgree",
        lambda s: s.add(s.document, RD.mentions, URIRef(f"{BASE}person/nobody")),
    ),
    # Curation activity (in the metadata graph)
    ("CurationActivity", lambda s: s.typed_elsewhere(RD.CurationActivity, s.metadata)),
    ("CurationActivity-used", lambda s: s.metadata.remove((curation(s), PROV.used, None))),
    ("CurationActivity-label", lambda s: s.metadata.remove((curation(s), RDFS.label, None))),
    # Evidence
    ("Evidence", lambda s: s.typed_elsewhere(RD.Evidence)),
    ("Evidence-body", lambda s: s.add(s.evidence(), OA.hasBody, s.a(RD.Move))),
    ("Evidence-body", lambda s: s.replace(s.evidence(), OA.hasBody, s.mention())),
    ("Evidence-target", lambda s: s.remove(s.evidence(), OA.hasTarget)),
    ("Evidence-motivation", lambda s: s.replace(s.evidence(), OA.motivatedBy, OA.identifying)),
    ("Evidence-derivedFrom", lambda s: s.remove(s.evidence(), PROV.wasDerivedFrom)),
    ("Evidence-generatedBy", lambda s: s.remove(s.evidence(), PROV.wasGeneratedBy)),
    ("Evidence-bodyAgrees", fact_forgets_its_evidence),
    ("Evidence-bodyAgrees", lambda s: s.add(s.a(RD.Move), RD.hasEvidence, s.evidence())),
    # Mention
    ("Mention", lambda s: s.typed_elsewhere(RD.Mention)),
    ("Mention-body", lambda s: s.replace(s.mention(), OA.hasBody, s.a(RD.Role))),
    ("Mention-target", lambda s: s.remove(s.mention(), OA.hasTarget)),
    ("Mention-motivation", lambda s: s.replace(s.mention(), OA.motivatedBy, RD.evidencing)),
    ("Mention-derivedFrom", lambda s: s.remove(s.mention(), PROV.wasDerivedFrom)),
    ("Mention-bodyAgrees", entity_forgets_its_mention),
    # The provenance of every annotation
    ("Annotation-quoteAtOffsets", quote_not_at_offsets),
    ("Annotation-quoteAtOffsets", offset_shifted_by_one),
    ("Annotation-prefixBeforeQuote", prefix_not_before_quote),
    ("Annotation-suffixAfterQuote", suffix_not_after_quote),
    ("Annotation-sameDocument", evidence_not_derived_from_its_document),
    ("Annotation-documentHasText", lambda s: s.metadata.remove((s.document, SCHEMA.text, None))),
    # Annotation targets and selectors
    ("SpecificResource", lambda s: s.typed_elsewhere(OA.SpecificResource)),
    ("SpecificResource-source", lambda s: s.remove(s.part(s.evidence(), "target"), OA.hasSource)),
    (
        "SpecificResource-selector",
        lambda s: s.add(s.part(s.mention(), "target"), OA.hasSelector, s.part(s.mention(), "more")),
    ),
    (
        "SpecificResource-quoteSelector",
        lambda s: s.remove(s.part(s.evidence(), "quote"), RDF.type, OA.TextQuoteSelector),
    ),
    (
        "SpecificResource-positionSelector",
        lambda s: s.remove(s.part(s.mention(), "position"), RDF.type, OA.TextPositionSelector),
    ),
    ("TextQuoteSelector", lambda s: s.typed_elsewhere(OA.TextQuoteSelector)),
    (
        "TextQuoteSelector-exact",
        lambda s: s.replace(s.part(s.evidence(), "quote"), OA.exact, Literal("")),
    ),
    ("TextQuoteSelector-prefix", lambda s: s.remove(s.part(s.mention(), "quote"), OA.prefix)),
    (
        "TextQuoteSelector-suffix",
        lambda s: s.add(s.part(s.mention(), "quote"), OA.suffix, Literal("another suffix")),
    ),
    ("TextPositionSelector", lambda s: s.typed_elsewhere(OA.TextPositionSelector)),
    ("TextPositionSelector-start", start_typed_integer),
    (
        "TextPositionSelector-start",
        lambda s: s.replace(
            s.part(s.evidence(), "position"), OA.start, Literal("12", datatype=XSD.decimal)
        ),
    ),
    ("TextPositionSelector-end", lambda s: s.remove(s.part(s.mention(), "position"), OA.end)),
    ("TextPositionSelector-order", empty_position),
    # No blank nodes
    ("NoBlankNodes", lambda s: s.add(s.a(RD.Move), RDFS.seeAlso, BNode())),
    ("NoBlankNodes", lambda s: s.metadata.add((BNode(), RDFS.label, Literal("anonymous")))),
]


# The seeds conform ######################################################################


def test_the_seeds_conform(compiled: CompiledDataset) -> None:
    report = validate(compiled, compiled.document_graphs, compiled.metadata)
    assert report.units == len(compiled.document_graphs) + 1
    assert report.violations == [], report.describe()


def test_the_seeds_conform_on_another_base() -> None:
    """The build rebases the shapes (IRI patterns, prefixes) along with the data."""
    other = compile_dataset(SEEDS, Iris("https://example.org/kg/"), Progress(False))
    serialized = other.shapes.serialize(format="nt")
    assert BASE not in serialized
    report = validate(other, other.document_graphs, other.metadata)
    assert report.violations == [], report.describe()


@pytest.mark.parametrize(
    "value",
    [
        Literal("2024", datatype=XSD.gYear),
        Literal("2024-08", datatype=XSD.gYearMonth),
        Literal("2024-11-15", datatype=XSD.date),
        Literal("--11-15", datatype=XSD.gMonthDay),
    ],
    ids=["gYear", "gYearMonth", "date", "gMonthDay"],
)
def test_every_partial_date_form_is_accepted(compiled: CompiledDataset, value: Literal) -> None:
    sample = Sample.of(compiled)
    move = sample.a(RD.Move)
    sample.remove(move, RD.date)
    sample.add(move, RD.date, value)
    report = validate_sample(compiled, sample)
    assert report.violations == [], report.describe()


# Every shape catches a violation of its own ##############################################


@pytest.mark.parametrize(
    ("name", "mutation"),
    MUTATIONS,
    ids=[f"{name}-{n}" for n, (name, _) in enumerate(MUTATIONS)],
)
def test_the_shape_catches_its_violation(
    compiled: CompiledDataset, shapes: Graph, name: str, mutation: Mutation
) -> None:
    sample = Sample.of(compiled)
    mutation(sample)
    report = validate_sample(compiled, sample)
    assert not report.conforms
    own = [v for v in report.violations if v.shape == str(RDSH[name])]
    assert own, f"no result of {name}:\n{report.describe()}"
    message = english(shapes, RDSH[name], SH.message)[0]
    for violation in own:
        assert violation.severity == "Violation"
        if "{?" in message:  # a SPARQL constraint's message, with the bindings filled in
            assert "{?" not in violation.message
        else:
            assert violation.message == message


def test_every_reported_shape_is_mutated(shapes: Graph) -> None:
    assert {RDSH[name] for name, _ in MUTATIONS} == reported_shapes(shapes)


def test_every_helper_shape_is_used_by_a_reported_shape(shapes: Graph) -> None:
    """A shape with no target, reached through sh:not, sh:qualifiedValueShape or sh:property."""
    reported = reported_shapes(shapes)
    helpers = shape_nodes(shapes) - reported
    reached: set[Node] = set()
    frontier: set[Node] = set(reported)
    while frontier:
        step = {
            o
            for s in frontier
            for p in (SH["not"], SH.qualifiedValueShape, SH.property)
            for o in shapes.objects(s, p)
        }
        frontier = step - reached
        reached |= step
    assert helpers <= reached
    assert [h for h in helpers for p in TARGET_PREDICATES if shapes.value(h, p) is not None] == []


# The shapes file is well formed ##########################################################


def test_the_shapes_graph_is_described(shapes: Graph) -> None:
    assert (SHAPES, RDF.type, OWL.Ontology) in shapes
    languages = {o.language for o in shapes.objects(SHAPES, RDFS.label) if isinstance(o, Literal)}
    assert languages >= {"en", "fr"}
    assert list(shapes.objects(SHAPES, OWL.imports)) == []


def test_no_blank_nodes_and_no_lists(shapes: Graph) -> None:
    assert [t for triple in shapes for t in triple if isinstance(t, BNode)] == []
    assert list(shapes.subjects(RDF.first, None)) == []
    forbidden = [SH["in"], SH["or"], SH["and"], SH.xone, SH.languageIn, SH.ignoredProperties]
    assert [p for p in forbidden if shapes.value(None, p) is not None] == []


def test_every_shape_has_a_label_and_an_english_message(shapes: Graph) -> None:
    for shape in shape_nodes(shapes):
        assert str(shape).startswith(str(RDSH))
        assert english(shapes, shape, RDFS.label), f"{shape} has no English rdfs:label"
        assert len(english(shapes, shape, SH.message)) == 1, f"{shape} needs one English message"
        assert (shape, RDFS.isDefinedBy, SHAPES) in shapes


def test_each_sparql_constraint_belongs_to_one_shape(shapes: Graph) -> None:
    constraints = set(shapes.subjects(RDF.type, SH.SPARQLConstraint))
    assert constraints == set(shapes.objects(None, SH.sparql))
    for constraint in constraints:
        owners = list(shapes.subjects(SH.sparql, constraint))
        assert len(owners) == 1, f"{constraint} is used by {owners}"
        # The owner checks nothing else, so its results are the constraint's results.
        assert set(shapes.predicates(owners[0], None)) <= SPARQL_SHAPE_PREDICATES
        assert len(list(shapes.objects(owners[0], SH.sparql))) == 1
        assert local(constraint) == f"{local(owners[0])}-query"
        assert shapes.value(constraint, SH.prefixes) == RDSH[""]
        assert shapes.value(constraint, SH.message) is None, "the message lives on the shape"
        assert english(shapes, constraint, RDFS.label)


def test_sparql_messages_use_selected_variables(shapes: Graph) -> None:
    for shape in shape_nodes(shapes):
        message = english(shapes, shape, SH.message)[0]
        placeholders = set(re.findall(r"\{\?(\w+)\}", message))
        if shapes.value(shape, SH.sparql) is None:
            assert placeholders == set(), f"{shape}: only SPARQL results fill in {placeholders}"
            continue
        select = sparql_text(shapes, shape)
        projection = set(re.findall(r"\?(\w+)", select.split("WHERE", 1)[0]))
        assert placeholders <= projection, f"{shape} does not select {placeholders - projection}"


def test_sparql_prefixes_are_declared(shapes: Graph) -> None:
    declared = {
        str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
        for d in shapes.objects(RDSH[""], SH.declare)
    }
    assert declared["rd"] == str(RD)
    queries = [str(q) for q in shapes.objects(None, SH.select)]
    used = {p for q in queries for p in re.findall(r"(?<![\w?$])([a-z]+):\w", q)}
    assert used <= set(declared)


def rd_terms_used(shapes: Graph) -> set[str]:
    """Every rd: term the shapes name: in triples, in SPARQL queries and in IRI patterns."""
    terms = {
        local_name
        for triple in shapes
        for node in triple
        if isinstance(node, URIRef) and (local_name := str(node).removeprefix(str(RD))) != str(node)
    }
    for query in shapes.objects(None, SH.select):
        terms |= set(re.findall(r"\brd:(\w+)", str(query)))
    for pattern in shapes.objects(None, SH.pattern):
        for group in re.findall(re.escape(str(RD)) + r"\(([\w|]+)\)", str(pattern)):
            terms |= set(group.split("|"))
    return terms


def test_every_rd_term_used_is_defined_by_the_ontology(shapes: Graph, ontology: Graph) -> None:
    used = rd_terms_used(shapes)
    assert {"Person", "sha256", "completed", "rumoured", "evidencing"} <= used
    undefined = sorted(t for t in used if (RD[t], RDFS.isDefinedBy, ONTOLOGY) not in ontology)
    assert undefined == []
