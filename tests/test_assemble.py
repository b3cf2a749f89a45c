"""A document's named graph holds what it states: entities it names, roles, moves, descriptions, evidence."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS, XSD

from kg.compile import CompiledDataset
from kg.iris import Iris
from kg.namespaces import OA, SCHEMA

PORTE = "porte-tournante-ia"
WENG = "openai-hemorragie-lilian-weng"


def document_graph(compiled: CompiledDataset, doc_id: str) -> Graph:
    return next(g for g in compiled.document_graphs if str(g.identifier).endswith(f"/{doc_id}"))


def quotes_of(graph: Graph, fact: URIRef) -> set[str]:
    rd_quotes = set()
    for evidence in graph.subjects(OA.hasBody, fact):
        target = graph.value(evidence, OA.hasTarget)
        for selector in graph.objects(target, OA.hasSelector):
            exact = graph.value(selector, OA.exact)
            if exact is not None:
                rd_quotes.add(str(exact))
    return rd_quotes


def test_a_move_with_every_stated_detail(compiled: CompiledDataset, iris: Iris) -> None:
    rd, graph = iris.vocab, document_graph(compiled, PORTE)
    move = iris.move("andrea-vallone-openai-to-anthropic")
    assert graph.value(move, rd.mover) == iris.person("andrea-vallone")
    assert graph.value(move, rd.fromOrganization) == iris.organization("openai")
    assert graph.value(move, rd.toOrganization) == iris.organization("anthropic")
    assert graph.value(move, rd.status) == rd.completed
    assert graph.value(move, rd.reportedBy) == iris.organization("the-verge")
    assert graph.value(move, rd.roleBefore) == iris.role("andrea-vallone-at-openai")
    assert graph.value(move, rd.date) is None  # the article gives no date: none is invented
    assert graph.value(move, PROV.wasDerivedFrom) == iris.document(PORTE)
    assert graph.value(move, PROV.wasGeneratedBy) == iris.curation(PORTE)
    assert any("a rapporté The Verge" in quote for quote in quotes_of(graph, move))


def test_an_unnamed_group_with_its_headcount(compiled: CompiledDataset, iris: Iris) -> None:
    rd, graph = iris.vocab, document_graph(compiled, PORTE)
    move = iris.move("thinking-machines-lab-two-employees-expected-at-openai")
    assert graph.value(move, rd.mover) is None
    assert graph.value(move, rd.headcount) == Literal(2, datatype=XSD.integer)
    assert graph.value(move, rd.groupDescription) == Literal("deux autres employés", lang="fr")
    assert graph.value(move, rd.status) == rd.expected
    assert graph.value(move, rd.timeframe) == Literal("dans les semaines à venir", lang="fr")
    assert graph.value(move, rd.reportedBy) == iris.person("alex-heath")


def test_dates_keep_the_precision_the_text_gives(compiled: CompiledDataset, iris: Iris) -> None:
    rd, graph = iris.vocab, document_graph(compiled, WENG)
    leaves = graph.value(iris.move("lilian-weng-leaves-openai"), rd.date)
    assert leaves == Literal("--11-15", datatype=XSD.gMonthDay)  # "le 15 novembre", no year given
    vp = graph.value(iris.role("lilian-weng-vp-research-safety-openai"), rd.startDate)
    assert vp == Literal("2024-08", datatype=XSD.gYearMonth)
    joined = graph.value(iris.move("lilian-weng-joins-openai"), rd.date)
    assert joined == Literal("2018", datatype=XSD.gYear)


def test_a_role_and_its_evidence(compiled: CompiledDataset, iris: Iris) -> None:
    rd, graph = iris.vocab, document_graph(compiled, WENG)
    role = iris.role("mira-murati-cto-openai")
    assert graph.value(role, RDF.type) == rd.Role
    assert graph.value(role, rd.person) == iris.person("mira-murati")
    assert graph.value(role, rd.roleTitle) == Literal("CTO", lang="fr")
    assert graph.value(role, rd.hasEnded) == Literal(True)
    assert quotes_of(graph, role) == {"Mira Murati – Ancienne CTO"}


def test_a_description_is_evidenced_on_its_entity(compiled: CompiledDataset, iris: Iris) -> None:
    graph = document_graph(compiled, PORTE)
    leike = iris.person("jan-leike")
    assert graph.value(leike, SCHEMA.description) == Literal("chercheur en alignement", lang="fr")
    assert "Jan Leike, un chercheur en alignement" in quotes_of(graph, leike)


def test_entities_are_typed_named_and_mentioned_where_the_text_names_them(
    compiled: CompiledDataset, iris: Iris
) -> None:
    rd, graph = iris.vocab, document_graph(compiled, PORTE)
    vallone = iris.person("andrea-vallone")
    assert graph.value(vallone, RDF.type) == rd.Person
    assert graph.value(vallone, SCHEMA.name) == Literal("Andrea Vallone")
    assert graph.value(vallone, SKOS.altLabel) == Literal("Vallone")  # the short form the text uses
    mentions = set(graph.objects(vallone, rd.hasMention))
    assert len(mentions) == 4  # "Andrea Vallone" once, "Vallone" three times
    assert (iris.document(PORTE), rd.mentions, vallone) in graph
    # Lilian Weng is named only by the other article: not in this document's graph.
    assert (iris.person("lilian-weng"), None, None) not in graph


def test_every_claim_of_the_seeds_is_in_its_documents_graph(
    compiled: CompiledDataset, iris: Iris
) -> None:
    facts = {"RoleClaim": iris.role, "MoveClaim": iris.move}
    for source in compiled.sources:
        graph = document_graph(compiled, source.doc_id)
        for claim in compiled.claims[source.doc_id]:
            mint = facts.get(type(claim).__name__)
            for number in range(1, len(claim.evidence) + 1):
                evidence = iris.evidence(source.doc_id, claim.id, number)
                assert (evidence, RDF.type, iris.vocab.Evidence) in graph, evidence
                if mint is not None:
                    assert graph.value(evidence, OA.hasBody) == mint(claim.id)
            extra = iris.evidence(source.doc_id, claim.id, len(claim.evidence) + 1)
            assert (extra, None, None) not in graph
