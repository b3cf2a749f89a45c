"""The registry of people and organisations: one slug each across all sources, with name variants."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kg.errors import BadInputError, Location
from kg.iris import is_slug
from kg.yaml_files import LineDict, load_yaml_mapping

EntityKind = Literal["person", "organization"]
SECTIONS: dict[str, EntityKind] = {"people": "person", "organizations": "organization"}
ENTITY_KEYS = {"name", "aliases"}


@dataclass(frozen=True)
class Entity:
    """A person or an organisation with the names the texts use for it."""

    slug: str
    kind: EntityKind
    name: str
    aliases: tuple[str, ...] = field(default=())

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def load_entities(path: Path) -> dict[str, Entity]:
    """Read `entities.yaml` into slug → Entity, refusing malformed or repeated entries."""
    data = load_yaml_mapping(path)
    unknown = set(data) - set(SECTIONS)
    if unknown:
        key = sorted(unknown)[0]
        raise BadInputError(
            f"unknown section {key!r}; expected {sorted(SECTIONS)}",
            Location(path, data.line_of(key)),
        )
    entities: dict[str, Entity] = {}
    for section, kind in SECTIONS.items():
        entries = data.get(section)
        if entries is None:
            continue
        if not isinstance(entries, LineDict):
            raise BadInputError(
                f"{section!r} must map slugs to entries", Location(path, data.line_of(section))
            )
        for slug, entry in entries.items():
            entities[slug] = _parse_entity(path, entries, slug, entry, kind, entities)
    return entities


def _parse_entity(
    path: Path,
    entries: LineDict,
    slug: str,
    entry: object,
    kind: EntityKind,
    known: dict[str, Entity],
) -> Entity:
    where = Location(path, entries.line_of(slug))
    if not is_slug(slug):
        raise BadInputError(f"{slug!r} is not a slug (lowercase ASCII words joined by '-')", where)
    if slug in known:
        raise BadInputError(f"{slug!r} is both a person and an organisation", where)
    if not isinstance(entry, LineDict):
        raise BadInputError(f"{slug!r} must be a mapping with a 'name'", where)
    unknown = set(entry) - ENTITY_KEYS
    if unknown:
        raise BadInputError(f"{slug!r}: unknown key {sorted(unknown)[0]!r}", where)
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise BadInputError(f"{slug!r} needs a non-empty 'name'", where)
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise BadInputError(f"{slug!r}: 'aliases' must be a list of names", where)
    return Entity(
        slug=slug, kind=kind, name=name.strip(), aliases=tuple(a.strip() for a in aliases)
    )
