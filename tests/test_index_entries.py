"""The index pages' entries read from the store: each thing once, in the pages' order, searchable."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from server.graph import graph_service
from server.index_entries import document_texts, index_rows
from server.page_context import PageContext
from server.page_graph import load_vocabulary, select
from server.page_links import Links
from server.page_search import fold


@pytest.fixture(params=["en", "fr"])
def ctx(app: Flask, request: pytest.FixtureRequest) -> Iterator[PageContext]:
    """A page context over the session build, on each store, in each language."""
    with app.app_context():
        service = graph_service(app)
        base = str(service.manifest["base_uri"])
        vocabulary = load_vocabulary(service.store, service.published.prefixes, base)
        yield PageContext(service, service.store, vocabulary, request.param, Links(base, None, ""))


def iris_of(ctx: PageContext, klass: str) -> set[str]:
    rows = select(ctx.store, f"SELECT DISTINCT ?s WHERE {{ ?s a {klass} }}")
    return {row["s"].value for row in rows}


@pytest.mark.parametrize(
    ("kind", "klass"),
    [
        ("people", "rd:Person"),
        ("organizations", "rd:Organization"),
        ("moves", "rd:Move"),
        ("documents", "rd:SourceDocument"),
    ],
)
def test_every_thing_of_its_kind_is_listed_once(ctx: PageContext, kind: str, klass: str) -> None:
    rows = index_rows(ctx, kind)
    assert sorted(row.iri for row in rows) == sorted(iris_of(ctx, klass))
    assert all(fold(row.label) in row.haystack for row in rows if kind != "moves")


def test_people_and_organisations_are_in_the_order_of_their_names(ctx: PageContext) -> None:
    for kind in ("people", "organizations"):
        names = [fold(row.label) for row in index_rows(ctx, kind)]
        assert names == sorted(names)
    openai = next(r for r in index_rows(ctx, "organizations") if r.iri.endswith("/openai"))
    assert any(ctx.t("count.left") in meta for meta in openai.meta)


def test_moves_are_earliest_first_and_searched_in_their_ends(ctx: PageContext) -> None:
    rows = index_rows(ctx, "moves")
    leaves = next(r for r in rows if r.iri.endswith("/lilian-weng-leaves-openai"))
    assert "lilian weng" in leaves.haystack and "openai" in leaves.haystack
    dated = select(
        ctx.store,
        "SELECT ?m (STR(?d) AS ?date) WHERE { ?m a rd:Move ; rd:date ?d }",
    )
    dates = {row["m"].value: row["date"].value for row in dated}
    order = [dates[row.iri] for row in rows if row.iri in dates]
    years = [date[:4] for date in order if not date.startswith("--")]
    assert years == sorted(years) and years
    first_yearless = next(i for i, date in enumerate(order) if date.startswith("--"))
    assert all(date.startswith("--") for date in order[first_yearless:])  # no year: after the rest


def test_a_document_is_found_by_its_identifier_and_its_text_read_on_demand(
    ctx: PageContext,
) -> None:
    rows = index_rows(ctx, "documents")
    every = document_texts(ctx)
    assert set(every) == {row.iri for row in rows}
    one = rows[0].iri
    assert document_texts(ctx, [one]) == {one: every[one]}
    assert document_texts(ctx, []) == {}
    identifier = one.rstrip("/").rsplit("/", 1)[-1]
    assert fold(identifier) in rows[0].haystack
