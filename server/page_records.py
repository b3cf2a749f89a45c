"""The records pages are rendered from: plain values, already in the page's language, ready to escape."""

from __future__ import annotations

from dataclasses import dataclass, field

from server.page_dates import PartialDate


@dataclass(frozen=True)
class Text:
    """Words as a source states them, with their language (for the element's lang attribute)."""

    value: str
    lang: str | None = None


@dataclass(frozen=True)
class Link:
    """A link to a page of the site (or elsewhere)."""

    label: str
    href: str
    lang: str | None = None


@dataclass(frozen=True)
class Shown:
    """One value of a detail row: text, a link, or a date (with its machine-readable form)."""

    text: str
    href: str | None = None
    lang: str | None = None
    datetime: str | None = None


@dataclass(frozen=True)
class Detail:
    """A labelled row: the property's label from the ontology, and its values."""

    label: str
    values: list[Shown]


@dataclass(frozen=True)
class Source:
    """One quote that states a fact, where it stands, and which article it comes from."""

    evidence: str
    href: str
    document: Link
    date: str
    dated: bool
    quote: Text
    start: int
    end: int


@dataclass
class RoleView:
    """A role as pages show it."""

    iri: str
    href: str
    person: Link | None
    organization: Link | None
    title: Text | None
    description: Text | None
    start: PartialDate | None
    end: PartialDate | None
    period: str
    details: list[Detail]
    sources: list[Source] = field(default_factory=list)


@dataclass
class MoveView:
    """A move as pages show it."""

    iri: str
    href: str
    who: Link | Text
    origin: Link | None
    destination: Link | None
    unknown: str
    date: PartialDate | None
    date_text: str
    status: str
    tentative: bool
    people: int
    details: list[Detail]
    sources: list[Source] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple[tuple[int, int, int], str]:
        return (self.date.sort_key() if self.date else (10**7, 0, 0), self.iri)


@dataclass(frozen=True)
class Flow:
    """People who moved from one organisation to another (None: the source does not say)."""

    origin: Link | None
    destination: Link | None
    people: int
    moves: int
    tentative: bool
