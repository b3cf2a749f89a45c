"""Checks kg/claims.py: the real claims load, and each curation rule broken once names file, line and claim."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Literal, namespace

from kg.claims import Claim, DescriptionClaim, MoveClaim, RoleClaim, load_claims
from kg.entities import load_entities
from kg.errors import BadInputError
from kg.sources import Source, load_sources

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
FIRST = "000_b6ab9247b09f1895"  # porte-tournante-ia
SECOND = "004_326b055be2d4181b"  # openai-hemorragie-lilian-weng


def source_of(seeds: Path, stem: str) -> Source:
    (source,) = [s for s in load_sources(seeds) if s.stem == stem]
    return source


def claims_of(seeds: Path, stem: str) -> list[Claim]:
    return load_claims(source_of(seeds, stem), load_entities(seeds / "entities.yaml"))


def by_id(claims: list[Claim]) -> dict[str, Claim]:
    return {claim.id: claim for claim in claims}


# --- the real claims -------------------------------------------------------------------------------


def test_real_claims_load() -> None:
    first = claims_of(SEEDS_DIR, FIRST)
    second = claims_of(SEEDS_DIR, SECOND)
    assert len(first) == 14
    assert len(second) == 22
    kinds = [type(claim).__name__ for claim in first]
    assert kinds.count("RoleClaim") == 6
    assert kinds.count("MoveClaim") == 5
    assert kinds.count("DescriptionClaim") == 3
    # Ids may repeat across files (the same fact stated twice), never within one.
    assert len({c.id for c in first}) == len(first)
    assert len({c.id for c in second}) == len(second)
    assert "jan-leike-leaves-openai" in by_id(first)
    assert "jan-leike-leaves-openai" in by_id(second)


def test_real_claims_evidence_is_in_the_text() -> None:
    for stem in (FIRST, SECOND):
        text = source_of(SEEDS_DIR, stem).text
        lines = (SEEDS_DIR / f"{stem}.claims.yaml").read_text(encoding="utf-8").splitlines()
        for claim in claims_of(SEEDS_DIR, stem):
            assert claim.evidence, claim.id
            assert lines[claim.line - 1].strip() == f"- id: {claim.id}"
            for evidence in claim.evidence:
                span = evidence.span
                assert text[span.start : span.end] == span.exact
                assert text[max(0, span.start - 32) : span.start] == span.prefix
                assert lines[evidence.line - 1].strip().startswith("quote:")


def test_real_claims_fields() -> None:
    first = by_id(claims_of(SEEDS_DIR, FIRST))
    move = first["andrea-vallone-openai-to-anthropic"]
    assert isinstance(move, MoveClaim)
    assert (move.mover, move.from_organization, move.to_organization) == (
        "andrea-vallone", "openai", "anthropic",
    )  # fmt: skip
    assert (move.role_before, move.role_after) == (
        "andrea-vallone-at-openai", "andrea-vallone-at-anthropic",
    )  # fmt: skip
    assert (move.status, move.reported_by, move.headcount, move.date) == (
        "completed", "the-verge", None, None,
    )  # fmt: skip
    assert [e.span.exact for e in move.evidence] == [
        "a récemment quitté l'entreprise pour rejoindre Anthropic, a rapporté The Verge",
        "Le passage de Vallone à Anthropic est particulièrement remarquable",
    ]
    group = first["thinking-machines-lab-three-executives-to-openai"]
    assert isinstance(group, MoveClaim)
    assert (group.mover, group.headcount, group.group_description) == (
        None, 3, "trois hauts dirigeants",
    )  # fmt: skip
    role = first["andrea-vallone-at-openai"]
    assert isinstance(role, RoleClaim)
    assert role.title == "responsable principale de la recherche sur la sécurité"
    assert (role.ended, role.reports_to, role.start) == (True, None, None)
    description = first["jan-leike-described"]
    assert isinstance(description, DescriptionClaim)
    assert (description.entity, description.text) == ("jan-leike", "chercheur en alignement")
    leaves = first["jan-leike-leaves-openai"]
    assert isinstance(leaves, MoveClaim)
    assert leaves.date == Literal("2024", datatype=namespace.XSD.gYear)

    second = by_id(claims_of(SEEDS_DIR, SECOND))
    weng = second["lilian-weng-leaves-openai"]
    assert isinstance(weng, MoveClaim)
    assert weng.date == Literal("--11-15", datatype=namespace.XSD.gMonthDay)
    assert (weng.status, weng.announced_via, len(weng.evidence)) == (
        "announced", "X (ex-Twitter)", 4,
    )  # fmt: skip
    vp = second["lilian-weng-vp-research-safety-openai"]
    assert isinstance(vp, RoleClaim)
    assert vp.start == Literal("2024-08", datatype=namespace.XSD.gYearMonth)


# --- editing a copy ------------------------------------------------------------------------------


def claims_file(seeds: Path, stem: str) -> Path:
    return seeds / f"{stem}.claims.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def last_line_of(path: Path, marker: str) -> int:
    """The 1-based number of the last line of `path` that contains `marker`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    numbers = [n for n, line in enumerate(lines, 1) if marker in line]
    assert numbers, f"{marker!r} not in {path.name}"
    return numbers[-1]


