"""The context of one page: the store, the ontology's labels, the language, and the URL builder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app, request

from kg.store import GraphStore
from server.graph import GraphService, graph_service
from server.i18n import choose_language, translate
from server.page_graph import Vocabulary, load_vocabulary
from server.page_links import Links

CACHE_KEY = "pages.cache"


@dataclass
class PageContext:
    """Everything a page reader needs, made once per request."""

    service: GraphService
    store: GraphStore
    vocabulary: Vocabulary
    lang: str
    links: Links

    @property
    def base(self) -> str:
        return self.links.base

    def t(self, key: str, **values: object) -> str:
        """An interface string in the page's language."""
        return translate(key, self.lang, **values)

    def label(self, curie: str) -> str:
        """The ontology's label of a class, property or status in the page's language."""
        return self.vocabulary.label(curie, self.lang)

    def rd(self, local: str) -> str:
        """The IRI of an ontology term."""
        return f"{self.base}ontology#{local}"


def release_cache() -> dict[str, Any]:
    """A per-process cache of values computed from the release (which never changes under an app)."""
    service = graph_service()
    cache: dict[str, Any] = current_app.extensions.setdefault(CACHE_KEY, {})
    if cache.get("release") != str(service.release):
        cache.clear()
        cache["release"] = str(service.release)
    return cache


def page_context() -> PageContext:
    """The context of the current request."""
    service = graph_service()
    base = str(service.manifest["base_uri"])
    cache = release_cache()
    store = service.store
    vocabulary = cache.get("vocabulary")
    if not isinstance(vocabulary, Vocabulary):
        vocabulary = load_vocabulary(store, service.published.prefixes, base)
        cache["vocabulary"] = vocabulary
    lang, named = choose_language(request.args, request.accept_languages)
    links = Links(base, lang if named else None, request.script_root)
    return PageContext(service, store, vocabulary, lang, links)
