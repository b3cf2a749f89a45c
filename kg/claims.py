"""Parse a source's curated claims (roles, moves, descriptions), checking every rule a curator can break."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal

from kg.entities import Entity, EntityKind
from kg.errors import BadInputError, Location
from kg.iris import is_slug
from kg.partial_dates import parse_partial_date
from kg.quotes import QuoteError, Span, locate_quote
from kg.sources import Source
from kg.yaml_files import LineDict, load_yaml_mapping

STATUSES = ("completed", "announced", "expected", "rumoured")
COMMON_KEYS = {"id", "type", "quote"}
ROLE_KEYS = {
    "person",
    "organization",
    "title",
    "description",
    "start",
    "end",
    "ended",
    "reports_to",
}
MOVE_KEYS = {
    "mover", "group", "from", "to", "role_before", "role_after", "status", "date", "timeframe",
    "reason", "reported_by", "announced_via",
}  # fmt: skip
DESCRIPTION_KEYS = {"entity", "text"}
KEYS_BY_TYPE = {"role": ROLE_KEYS, "move": MOVE_KEYS, "description": DESCRIPTION_KEYS}


@dataclass(frozen=True)
class Evidence:
    """One quote that states a claim, located in the text."""

    span: Span
    line: int


@dataclass(frozen=True)
class RoleClaim:
    """A person's position at an organisation, as stated."""

    id: str
    line: int
    evidence: tuple[Evidence, ...]
    person: str
    organization: str
    title: str | None
    description: str | None
    start: Literal | None
    end: Literal | None
    ended: bool | None
    reports_to: str | None


@dataclass(frozen=True)
class MoveClaim:
    """A person, or an unnamed group, leaving one organisation and/or joining another."""

    id: str
    line: int
    evidence: tuple[Evidence, ...]
    status: str
    mover: str | None
    headcount: int | None
    group_description: str | None
    from_organization: str | None
    to_organization: str | None
    role_before: str | None
    role_after: str | None
    date: Literal | None
    timeframe: str | None
    reason: str | None
    reported_by: str | None
    announced_via: str | None


@dataclass(frozen=True)
class DescriptionClaim:
    """A stated description of a person or an organisation."""

    id: str
    line: int
    evidence: tuple[Evidence, ...]
    entity: str
    text: str


Claim = RoleClaim | MoveClaim | DescriptionClaim


class _ClaimReader:
    """Reads the fields of one claim mapping, raising errors that name the file, line and claim."""

    def __init__(self, path: Path, mapping: LineDict, source: Source, entities: dict[str, Entity]):
        self.path = path
        self.mapping = mapping
        self.source = source
        self.entities = entities
        self.claim_id = mapping.get("id") if isinstance(mapping.get("id"), str) else None

    def fail(self, message: str, key: str | None = None) -> BadInputError:
        line = self.mapping.line_of(key) if key else self.mapping.line
        return BadInputError(message, Location(self.path, line, self.claim_id))

    def text(self, key: str, *, required: bool = False, stated: bool = True) -> str | None:
        value = self.mapping.get(key)
        if value is None:
            if required:
                raise self.fail(f"{key!r} is required", key)
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{key!r} must be non-empty text", key)
        if stated and value not in self.source.text:
            raise self.fail(f"{key!r} must be the article's own words, and {value!r} is not", key)
        return value

    def entity(
        self, key: str, kinds: tuple[EntityKind, ...], *, required: bool = False
    ) -> str | None:
        slug = self.text(key, required=required, stated=False)
        if slug is None:
            return None
        entity = self.entities.get(slug)
        if entity is None:
            raise self.fail(f"{key!r} names {slug!r}, which is not in entities.yaml", key)
        if entity.kind not in kinds:
            raise self.fail(
                f"{key!r} must name a {' or '.join(kinds)}; {slug!r} is a {entity.kind}", key
            )
        return slug

    def date(self, key: str) -> Literal | None:
        value = self.mapping.get(key)
        if value is None:
            return None
        try:
            return parse_partial_date(value)
        except ValueError as error:
            raise self.fail(str(error), key) from None

    def evidence(self) -> tuple[Evidence, ...]:
        raw = self.mapping.get("quote")
        if raw is None:
            raise self.fail("every claim needs the 'quote' that states it")
        items = raw if isinstance(raw, list) else [raw]
        if not items:
            raise self.fail("'quote' is an empty list", "quote")
        evidence = []
        for item in items:
            line = item.line if isinstance(item, LineDict) else self.mapping.line_of("quote")
            if isinstance(item, LineDict):
                if set(item) - {"text", "occurrence"} or not isinstance(item.get("text"), str):
                    raise self.fail("a quote mapping has 'text' and optional 'occurrence'", "quote")
                text, occurrence = item["text"], item.get("occurrence")
                if occurrence is not None and (
                    not isinstance(occurrence, int) or isinstance(occurrence, bool)
                ):
                    raise self.fail("'occurrence' must be a whole number", "quote")
            elif isinstance(item, str):
                text, occurrence = item, None
            else:
                raise self.fail(
                    "'quote' must be text, {text, occurrence}, or a list of them", "quote"
                )
            try:
                span = locate_quote(self.source.text, text, occurrence)
            except QuoteError as error:
                raise BadInputError(str(error), Location(self.path, line, self.claim_id)) from None
            evidence.append(Evidence(span=span, line=line))
        return tuple(evidence)


