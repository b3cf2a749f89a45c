"""HTML pages: the home page, the searchable index pages, and `render_entity_html` for every entity page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, has_request_context, render_template, request

from server.i18n import LANGUAGE_NAMES, choose_language, other_language, translate
from server.page_context import page_context
from server.page_indexes import read_home, read_index
from server.page_jsonld import home_jsonld, index_jsonld, script_json
from server.page_links import Links
from server.page_paging import parse_page_number
from server.page_pictures import home_flows
from server.page_views import render_entity

blueprint = Blueprint("pages", __name__)

# The index pages: path, navigation label, search placeholder.
INDEX_PAGES: tuple[str, ...] = ("people", "organizations", "moves", "documents")
NAVIGATION: tuple[tuple[str, str], ...] = (
    ("/people", "nav.people"),
    ("/organizations", "nav.organizations"),
    ("/moves", "nav.moves"),
    ("/documents", "nav.documents"),
    ("/sparql", "nav.sparql"),
)


def render_entity_html(kind: str, iri: str) -> str | None:
    """The HTML page of the entity `iri` of the given kind ('person', 'organization', 'role', 'move',
    'document', 'evidence', 'mention'), or None when the graph does not hold it."""
    return render_entity(page_context(), kind, iri)


@blueprint.app_context_processor
def page_chrome() -> dict[str, Any]:
    """What base.html needs on every page, ours or not: language, its switch, navigation, strings."""
    if not has_request_context():
        return {}
    lang, named = choose_language(request.args, request.accept_languages)
    other = other_language(lang)
    args = {key: value for key, value in request.args.items() if key != "lang"}
    links = Links("", lang if named else None, request.script_root)
    return {
        "lang": lang,
        "t": lambda key, **values: translate(key, lang, **values),
        "switch_href": f"{request.script_root}{request.path}?{urlencode({**args, 'lang': other})}",
        "switch_lang": other,
        "switch_name": LANGUAGE_NAMES[other],
        "navigation": [(links.route(path), key, request.path == path) for path, key in NAVIGATION],
        "home_href": links.route("/"),
        "lang_param": lang if named else "",
        "root": request.script_root,
    }


@blueprint.after_app_request
def vary_on_language(response: Response) -> Response:
    """HTML pages are in the language of Accept-Language (unless ?lang= names one)."""
    if response.mimetype == "text/html":
        response.vary.add("Accept-Language")
    return response


@blueprint.get("/")
def home() -> str:
    ctx = page_context()
    page = read_home(ctx)
    picture, more = home_flows(ctx, page.flows)
    dumps = ctx.links.dump_alternates()
    return render_template(
        "home.html",
        page=page,
        flows=picture,
        more_flows=more,
        alternates=dumps,
        jsonld=script_json(home_jsonld(page, ctx.base, [(d.media_type, d.href) for d in dumps])),
    )


def index_page(kind: str) -> str:
    ctx = page_context()
    query = request.args.get("q", "").strip()[:200]
    page = read_index(ctx, kind, query, parse_page_number(request.args.get("page")))
    name = ctx.t(f"nav.{kind}")
    return render_template(
        "index.html",
        page=page,
        name=name,
        alternates=ctx.links.dump_alternates(),
        clear_href=ctx.links.route(f"/{kind}"),
        jsonld=script_json(index_jsonld(page, name)),
    )


@blueprint.get("/people")
def people() -> str:
    return index_page("people")


@blueprint.get("/organizations")
def organizations() -> str:
    return index_page("organizations")


@blueprint.get("/moves")
def moves() -> str:
    return index_page("moves")


@blueprint.get("/documents")
def documents() -> str:
    return index_page("documents")
