"""What the home page and the index pages (people, organisations, moves, documents) show, searchable."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from server.i18n import MONTHS
from server.page_catalogue import catalogue, document_date, document_link
from server.page_context import PageContext, release_cache
from server.page_entities import FlowPart, merge_flows
from server.page_facts import TENTATIVE_STATUSES, move_view
from server.page_graph import Term, describe_query, pick_label, select
from server.page_paging import PAGE_SIZE, Paging, check_in_range
from server.page_records import Flow, Link, MoveView
from server.page_search import Snippet, fold, query_words, snippet

# The index pages: their class, and the properties whose facts they count (with the UI string).
INDEXES: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "people": ("rd:Person", (("rd:person", "count.roles"), ("rd:mover", "count.moves"))),
    "organizations": (
        "rd:Organization",
        (
            ("rd:toOrganization", "count.joined"),
            ("rd:fromOrganization", "count.left"),
            ("rd:organization", "count.roles"),
        ),
    ),
}
# The home page's counts: manifest class, UI string, index page.
HOME_COUNTS: tuple[tuple[str, str, str], ...] = (
    ("Person", "count.people", "/people"),
    ("Organization", "count.organizations", "/organizations"),
    ("Move", "count.moves", "/moves"),
    ("documents", "count.documents", "/documents"),
    ("Role", "count.roles", ""),
    ("Evidence", "count.evidence", ""),
)

NAMES_QUERY = """
SELECT ?entity ?name ?alt WHERE {{
  ?entity a {klass} .
  OPTIONAL {{ ?entity schema:name ?name }}
  OPTIONAL {{ ?entity skos:altLabel ?alt }}
}}
"""
COUNTS_QUERY = """
SELECT ?entity ?relation (COUNT(DISTINCT ?fact) AS ?facts) WHERE {{
  VALUES ?relation {{ {relations} }}
  ?fact ?relation ?entity .
  ?entity a {klass} .
}}
GROUP BY ?entity ?relation
"""
MOVES_QUERY = """
SELECT ?s ?p ?o ?label WHERE { ?s a rd:Move ; ?p ?o . OPTIONAL { ?o rdfs:label ?label } }
"""
DOCUMENT_FACTS_QUERY = """
SELECT ?document (COUNT(DISTINCT ?fact) AS ?facts) WHERE {
  ?evidence a rd:Evidence ; oa:hasBody ?fact ; oa:hasTarget/oa:hasSource ?document .
}
GROUP BY ?document
"""
DOCUMENT_TEXTS_QUERY = """
SELECT ?document ?text WHERE { ?document a rd:SourceDocument ; schema:text ?text . }
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
    sort: str
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


@dataclass(frozen=True)
class Entry:
    """An index item and the folded text a search looks in."""

    item: Item
    haystack: str