def refused(seeds: Path, stem: str) -> BadInputError:
    with pytest.raises(BadInputError) as caught:
        claims_of(seeds, stem)
    return caught.value


@dataclass(frozen=True)
class Broken:
    """One rule broken once: the edit, the line the error must point at, the claim and the message."""

    stem: str
    old: str
    new: str
    marker: str  # the (last) line containing it is the line the error names
    claim: str
    message: str


BROKEN: dict[str, Broken] = {
    "quote not verbatim": Broken(
        FIRST,
        'quote: "Jan Leike, un chercheur en alignement"',
        'quote: "Jan Leike, un brillant chercheur en alignement"',
        "un brillant chercheur",
        "jan-leike-described",
        "quote not found verbatim in the text: 'Jan Leike, un brillant chercheur en alignement'",
    ),
    "quote with ' where the text has ’": Broken(
        SECOND,
        'quote: "Lilian Weng, figure majeure de la recherche en sécurité de l’IA"',
        'quote: "Lilian Weng, figure majeure de la recherche en sécurité de l\'IA"',
        "sécurité de l'IA\"",
        "lilian-weng-described",
        "it is there with other apostrophes, quotation marks or spaces: the text uses ’ and"
        " non-breaking spaces",
    ),
    "quote occurring twice without occurrence": Broken(
        FIRST,
        'quote: "Thinking Machines Lab de Mira Murati"',
        'quote: "du Thinking Machines Lab"',
        'quote: "du Thinking Machines Lab"',
        "mira-murati-thinking-machines-lab",
        "quote occurs 2 times in the text; say which with `occurrence: N` (1 to 2)",
    ),
    "occurrence out of range": Broken(
        FIRST,
        'quote: "Thinking Machines Lab de Mira Murati"',
        'quote: {text: "du Thinking Machines Lab", occurrence: 3}',
        "occurrence: 3",
        "mira-murati-thinking-machines-lab",
        "occurrence 3 asked but the quote occurs 2 time(s)",
    ),
    "occurrence not a number": Broken(
        FIRST,
        'quote: "Thinking Machines Lab de Mira Murati"',
        'quote: {text: "du Thinking Machines Lab", occurrence: "2"}',
        'occurrence: "2"',
        "mira-murati-thinking-machines-lab",
        "'occurrence' must be a whole number",
    ),
    "unknown entity slug": Broken(
        FIRST,
        "    person: jan-leike\n",
        "    person: jan-leik\n",
        "person: jan-leik",
        "jan-leike-at-anthropic",
        "'person' names 'jan-leik', which is not in entities.yaml",
    ),
    "an organisation as mover": Broken(
        FIRST,
        "mover: andrea-vallone",
        "mover: openai",
        "mover: openai",
        "andrea-vallone-openai-to-anthropic",
        "'mover' must name a person; 'openai' is a organization",
    ),
    "a person as organisation": Broken(
        FIRST,
        "organization: shopify",
        "organization: max-stoiber",
        "organization: max-stoiber",
        "max-stoiber-shopify",
        "'organization' must name a organization; 'max-stoiber' is a person",
    ),
    "status outside the list": Broken(
        FIRST,
        "status: expected",
        "status: likely",
        "status: likely",
        "thinking-machines-lab-two-employees-expected-at-openai",
        "'status' must be one of completed, announced, expected, rumoured, not 'likely'",
    ),
    "bad date (month 13)": Broken(
        FIRST,
        'date: "2024"',
        'date: "2024-13"',
        'date: "2024-13"',
        "jan-leike-leaves-openai",
        "'2024-13' is not a date: a date is YYYY, YYYY-MM, YYYY-MM-DD, or --MM-DD",
    ),
    "bad date (30 February)": Broken(
        FIRST,
        'date: "2024"',
        'date: "2024-02-30"',
        'date: "2024-02-30"',
        "jan-leike-leaves-openai",
        "a date is YYYY, YYYY-MM, YYYY-MM-DD, or --MM-DD",
    ),
    "bad start date": Broken(
        SECOND,
        'start: "2024-08"',
        'start: "août 2024"',
        'start: "août 2024"',
        "lilian-weng-vp-research-safety-openai",
        "'août 2024' is not a date",
    ),
    "unknown key": Broken(
        FIRST,
        "    reported_by: the-verge\n",
        "    reported_by: the-verge\n    source: the-verge\n",
        "source: the-verge",
        "andrea-vallone-openai-to-anthropic",
        "unknown key 'source' for a move claim",
    ),
    "a move key on a role": Broken(
        FIRST,
        "    organization: shopify\n",
        "    organization: shopify\n    status: rumoured\n",
        "status: rumoured",
        "max-stoiber-shopify",
        "unknown key 'status' for a role claim",
    ),
    "duplicate claim id": Broken(
        FIRST,
        "- id: jan-leike-at-anthropic",
        "- id: anthropic-described",
        "- id: anthropic-described",  # the second one
        "anthropic-described",
        "claim id used twice in this file",
    ),
    "role_before naming no role": Broken(
        FIRST,
        "role_before: andrea-vallone-at-openai",
        "role_before: andrea-vallone-at-opena",
        "- id: andrea-vallone-openai-to-anthropic",
        "andrea-vallone-openai-to-anthropic",
        "'role_before' names 'andrea-vallone-at-opena', which is not a role claim of this file",
    ),
    "role_before naming a move": Broken(
        FIRST,
        "role_before: max-stoiber-shopify\n",
        "role_before: jan-leike-leaves-openai\n",
        "- id: max-stoiber-shopify-to-openai",
        "max-stoiber-shopify-to-openai",
        "'role_before' names 'jan-leike-leaves-openai', which is not a role claim of this file",
    ),
    "role_after naming a role of another file": Broken(
        FIRST,
        "role_after: andrea-vallone-at-anthropic",
        "role_after: lilian-weng-robotics-openai",
        "- id: andrea-vallone-openai-to-anthropic",
        "andrea-vallone-openai-to-anthropic",
        "'role_after' names 'lilian-weng-robotics-openai', which is not a role claim of this file",
    ),
    "move with neither mover nor group": Broken(
        FIRST,
        "    mover: jan-leike\n",
        "",
        "- id: jan-leike-leaves-openai",
        "jan-leike-leaves-openai",
        "a move has either a 'mover' or a 'group' with a headcount, not both",
    ),
    "move with both mover and group": Broken(
        FIRST,
        "    mover: max-stoiber\n",
        "    mover: max-stoiber\n    group: {headcount: 1}\n",
        "- id: max-stoiber-shopify-to-openai",
        "max-stoiber-shopify-to-openai",
        "a move has either a 'mover' or a 'group' with a headcount, not both",
    ),
    "move with neither from nor to": Broken(
        FIRST,
        "    mover: jan-leike\n    from: openai\n",
        "    mover: jan-leike\n",
        "- id: jan-leike-leaves-openai",
        "jan-leike-leaves-openai",
        "a move needs 'from' or 'to' (or both)",
    ),
    "group headcount zero": Broken(
        FIRST,
        "group: {headcount: 3,",
        "group: {headcount: 0,",
        "group: {headcount: 0,",
        "thinking-machines-lab-three-executives-to-openai",
        "'group.headcount' must be a whole number of at least 1",
    ),
    "group description not the article's words": Broken(
        FIRST,
        'description: "deux autres employés"',
        'description: "deux employés"',
        "group: {headcount: 2",
        "thinking-machines-lab-two-employees-expected-at-openai",
        "'group.description' must be the article's own words",
    ),
    "reason not the article's words": Broken(
        FIRST,
        "reason: \"préoccupations concernant l'engagement de l'entreprise en matière de sécurité de l'IA\"",
        'reason: "inquiétudes sur la sécurité"',
        'reason: "inquiétudes sur la sécurité"',
        "jan-leike-leaves-openai",
        "'reason' must be the article's own words, and 'inquiétudes sur la sécurité' is not",
    ),
    "title with ’ where the text has '": Broken(
        FIRST,
        'title: "directeur de l\'ingénierie"',
        'title: "directeur de l’ingénierie"',
        'title: "directeur de l’ingénierie"',
        "max-stoiber-shopify",
        "'title' must be the article's own words, and 'directeur de l’ingénierie' is not",
    ),
    "timeframe not the article's words": Broken(
        FIRST,
        'timeframe: "dans les semaines à venir"',
        'timeframe: "bientôt"',
        'timeframe: "bientôt"',
        "thinking-machines-lab-two-employees-expected-at-openai",
        "'timeframe' must be the article's own words",
    ),
    "description text not the article's words": Broken(
        FIRST,
        'text: "chercheur en alignement"',
        'text: "chercheuse en alignement"',
        'text: "chercheuse en alignement"',
        "jan-leike-described",
        "'text' must be the article's own words",
    ),
    "claim without quote": Broken(
        FIRST,
        '    quote: "Jan Leike, un chercheur en alignement"\n',
        "",
        "- id: jan-leike-described",
        "jan-leike-described",
        "every claim needs the 'quote' that states it",
    ),
    "claim with an empty quote list": Broken(
        FIRST,
        'quote: "Jan Leike, un chercheur en alignement"',
        "quote: []",
        "quote: []",
        "jan-leike-described",
        "'quote' is an empty list",
    ),
    "bad type": Broken(
        FIRST,
        "    type: description\n    entity: jan-leike\n",
        "    type: portrait\n    entity: jan-leike\n",
        "type: portrait",
        "jan-leike-described",
        "'type' must be one of ['description', 'move', 'role'], not 'portrait'",
    ),
    "type given as a list": Broken(
        FIRST,
        "    type: description\n    entity: jan-leike\n",
        "    type: [description]\n    entity: jan-leike\n",
        "type: [description]",
        "jan-leike-described",
        "'type' must be one of ['description', 'move', 'role'], not ['description']",
    ),
    "ended not a boolean": Broken(
        FIRST,
        '    ended: true\n    quote: "Max Stoiber, anciennement',
        '    ended: yes please\n    quote: "Max Stoiber, anciennement',
        "ended: yes please",
        "max-stoiber-shopify",
        "'ended' must be true or false",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN.values()), ids=list(BROKEN))
