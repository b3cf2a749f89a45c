"""Turn one source and its claims into the named graph of everything that document states."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.annotations import add_evidence, add_mention
from kg.claims import Claim, DescriptionClaim, MoveClaim, RoleClaim
from kg.entities import Entity
from kg.graph_changes import counted_graph
from kg.iris import Iris
from kg.name_index import NameIndex
from kg.namespaces import SCHEMA
from kg.quotes import find_names
from kg.sources import Source

UNKNOWN = "?"


def entity_iri(iris: Iris, entity: Entity) -> URIRef:
    """The IRI of a person or an organisation."""
    return iris.person(entity.slug) if entity.kind == "person" else iris.organization(entity.slug)


def assemble_document_graph(
    iris: Iris,
    source: Source,
    claims: list[Claim],
    entities: dict[str, Entity],
    names: NameIndex | None = None,
) -> Graph:
    """The named graph of `source`: its mentions, the entities it names, its facts and their evidence.

    `names`, the registry's names indexed once (`NameIndex.of(entity_names(entities))`), spares
    looking for every name of the registry in every text.
    """
    graph = counted_graph(iris.document(source.doc_id))
    document = iris.document(source.doc_id)
    named = add_mentions(graph, iris, source, entities, names)
    referenced = {slug for claim in claims for slug in referenced_entities(claim)}
    for slug in sorted(named | referenced):
        add_entity(graph, iris, entities[slug])
    for claim in claims:
        fact = add_claim(graph, iris, source, claim, entities)
        for number, evidence in enumerate(claim.evidence, start=1):
            add_evidence(
                graph,
                iris,
                iris.evidence(source.doc_id, claim.id, number),
                fact,
                document,
                evidence.span,
            )
        if not isinstance(claim, DescriptionClaim):
            graph.add((fact, PROV.wasDerivedFrom, document))
            graph.add((fact, PROV.wasGeneratedBy, iris.curation(source.doc_id)))
    return graph


def entity_names(entities: dict[str, Entity]) -> list[tuple[str, str]]:
    """Every (slug, name or alias) of the registry."""
    return [(entity.slug, name) for entity in entities.values() for name in entity.names]


def add_mentions(
    graph: Graph,
    iris: Iris,
    source: Source,
    entities: dict[str, Entity],
    index: NameIndex | None = None,
) -> set[str]:
    """Add a mention for every whole-word occurrence of an entity's names; return the slugs named."""
    names = entity_names(entities) if index is None else index.candidates(source.text)
    document = iris.document(source.doc_id)
    counts: dict[str, int] = {}
    for slug, span in find_names(source.text, names):
        counts[slug] = counts.get(slug, 0) + 1
        entity = entities[slug]
        mention = iris.mention(source.doc_id, slug, counts[slug])
        add_mention(graph, iris, mention, entity_iri(iris, entity), document, span)
        if span.exact != entity.name:
            graph.add((entity_iri(iris, entity), SKOS.altLabel, Literal(span.exact)))
    return set(counts)


def add_entity(graph: Graph, iris: Iris, entity: Entity) -> None:
    """Type and name a person or an organisation."""
    rd = iris.vocab
    node = entity_iri(iris, entity)
    graph.add((node, RDF.type, rd.Person if entity.kind == "person" else rd.Organization))
    graph.add((node, SCHEMA.name, Literal(entity.name)))
    graph.add((node, RDFS.label, Literal(entity.name)))


def referenced_entities(claim: Claim) -> list[str]:
    """The entity slugs a claim refers to."""
    if isinstance(claim, RoleClaim):
        candidates = [claim.person, claim.organization, claim.reports_to]
    elif isinstance(claim, MoveClaim):
        candidates = [
            claim.mover,
            claim.from_organization,
            claim.to_organization,
            claim.reported_by,
        ]
    else:
        candidates = [claim.entity]
    return [slug for slug in candidates if slug is not None]


