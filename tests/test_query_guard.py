"""Checks kg/query_guard.py: SERVICE and LOAD refused however written, the mere word accepted elsewhere."""

from __future__ import annotations

import pytest

from kg.errors import BadInputError
from kg.query_guard import refuse_outbound_requests

REMOTE = "<http://remote.example/sparql>"


@pytest.mark.parametrize(
    "sparql",
    [
        f"SELECT * WHERE {{ SERVICE {REMOTE} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ service {REMOTE} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SeRvIcE {REMOTE} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE{REMOTE}{{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{\n\tSERVICE\n\t{REMOTE}\n{{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{?s ?p ?o.SERVICE {REMOTE} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT {REMOTE} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ service silent {REMOTE} {{ ?s ?p ?o }} }}",
        "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
        f'SELECT * WHERE {{ ?s ?p "SERVICE" . SERVICE {REMOTE} {{ ?s ?p ?o }} }}',
        f"# a comment\nSELECT * WHERE {{ SERVICE {REMOTE} {{ ?s ?p ?o }} }}",
    ],
)
def test_service_refused(sparql: str) -> None:
    with pytest.raises(BadInputError, match="SERVICE is refused"):
        refuse_outbound_requests(sparql)


@pytest.mark.parametrize(
    "sparql",
    [
        f"LOAD {REMOTE}",
        f"load silent {REMOTE} INTO GRAPH <http://g/>",
        f"LOAD{REMOTE}",
    ],
)
def test_load_refused(sparql: str) -> None:
    with pytest.raises(BadInputError, match="LOAD is refused"):
        refuse_outbound_requests(sparql)


@pytest.mark.parametrize(
    "sparql",
    [
        'SELECT * WHERE { ?s ?p "SERVICE" }',
        "SELECT * WHERE { ?s ?p 'service <http://x/> { }' }",
        'SELECT * WHERE { ?s ?p "say \\"SERVICE\\" twice" }',
        'SELECT * WHERE { ?s ?p """a long\nSERVICE <http://x/> { ?a ?b ?c }\nstring""" }',
        "SELECT * WHERE { ?s ?p '''LOAD\nSERVICE''' }",
        'SELECT * WHERE { ?s ?p "SERVICE"@en }',
        "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
        "SELECT * WHERE { ?s <http://example.org/load/service#SERVICE> ?o }",
        "# SERVICE <http://x/> would fetch\nSELECT * WHERE { ?s ?p ?o }",
        "SELECT * WHERE { ?s ?p ?o } # LOAD and SERVICE in a trailing comment",
        "SELECT ?service WHERE { ?service ?p ?o }",
        "SELECT $service WHERE { $service ?p ?o }",
        "SELECT ?load WHERE { ?s ?p ?load }",
        "PREFIX service: <http://example.org/> SELECT * WHERE { service:x ?p ?o }",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:SERVICE ?o }",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:service ex:LOAD }",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:p ex:service. }",
        "SELECT * WHERE { ?s ?p ?o . FILTER(?o = ?services || ?o = ?serviceLoad) }",
        "SELECT * WHERE { ?s <http://schema.org/serviceType> ?o }",
        "SELECT ?x WHERE { ?x ?p ?download }",
    ],
)
def test_word_service_elsewhere_accepted(sparql: str) -> None:
    refuse_outbound_requests(sparql)  # raises nothing


@pytest.mark.parametrize(
    "sparql",
    [
        # Hyphens and dots are allowed inside a prefixed name's local part (SPARQL PN_LOCAL),
        # and the project's own slugs are hyphenated (organization:us-digital-service).
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:self-service ?o }",
        "PREFIX organization: <http://e/o/> ASK { organization:us-digital-service ?p ?o }",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:bulk-load ?o }",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:a.service ?o }",
    ],
)
def test_word_service_inside_prefixed_local_name_accepted(sparql: str) -> None:
    refuse_outbound_requests(sparql)  # raises nothing


def test_message_names_the_keyword_in_upper_case() -> None:
    with pytest.raises(BadInputError) as caught:
        refuse_outbound_requests(f"select * where {{ service {REMOTE} {{ }} }}")
    assert caught.value.message == ("SERVICE is refused: this endpoint never fetches remote data")
