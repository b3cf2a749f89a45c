"""The schema.org JSON-LD each page embeds, and its safe writing inside a <script> element."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from server.page_documents import AnnotationPage, DocumentPage
from server.page_entities import EntityPage
from server.page_indexes import HomePage, IndexPage
from server.page_records import Link, MoveView, RoleView

SCHEMA = "https://schema.org"
# Characters that could end the script element or confuse an HTML parser, written as JSON escapes.
_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
COMPLETED_STATUS = "CompletedActionStatus"
POTENTIAL_STATUS = "PotentialActionStatus"


def script_json(data: dict[str, Any]) -> Markup:
    """JSON that is safe as the content of <script type="application/ld+json">."""
    return Markup(json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_ESCAPES))


def node(iri: str, kind: str, name: str) -> dict[str, Any]:
    return {"@type": kind, "@id": iri, "name": name}


def entity_jsonld(page: EntityPage, url: str) -> dict[str, Any]:
    """A Person (with its roles as schema.org Role nodes) or an Organization."""
    data: dict[str, Any] = {
        "@context": SCHEMA,
        **node(page.iri, "Person" if page.kind == "person" else "Organization", page.name),
        "url": url,
    }
    if page.other_names:
        data["alternateName"] = page.other_names
    if page.descriptions:
        data["description"] = [d.value for d in page.descriptions]
    if page.kind == "person" and page.roles:
        data["memberOf"] = [role_jsonld(role, with_context=False) for role in page.roles]
    if page.named_in:
        data["subjectOf"] = [
            {"@type": "Article", "name": n.document.label, "url": n.document.href}
            for n in page.named_in
        ]
    return data


def role_jsonld(role: RoleView, with_context: bool = True) -> dict[str, Any]:
    """A schema.org OrganizationRole: the role-name pattern around memberOf."""
    data: dict[str, Any] = {"@context": SCHEMA} if with_context else {}
    data.update({"@type": "OrganizationRole", "@id": role.iri})
    label = role.title or role.description
    if label is not None:
        data["roleName"] = label.value
    if role.start is not None and role.start.year is not None:
        data["startDate"] = role.start.lexical
    if role.end is not None and role.end.year is not None:
        data["endDate"] = role.end.lexical
    if role.organization is not None:
        data["memberOf"] = link_node(role.organization, "Organization")
    if role.person is not None and with_context:
        data["member"] = link_node(role.person, "Person")
    return data


def link_node(link: Link, kind: str) -> dict[str, Any]:
    return {"@type": kind, "name": link.label, "url": link.href}


def move_jsonld(move: MoveView, label: str) -> dict[str, Any]:
    """A JoinAction when the destination is known, else a LeaveAction (rd:Move's close matches)."""
    target = move.destination or move.origin
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "JoinAction" if move.destination else "LeaveAction",
        "@id": move.iri,
        "name": label,
        "actionStatus": COMPLETED_STATUS
        if move.status and not move.tentative
        else POTENTIAL_STATUS,
    }
    if isinstance(move.who, Link):
        data["agent"] = link_node(move.who, "Person")
    else:
        data["agent"] = {"@type": "Person", "description": move.who.value}
    if target is not None:
        data["object"] = link_node(target, "Organization")
    if move.date is not None and move.date.year is not None:
        data["startTime"] = move.date.lexical
    return data


def document_jsonld(page: DocumentPage, url: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Article",
        "@id": page.iri,
        "url": url,
        "headline": page.title.value,
        "identifier": page.identifier,
    }
    if page.language:
        data["inLanguage"] = page.language
    if page.issued:
        data["datePublished"] = page.issued
    if page.publisher:
        data["publisher"] = {"@type": "Organization", "name": page.publisher}
    if page.url:
        data["sameAs"] = page.url
    data["mentions"] = [link_node(named.link, "Thing") for named in page.named]
    return data


def annotation_jsonld(page: AnnotationPage) -> dict[str, Any]:
    return {
        "@context": SCHEMA,
        "@type": "Quotation",
        "@id": page.iri,
        "text": page.quote,
        "about": {"name": page.body.label, "url": page.body.href},
        "isPartOf": {"@type": "Article", "name": page.document.label, "url": page.document.href},
    }


def home_jsonld(page: HomePage, base: str, dumps: list[tuple[str, str]]) -> dict[str, Any]:
    """The dataset, its version and its downloads."""
    return {
        "@context": SCHEMA,
        "@type": "Dataset",
        "@id": f"{base}dataset",
        "name": page.title,
        "description": page.description,
        "version": page.version,
        "url": base,
        "distribution": [
            {"@type": "DataDownload", "contentUrl": href, "encodingFormat": media_type}
            for media_type, href in dumps
        ],
    }


def index_jsonld(page: IndexPage, name: str) -> dict[str, Any]:
    return {
        "@context": SCHEMA,
        "@type": "ItemList",
        "name": name,
        "numberOfItems": page.found,
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": page.first + i,
                "name": item.link.label,
                "url": item.link.href,
            }
            for i, item in enumerate(page.items)
        ],
    }
