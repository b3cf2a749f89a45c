"""Find quotes and names in a document's text, as spans with code-point offsets, prefix and suffix."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

CONTEXT_LENGTH = 32
LOOKALIKES = str.maketrans({"’": "'", "‘": "'", "\u00a0": " ", "\u202f": " ", "“": '"', "”": '"'})


@dataclass(frozen=True)
class Span:
    """A stretch of a text: offsets in Unicode code points (end exclusive) and its surroundings."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


class QuoteError(ValueError):
    """A quote that is not in the text, or is in it more than once with no way to tell which."""


def make_span(text: str, start: int, end: int) -> Span:
    """The span of `text[start:end]` with up to CONTEXT_LENGTH code points of context each side."""
    return Span(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_LENGTH) : start],
        suffix=text[end : end + CONTEXT_LENGTH],
    )


def find_all(text: str, needle: str) -> list[int]:
    """Every start offset of `needle` in `text`, overlapping occurrences included."""
    starts = []
    position = text.find(needle)
    while position != -1:
        starts.append(position)
        position = text.find(needle, position + 1)
    return starts


def locate_quote(text: str, quote: str, occurrence: int | None = None) -> Span:
    """The span of a verbatim quote; `occurrence` (1-based) picks one when it occurs several times."""
    if not quote.strip():
        raise QuoteError("the quote is empty")
    starts = find_all(text, quote)
    if not starts:
        hint = ""
        if find_all(text.translate(LOOKALIKES), quote.translate(LOOKALIKES)):
            hint = (
                " (it is there with other apostrophes, quotation marks or spaces: the text uses"
                " ’ and non-breaking spaces; copy the quote from the text)"
            )
        raise QuoteError(f"quote not found verbatim in the text{hint}: {quote!r}")
    if occurrence is None:
        if len(starts) > 1:
            raise QuoteError(
                f"quote occurs {len(starts)} times in the text; say which with"
                f" `occurrence: N` (1 to {len(starts)}): {quote!r}"
            )
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        raise QuoteError(
            f"occurrence {occurrence} asked but the quote occurs {len(starts)} time(s): {quote!r}"
        )
    start = starts[occurrence - 1]
    return make_span(text, start, start + len(quote))


def find_names(text: str, names: Iterable[tuple[str, str]]) -> list[tuple[str, Span]]:
    """Whole-word occurrences of names, longest name first, never overlapping, in text order.

    `names` holds (key, name) pairs; the result holds (key, span) pairs.
    """
    taken = [False] * len(text)
    found: list[tuple[str, Span]] = []
    for key, name in sorted(names, key=lambda pair: (-len(pair[1]), pair[1], pair[0])):
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        for match in pattern.finditer(text):
            if any(taken[match.start() : match.end()]):
                continue
            taken[match.start() : match.end()] = [True] * (match.end() - match.start())
            found.append((key, make_span(text, match.start(), match.end())))
    return sorted(found, key=lambda pair: (pair[1].start, pair[0]))
