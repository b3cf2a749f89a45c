"""The HTML page of each kind of entity: read its records, lay out its pictures, render its template."""

from __future__ import annotations

from typing import Any

from flask import render_template, request

from server.page_context import PageContext
from server.page_documents import read_annotation, read_document
from server.page_entities import read_entity, read_neighbourhood
from server.page_facts import (
    MOVE_PAGE_DETAILS,
    ROLE_PAGE_DETAILS,
    attach_sources,
    move_view,
    role_view,
)
from server.page_jsonld import (
    annotation_jsonld,
    document_jsonld,
    entity_jsonld,
    move_jsonld,
    role_jsonld,
    script_json,
)
from server.page_organization import read_organization
from server.page_paging import parse_page_number
from server.page_pictures import organization_flows, person_timeline
from server.page_records import Link, MoveView

ENTITY_CLASSES: dict[str, str] = {
    "person": "rd:Person",
    "organization": "rd:Organization",
    "role": "rd:Role",
    "move": "rd:Move",
    "document": "rd:SourceDocument",
    "evidence": "rd:Evidence",
    "mention": "rd:Mention",
}


def common(ctx: PageContext, kind: str, iri: str) -> dict[str, Any]:
    """What every entity page carries: its IRI, class label and data forms."""
    return {
        "iri": iri,
        "kind": kind,
        "class_label": ctx.label(ENTITY_CLASSES[kind]),
        "alternates": ctx.links.alternates(iri),
    }


def render_person_or_organization(ctx: PageContext, kind: str, iri: str) -> str | None:
    if kind == "organization":
        page = read_organization(ctx, iri, parse_page_number(request.args.get("page")))
    else:
        page = read_entity(ctx, kind, iri)
    if page is None:
        return None
    pictures: dict[str, Any] = {}
    if kind == "person":
        pictures["timeline"] = person_timeline(ctx, page)
    else:
        pictures["flows"] = organization_flows(ctx, page)
    return render_template(
        f"{kind}.html",
        page=page,
        jsonld=script_json(entity_jsonld(page, ctx.links.page(iri))),
        **pictures,
        **common(ctx, kind, iri),
    )


def move_title(ctx: PageContext, move: MoveView) -> str:
    """ "Lilian Weng: OpenAI → unknown"."""
    who = move.who.label if isinstance(move.who, Link) else move.who.value
    origin = move.origin.label if move.origin else move.unknown
    destination = move.destination.label if move.destination else move.unknown
    return f"{who}: {origin} → {destination}"


def render_move(ctx: PageContext, iri: str) -> str | None:
    described = read_neighbourhood(ctx, iri, ())
    fact = described.get(iri) if described else None
    if fact is None or not fact.has_type(ctx.vocabulary.expand("rd:Move")):
        return None
    move = move_view(ctx, fact, MOVE_PAGE_DETAILS)
    attach_sources(ctx, [move])
    title = move_title(ctx, move)
    return render_template(
        "move.html",
        move=move,
        title=title,
        jsonld=script_json(move_jsonld(move, title)),
        **common(ctx, "move", iri),
    )


def render_role(ctx: PageContext, iri: str) -> str | None:
    described = read_neighbourhood(ctx, iri, ("rd:roleBefore", "rd:roleAfter"))
    fact = described.get(iri) if described else None
    if described is None or fact is None or not fact.has_type(ctx.vocabulary.expand("rd:Role")):
        return None
    role = role_view(ctx, fact, ROLE_PAGE_DETAILS)
    moves = [move_view(ctx, d) for other, d in described.items() if other != iri]
    moves.sort(key=lambda m: m.sort_key)
    attach_sources(ctx, [role, *moves])
    heading = role.title or role.description
    title = heading.value if heading else ctx.t("role.untitled")
    who = role.person.label if role.person else ""
    return render_template(
        "role.html",
        role=role,
        moves=moves,
        title=title,
        full_title=f"{who} · {title}" if who else title,
        jsonld=script_json(role_jsonld(role)),
        **common(ctx, "role", iri),
    )


def render_document(ctx: PageContext, iri: str) -> str | None:
    page = read_document(ctx, iri)
    if page is None:
        return None
    return render_template(
        "document.html",
        page=page,
        jsonld=script_json(document_jsonld(page, ctx.links.page(iri))),
        **common(ctx, "document", iri),
    )


def render_annotation(ctx: PageContext, kind: str, iri: str) -> str | None:
    page = read_annotation(ctx, kind, iri)
    if page is None:
        return None
    return render_template(
        "annotation.html",
        page=page,
        jsonld=script_json(annotation_jsonld(page)),
        **common(ctx, kind, iri),
    )


def render_entity(ctx: PageContext, kind: str, iri: str) -> str | None:
    """The page of `iri` as an entity of `kind`, or None (unknown kind, or not in the graph)."""
    if kind in ("person", "organization"):
        return render_person_or_organization(ctx, kind, iri)
    if kind == "move":
        return render_move(ctx, iri)
    if kind == "role":
        return render_role(ctx, iri)
    if kind == "document":
        return render_document(ctx, iri)
    if kind in ("evidence", "mention"):
        return render_annotation(ctx, kind, iri)
    return None