def load_claims(source: Source, entities: dict[str, Entity]) -> list[Claim]:
    """The claims of one source, in file order; a missing claims file means no claims yet."""
    path = source.claims_path
    if not path.exists():
        return []
    data = load_yaml_mapping(path)
    unknown = set(data) - {"claims"}
    if unknown:
        key = sorted(unknown)[0]
        raise BadInputError(
            f"unknown key {key!r}; expected 'claims'", Location(path, data.line_of(key))
        )
    items = data.get("claims") or []
    if not isinstance(items, list):
        raise BadInputError("'claims' must be a list", Location(path, data.line_of("claims")))
    claims: list[Claim] = []
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, LineDict):
            raise BadInputError(
                "each claim must be a mapping", Location(path, data.line_of("claims"))
            )
        claim = parse_claim(path, item, source, entities)
        if claim.id in seen:
            raise BadInputError(
                "claim id used twice in this file", Location(path, item.line, claim.id)
            )
        seen.add(claim.id)
        claims.append(claim)
    check_role_references(path, claims)
    return claims


def parse_claim(
    path: Path, mapping: LineDict, source: Source, entities: dict[str, Entity]
) -> Claim:
    """One claim from its mapping."""
    reader = _ClaimReader(path, mapping, source, entities)
    claim_id = reader.text("id", required=True, stated=False)
    assert claim_id is not None
    if not is_slug(claim_id):
        raise reader.fail(
            f"id {claim_id!r} is not a slug (lowercase ASCII words joined by '-')", "id"
        )
    kind = mapping.get("type")
    if not isinstance(kind, str) or kind not in KEYS_BY_TYPE:
        raise reader.fail(f"'type' must be one of {sorted(KEYS_BY_TYPE)}, not {kind!r}", "type")
    unknown = set(mapping) - COMMON_KEYS - KEYS_BY_TYPE[kind]
    if unknown:
        key = sorted(unknown)[0]
        raise reader.fail(f"unknown key {key!r} for a {kind} claim", key)
    evidence = reader.evidence()
    if kind == "role":
        return parse_role(reader, claim_id, evidence)
    if kind == "move":
        return parse_move(reader, claim_id, evidence)
    entity = reader.entity("entity", ("person", "organization"), required=True)
    text = reader.text("text", required=True)
    assert entity is not None and text is not None
    return DescriptionClaim(claim_id, mapping.line, evidence, entity, text)


def parse_role(reader: _ClaimReader, claim_id: str, evidence: tuple[Evidence, ...]) -> RoleClaim:
    person = reader.entity("person", ("person",), required=True)
    organization = reader.entity("organization", ("organization",), required=True)
    assert person is not None and organization is not None
    ended = reader.mapping.get("ended")
    if ended is not None and not isinstance(ended, bool):
        raise reader.fail(
            "'ended' must be true or false (or absent when the text does not say)", "ended"
        )
    return RoleClaim(
        id=claim_id,
        line=reader.mapping.line,
        evidence=evidence,
        person=person,
        organization=organization,
        title=reader.text("title"),
        description=reader.text("description"),
        start=reader.date("start"),
        end=reader.date("end"),
        ended=ended,
        reports_to=reader.entity("reports_to", ("person",)),
    )


def parse_move(reader: _ClaimReader, claim_id: str, evidence: tuple[Evidence, ...]) -> MoveClaim:
    mapping = reader.mapping
    status = mapping.get("status")
    if status not in STATUSES:
        raise reader.fail(
            f"'status' must be one of {', '.join(STATUSES)}, not {status!r}", "status"
        )
    mover = reader.entity("mover", ("person",))
    headcount, group_description = parse_group(reader)
    if (mover is None) == (headcount is None):
        raise reader.fail("a move has either a 'mover' or a 'group' with a headcount, not both")
    from_organization = reader.entity("from", ("organization",))
    to_organization = reader.entity("to", ("organization",))
    if from_organization is None and to_organization is None:
        raise reader.fail("a move needs 'from' or 'to' (or both)")
    return MoveClaim(
        id=claim_id,
        line=mapping.line,
        evidence=evidence,
        status=status,
        mover=mover,
        headcount=headcount,
        group_description=group_description,
        from_organization=from_organization,
        to_organization=to_organization,
        role_before=reader.text("role_before", stated=False),
        role_after=reader.text("role_after", stated=False),
        date=reader.date("date"),
        timeframe=reader.text("timeframe"),
        reason=reader.text("reason"),
        reported_by=reader.entity("reported_by", ("person", "organization")),
        announced_via=reader.text("announced_via"),
    )


def parse_group(reader: _ClaimReader) -> tuple[int | None, str | None]:
    group = reader.mapping.get("group")
    if group is None:
        return None, None
    if not isinstance(group, LineDict) or set(group) - {"headcount", "description"}:
        raise reader.fail(
            "'group' is a mapping with 'headcount' and optional 'description'", "group"
        )
    headcount = group.get("headcount")
    if not isinstance(headcount, int) or isinstance(headcount, bool) or headcount < 1:
        raise reader.fail("'group.headcount' must be a whole number of at least 1", "group")
    description = group.get("description")
    if description is not None and (
        not isinstance(description, str) or description not in reader.source.text
    ):
        raise reader.fail("'group.description' must be the article's own words", "group")
    return headcount, description


def check_role_references(path: Path, claims: list[Claim]) -> None:
    """Every role_before/role_after names a role claim of the same file."""
    roles = {claim.id for claim in claims if isinstance(claim, RoleClaim)}
    for claim in claims:
        if not isinstance(claim, MoveClaim):
            continue
        for key, ref in (("role_before", claim.role_before), ("role_after", claim.role_after)):
            if ref is not None and ref not in roles:
                raise BadInputError(
                    f"{key!r} names {ref!r}, which is not a role claim of this file",
                    Location(path, claim.line, claim.id),
                )
