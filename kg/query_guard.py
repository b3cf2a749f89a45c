"""Refuse SPARQL that would make the engine open an outbound connection (SERVICE), before it runs."""

from __future__ import annotations

import re

from kg.errors import BadInputError

# Strings (long and short, both quotes), IRIs, comments and prefixed names are blanked before looking
# for keywords, so that `"SERVICE"`, `<http://x/SERVICE>` or `ex:self-service` do not count.
_LEXICAL_NOISE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*"
    r"|(?:[A-Za-z][\w\-.]*)?:[\w\-.:%]*",
)
_OUTBOUND_KEYWORDS = re.compile(r"(?<![\w:?$])(SERVICE|LOAD)(?![\w:])", re.IGNORECASE)


def refuse_outbound_requests(sparql: str) -> None:
    """Raise BadInputError if the query uses SERVICE (or LOAD): the engine would fetch a URL."""
    keyword = _OUTBOUND_KEYWORDS.search(without_lexical_noise(sparql))
    if keyword:
        raise BadInputError(
            f"{keyword.group(1).upper()} is refused: this endpoint never fetches remote data"
        )


def without_lexical_noise(sparql: str) -> str:
    """The query with its strings, IRIs, comments and prefixed names blanked (each character a space,
    so that offsets stay those of the query): only keywords, variables and punctuation remain."""
    return _LEXICAL_NOISE.sub(lambda match: " " * len(match.group()), sparql)
