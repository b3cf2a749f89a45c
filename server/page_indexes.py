"""What the home page and the index pages (people, organisations, moves, documents) show, searchable."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from server.i18n import MONTHS
from server.index_entries import document_texts
from server.page_context import PageContext, release_cache
from server.page_entities import FlowPart, merge_flows
from server.page_facts import TENTATIVE_STATUSES, move_view
from server.page_graph import Term, describe_query, pick_label, select, values_clause
from server.page_index import IndexRow
from server.page_index_build import open_page_index
from server.page_paging import PAGE_SIZE, Paging, check_in_range
from server.page_records import Flow, Link, MoveView
from server.page_search import Snippet, query_words, snippet

# The home page's counts: manifest class, UI string, index page.
HOME_COUNTS: tuple[tuple[str, str, str], ...] = (
    ("Person", "count.people", "/people"),
    ("Organization", "count.organizations", "/organizations"),
    ("Move", "count.moves", "/moves"),
    ("documents", "count.documents", "/documents"),
    ("Role", "count.roles", ""),
    ("Evidence", "count.evidence", ""),
)

SHOWN_MOVES_QUERY = """
SELECT ?s ?p ?o ?label WHERE {{ {values} ?s ?p ?o . OPTIONAL {{ ?o rdfs:label ?label }} }}
"""
FLOWS_QUERY = """
SELECT ?from ?fromLabel ?to ?toLabel ?status (SUM(?people) AS ?total) (COUNT(?move) AS ?moves) WHERE {
  ?move a rd:Move .
  OPTIONAL { ?move rd:fromOrganization ?from . OPTIONAL { ?from rdfs:label ?fromLabel } }
  OPTIONAL { ?move rd:toOrganization ?to . OPTIONAL { ?to rdfs:label ?toLabel } }
  OPTIONAL { ?move rd:status ?status }
  OPTIONAL { ?move rd:headcount ?headcount }
  BIND (COALESCE(?headcount, 1) AS ?people)
}
GROUP BY ?from ?fromLabel ?to ?toLabel ?status
"""
DATASET_QUERY = (
    "SELECT ?p ?o WHERE {{ {dataset} ?p ?o . FILTER (?p IN (dct:title, dct:description)) }}"
)


@dataclass(frozen=True)
class Item:
    """One result of an index page."""

    link: Link
    meta: list[str]
    iri: str
    snippet: Snippet | None = None
    move: MoveView | None = None


@dataclass
class IndexPage:
    kind: str
    query: str
    total: int
    found: int
    page: int
    items: list[Item] = field(default_factory=list)
    previous: str = ""
    next: str = ""
    first: int = 0
    last: int = 0
    paging: Paging | None = None


def read_index(ctx: PageContext, kind: str, query: str, page: int) -> IndexPage:
    """The index page of `kind`, filtered by the search `query`, one page of results (a page past the
    last is a 404), read from the release's page index."""
    words = query_words(query)
    index = open_page_index(ctx)
    found, rows = index.search(kind, ctx.lang, words, (page - 1) * PAGE_SIZE, PAGE_SIZE)
    pages = max(1, -(-found // PAGE_SIZE))
    check_in_range(page, pages, f"the list of {kind}" + (f" matching “{query}”" if query else ""))
    shown = shown_items(ctx, kind, rows, words)
    total = index.total(kind, ctx.lang) if words else found
    result = IndexPage(kind, query, total, found, page, shown)
    result.first = (page - 1) * PAGE_SIZE + 1 if shown else 0
    result.last = result.first + len(shown) - 1 if shown else 0
    path = f"/{kind}"
    if page > 1:
        result.previous = ctx.links.route(path, q=query, page=str(page - 1) if page > 2 else "")
    if page < pages:
        result.next = ctx.links.route(path, q=query, page=str(page + 1))
    canonical = ctx.links.route(path, q=query, page=str(page) if page > 1 else "")
    result.paging = Paging(page, pages, canonical, result.previous, result.next)
    return result


def shown_items(ctx: PageContext, kind: str, rows: list[IndexRow], words: list[str]) -> list[Item]:
    """The items of one page: moves described again for their lines, documents given a snippet of
    their text around the words searched."""
    if kind == "moves":
        iris = [row.iri for row in rows]
        query = SHOWN_MOVES_QUERY.format(values=values_clause("s", iris))
        described = describe_query(ctx.store, query, ctx.vocabulary) if iris else {}
        moves = [move_view(ctx, described[iri]) for iri in iris if iri in described]
        return [move_item(move) for move in moves]
    items = [
        Item(Link(row.label, ctx.links.page(row.iri), row.label_lang), list(row.meta), row.iri)
        for row in rows
    ]
    if kind == "documents" and words:
        texts = document_texts(ctx, [item.iri for item in items])
        items = [replace(item, snippet=snippet(texts.get(item.iri, ""), words)) for item in items]
    return items


def move_item(move: MoveView) -> Item:
    who = move.who.label if isinstance(move.who, Link) else move.who.value
    return Item(Link(who, move.href), [], move.iri, move=move)


@dataclass
class HomePage:
    title: str
    description: str
    counts: list[tuple[int, str, str]]
    built: str
    version: str
    flows: list[Flow]


def read_home(ctx: PageContext) -> HomePage:
    """What the dataset holds (from the manifest), its title and description, and its flows."""
    manifest = ctx.service.manifest
    counts = {**manifest.get("counts", {}), "documents": len(manifest.get("documents", []))}
    described = read_dataset(ctx)
    return HomePage(
        title=described.get("dct:title", ctx.t("site.name")),
        description=described.get("dct:description", ""),
        counts=[
            (int(counts.get(name, 0)), ctx.t(key), ctx.links.route(path) if path else "")
            for name, key, path in HOME_COUNTS
        ],
        built=format_timestamp(str(manifest.get("built_at", "")), ctx.lang),
        version=str(manifest.get("version", "")),
        flows=read_flows(ctx),
    )


def read_dataset(ctx: PageContext) -> dict[str, str]:
    """The dataset's title and description in the page's language."""
    cache = release_cache()
    rows: list[dict[str, Term]] | None = cache.get("dataset")
    if rows is None:
        query = DATASET_QUERY.format(dataset=f"<{ctx.base}dataset>")
        rows = cache["dataset"] = list(select(ctx.store, query))
    found: dict[str, list[tuple[str, str | None]]] = {}
    for row in rows:
        found.setdefault(ctx.vocabulary.compact(row["p"].value), []).append(
            (row["o"].value, row["o"].lang)
        )
    return {key: best[0] for key, labels in found.items() if (best := pick_label(labels, ctx.lang))}


def read_flows(ctx: PageContext) -> list[Flow]:
    """People moved between each pair of organisations (cached: a release never changes)."""
    cache = release_cache()
    rows: list[dict[str, Term]] | None = cache.get("flows")
    if rows is None:
        rows = cache["flows"] = list(select(ctx.store, FLOWS_QUERY))
    parts: list[FlowPart] = []
    for row in rows:
        status = ctx.vocabulary.compact(row["status"].value) if "status" in row else ""
        parts.append(
            (
                end_link(ctx, row.get("from"), row.get("fromLabel")),
                end_link(ctx, row.get("to"), row.get("toLabel")),
                row["total"].as_int,
                row["moves"].as_int,
                status in TENTATIVE_STATUSES,
            )
        )
    return merge_flows(parts)


def end_link(ctx: PageContext, iri: Term | None, label: Term | None) -> Link | None:
    if iri is None:
        return None
    return Link(label.value if label else iri.value.rsplit("/", 1)[-1], ctx.links.page(iri.value))


def format_timestamp(stamp: str, lang: str) -> str:
    """ "21 November 2026, 16:27 UTC" from an ISO timestamp (the text itself if it is not one)."""
    try:
        moment = dt.datetime.fromisoformat(stamp).astimezone(dt.UTC)
    except ValueError:
        return stamp
    month = MONTHS[lang][moment.month - 1]
    return f"{moment.day} {month} {moment.year}, {moment:%H:%M} UTC"
