"""The source documents of the release (title, identifier, language, publisher, date), read once per
process: every quote a page shows names its article and date from here."""

from __future__ import annotations

from dataclasses import dataclass

from server.page_context import PageContext, release_cache
from server.page_dates import format_date, parse_partial_date
from server.page_graph import Term, select
from server.page_records import Link

CATALOGUE_QUERY = """
SELECT ?document ?title ?identifier ?language ?publisher ?issued WHERE {
  ?document a rd:SourceDocument .
  OPTIONAL { ?document dct:title ?title }
  OPTIONAL { ?document dct:identifier ?identifier }
  OPTIONAL { ?document dct:language ?language }
  OPTIONAL { ?document dct:publisher ?publisher }
  OPTIONAL { ?document dct:issued ?issued }
}
"""


@dataclass(frozen=True)
class DocumentInfo:
    """What is known of a document besides its text; None or "" where the metadata says nothing."""

    iri: str
    title: Term | None
    identifier: str
    language: str | None
    publisher: str
    issued: Term | None


def catalogue(ctx: PageContext) -> dict[str, DocumentInfo]:
    """Every document by IRI (cached: a release never changes)."""
    cache = release_cache()
    known = cache.get("catalogue")
    if isinstance(known, dict):
        return known
    found: dict[str, DocumentInfo] = {}
    for row in select(ctx.store, CATALOGUE_QUERY):
        iri = row["document"].value
        if iri in found:
            continue
        identifier, language, publisher = (
            row.get("identifier"),
            row.get("language"),
            row.get("publisher"),
        )
        found[iri] = DocumentInfo(
            iri=iri,
            title=row.get("title"),
            identifier=identifier.value if identifier else iri.rstrip("/").rsplit("/", 1)[-1],
            language=language.value if language else None,
            publisher=publisher.label(ctx.lang)[0] if publisher else "",
            issued=row.get("issued"),
        )
    cache["catalogue"] = found
    return found


def document_info(ctx: PageContext, iri: str) -> DocumentInfo:
    """A document of the catalogue (an unknown one named by the end of its IRI)."""
    info = catalogue(ctx).get(iri)
    if info is None:
        return DocumentInfo(iri, None, iri.rstrip("/").rsplit("/", 1)[-1], None, "", None)
    return info


def document_link(ctx: PageContext, info: DocumentInfo) -> Link:
    """A document named by its title, else its identifier."""
    if info.title is not None:
        return Link(info.title.value, ctx.links.page(info.iri), info.title.lang)
    return Link(info.identifier, ctx.links.page(info.iri))


def document_date(ctx: PageContext, info: DocumentInfo) -> tuple[str, bool]:
    """A document's publication date in words and whether it is known ("date unknown" if not)."""
    issued = info.issued
    date = parse_partial_date(issued.value, issued.datatype or "") if issued else None
    if date is None:
        return ctx.t("source.date_unknown"), False
    return format_date(date, ctx.lang), True
