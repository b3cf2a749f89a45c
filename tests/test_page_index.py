"""The page index file: rows kept in order, searched as the pages search, written at once, versioned."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from server.page_index import (
    INDEX_FILE,
    SCHEMA_VERSION,
    FlowRow,
    IndexRow,
    OrganizationRows,
    PageIndex,
    is_current,
    write_page_index,
)
from server.page_search import fold, matches, query_words

WORDS = ("orion", "recherche", "paris", "août", "rumeur", "openai", "lab", "2024")


def rows_of(count: int, seed: int) -> tuple[list[IndexRow], dict[str, str]]:
    """`count` rows whose haystacks (and, for every other one, document text) hold random words."""
    rng = random.Random(seed)
    rows, texts = [], {}
    for n in range(count):
        iri = f"http://example.org/thing/{n}"
        label = " ".join(rng.sample(WORDS, 2)).title()
        rows.append(IndexRow(iri, label, rng.choice((None, "fr")), (f"{n} facts",), fold(label)))
        if n % 2:
            texts[iri] = fold(" ".join(rng.sample(WORDS, 3)))
    return rows, texts


@pytest.fixture
def index(tmp_path: Path) -> PageIndex:
    rows, texts = rows_of(230, seed=4)
    path = tmp_path / INDEX_FILE
    write_page_index(path, [("documents", "en", rows), ("people", "en", rows[:7])], texts)
    return PageIndex(path)


def test_rows_come_back_in_their_order_a_page_at_a_time(index: PageIndex) -> None:
    rows, _ = rows_of(230, seed=4)
    assert index.total("documents", "en") == 230 and index.total("people", "en") == 7
    assert index.total("documents", "fr") == 0
    found, page = index.search("documents", "en", [], 50, 50)
    assert found == 230
    assert [(r.iri, r.label, r.label_lang, r.meta) for r in page] == [
        (r.iri, r.label, r.label_lang, r.meta) for r in rows[50:100]
    ]
    assert index.search("documents", "en", [], 225, 50)[1][-1].iri == rows[-1].iri


@pytest.mark.parametrize("query", ["orion", "orion paris", "AOÛT", "rech 2024", "zzz", "o"])
def test_a_search_finds_what_the_pages_matching_finds(index: PageIndex, query: str) -> None:
    rows, texts = rows_of(230, seed=4)
    words = query_words(query)
    expected = [r.iri for r in rows if matches(words, r.label, texts.get(r.iri, ""))]
    found, page = index.search("documents", "en", words, 0, 1000)
    assert found == len(expected)
    assert [r.iri for r in page] == expected


def test_an_index_is_current_only_when_whole_and_of_this_schema(tmp_path: Path) -> None:
    path = tmp_path / INDEX_FILE
    assert not is_current(path)
    path.write_bytes(b"not a database at all")
    assert not is_current(path)
    write_page_index(path, [("people", "en", rows_of(3, seed=1)[0])], {})
    assert is_current(path) and [p.name for p in tmp_path.iterdir()] == [INDEX_FILE]
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    assert not is_current(path)


def test_writing_again_replaces_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / INDEX_FILE
    write_page_index(path, [("people", "en", rows_of(30, seed=1)[0])], {})
    reader = PageIndex(path)
    write_page_index(path, [("people", "en", rows_of(5, seed=2)[0])], {})
    assert PageIndex(path).total("people", "en") == 5
    assert reader.total("people", "en") == 30  # a reader keeps the file it opened


def test_an_organisation_is_read_a_page_of_each_list_at_a_time(tmp_path: Path) -> None:
    facts = [f"http://example.org/move/{n}" for n in range(120)]
    documents = [(f"http://example.org/doc/{n}", 130 - n) for n in range(75)]
    flows = [
        FlowRow("in", "http://example.org/b", "rd:Completed", 3, 2),
        FlowRow("out", "", "", 1, 1),
    ]
    organizations = OrganizationRows(
        totals=[("org:a", "joined", 120), ("org:a", "named_in", 75), ("org:b", "left", 1)],
        lists=[("org:a", "joined", facts), ("org:b", "left", ["http://example.org/move/x"])],
        named_in=[("org:a", documents)],
        flows=[("org:a", flow) for flow in flows],
    )
    path = tmp_path / INDEX_FILE
    write_page_index(path, [], {}, organizations)
    index = PageIndex(path)
    assert index.organization_totals("org:a") == {"joined": 120, "named_in": 75}
    assert index.organization_totals("org:nobody") == {}
    assert index.organization_list("org:a", "joined", 50, 50) == facts[50:100]
    assert index.organization_list("org:a", "joined", 100, 50) == facts[100:]
    assert index.organization_list("org:a", "left", 0, 50) == []
    assert index.organization_named_in("org:a", 50, 50) == documents[50:]
    assert sorted(index.organization_flows("org:a"), key=repr) == sorted(flows, key=repr)
    assert index.organization_flows("org:b") == []
