"""The name index finds, in each text, the mentions that looking for every name finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.assemble import entity_names
from kg.corpus import CorpusSpec, write_corpus
from kg.entities import load_entities
from kg.name_index import NameIndex
from kg.progress import Progress
from kg.quotes import find_names
from tests.conftest import SEEDS_DIR

TRICKY = [
    ("a", "Open"),
    ("b", "OpenAI"),
    ("c", "Open AI Lab"),
    ("d", "AI"),
    ("e", "#hashtag"),
    ("f", "Zoë Ŭlla"),
    ("g", "x-ray"),
    ("h", "42 Labs"),
]


@pytest.mark.parametrize(
    "text",
    [
        "OpenAI and Open AI Lab, not Opened; AI, #hashtag and Zoë Ŭlla.",
        "x-ray x-rays 42 Labs 142 Labs (Open)AI Open",
        "nothing here",
        "",
    ],
)
def test_candidates_find_every_match(text: str) -> None:
    index = NameIndex.of(TRICKY)
    assert find_names(text, index.candidates(text)) == find_names(text, TRICKY)


def test_the_seeds_and_a_corpus_give_the_same_mentions(tmp_path: Path) -> None:
    write_corpus(CorpusSpec(articles=40), tmp_path, Progress(enabled=False))
    for directory in (SEEDS_DIR, tmp_path):
        names = entity_names(load_entities(directory / "entities.yaml"))
        index = NameIndex.of(names)
        for path in sorted(directory.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            found = find_names(text, index.candidates(text))
            assert found == find_names(text, names), path.name
            assert found


def test_names_sharing_a_first_word_are_not_all_candidates() -> None:
    """A registry where many names share a first name: a text is searched for the few it may hold."""
    names = [(f"p{number}", f"Anna Surname{number}") for number in range(1000)]
    index = NameIndex.of([*names, ("anna", "Anna"), ("ab", "Anna-Surname7 Jr")])
    text = "Anna Surname7 met Anna; Anna-Surname7 Jr did not."
    assert sorted(index.candidates(text)) == [
        ("ab", "Anna-Surname7 Jr"),
        ("anna", "Anna"),
        ("p7", "Anna Surname7"),
    ]
    assert find_names(text, index.candidates(text)) == find_names(
        text, [*names, ("anna", "Anna"), ("ab", "Anna-Surname7 Jr")]
    )
