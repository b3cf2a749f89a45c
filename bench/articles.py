"""One synthetic article: French-like prose stating moves and roles, with the code-point span of each quote."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from bench.population import Population
from bench.vocabulary import (
    FILLER_WORDS,
    MOVE_VERBS,
    REASONS,
    ROLE_TITLES,
    STATUS_WEIGHTS,
    STATUSES,
)

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)  # fmt: skip


@dataclass(frozen=True)
class Span:
    """A span of the text in code points, end exclusive (as oa:start and oa:end)."""

    start: int
    end: int


@dataclass(frozen=True)
class PartialDate:
    """A date at the precision the text gives: its lexical form and XSD datatype's local name."""

    lexical: str
    datatype: str
    words: str


@dataclass(frozen=True)
class MoveFacts:
    """A move as articles state it (the same move may be reported by several articles)."""

    claim: str
    person: int
    source: int
    target: int
    status: str
    date: PartialDate | None
    title_before: str
    title_after: str
    reason: str | None


@dataclass(frozen=True)
class StatedMove:
    """A move stated by one article, with the quotes stating the move and the two roles."""

    facts: MoveFacts
    move_quote: Span
    before_quote: Span
    after_quote: Span


@dataclass(frozen=True)
class Mention:
    """The first place an article names a person ("person") or an organisation ("organization")."""

    kind: str
    index: int
    span: Span


@dataclass(frozen=True)
class Article:
    """One source document: its id, title, date, text, and what it states."""

    doc_id: str
    title: str
    issued: str
    text: str
    moves: tuple[StatedMove, ...]
    mentions: tuple[Mention, ...]


@dataclass
class TextBuilder:
    """Text written piece by piece, knowing where each piece lands (in code points)."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    mentions: dict[tuple[str, int], Span] = field(default_factory=dict)

    def add(self, piece: str) -> Span:
        """Append `piece`; its span."""
        span = Span(self.length, self.length + len(piece))
        self.parts.append(piece)
        self.length = span.end
        return span

    def name(self, kind: str, index: int, name: str) -> Span:
        """Append an entity's name, remembering its first occurrence as a mention."""
        span = self.add(name)
        self.mentions.setdefault((kind, index), span)
        return span

    def text(self) -> str:
        return "".join(self.parts)


def draw_date(rng: random.Random) -> PartialDate | None:
    """A date at a random precision (year, year-month, day), or none as texts often give none."""
    year = rng.randint(2018, 2025)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    precision = rng.random()
    if precision < 0.15:
        return None
    if precision < 0.4:
        return PartialDate(str(year), "gYear", f"en {year}")
    if precision < 0.7:
        return PartialDate(f"{year}-{month:02d}", "gYearMonth", f"en {MONTHS[month - 1]} {year}")
    return PartialDate(
        f"{year}-{month:02d}-{day:02d}", "date", f"le {day} {MONTHS[month - 1]} {year}"
    )


def draw_move(rng: random.Random, population: Population, claim: str) -> MoveFacts:
    """A new move: someone leaves an organisation for another."""
    source = population.draw_organization(rng)
    target = population.draw_organization(rng)
    while target == source:
        target = population.draw_organization(rng)
    return MoveFacts(
        claim=claim,
        person=population.draw_person(rng),
        source=source,
        target=target,
        status=rng.choices(STATUSES, weights=STATUS_WEIGHTS)[0],
        date=draw_date(rng),
        title_before=rng.choice(ROLE_TITLES),
        title_after=rng.choice(ROLE_TITLES),
        reason=rng.choice(REASONS) if rng.random() < 0.4 else None,
    )


def filler(rng: random.Random, text: TextBuilder) -> None:
    """A sentence of French-like words that states nothing."""
    words = [rng.choice(FILLER_WORDS) for _ in range(rng.randint(8, 18))]
    text.add(" ".join(words).capitalize() + ". ")


def state_move(
    rng: random.Random, population: Population, facts: MoveFacts, text: TextBuilder
) -> StatedMove:
    """Two sentences stating the move, the role it leaves and the role it takes up."""
    person = population.persons[facts.person]
    source = population.organizations[facts.source]
    target = population.organizations[facts.target]
    start = text.name("person", facts.person, person.name).start
    text.add(f", {facts.title_before} chez ")
    before_end = text.name("organization", facts.source, source.name).end
    text.add(f", {MOVE_VERBS[facts.status]} ")
    text.name("organization", facts.target, target.name)
    if facts.date is not None:
        text.add(f" {facts.date.words}")
    if facts.reason is not None:
        text.add(f" pour {facts.reason}")
    move_end = text.add(".").end
    text.add(" ")
    if rng.random() < 0.5:
        filler(rng, text)
    after_start = text.add(f"Chez {target.name}, {person.short} sera {facts.title_after}").start
    after_end = text.add(".").end
    text.add(" ")
    return StatedMove(
        facts=facts,
        move_quote=Span(start, move_end),
        before_quote=Span(start, before_end),
        after_quote=Span(after_start, after_end),
    )


def title(population: Population, moves: list[MoveFacts]) -> str:
    """The article's headline: the first mover, and how many others."""
    first = population.persons[moves[0].person].name
    if len(moves) == 1:
        return f"{first} change d'employeur"
    return f"Mouvements dans l'IA : {first} et {len(moves) - 1} autres"


def write_article(
    rng: random.Random, population: Population, number: int, moves: list[MoveFacts]
) -> Article:
    """The article numbered `number`, stating `moves` among sentences that state nothing."""
    text = TextBuilder()
    for _ in range(rng.randint(1, 3)):
        filler(rng, text)
    stated = []
    for facts in moves:
        stated.append(state_move(rng, population, facts, text))
        for _ in range(rng.randint(0, 2)):
            filler(rng, text)
    mentions = tuple(Mention(kind, index, span) for (kind, index), span in text.mentions.items())
    return Article(
        doc_id=f"article-{number:06d}",
        title=title(population, moves),
        issued=f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        text=text.text().rstrip(),
        moves=tuple(stated),
        mentions=mentions,
    )