def read_index(ctx: PageContext, kind: str, query: str, page: int) -> IndexPage:
    """The index page of `kind`, filtered by the search `query`, one page of results (a page past the
    last is a 404)."""
    words = query_words(query)
    entries = index_entries(ctx, kind)
    items = [entry.item for entry in entries if all(word in entry.haystack for word in words)]
    pages = max(1, -(-len(items) // PAGE_SIZE))
    check_in_range(page, pages, f"the list of {kind}" + (f" matching “{query}”" if query else ""))
    shown = items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    if kind == "documents" and words:
        texts = document_texts(ctx)
        shown = [replace(item, snippet=snippet(texts.get(item.iri, ""), words)) for item in shown]
    result = IndexPage(kind, query, len(entries), len(items), page, shown)
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


def index_entries(ctx: PageContext, kind: str) -> list[Entry]:
    """Every item of an index page, sorted (cached per language and link style: a release never
    changes, and a search then only folds its query)."""
    cache = release_cache()
    key = f"index:{kind}:{ctx.lang}:{ctx.links.lang}:{ctx.links.root}"
    entries = cache.get(key)
    if entries is None:
        if kind in INDEXES:
            entries = entity_entries(ctx, kind)
        else:
            entries = move_entries(ctx) if kind == "moves" else document_entries(ctx)
        cache[key] = entries
    assert isinstance(entries, list)
    return entries


def haystack(*fields: str) -> str:
    return "\n".join(fold(field) for field in fields if field)


def entity_entries(ctx: PageContext, kind: str) -> list[Entry]:
    """People or organisations with their names and how many facts point at them."""
    klass, counted = INDEXES[kind]
    names: dict[str, tuple[set[str], set[str]]] = {}
    for row in select(ctx.store, NAMES_QUERY.format(klass=klass)):
        found = names.setdefault(row["entity"].value, (set(), set()))
        if "name" in row:
            found[0].add(row["name"].value)
        if "alt" in row:
            found[1].add(row["alt"].value)
    counts = read_counts(ctx, klass, counted)
    entries = []
    for iri, (own, variants) in names.items():
        name = min(own) if own else iri.rsplit("/", 1)[-1]
        others = sorted((own | variants) - {name})
        meta = [", ".join(others)] if others else []
        meta += [f"{counts[(iri, r)]} {ctx.t(key)}" for r, key in counted if counts.get((iri, r))]
        item = Item(Link(name, ctx.links.page(iri)), meta, fold(name), iri)
        entries.append(Entry(item, haystack(name, *others)))
    return sorted(entries, key=lambda entry: entry.item.sort)


def read_counts(
    ctx: PageContext, klass: str, counted: tuple[tuple[str, str], ...]
) -> dict[tuple[str, str], int]:
    relations = " ".join(relation for relation, _ in counted)
    query = COUNTS_QUERY.format(klass=klass, relations=relations)
    return {
        (row["entity"].value, ctx.vocabulary.compact(row["relation"].value)): row["facts"].as_int
        for row in select(ctx.store, query)
    }


def move_entries(ctx: PageContext) -> list[Entry]:
    """Every move, as a line: who, from where, to where, when, status; earliest first."""
    described = describe_query(ctx.store, MOVES_QUERY, ctx.vocabulary)
    entries = []
    for description in described.values():
        move = move_view(ctx, description)
        who = move.who.label if isinstance(move.who, Link) else move.who.value
        fields = [who, move.status, move.date_text]
        fields += [end.label for end in (move.origin, move.destination) if end]
        fields += [value.text for detail in move.details for value in detail.values]
        item = Item(Link(who, move.href), [], fold(who), move.iri, move=move)
        entries.append(Entry(item, haystack(*fields)))
    return sorted(entries, key=lambda entry: entry.item.move.sort_key if entry.item.move else ())


def document_entries(ctx: PageContext) -> list[Entry]:
    """Every document with its date and how many facts it states; searched in its text too."""
    facts = {
        row["document"].value: row["facts"].as_int
        for row in select(ctx.store, DOCUMENT_FACTS_QUERY)
    }
    texts = document_texts(ctx)
    entries = []
    for iri, info in catalogue(ctx).items():
        link = document_link(ctx, info)
        meta = [document_date(ctx, info)[0]]
        meta += [info.publisher] if info.publisher else []
        meta += [f"{facts.get(iri, 0)} {ctx.t('count.facts')}"]
        item = Item(link, meta, fold(link.label), iri)
        fields = (link.label, info.identifier, info.publisher, texts.get(iri, ""))
        entries.append(Entry(item, haystack(*fields)))
    return sorted(entries, key=lambda entry: entry.item.sort)


def document_texts(ctx: PageContext) -> dict[str, str]:
    """The texts of the documents, for search snippets (cached)."""
    cache = release_cache()
    texts = cache.get("texts")
    if texts is None:
        texts = {
            row["document"].value: row["text"].value
            for row in select(ctx.store, DOCUMENT_TEXTS_QUERY)
        }
        cache["texts"] = texts
    assert isinstance(texts, dict)
    return texts


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