def add_claim(
    graph: Graph, iris: Iris, source: Source, claim: Claim, entities: dict[str, Entity]
) -> URIRef:
    """Add the triples of one claim; return the node its evidence is about."""
    if isinstance(claim, RoleClaim):
        return add_role(graph, iris, source, claim, entities)
    if isinstance(claim, MoveClaim):
        return add_move(graph, iris, source, claim, entities)
    node = entity_iri(iris, entities[claim.entity])
    graph.add((node, SCHEMA.description, Literal(claim.text, lang=source.language)))
    return node


def add_role(
    graph: Graph, iris: Iris, source: Source, claim: RoleClaim, entities: dict[str, Entity]
) -> URIRef:
    rd = iris.vocab
    role = iris.role(claim.id)
    person, organization = entities[claim.person], entities[claim.organization]
    graph.add((role, RDF.type, rd.Role))
    graph.add((role, rd.person, entity_iri(iris, person)))
    graph.add((role, rd.organization, entity_iri(iris, organization)))
    what = claim.title or claim.description
    label = (
        f"{person.name} · {what} · {organization.name}"
        if what
        else f"{person.name} · {organization.name}"
    )
    graph.add((role, RDFS.label, Literal(label, lang=source.language if what else None)))
    optional: list[tuple[URIRef, Literal | URIRef | None]] = [
        (rd.roleTitle, _stated(claim.title, source)),
        (rd.roleDescription, _stated(claim.description, source)),
        (rd.startDate, claim.start),
        (rd.endDate, claim.end),
        (rd.hasEnded, None if claim.ended is None else Literal(claim.ended)),
        (rd.reportsTo, iris.person(claim.reports_to) if claim.reports_to else None),
    ]
    _add_present(graph, role, optional)
    return role


def add_move(
    graph: Graph, iris: Iris, source: Source, claim: MoveClaim, entities: dict[str, Entity]
) -> URIRef:
    rd = iris.vocab
    move = iris.move(claim.id)
    graph.add((move, RDF.type, rd.Move))
    graph.add((move, rd.status, rd[claim.status]))
    graph.add((move, RDFS.label, Literal(move_label(claim, entities))))
    reporter = entities[claim.reported_by] if claim.reported_by else None
    optional: list[tuple[URIRef, Literal | URIRef | None]] = [
        (rd.mover, iris.person(claim.mover) if claim.mover else None),
        (
            rd.headcount,
            None if claim.headcount is None else Literal(claim.headcount, datatype=XSD.integer),
        ),
        (rd.groupDescription, _stated(claim.group_description, source)),
        (
            rd.fromOrganization,
            iris.organization(claim.from_organization) if claim.from_organization else None,
        ),
        (
            rd.toOrganization,
            iris.organization(claim.to_organization) if claim.to_organization else None,
        ),
        (rd.roleBefore, iris.role(claim.role_before) if claim.role_before else None),
        (rd.roleAfter, iris.role(claim.role_after) if claim.role_after else None),
        (rd.date, claim.date),
        (rd.timeframe, _stated(claim.timeframe, source)),
        (rd.reason, _stated(claim.reason, source)),
        (rd.reportedBy, entity_iri(iris, reporter) if reporter else None),
        (rd.announcedVia, _stated(claim.announced_via, source)),
    ]
    _add_present(graph, move, optional)
    return move


def move_label(claim: MoveClaim, entities: dict[str, Entity]) -> str:
    """A language-neutral label: who, from where, to where ('?' where unknown)."""
    who = entities[claim.mover].name if claim.mover else f"{claim.headcount} ×"
    origin = entities[claim.from_organization].name if claim.from_organization else UNKNOWN
    destination = entities[claim.to_organization].name if claim.to_organization else UNKNOWN
    return (
        f"{who} {origin} → {destination}" if not claim.mover else f"{who}: {origin} → {destination}"
    )


def _stated(text: str | None, source: Source) -> Literal | None:
    return None if text is None else Literal(text, lang=source.language)


def _add_present(
    graph: Graph, subject: URIRef, pairs: list[tuple[URIRef, Literal | URIRef | None]]
) -> None:
    for predicate, value in pairs:
        if value is not None:
            graph.add((subject, predicate, value))