def test_broken_rule_names_file_line_and_claim(seeds_copy: Path, case: Broken) -> None:
    path = claims_file(seeds_copy, case.stem)
    edit(path, case.old, case.new)
    line = last_line_of(path, case.marker)
    error = refused(seeds_copy, case.stem)
    text = str(error)
    assert text.startswith(f"{path}:{line} (claim {case.claim!r}): "), text
    assert case.message in text, text
    assert path.name in text
    assert error.location is not None
    assert (error.location.path, error.location.line, error.location.claim) == (
        path, line, case.claim,
    )  # fmt: skip


def test_occurrence_picks_the_right_one(seeds_copy: Path) -> None:
    path = claims_file(seeds_copy, FIRST)
    edit(
        path,
        'quote: "Thinking Machines Lab de Mira Murati"',
        'quote: {text: "du Thinking Machines Lab", occurrence: 2}',
    )
    line = last_line_of(path, "occurrence: 2")
    text = source_of(seeds_copy, FIRST).text
    first_start = text.index("du Thinking Machines Lab")
    second_start = text.index("du Thinking Machines Lab", first_start + 1)
    claim = by_id(claims_of(seeds_copy, FIRST))["mira-murati-thinking-machines-lab"]
    (evidence,) = claim.evidence
    assert evidence.span.start == second_start
    assert evidence.span.end == second_start + len("du Thinking Machines Lab")
    assert evidence.span.suffix.startswith(" devraient rejoindre OpenAI")
    assert evidence.line == line


