"""Graph sizes as people write them: 10k, 100k, 1m, 10m (or plain numbers)."""

from __future__ import annotations

SUFFIXES = {"k": 1_000, "m": 1_000_000}


def parse_size(text: str) -> int:
    """The number of triples `text` names; ValueError says what is accepted."""
    cleaned = text.strip().lower().replace("_", "")
    factor = SUFFIXES.get(cleaned[-1:], 1)
    digits = cleaned[:-1] if factor > 1 else cleaned
    if not digits.isdigit() or int(digits) == 0:
        raise ValueError(
            f"{text!r} is not a size: write a number of triples such as 10k, 1m or 250000"
        )
    return int(digits) * factor


def size_label(triples: int) -> str:
    """The short name of a size (10k, 1m), or the number itself."""
    for suffix, factor in sorted(SUFFIXES.items(), key=lambda item: -item[1]):
        if triples % factor == 0:
            return f"{triples // factor}{suffix}"
    return str(triples)
