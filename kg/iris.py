"""Every IRI the project mints, under one configurable base (`KG_BASE_URI`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Namespace, URIRef

DEFAULT_BASE_URI = "http://127.0.0.1:8080/"
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def is_slug(text: str) -> bool:
    """Tell whether `text` is a slug: lowercase ASCII words joined by single hyphens."""
    return bool(SLUG_PATTERN.fullmatch(text))


def check_base_uri(base: str) -> str:
    """Return `base` if it is an absolute http(s) IRI ending in '/', else raise ValueError."""
    if not re.match(r"^https?://[^\s/]+(/[^\s]*)?$", base) or not base.endswith("/"):
        raise ValueError(f"base URI must be an absolute http(s) IRI ending with '/': {base!r}")
    return base


@dataclass(frozen=True)
class Iris:
    """Mints the IRIs of one deployment from its base."""

    base: str = DEFAULT_BASE_URI

    def __post_init__(self) -> None:
        check_base_uri(self.base)

    @property
    def ontology(self) -> URIRef:
        return URIRef(f"{self.base}ontology")

    @property
    def vocab(self) -> Namespace:
        """The ontology's namespace (prefix `rd:`)."""
        return Namespace(f"{self.base}ontology#")

    @property
    def shapes(self) -> URIRef:
        return URIRef(f"{self.base}shapes")

    @property
    def shapes_namespace(self) -> Namespace:
        return Namespace(f"{self.base}shapes#")

    @property
    def metadata_graph(self) -> URIRef:
        return URIRef(f"{self.base}graph/metadata")

    @property
    def dataset(self) -> URIRef:
        return URIRef(f"{self.base}dataset")

    @property
    def context(self) -> URIRef:
        """The published JSON-LD context."""
        return URIRef(f"{self.base}context.jsonld")

    def person(self, slug: str) -> URIRef:
        return URIRef(f"{self.base}person/{slug}")

    def organization(self, slug: str) -> URIRef:
        return URIRef(f"{self.base}organization/{slug}")

    def role(self, claim_id: str) -> URIRef:
        return URIRef(f"{self.base}role/{claim_id}")

    def move(self, claim_id: str) -> URIRef:
        return URIRef(f"{self.base}move/{claim_id}")

    def document(self, doc_id: str) -> URIRef:
        return URIRef(f"{self.base}document/{doc_id}")

    def evidence(self, doc_id: str, claim_id: str, number: int) -> URIRef:
        return URIRef(f"{self.base}evidence/{doc_id}/{claim_id}-{number}")

    def mention(self, doc_id: str, entity_slug: str, number: int) -> URIRef:
        return URIRef(f"{self.base}mention/{doc_id}/{entity_slug}-{number}")

    def curation(self, doc_id: str) -> URIRef:
        return URIRef(f"{self.base}activity/curation/{doc_id}")

    def class_partition(self, class_name: str) -> URIRef:
        return URIRef(f"{self.base}dataset/class/{class_name}")

    def dump(self, filename: str) -> URIRef:
        return URIRef(f"{self.base}dumps/{filename}")

    def fragment(self, iri: URIRef, name: str) -> URIRef:
        """A fragment IRI of a minted resource (annotation targets and selectors)."""
        return URIRef(f"{iri}#{name}")

    def rebase(self, text: str) -> str:
        """Rewrite a file written against the default base (ontology, shapes) to this base."""
        return text if self.base == DEFAULT_BASE_URI else text.replace(DEFAULT_BASE_URI, self.base)

    def prefixes(self) -> dict[str, str]:
        """The prefixes of the minted namespaces, for readable dumps and queries."""
        return {
            "rd": str(self.vocab),
            "rdsh": str(self.shapes_namespace),
            "person": f"{self.base}person/",
            "organization": f"{self.base}organization/",
            "role": f"{self.base}role/",
            "move": f"{self.base}move/",
            "document": f"{self.base}document/",
        }
