"""The people and organisations of a synthetic graph, with a skewed popularity (a few big, many small)."""

from __future__ import annotations

import bisect
import itertools
import random
import unicodedata
from dataclasses import dataclass

from bench.vocabulary import FIRST_NAMES, NAME_ENDINGS, NAME_SYLLABLES, ORG_STEMS, ORG_SUFFIXES

ORG_SKEW = 1.1  # Zipf exponent of organisations: the biggest hires and loses most
PERSON_SKEW = 0.5  # people are less skewed: a few appear in many articles


@dataclass(frozen=True)
class Entity:
    """A person or an organisation: its slug (unique), its name and a short form of the name."""

    slug: str
    name: str
    short: str


@dataclass(frozen=True)
class Population:
    """Everyone an article may name, and the cumulative weights that draw them."""

    persons: tuple[Entity, ...]
    organizations: tuple[Entity, ...]
    person_weights: tuple[float, ...]
    org_weights: tuple[float, ...]

    def draw_person(self, rng: random.Random) -> int:
        """The index of a person, drawn by popularity."""
        return draw(rng, self.person_weights)

    def draw_organization(self, rng: random.Random) -> int:
        """The index of an organisation, drawn by size."""
        return draw(rng, self.org_weights)


def draw(rng: random.Random, cumulative: tuple[float, ...]) -> int:
    """An index drawn with the given cumulative weights."""
    return min(bisect.bisect(cumulative, rng.random() * cumulative[-1]), len(cumulative) - 1)


def zipf_weights(count: int, exponent: float) -> tuple[float, ...]:
    """Cumulative Zipf weights over `count` ranks."""
    return tuple(itertools.accumulate(1.0 / (rank**exponent) for rank in range(1, count + 1)))


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by hyphens, as the project's slugs are."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = "".join(c if c.isalnum() else " " for c in ascii_text.lower()).split()
    return "-".join(words)


def unique_slug(name: str, taken: dict[str, int]) -> str:
    """The slug of `name`, numbered when an earlier entity already has it."""
    slug = slugify(name)
    count = taken.get(slug, 0) + 1
    taken[slug] = count
    return slug if count == 1 else f"{slug}-{count}"


def make_person(rng: random.Random, taken: dict[str, int]) -> Entity:
    """A French-like person: a first name and a surname made of syllables."""
    surname = (
        rng.choice(NAME_SYLLABLES) + rng.choice(NAME_SYLLABLES) + rng.choice(NAME_ENDINGS)
    ).capitalize()
    name = f"{rng.choice(FIRST_NAMES)} {surname}"
    return Entity(slug=unique_slug(name, taken), name=name, short=surname)


def make_organization(index: int, rng: random.Random, names: dict[str, int]) -> Entity:
    """An organisation with a unique name (a stem or two and a suffix, numbered past that)."""
    stems = (
        rng.choice(ORG_STEMS) if index < 200 else f"{rng.choice(ORG_STEMS)} {rng.choice(ORG_STEMS)}"
    )
    name = f"{stems} {rng.choice(ORG_SUFFIXES)}"
    seen = names.get(name, 0) + 1
    names[name] = seen
    if seen > 1:
        name = f"{name} {seen}"
    return Entity(slug=slugify(name), name=name, short=name.split()[0])


def make_population(rng: random.Random, persons: int, organizations: int) -> Population:
    """`persons` people and `organizations` organisations, the first of each list the most popular."""
    taken: dict[str, int] = {}
    people = tuple(make_person(rng, taken) for _ in range(persons))
    names: dict[str, int] = {}
    orgs = tuple(make_organization(i, rng, names) for i in range(organizations))
    return Population(
        persons=people,
        organizations=orgs,
        person_weights=zipf_weights(persons, PERSON_SKEW),
        org_weights=zipf_weights(organizations, ORG_SKEW),
    )
