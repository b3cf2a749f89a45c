"""Which of the registry's names a text may contain, found in time proportional to the text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

WORD = re.compile(r"\w+")

NamePair = tuple[str, str]  # (key, name), as find_names takes them
Words = tuple[str, ...]  # a name's first word, or its first two words


@dataclass(frozen=True)
class NameIndex:
    """Names by their first two words (one for one-word names); names that start with no word
    character are always candidates.

    `find_names` looks for every (key, name) pair it is given: with thousands of names and of texts,
    names x texts scans. A whole-word match of a name starts where a run of word characters starts
    in the text, and that run is exactly the name's first word (the name's first word ends at a
    non-word character of the name, or at its end, where `(?!\\w)` ends the text's run too). The
    characters between the name's first and second words are non-word characters, the same in the
    text, so the text's next run is exactly the name's second word. So only the names whose first
    two words are two consecutive words of the text can occur in it. Indexing by the first word
    alone would not be enough at scale: the names sharing a first name grow with the registry.
    """

    by_words: dict[Words, tuple[NamePair, ...]]
    unindexed: tuple[NamePair, ...]

    @classmethod
    def of(cls, names: Iterable[NamePair]) -> NameIndex:
        by_words: dict[Words, list[NamePair]] = {}
        unindexed = []
        for key, name in names:
            words = leading_words(name)
            if words is None:
                unindexed.append((key, name))
            else:
                by_words.setdefault(words, []).append((key, name))
        return cls({words: tuple(pairs) for words, pairs in by_words.items()}, tuple(unindexed))

    def candidates(self, text: str) -> list[NamePair]:
        """The names that may occur in `text` as whole words (all that can, and some that do not)."""
        words = WORD.findall(text)
        keys: set[Words] = {(word,) for word in words}
        keys.update(pairwise(words))
        found = [pair for key in keys for pair in self.by_words.get(key, ())]
        return [*found, *self.unindexed]


def leading_words(name: str) -> Words | None:
    """The first two words of a name (its only word if it has one); None if it starts with no word."""
    if WORD.match(name) is None:
        return None
    return tuple(WORD.findall(name)[:2])
