"""Every URL a page links to, built in one place: entity pages, quote anchors, data forms, language."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from server.negotiation import RDF_TYPES

# The data forms a page offers as <link rel="alternate">, by media-type name (see server.negotiation).
ALTERNATE_FORMATS: tuple[str, ...] = ("turtle", "jsonld", "nt", "rdfxml")
DUMP_STEM = "revolving-door"


@dataclass(frozen=True)
class Alternate:
    """One data form of a page."""

    media_type: str
    href: str
    extension: str


@dataclass(frozen=True)
class Links:
    """The URL builder of one request: the deployment's base, and the language links carry on."""

    base: str
    lang: str | None = None  # set when the request named its language (?lang=), so links keep it
    root: str = ""  # where the app is mounted (the request's script root), "" at the server's root

    def local_path(self, iri: str) -> str | None:
        """The path of an IRI minted under the base ("person/lilian-weng"), else None."""
        if not iri.startswith(self.base):
            return None
        path = iri[len(self.base) :]
        return path if path and "#" not in path and "?" not in path else None

    def page(self, iri: str, anchor: str = "") -> str:
        """The HTML page of an entity: its IRI path + ".html" (the IRI itself when not ours)."""
        path = self.local_path(iri)
        if path is None:
            return iri
        return f"{self.root}/{path}.html{self.query()}" + (f"#{anchor}" if anchor else "")

    def numbered_page(self, iri: str, number: int) -> str:
        """Page `number` of an entity's HTML page (the page itself for the first)."""
        path = self.local_path(iri)
        if path is None or number <= 1:
            return self.page(iri)
        values = {"page": str(number), **({"lang": self.lang} if self.lang else {})}
        return f"{self.root}/{path}.html?{urlencode(values)}"

    def route(self, path: str, **params: str) -> str:
        """A page of this site ("/people") with its parameters and the language, if named."""
        values = {key: value for key, value in params.items() if value}
        if self.lang:
            values["lang"] = self.lang
        return self.root + path + (f"?{urlencode(values)}" if values else "")

    def query(self) -> str:
        return f"?{urlencode({'lang': self.lang})}" if self.lang else ""

    def quote(self, evidence_iri: str, document_iri: str) -> str:
        """The place of a quote inside its document's page."""
        return self.page(document_iri, anchor_of(evidence_iri, "ev"))

    def mention(self, mention_iri: str, document_iri: str) -> str:
        return self.page(document_iri, anchor_of(mention_iri, "m"))

    def alternates(self, iri: str) -> list[Alternate]:
        """The entity's data forms: its IRI path with the extension of each format."""
        path = self.local_path(iri)
        if path is None:
            return []
        return [
            Alternate(
                kind.media_type, f"{self.root}/{path}.{kind.extensions[0]}", kind.extensions[0]
            )
            for kind in RDF_TYPES
            if kind.name in ALTERNATE_FORMATS
        ]

    def dump_alternates(self) -> list[Alternate]:
        """The whole dataset's data forms (the dumps), for pages about no single entity."""
        return [
            Alternate(
                kind.media_type,
                f"{self.root}/dumps/{DUMP_STEM}.{kind.extensions[0]}",
                kind.extensions[0],
            )
            for kind in RDF_TYPES
            if kind.name in ALTERNATE_FORMATS
        ]


def anchor_of(annotation_iri: str, prefix: str) -> str:
    """The HTML id of an annotation in its document page: "ev-<claim>-<n>" or "m-<slug>-<n>".

    Annotation IRIs are `{base}evidence/{doc}/{claim}-{n}`: the last segment is unique in a document.
    """
    return f"{prefix}-{annotation_iri.rstrip('/').rsplit('/', 1)[-1]}"
