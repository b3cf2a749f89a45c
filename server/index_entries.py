"""What each index page lists, read from the store in one pass per kind: its rows in order, and the
folded text a search looks in (for `server.page_index`)."""

from __future__ import annotations

from server.page_catalogue import catalogue, document_date, document_link
from server.page_context import PageContext
from server.page_facts import move_view
from server.page_graph import describe_query, select, values_clause
from server.page_index import IndexRow
from server.page_records import Link
from server.page_search import fold

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
INDEX_KINDS: tuple[str, ...] = ("people", "organizations", "moves", "documents")

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


def haystack(*fields: str) -> str:
    return "\n".join(fold(field) for field in fields if field)


def index_rows(ctx: PageContext, kind: str) -> list[IndexRow]:
    """Every entry of the index page of `kind`, in the page's order, in `ctx`'s language."""
    if kind in INDEXES:
        return entity_rows(ctx, kind)
    return move_rows(ctx) if kind == "moves" else document_rows(ctx)


def entity_rows(ctx: PageContext, kind: str) -> list[IndexRow]:
    """People or organisations by name, with their other names and how many facts point at them."""
    klass, counted = INDEXES[kind]
    names: dict[str, tuple[set[str], set[str]]] = {}
    for row in select(ctx.store, NAMES_QUERY.format(klass=klass)):
        found = names.setdefault(row["entity"].value, (set(), set()))
        if "name" in row:
            found[0].add(row["name"].value)
        if "alt" in row:
            found[1].add(row["alt"].value)
    counts = read_counts(ctx, klass, counted)
    rows = []
    for iri, (own, variants) in names.items():
        name = min(own) if own else iri.rsplit("/", 1)[-1]
        others = sorted((own | variants) - {name})
        meta = [", ".join(others)] if others else []
        meta += [f"{counts[(iri, r)]} {ctx.t(key)}" for r, key in counted if counts.get((iri, r))]
        rows.append((fold(name), IndexRow(iri, name, None, tuple(meta), haystack(name, *others))))
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


def read_counts(
    ctx: PageContext, klass: str, counted: tuple[tuple[str, str], ...]
) -> dict[tuple[str, str], int]:
    relations = " ".join(relation for relation, _ in counted)
    query = COUNTS_QUERY.format(klass=klass, relations=relations)
    return {
        (row["entity"].value, ctx.vocabulary.compact(row["relation"].value)): row["facts"].as_int
        for row in select(ctx.store, query)
    }


def move_rows(ctx: PageContext) -> list[IndexRow]:
    """Every move, earliest first, searched in who, from where, to where, when, its status and details."""
    described = describe_query(ctx.store, MOVES_QUERY, ctx.vocabulary)
    rows = []
    for description in described.values():
        move = move_view(ctx, description)
        who = move.who.label if isinstance(move.who, Link) else move.who.value
        fields = [who, move.status, move.date_text]
        fields += [end.label for end in (move.origin, move.destination) if end]
        fields += [value.text for detail in move.details for value in detail.values]
        rows.append((move.sort_key, IndexRow(move.iri, who, None, (), haystack(*fields))))
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


def document_rows(ctx: PageContext) -> list[IndexRow]:
    """Every document by title, with its date, publisher and how many facts it states (its text is
    searched from `document_texts`)."""
    facts = {
        row["document"].value: row["facts"].as_int
        for row in select(ctx.store, DOCUMENT_FACTS_QUERY)
    }
    rows = []
    for iri, info in catalogue(ctx).items():
        link = document_link(ctx, info)
        meta = [document_date(ctx, info)[0]]
        meta += [info.publisher] if info.publisher else []
        meta += [f"{facts.get(iri, 0)} {ctx.t('count.facts')}"]
        fields = haystack(link.label, info.identifier, info.publisher)
        rows.append((fold(link.label), IndexRow(iri, link.label, link.lang, tuple(meta), fields)))
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


def document_texts(ctx: PageContext, documents: list[str] | None = None) -> dict[str, str]:
    """The text of each document (of `documents` only, when given)."""
    query = DOCUMENT_TEXTS_QUERY
    if documents is not None:
        if not documents:
            return {}
        query = query.replace("WHERE {", f"WHERE {{ {values_clause('document', documents)}", 1)
    return {row["document"].value: row["text"].value for row in select(ctx.store, query)}
