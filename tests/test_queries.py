"""The example queries in queries/ answer their questions correctly on the seed graph."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store import OxigraphStore
from tests.conftest import QUERIES_DIR

Row = dict[str, str]


def run(store: OxigraphStore, name: str) -> list[Row]:
    """Run queries/NAME.rq and return its rows as plain strings ('' for unbound)."""
    result = store.query((QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8"))
    assert isinstance(result, ox.QuerySolutions)
    names = [variable.value for variable in result.variables]
    rows = []
    for solution in result:
        row = {}
        for variable in names:
            term = solution[variable]
            row[variable] = "" if term is None else term.value
        rows.append(row)
    return rows


def check_who_left_openai(rows: list[Row]) -> None:
    people = {row["person"] for row in rows}
    assert {"Andrea Vallone", "Jan Leike", "Lilian Weng", "Ilya Sutskever", "Mira Murati"} <= people
    assert {"Bob McGrew", "Andrej Karpathy", "Suchir Balaji"} <= people
    vallone = [row for row in rows if row["person"] == "Andrea Vallone"]
    assert {row["to"] for row in vallone} == {"Anthropic"}
    assert any("a rapporté The Verge" in row["quote"] for row in vallone)
    weng = [row for row in rows if row["person"] == "Lilian Weng"]
    assert {row["date"] for row in weng} == {"--11-15"}
    assert {row["status"] for row in weng} == {"announced"}
    assert {row["roleBefore"] for row in weng} == {"VP recherche et sécurité"}
    leike_documents = {
        row["document"].rsplit("/", 1)[-1] for row in rows if row["person"] == "Jan Leike"
    }
    assert leike_documents == {"porte-tournante-ia", "openai-hemorragie-lilian-weng"}


def check_openai_to_anthropic(rows: list[Row]) -> None:
    assert {row["person"] for row in rows} == {"Andrea Vallone"}
    assert all(row["status"].endswith("#completed") for row in rows)


def check_moves_not_done(rows: list[Row]) -> None:
    by_move = {row["move"].rsplit("/", 1)[-1]: row for row in rows}
    assert set(by_move) == {
        "lilian-weng-leaves-openai",
        "thinking-machines-lab-two-employees-expected-at-openai",
    }
    expected = by_move["thinking-machines-lab-two-employees-expected-at-openai"]
    assert expected["status"].endswith("#expected")
    assert expected["who"].startswith("2 (")
    assert expected["timeframe"] == "dans les semaines à venir"
    assert expected["reportedBy"] == "Alex Heath"
    assert by_move["lilian-weng-leaves-openai"]["status"].endswith("#announced")


def check_article_claims(rows: list[Row]) -> None:
    text = (Path(__file__).parent.parent / "seeds" / "004_326b055be2d4181b.txt").read_text("utf-8")
    assert len(rows) >= 25
    for row in rows:
        assert text[int(row["start"]) : int(row["end"])] == row["quote"]
    facts = {row["fact"].rsplit("/", 1)[-1] for row in rows}
    assert {
        "lilian-weng-leaves-openai",
        "mira-murati-cto-openai",
        "suchir-balaji-leaves-openai",
    } <= facts


def check_career(rows: list[Row]) -> None:
    assert [row["start"] for row in rows] == ["2018", "2021", "2023", "2024-08"]
    assert rows[-1]["title"] == "VP recherche et sécurité"
    assert {row["organization"] for row in rows} == {"OpenAI"}


def check_departures_without_destination(rows: list[Row]) -> None:
    people = [row["person"] for row in rows]
    assert "Andrea Vallone" not in people
    assert {"Jan Leike", "Lilian Weng", "Mira Murati", "Ilya Sutskever"} <= set(people)
    assert {row["roleBefore"] for row in rows if row["person"] == "Mira Murati"} == {"CTO"}


def check_flows(rows: list[Row]) -> None:
    flows = {(row["from"], row["to"]): int(row["total"]) for row in rows}
    assert flows[("Thinking Machines Lab", "OpenAI")] == 5  # three hired, two expected
    assert flows[("OpenAI", "Anthropic")] == 1
    assert flows[("Shopify", "OpenAI")] == 1
    assert flows[("OpenAI", "?")] == 7


def check_reporters(rows: list[Row]) -> None:
    reported = {(row["reporter"], row["move"].rsplit("/", 1)[-1]) for row in rows}
    assert ("The Verge", "andrea-vallone-openai-to-anthropic") in reported
    assert ("Alex Heath", "thinking-machines-lab-two-employees-expected-at-openai") in reported


def check_reasons(rows: list[Row]) -> None:
    reasons = {row["label"]: row["reason"] for row in rows}
    assert "sécurité" in reasons["Jan Leike: OpenAI → ?"]
    assert reasons["Lilian Weng: OpenAI → ?"].startswith("Après 7 ans chez OpenAI")


def check_who_leads_whom(rows: list[Row]) -> None:
    assert rows == [
        {"person": "Andrea Vallone", "organization": "Anthropic", "leader": "Jan Leike"}
    ]


def check_several_articles(rows: list[Row]) -> None:
    corroborated = {row["fact"].rsplit("/", 1)[-1]: int(row["documents"]) for row in rows}
    assert corroborated == {"jan-leike-leaves-openai": 2}


def check_quotes_at_offsets(rows: list[Row]) -> None:
    assert rows == []


def check_sources(rows: list[Row]) -> None:
    assert len(rows) == 2
    assert all(row["language"] == "fr" for row in rows)
    assert all(
        row["publisher"] == "" and row["issued"] == "" for row in rows
    )  # unknown stays unknown
    titled = [row for row in rows if row["title"]]
    assert len(titled) == 1 and titled[0]["title"].startswith("OpenAI en pleine hémorragie")
    assert all(int(row["facts"]) > 10 for row in rows)


def check_mentions(rows: list[Row]) -> None:
    assert {row["words"] for row in rows} == {"Jan Leike", "Leike"}
    assert {row["document"].rsplit("/", 1)[-1] for row in rows} == {
        "porte-tournante-ia",
        "openai-hemorragie-lilian-weng",
    }


CHECKS: dict[str, Callable[[list[Row]], None]] = {
    "01-who-left-openai": check_who_left_openai,
    "02-openai-to-anthropic": check_openai_to_anthropic,
    "03-moves-not-done": check_moves_not_done,
    "04-what-does-this-article-claim": check_article_claims,
    "05-career-of-a-person": check_career,
    "06-departures-without-destination": check_departures_without_destination,
    "07-flows-between-organisations": check_flows,
    "08-who-reported-what": check_reporters,
    "09-stated-reasons": check_reasons,
    "10-who-leads-whom": check_who_leads_whom,
    "11-facts-in-several-articles": check_several_articles,
    "12-check-quotes-at-offsets": check_quotes_at_offsets,
    "13-sources": check_sources,
    "14-where-is-a-person-named": check_mentions,
}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_example_query_answers_its_question(store: OxigraphStore, name: str) -> None:
    CHECKS[name](run(store, name))


def test_every_example_query_is_checked() -> None:
    assert sorted(path.stem for path in QUERIES_DIR.glob("*.rq")) == sorted(CHECKS)
    assert len(CHECKS) >= 10


@pytest.mark.parametrize("path", sorted(QUERIES_DIR.glob("*.rq")), ids=lambda p: p.stem)
def test_example_query_says_what_it_asks(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# title: ") and first.endswith("?")
