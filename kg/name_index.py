"""Which of the registry's names a text may contain, found in time proportional to the text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

WORD = re.compile(r"\w+")

NamePair = tuple[str, str]  # (key, name), as find_names takes them


@dataclass(frozen=True)
class NameIndex:
    """Names by their first word; names that start with no word character are always candidates.

    `find_names` looks for every (key, name) pair it is given: with thousands of names and of texts,
    names x texts scans. A whole-word match of a name starts where a run of word characters starts
    in the text, and that run is exactly the name's first word (the name's first word ends at a
    non-word character of the name, or at its end, where `(?!\\w)` ends the text's run too). So only
    the names whose first word is a word of the text can occur in it.
    """

    by_first_word: dict[str, tuple[NamePair, ...]]
    unindexed: tuple[NamePair, ...]

    @classmethod
    def of(cls, names: Iterable[NamePair]) -> NameIndex:
        by_first_word: dict[str, list[NamePair]] = {}
        unindexed = []
        for key, name in names:
            first = WORD.match(name)
            if first is None:
                unindexed.append((key, name))
            else:
                by_first_word.setdefault(first.group(), []).append((key, name))
        return cls({word: tuple(pairs) for word, pairs in by_first_word.items()}, tuple(unindexed))

    def candidates(self, text: str) -> list[NamePair]:
        """The names that may occur in `text` as whole words (all that can, and some that do not)."""
        words = set(WORD.findall(text))
        found = [pair for word in words for pair in self.by_first_word.get(word, ())]
        return [*found, *self.unindexed]