def test_occurrence_one_picks_the_first(seeds_copy: Path) -> None:
    path = claims_file(seeds_copy, FIRST)
    edit(
        path,
        'quote: "Thinking Machines Lab de Mira Murati"',
        'quote: {text: "du Thinking Machines Lab", occurrence: 1}',
    )
    text = source_of(seeds_copy, FIRST).text
    claim = by_id(claims_of(seeds_copy, FIRST))["mira-murati-thinking-machines-lab"]
    assert claim.evidence[0].span.start == text.index("du Thinking Machines Lab")
    assert claim.evidence[0].span.suffix.startswith(" de Mira Murati")


def test_same_id_in_two_files_is_allowed(seeds_copy: Path) -> None:
    """The same id in two files is the same fact stated by both: each file loads on its own."""
    ids_first = {c.id for c in claims_of(seeds_copy, FIRST)}
    ids_second = {c.id for c in claims_of(seeds_copy, SECOND)}
    assert ids_first & ids_second == {"jan-leike-leaves-openai"}


def test_missing_claims_file_means_no_claims(seeds_copy: Path) -> None:
    claims_file(seeds_copy, FIRST).unlink()
    assert claims_of(seeds_copy, FIRST) == []


def test_unknown_top_level_key(seeds_copy: Path) -> None:
    path = claims_file(seeds_copy, FIRST)
    path.write_text("facts: []\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert str(refused(seeds_copy, FIRST)) == f"{path}:1: unknown key 'facts'; expected 'claims'"
