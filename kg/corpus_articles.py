"""One generated article: its text, its metadata and its claims, each quote verbatim in the text."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from typing import Any

from kg.corpus_words import (
    ANNOUNCEMENT_CHANNELS,
    FILLER,
    GROUP_NOUNS,
    MONTHS,
    NUMBER_WORDS,
    ORGANIZATION_DESCRIPTIONS,
    PERSON_DESCRIPTIONS,
    REASONS,
    TIMEFRAMES,
)
from kg.corpus_world import (
    CareerMove,
    Organization,
    Person,
    Position,
    World,
    career,
    rng_for,
)
from kg.quotes import find_all

PHRASES = {
    "fr": {
        "role": "{person}, {title} chez {organization}",
        "boss": ", sous la direction de {boss}",
        "completed": "a quitté l’entreprise pour rejoindre {to} {date}",
        "joined": "{person} a rejoint {to} {date}",
        "announced": "a annoncé {channel} son départ pour {to}",
        "expected": "devrait rejoindre {to} {timeframe}",
        "rumoured": "pourrait quitter {from_short} pour {to}, selon des rumeurs",
        "reason": ", en raison de {reason}",
        "outlet": ", a rapporté {reporter}",
        "journalist": ", selon {reporter}",
        "after": "Chez {to}, {person} occupera le poste de {title}",
        "described": "{person} est présenté comme {text}",
        "organization": "{organization}, {text}",
        "organization_end": ", poursuit son recrutement.",
        "group": "Par ailleurs, {number} {noun} de {from_} ont rejoint {to}",
        "recap": "Pour rappel, ",
        "year": "en {year}",
        "month": "en {month} {year}",
        "day": "le {day} {month} {year}",
        "title_completed": "{person} quitte {from_} pour {to}",
        "title_joined": "{person} rejoint {to}",
        "title_announced": "{person} annonce son départ pour {to}",
        "title_expected": "{person} attendu chez {to}",
        "title_rumoured": "{person} pourrait rejoindre {to}",
    },
    "en": {
        "role": "{person}, {title} at {organization}",
        "boss": ", reporting to {boss}",
        "completed": "has left the company to join {to} {date}",
        "joined": "{person} joined {to} {date}",
        "announced": "announced {channel} a move to {to}",
        "expected": "is expected to join {to} {timeframe}",
        "rumoured": "may leave {from_short} for {to}, according to rumours",
        "reason": ", citing {reason}",
        "outlet": ", {reporter} reported",
        "journalist": ", according to {reporter}",
        "after": "At {to}, {person} will serve as {title}",
        "described": "{person} is described as {text}",
        "organization": "{organization}, {text}",
        "organization_end": ", keeps hiring.",
        "group": "Meanwhile, {number} {noun} from {from_} have joined {to}",
        "recap": "As a reminder, ",
        "year": "in {year}",
        "month": "in {month} {year}",
        "day": "on {month} {day}, {year}",
        "title_completed": "{person} leaves {from_} for {to}",
        "title_joined": "{person} joins {to}",
        "title_announced": "{person} announces a move to {to}",
        "title_expected": "{person} expected at {to}",
        "title_rumoured": "{person} may join {to}",
    },
}


@dataclass
class Article:
    """A generated source: what goes into STEM.txt, STEM.meta.yaml and STEM.claims.yaml."""

    stem: str
    meta: dict[str, Any]
    text: str
    claims: list[dict[str, Any]]


@dataclass
class Draft:
    """An article being written: sentences in order, claims whose quotes point at a sentence."""

    language: str
    rng: random.Random
    sentences: list[str] = field(default_factory=list)
    claims: list[tuple[dict[str, Any], list[tuple[str, int]]]] = field(default_factory=list)

    def say(self, sentence: str) -> int:
        self.sentences.append(sentence)
        return len(self.sentences) - 1

    def claim(self, fields: dict[str, Any], *quotes: tuple[str, int]) -> dict[str, Any]:
        self.claims.append((fields, list(quotes)))
        return fields

    def phrase(self, key: str, **values: object) -> str:
        return PHRASES[self.language][key].format(**values)


def write_article(world: World, index: int) -> Article:
    """Article number `index` of the world: the same for the same (seed, world size, index)."""
    rng = rng_for(world.seed, "article", index)
    language = "en" if rng.random() < len(world.people["en"]) / len(world.everyone()) else "fr"
    pool = world.people[language]
    popularity = world.fame[language]
    person = pool[popularity.index(rng)]
    moves = career(world, person)
    move = moves[rng.randrange(len(moves))]
    draft = Draft(language, rng)
    title = headline(draft, person, move) if rng.random() < 0.75 else None
    tell_move(draft, world, person, move)
    if rng.random() < 0.25:
        text = rng.choice(PERSON_DESCRIPTIONS[language])
        quote = draft.phrase("described", person=person.short, text=text)
        sentence = draft.say(quote + ".")
        claim = {"id": f"{person.slug}-described-{index}", "type": "description"}
        draft.claim({**claim, "entity": person.slug, "text": text}, (quote, sentence))
    if rng.random() < 0.15:
        describe_organization(draft, move.after.organization, index)
    if rng.random() < 0.12:
        tell_group_move(draft, world, index)
    if rng.random() < 0.3:
        others = [p for p in pool if p != person]
        other = others[popularity.index(rng) % len(others)]
        other_moves = career(world, other)
        tell_move(draft, world, other, other_moves[rng.randrange(len(other_moves))])
    for _ in range(rng.randint(1, 3)):
        position = rng.randint(0, len(draft.sentences))
        draft.sentences.insert(position, rng.choice(FILLER[language]))
        draft.claims = [
            (fields, [(q, s + (s >= position)) for q, s in quotes])
            for fields, quotes in draft.claims
        ]
    return finish(draft, world, index, move, title)


def headline(draft: Draft, person: Person, move: CareerMove) -> str:
    kind = "joined" if move.before is None and move.status == "completed" else move.status
    origin = move.before.organization.name if move.before else ""
    return draft.phrase(
        "title_completed" if kind == "completed" else f"title_{kind}",
        person=person.name,
        from_=origin,
        to=move.after.organization.name,
    )


def tell_move(draft: Draft, world: World, person: Person, move: CareerMove) -> None:
    """The sentence of a move (with the role left, when known) and often the role taken up."""
    rng = draft.rng
    to = move.after.organization
    fields: dict[str, Any] = {"id": move.move_id, "type": "move", "mover": person.slug}
    reporter = reported_by(draft, world)
    if move.before is None:
        date, literal = date_phrase(draft, move)
        quote = draft.phrase("joined", person=person.name, to=to.name, date=date) + reporter[0]
        sentence = draft.say(quote + ".")
        fields |= {"to": to.slug, "status": move.status, "date": literal}
    else:
        role = role_phrase(draft, person.name, move.before)
        opening = role + ", "
        fields |= {"from": move.before.organization.slug, "to": to.slug}
        fields |= {"role_before": move.before.role_id, "status": move.status}
        clause = move_clause(draft, move, fields)
        quote = clause + reporter[0]
        sentence = draft.say(opening + quote + ".")
        role_claim = role_fields(move.before, person, ended=move.status == "completed")
        quotes = [(role, sentence)]
        if rng.random() < 0.05:
            quotes.append((role, draft.say(draft.phrase("recap") + role + ".")))
        draft.claim(role_claim, *quotes)
    if reporter[1]:
        fields["reported_by"] = reporter[1]
    if rng.random() < 0.7:
        after = draft.phrase(
            "after", to=to.alias or to.name, person=person.short, title=move.after.title
        )
        if move.after.boss is not None:
            after += draft.phrase("boss", boss=move.after.boss.name)
        draft.claim(role_fields(move.after, person, ended=False), (after, draft.say(after + ".")))
        fields["role_after"] = move.after.role_id
    draft.claim(fields, (quote, sentence))


def move_clause(draft: Draft, move: CareerMove, fields: dict[str, Any]) -> str:
    """The words that state a move whose origin is known; fills the fields they state."""
    rng, to = draft.rng, move.after.organization.name
    assert move.before is not None
    if move.status == "completed":
        date, fields["date"] = date_phrase(draft, move)
        clause = draft.phrase("completed", to=to, date=date)
        if rng.random() < 0.25:
            fields["reason"] = rng.choice(REASONS[draft.language])
            clause += draft.phrase("reason", reason=fields["reason"])
        return clause
    if move.status == "announced":
        fields["announced_via"] = rng.choice(ANNOUNCEMENT_CHANNELS[draft.language])
        return draft.phrase("announced", channel=fields["announced_via"], to=to)
    if move.status == "expected":
        fields["timeframe"] = TIMEFRAMES[draft.language]
        return draft.phrase("expected", to=to, timeframe=fields["timeframe"])
    origin = move.before.organization
    return draft.phrase("rumoured", from_short=origin.alias or origin.name, to=to)


def role_phrase(draft: Draft, name: str, position: Position) -> str:
    role = draft.phrase(
        "role", person=name, title=position.title, organization=position.organization.name
    )
    if position.boss is not None:
        role += draft.phrase("boss", boss=position.boss.name)
    return role


def role_fields(position: Position, person: Person, *, ended: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": position.role_id,
        "type": "role",
        "person": person.slug,
        "organization": position.organization.slug,
        "title": position.title,
    }
    if ended:
        fields["ended"] = True
    if position.boss is not None:
        fields["reports_to"] = position.boss.slug
    return fields


def reported_by(draft: Draft, world: World) -> tuple[str, str | None]:
    """The words citing a source, and the slug of that source (half of the moves cite none)."""
    rng = draft.rng
    if rng.random() < 0.5:
        return "", None
    if rng.random() < 0.7:
        outlet = world.outlets[rng.randrange(len(world.outlets))]
        return draft.phrase("outlet", reporter=outlet.name), outlet.slug
    journalist = world.journalists[rng.randrange(len(world.journalists))]
    return draft.phrase("journalist", reporter=journalist.name), journalist.slug


def date_phrase(draft: Draft, move: CareerMove) -> tuple[str, str]:
    """How the text gives the date of a move, and the date at that precision."""
    month = MONTHS[draft.language][move.month - 1]
    phrase = draft.phrase(move.precision, year=move.year, month=month, day=move.day)
    literal = {
        "year": f"{move.year}",
        "month": f"{move.year}-{move.month:02d}",
        "day": f"{move.year}-{move.month:02d}-{move.day:02d}",
    }[move.precision]
    return phrase, literal


def describe_organization(draft: Draft, organization: Organization, index: int) -> None:
    text = draft.rng.choice(ORGANIZATION_DESCRIPTIONS[draft.language])
    quote = draft.phrase("organization", organization=organization.name, text=text)
    sentence = draft.say(quote + draft.phrase("organization_end"))
    fields = {"id": f"{organization.slug}-described-{index}", "type": "description"}
    draft.claim({**fields, "entity": organization.slug, "text": text}, (quote, sentence))


def tell_group_move(draft: Draft, world: World, index: int) -> None:
    """An unnamed group leaving one company for another."""
    rng = draft.rng
    origin = world.companies[world.company_fame.index(rng)]
    destination = world.companies[world.company_fame.index(rng)]
    if origin == destination:
        return
    headcount = rng.randint(2, 6)
    number = NUMBER_WORDS[draft.language][headcount - 2]
    noun = rng.choice(GROUP_NOUNS[draft.language])
    quote = draft.phrase("group", number=number, noun=noun, from_=origin.name, to=destination.name)
    draft.claim(
        {
            "id": f"group-{origin.slug}-to-{destination.slug}-{index}",
            "type": "move",
            "group": {"headcount": headcount, "description": f"{number} {noun}"},
            "from": origin.slug,
            "to": destination.slug,
            "status": "completed",
        },
        (quote, draft.say(quote + ".")),
    )


def finish(draft: Draft, world: World, index: int, move: CareerMove, title: str | None) -> Article:
    """Lay the sentences out in paragraphs, resolve each quote's occurrence, write the metadata."""
    rng = draft.rng
    parts = [title + "\n\n"] if title else []
    starts = []
    offset = len(parts[0]) if parts else 0
    for number, sentence in enumerate(draft.sentences):
        separator = "" if number == 0 else ("\n\n" if number % 3 == 0 else " ")
        offset += len(separator)
        starts.append(offset)
        parts.extend((separator, sentence))
        offset += len(sentence)
    text = "".join(parts) + "\n"
    claims = [claim_with_quotes(fields, quotes, text, starts) for fields, quotes in draft.claims]
    claims.sort(key=lambda claim: ("role", "move", "description").index(claim["type"]))
    doc_id = f"{move.move_id}-{index}"
    publisher = (
        world.outlets[rng.randrange(len(world.outlets))].name if rng.random() < 0.6 else None
    )
    meta = {
        "id": doc_id,
        "title": title,
        "language": draft.language,
        "publisher": publisher,
        "published": published_date(rng, move),
        "url": f"https://news.example.org/{doc_id}" if rng.random() < 0.5 else None,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    stem = f"{index:05d}_{hashlib.sha256(doc_id.encode('utf-8')).hexdigest()[:16]}"
    return Article(stem=stem, meta=meta, text=text, claims=claims)


def claim_with_quotes(
    fields: dict[str, Any], quotes: list[tuple[str, int]], text: str, starts: list[int]
) -> dict[str, Any]:
    """The claim with its quotes: plain when unique in the text, else with their `occurrence`."""
    written: list[Any] = []
    for quote, sentence in quotes:
        found = find_all(text, quote)
        occurrence = next(n for n, start in enumerate(found, 1) if start >= starts[sentence])
        written.append(quote if len(found) == 1 else {"text": quote, "occurrence": occurrence})
    return {**fields, "quote": written[0] if len(written) == 1 else written}


def published_date(rng: random.Random, move: CareerMove) -> str | None:
    """When the article appeared, at the precision known (a few days after the move), or null."""
    choice = rng.random()
    if choice < 0.2:
        return None
    day = min(28, move.day + rng.randint(0, 3))
    if choice < 0.3:
        return f"{move.year}-{move.month:02d}"
    return f"{move.year}-{move.month:02d}-{day:02d}"
