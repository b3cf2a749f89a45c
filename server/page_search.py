"""Search that ignores case and accents: "lilian" finds "Lilian Weng", "equipe" finds "équipe"."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Letters NFKD does not decompose, and typographic marks people type plainly.
_PLAIN = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "œ": "oe",
        "Œ": "oe",
        "æ": "ae",
        "Æ": "ae",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
    }
)
SNIPPET_CONTEXT = 60
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lowercase, accents removed, typographic marks made plain."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def query_words(query: str) -> list[str]:
    """The folded words of a query (all must match)."""
    return fold(query).split()


def matches(words: list[str], *fields: str) -> bool:
    """True when every word occurs in one of the fields (no words: everything matches)."""
    haystack = "\n".join(fold(field) for field in fields if field)
    return all(word in haystack for word in words)


@dataclass(frozen=True)
class Snippet:
    """A piece of a text around a match: before, the matched words as written, after."""

    before: str
    match: str
    after: str


def folded_with_positions(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original character."""
    pieces: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        folded = fold(char)
        pieces.append(folded)
        positions.extend([index] * len(folded))
    return "".join(pieces), positions


def snippet(text: str, words: list[str], context: int = SNIPPET_CONTEXT) -> Snippet | None:
    """The text around the first occurrence of the first word found, cut at word boundaries."""
    if not words or not text:
        return None
    quick = fold(text)
    if not any(word in quick for word in words):
        return None
    folded, positions = folded_with_positions(text)
    found = [(folded.find(word), word) for word in words if word in folded]
    if not found:
        return None
    at, word = min(found)
    start = positions[at]
    end = positions[at + len(word) - 1] + 1
    before = text[max(0, start - context) : start]
    after = text[end : end + context]
    if start - context > 0 and " " in before:
        before = "…" + before[before.index(" ") + 1 :]
    if end + context < len(text) and " " in after:
        after = after[: after.rindex(" ")] + "…"
    return Snippet(_SPACES.sub(" ", before), text[start:end], _SPACES.sub(" ", after))
