"""Checks kg/iris.py: slug rules, the base URI check, minting under the base, and rebasing."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from kg.iris import DEFAULT_BASE_URI, Iris, check_base_uri, is_slug

OTHER_BASE = "https://example.org/kg/"


@pytest.mark.parametrize(
    "slug",
    ["openai", "lilian-weng", "a", "gpt-4", "2024", "thinking-machines-lab", "x1-y2-z3"],
)
def test_slug_accepted(slug: str) -> None:
    assert is_slug(slug) is True


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Lilian-Weng",  # uppercase
        "OpenAI",
        "lilian_weng",  # underscore
        "lilian weng",  # space
        "lilian--weng",  # double hyphen
        "-openai",  # leading hyphen
        "openai-",  # trailing hyphen
        "-",
        "hémorragie",  # non-ASCII
        "l’ia",
        "a/b",
        "a.b",
        " openai",
        "openai ",
        "lilian-weng\n",  # a YAML block scalar (`id: |`) ends with a newline
    ],
)
def test_slug_refused(text: str) -> None:
    assert is_slug(text) is False


@pytest.mark.parametrize(
    "base",
    [
        DEFAULT_BASE_URI,
        "http://example.org/",
        "https://example.org/",
        "https://example.org/kg/",
        "http://localhost:8080/a/b/",
    ],
)
def test_base_uri_accepted(base: str) -> None:
    assert check_base_uri(base) == base
    assert Iris(base).base == base


@pytest.mark.parametrize(
    "base",
    [
        "example.org/",  # relative: no scheme
        "/kg/",  # relative path
        "kg/",
        "",
        "http://example.org",  # no trailing slash
        "https://example.org/kg",  # no trailing slash after a path
        "ftp://example.org/",  # not http(s)
        "http:///",  # no host
        "http://exa mple.org/",  # space in the host
        "https://example.org/a b/",  # space in the path
    ],
)
def test_base_uri_refused(base: str) -> None:
    with pytest.raises(ValueError, match="absolute http\\(s\\) IRI ending with '/'") as caught:
        check_base_uri(base)
    assert repr(base) in str(caught.value)
    with pytest.raises(ValueError, match="absolute http\\(s\\) IRI ending with '/'"):
        Iris(base)


def test_default_base() -> None:
    assert Iris().base == DEFAULT_BASE_URI
    assert DEFAULT_BASE_URI.endswith("/")


def minted(iris: Iris) -> dict[str, URIRef]:
    """Every IRI the Iris mints, by what it is."""
    document = iris.document("porte-tournante-ia")
    return {
        "ontology": iris.ontology,
        "vocab term": iris.vocab["Move"],
        "shapes": iris.shapes,
        "shape": iris.shapes_namespace["MoveShape"],
        "metadata graph": iris.metadata_graph,
        "dataset": iris.dataset,
        "context": iris.context,
        "person": iris.person("lilian-weng"),
        "organization": iris.organization("openai"),
        "role": iris.role("andrea-vallone-at-openai"),
        "move": iris.move("jan-leike-leaves-openai"),
        "document": document,
        "evidence": iris.evidence("porte-tournante-ia", "jan-leike-described", 1),
        "mention": iris.mention("porte-tournante-ia", "openai", 3),
        "curation": iris.curation("porte-tournante-ia"),
        "class partition": iris.class_partition("Person"),
        "dump": iris.dump("revolving-door.nq"),
        "fragment": iris.fragment(document, "selector"),
    }


@pytest.mark.parametrize("base", [DEFAULT_BASE_URI, OTHER_BASE])
def test_every_minted_iri_is_under_the_base(base: str) -> None:
    iris = Iris(base)
    for what, iri in minted(iris).items():
        assert isinstance(iri, URIRef), what
        assert str(iri).startswith(base), (what, iri)
        assert len(str(iri)) > len(base), (what, iri)
    for prefix, namespace in iris.prefixes().items():
        assert namespace.startswith(base), (prefix, namespace)


def test_minted_iris_have_the_documented_paths() -> None:
    iris = Iris(OTHER_BASE)
    expected = {
        "ontology": "https://example.org/kg/ontology",
        "vocab term": "https://example.org/kg/ontology#Move",
        "shapes": "https://example.org/kg/shapes",
        "shape": "https://example.org/kg/shapes#MoveShape",
        "metadata graph": "https://example.org/kg/graph/metadata",
        "dataset": "https://example.org/kg/dataset",
        "context": "https://example.org/kg/context.jsonld",
        "person": "https://example.org/kg/person/lilian-weng",
        "organization": "https://example.org/kg/organization/openai",
        "role": "https://example.org/kg/role/andrea-vallone-at-openai",
        "move": "https://example.org/kg/move/jan-leike-leaves-openai",
        "document": "https://example.org/kg/document/porte-tournante-ia",
        "evidence": "https://example.org/kg/evidence/porte-tournante-ia/jan-leike-described-1",
        "mention": "https://example.org/kg/mention/porte-tournante-ia/openai-3",
        "curation": "https://example.org/kg/activity/curation/porte-tournante-ia",
        "class partition": "https://example.org/kg/dataset/class/Person",
        "dump": "https://example.org/kg/dumps/revolving-door.nq",
        "fragment": "https://example.org/kg/document/porte-tournante-ia#selector",
    }
    assert {what: str(iri) for what, iri in minted(iris).items()} == expected


def test_prefixes() -> None:
    assert Iris(OTHER_BASE).prefixes() == {
        "rd": "https://example.org/kg/ontology#",
        "rdsh": "https://example.org/kg/shapes#",
        "person": "https://example.org/kg/person/",
        "organization": "https://example.org/kg/organization/",
        "role": "https://example.org/kg/role/",
        "move": "https://example.org/kg/move/",
        "document": "https://example.org/kg/document/",
    }


TURTLE = (
    "@prefix rd: <http://127.0.0.1:8080/ontology#> .\n"
    "@prefix oa: <http://www.w3.org/ns/oa#> .\n"
    "<http://127.0.0.1:8080/ontology> a <http://www.w3.org/2002/07/owl#Ontology> ;\n"
    "    rd:seeAlso <http://127.0.0.1:8080/shapes> .\n"
)


def test_rebase_rewrites_the_default_base_to_another_base() -> None:
    rebased = Iris(OTHER_BASE).rebase(TURTLE)
    assert DEFAULT_BASE_URI not in rebased
    assert rebased == (
        "@prefix rd: <https://example.org/kg/ontology#> .\n"
        "@prefix oa: <http://www.w3.org/ns/oa#> .\n"
        "<https://example.org/kg/ontology> a <http://www.w3.org/2002/07/owl#Ontology> ;\n"
        "    rd:seeAlso <https://example.org/kg/shapes> .\n"
    )


def test_rebase_leaves_text_alone_under_the_default_base() -> None:
    assert Iris().rebase(TURTLE) is TURTLE
    assert Iris(DEFAULT_BASE_URI).rebase(TURTLE) == TURTLE


def test_rebase_leaves_other_iris_alone() -> None:
    text = (
        "<http://www.w3.org/ns/oa#Annotation> <http://127.0.0.1:9090/x> <https://127.0.0.1:8080/y>"
    )
    assert Iris(OTHER_BASE).rebase(text) == text
