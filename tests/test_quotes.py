"""Checks kg/quotes.py: quote spans in code points with their context, quote errors, and name matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.quotes import CONTEXT_LENGTH, QuoteError, Span, find_names, locate_quote, make_span

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

# Accents, a typographic apostrophe, non-breaking spaces and a character outside the BMP before the
# quote, so code-point, UTF-16 and UTF-8 offsets all differ.
TEXT = (
    "Nouveau rebondissement à l’été 🚀 : « Lilian Weng, figure majeure de la recherche en sécurité"
    " de l’IA, annonce son départ après 7 ans au sein de l’entreprise. »"
)
QUOTE = "Lilian Weng, figure majeure de la recherche en sécurité de l’IA"


def test_offsets_are_code_points() -> None:
    span = locate_quote(TEXT, QUOTE)
    expected_start = TEXT.index(QUOTE)
    assert span.start == expected_start == 37
    assert span.end == expected_start + len(QUOTE)
    assert span.exact == QUOTE == TEXT[span.start : span.end]
    # Not UTF-8 byte offsets, not UTF-16 code units.
    assert span.start != len(TEXT[:expected_start].encode("utf-8"))
    assert span.start != len(TEXT[:expected_start].encode("utf-16-le")) // 2


def test_prefix_and_suffix_are_32_code_points() -> None:
    assert CONTEXT_LENGTH == 32
    span = locate_quote(TEXT, "annonce son départ")
    assert span.prefix == " recherche en sécurité de l’IA, "
    assert len(span.prefix) == 32
    assert span.suffix == " après 7 ans au sein de l’entrep"
    assert len(span.suffix) == 32
    assert TEXT[span.start - 32 : span.end + 32] == span.prefix + span.exact + span.suffix


def test_context_is_cut_at_the_start_of_the_text() -> None:
    span = locate_quote(TEXT, "rebondissement")
    assert span.start == 8
    assert span.prefix == "Nouveau "
    assert len(span.suffix) == 32


def test_context_is_empty_at_the_very_start_and_end() -> None:
    first = locate_quote(TEXT, "Nouveau")
    assert (first.start, first.prefix) == (0, "")
    last = locate_quote(TEXT, "l’entreprise. »")
    assert last.end == len(TEXT)
    assert last.suffix == ""
    assert last.prefix == TEXT[last.start - 32 : last.start]


def test_context_is_cut_at_the_end_of_the_text() -> None:
    span = locate_quote(TEXT, "au sein de")
    assert span.suffix == " l’entreprise. »"
    assert span.end + len(span.suffix) == len(TEXT)


def test_whole_text_as_quote() -> None:
    span = locate_quote(TEXT, TEXT)
    assert span == Span(start=0, end=len(TEXT), exact=TEXT, prefix="", suffix="")


def test_make_span() -> None:
    text = "abcdefghij" * 10
    span = make_span(text, 40, 45)
    assert span == Span(40, 45, "abcde", text[8:40], text[45:77])


def test_quote_not_found() -> None:
    with pytest.raises(QuoteError) as caught:
        locate_quote(TEXT, "Lilian Weng quitte Anthropic")
    message = str(caught.value)
    assert "not found verbatim" in message
    assert "'Lilian Weng quitte Anthropic'" in message
    assert "apostrophes" not in message  # no hint: it is not there in any form
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    "quote",
    [
        "sécurité de l'IA",  # ' where the text has ’
        "à l'été",
        "« Lilian Weng",  # ordinary space where the text has a non-breaking one
    ],
)
def test_hint_when_the_quote_is_there_with_other_apostrophes_or_spaces(quote: str) -> None:
    text = TEXT.replace("« ", "«\u00a0")
    with pytest.raises(QuoteError) as caught:
        locate_quote(text, quote)
    message = str(caught.value)
    assert "not found verbatim" in message
    assert "’" in message and "non-breaking spaces" in message
    assert "copy the quote from the text" in message
    assert repr(quote) in message


def test_hint_for_typographic_quotes_in_the_quote() -> None:
    with pytest.raises(QuoteError, match="non-breaking spaces"):
        locate_quote('il a dit "non" hier', "il a dit “non” hier")


def test_quote_with_the_right_apostrophe_is_found() -> None:
    assert locate_quote(TEXT, "sécurité de l’IA").exact == "sécurité de l’IA"


@pytest.mark.parametrize("quote", ["", "   ", "\u00a0\n"])
def test_empty_quote(quote: str) -> None:
    with pytest.raises(QuoteError, match="the quote is empty"):
        locate_quote(TEXT, quote)


REPEATED = "OpenAI recrute. Anthropic recrute. Shopify recrute aussi."


def test_several_occurrences_without_occurrence() -> None:
    with pytest.raises(QuoteError) as caught:
        locate_quote(REPEATED, "recrute")
    message = str(caught.value)
    assert "occurs 3 times" in message
    assert "occurrence: N" in message
    assert "(1 to 3)" in message
    assert "'recrute'" in message


def test_occurrence_picks_one() -> None:
    starts = [7, 26, 43]
    for number, start in enumerate(starts, 1):
        span = locate_quote(REPEATED, "recrute", number)
        assert (span.start, span.end, span.exact) == (start, start + 7, "recrute")
        assert span.prefix == REPEATED[max(0, start - 32) : start]


def test_occurrence_one_of_a_unique_quote() -> None:
    assert locate_quote(REPEATED, "Anthropic", 1).start == 16


@pytest.mark.parametrize(
    ("quote", "occurrence", "count"),
    [("recrute", 4, 3), ("recrute", 0, 3), ("recrute", -1, 3), ("Anthropic", 2, 1)],
)
def test_occurrence_out_of_range(quote: str, occurrence: int, count: int) -> None:
    with pytest.raises(QuoteError) as caught:
        locate_quote(REPEATED, quote, occurrence)
    assert str(caught.value) == (
        f"occurrence {occurrence} asked but the quote occurs {count} time(s): {quote!r}"
    )


def test_overlapping_occurrences_count() -> None:
    with pytest.raises(QuoteError, match="occurs 2 times"):
        locate_quote("aaa", "aa")
    assert locate_quote("aaa", "aa", 2).start == 1


def test_real_source_quote() -> None:
    text = (SEEDS_DIR / "004_326b055be2d4181b.txt").read_text(encoding="utf-8")
    quote = "Après 7 ans chez OpenAI, je me sens prête à repartir de zéro"
    span = locate_quote(text, quote)
    assert text[span.start : span.end] == quote
    assert span.prefix.endswith("«\u00a0")  # the text has a non-breaking space after «


# --- names ---------------------------------------------------------------------------------------

ORGS = [("openai", "OpenAI"), ("anthropic", "Anthropic")]


def keys_and_exacts(found: list[tuple[str, Span]]) -> list[tuple[str, str, int]]:
    return [(key, span.exact, span.start) for key, span in found]


def test_names_in_text_order_with_spans() -> None:
    text = "Anthropic recrute chez OpenAI ; OpenAI répond."
    found = find_names(text, ORGS)
    assert keys_and_exacts(found) == [
        ("anthropic", "Anthropic", 0),
        ("openai", "OpenAI", 23),
        ("openai", "OpenAI", 32),
    ]
    assert found[1][1] == make_span(text, 23, 29)


@pytest.mark.parametrize(
    "text",
    [
        "OpenAIX",
        "XOpenAI",
        "OpenAI2",
        "OpenAI_labs",
        "OpenAIé",
        "éOpenAI",
        "openai",  # case-sensitive
        "Open AI",
    ],
)
def test_no_match_inside_a_longer_word(text: str) -> None:
    assert find_names(text, ORGS) == []


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("départ d'OpenAI", 9),
        ("départ d’OpenAI", 9),
        ("qu’OpenAI élargit", 3),
        ("(OpenAI)", 1),
        ("« OpenAI »", 2),
        ("chez OpenAI.", 5),
        ("OpenAI-Microsoft", 0),
        ("OpenAI", 0),
    ],
)
def test_match_next_to_punctuation(text: str, start: int) -> None:
    assert keys_and_exacts(find_names(text, ORGS)) == [("openai", "OpenAI", start)]


def test_longest_name_first_and_no_overlaps() -> None:
    names = [
        ("nyt-alias", "New York Times"),
        ("new-york-times", "The New York Times"),
        ("new-york", "New York"),
        ("weng", "Weng"),
        ("lilian-weng", "Lilian Weng"),
    ]
    text = "The New York Times cite Lilian Weng ; le New York Times et New York aussi ; Weng part."
    found = find_names(text, names)
    assert keys_and_exacts(found) == [
        ("new-york-times", "The New York Times", 0),
        ("lilian-weng", "Lilian Weng", 24),
        ("nyt-alias", "New York Times", 41),
        ("new-york", "New York", 59),
        ("weng", "Weng", 76),
    ]
    covered = [i for _, span in found for i in range(span.start, span.end)]
    assert len(covered) == len(set(covered))


def test_longest_name_wins_regardless_of_input_order() -> None:
    text = "Lilian Weng"
    for names in ([("w", "Weng"), ("lw", "Lilian Weng")], [("lw", "Lilian Weng"), ("w", "Weng")]):
        assert keys_and_exacts(find_names(text, names)) == [("lw", "Lilian Weng", 0)]


def test_real_source_names() -> None:
    text = (SEEDS_DIR / "000_b6ab9247b09f1895.txt").read_text(encoding="utf-8")
    names = [
        ("openai", "OpenAI"),
        ("andrea-vallone", "Vallone"),
        ("andrea-vallone", "Andrea Vallone"),
    ]
    found = find_names(text, names)
    by_key: dict[str, list[str]] = {}
    for key, span in found:
        assert text[span.start : span.end] == span.exact
        by_key.setdefault(key, []).append(span.exact)
    assert by_key["andrea-vallone"] == ["Andrea Vallone", "Vallone", "Vallone", "Vallone"]
    # "d'OpenAI" and "qu'OpenAI" count; every OpenAI of the text is a whole word.
    assert len(by_key["openai"]) == text.count("OpenAI") == 10
