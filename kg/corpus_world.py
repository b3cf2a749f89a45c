"""The invented world a generated corpus reports on: people, organisations, careers, with skewed fame."""

from __future__ import annotations

import itertools
import random
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

from kg.corpus_words import (
    COMPANY_SUFFIXES,
    FIRST_NAMES,
    LANGUAGES,
    LAST_NAMES,
    OUTLET_SUFFIXES,
    SYLLABLES,
    TITLES,
)

PEOPLE_SKEW = 0.8
ORGANIZATION_SKEW = 1.1
LAST_MOVE_STATUSES = ("completed", "announced", "expected", "rumoured")
LAST_MOVE_WEIGHTS = (0.7, 0.12, 0.12, 0.06)  # earlier moves are all completed


@dataclass(frozen=True)
class Popularity:
    """Draws ranks with Zipf-like weights: a few are named by many articles, most by one or two."""

    cumulative: tuple[float, ...]

    @classmethod
    def of(cls, size: int, skew: float) -> Popularity:
        return cls(tuple(itertools.accumulate(1.0 / (rank + 1) ** skew for rank in range(size))))

    def index(self, rng: random.Random) -> int:
        return bisect_left(self.cumulative, rng.random() * self.cumulative[-1])


@dataclass(frozen=True)
class Person:
    """A person of the world; `alias` is the surname when no one else bears it."""

    slug: str
    name: str
    alias: str | None
    language: str

    @property
    def short(self) -> str:
        """How a text refers to the person a second time."""
        return self.alias or self.name


@dataclass(frozen=True)
class Organization:
    """A company, lab or news outlet."""

    slug: str
    name: str
    alias: str | None = None


@dataclass(frozen=True)
class Position:
    """A role in a career: its claim id, where, what title, under whom."""

    role_id: str
    organization: Organization
    title: str
    boss: Person | None


@dataclass(frozen=True)
class CareerMove:
    """The move from one position of a career to the next (`before` is None when unknown)."""

    move_id: str
    before: Position | None
    after: Position
    year: int
    month: int
    day: int
    precision: str  # "year", "month" or "day"
    status: str


@dataclass
class World:
    """Everyone and everything the corpus can name, fixed by (seed, size)."""

    seed: int
    people: dict[str, list[Person]]  # by language, most famous first
    journalists: list[Person]
    companies: list[Organization]
    outlets: list[Organization]
    fame: dict[str, Popularity]  # of the people of each language
    company_fame: Popularity

    def everyone(self) -> list[Person]:
        return [*itertools.chain.from_iterable(self.people.values()), *self.journalists]

    def organizations(self) -> list[Organization]:
        return [*self.companies, *self.outlets]


def slugify(name: str) -> str:
    """Lowercase ASCII words joined by '-'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = "".join(c.lower() if c.isalnum() else " " for c in ascii_name).split()
    return "-".join(words)


def rng_for(seed: int, *parts: object) -> random.Random:
    """A random generator fixed by the seed and the parts (string seeds hash the same everywhere)."""
    return random.Random(":".join(str(part) for part in (seed, *parts)))


def build_world(seed: int, size: int) -> World:
    """A world in proportion to `size` articles: about one person for three articles."""
    rng = rng_for(seed, "world")
    movers = max(40, size * 35 // 100)
    names = _person_names(rng, movers + max(10, size // 50))
    shared = _shared([last for _first, last in names])
    people_list = []
    for index, (first, last) in enumerate(names):
        name = f"{first} {last}"
        language = "en" if index % 3 == 2 else "fr"  # two articles in French for one in English
        people_list.append(Person(slugify(name), name, None if last in shared else last, language))
    companies_count = max(12, size // 40)
    stems = _stems(rng, companies_count + max(6, size // 400))
    companies = [
        _company(stem, COMPANY_SUFFIXES[i % len(COMPANY_SUFFIXES)])
        for i, stem in enumerate(stems[:companies_count])
    ]
    outlets = [
        Organization(slugify(f"{stem} {suffix}"), f"{stem} {suffix}")
        for stem, suffix in zip(stems[companies_count:], itertools.cycle(OUTLET_SUFFIXES))
    ]
    people = {
        language: [p for p in people_list[:movers] if p.language == language]
        for language in LANGUAGES
    }
    return World(
        seed=seed,
        people=people,
        journalists=people_list[movers:],
        companies=companies,
        outlets=outlets,
        fame={language: Popularity.of(len(pool), PEOPLE_SKEW) for language, pool in people.items()},
        company_fame=Popularity.of(len(companies), ORGANIZATION_SKEW),
    )


def career(world: World, person: Person) -> list[CareerMove]:
    """The moves of a person's career, the same whenever asked: 1 to 3 moves, oldest first."""
    rng = rng_for(world.seed, "career", person.slug)
    peers = world.people[person.language]
    count = rng.choice((1, 1, 2, 2, 3))
    organizations: list[Organization] = []
    while len(organizations) < count + 1:
        candidate = world.companies[world.company_fame.index(rng)]
        if not organizations or candidate != organizations[-1]:
            organizations.append(candidate)
    positions = []
    for number, organization in enumerate(organizations):
        boss = peers[rng.randrange(len(peers))] if rng.random() < 0.15 else None
        role_id = f"{person.slug}-at-{organization.slug}"
        if organization in organizations[:number]:
            role_id += f"-{number}"
        title = rng.choice(TITLES[person.language])
        positions.append(Position(role_id, organization, title, None if boss == person else boss))
    unknown_start = rng.random() < 0.1
    year = rng.randint(2016, 2019)
    moves = []
    for number in range(count):
        year += rng.randint(1, 2)
        before = None if unknown_start and number == 0 else positions[number]
        after = positions[number + 1]
        origin = f"{before.organization.slug}-to-" if before else "joins-"
        status = "completed"
        if number == count - 1 and before is not None:
            status = rng.choices(LAST_MOVE_STATUSES, LAST_MOVE_WEIGHTS)[0]
        moves.append(
            CareerMove(
                move_id=f"{person.slug}-{origin}{after.organization.slug}",
                before=before,
                after=after,
                year=year,
                month=rng.randint(1, 12),
                day=rng.randint(1, 28),
                precision=rng.choice(("year", "month", "month", "day")),
                status=status,
            )
        )
    return moves


def _person_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    pairs = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(pairs)
    if count > len(pairs):
        raise ValueError(f"the name lists hold {len(pairs)} people; {count} asked")
    return pairs[:count]


def _shared(surnames: list[str]) -> set[str]:
    seen: set[str] = set()
    shared: set[str] = set()
    for surname in surnames:
        (shared if surname in seen else seen).add(surname)
    return shared


def _stems(rng: random.Random, count: int) -> list[str]:
    """Invented, distinct organisation names, none of them a word the texts use otherwise."""
    stems: list[str] = []
    seen = set(FIRST_NAMES) | set(LAST_NAMES)
    while len(stems) < count:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3)))).capitalize()
        if stem not in seen:
            seen.add(stem)
            stems.append(stem)
    return stems


def _company(stem: str, suffix: str) -> Organization:
    name = f"{stem} {suffix}".strip()
    return Organization(slugify(name), name, stem if suffix else None)
