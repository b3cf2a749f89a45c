"""The pages' pure parts: dates, languages, search, highlighting, pictures, JSON-LD in a script."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from server.i18n import LANGUAGES, STRINGS, choose_language, translate
from server.page_dates import PartialDate, format_date, parse_partial_date
from server.page_jsonld import script_json
from server.page_links import Links, anchor_of
from server.page_search import fold, matches, query_words, snippet
from server.page_text import EVIDENCE, MENTION, Highlight, highlight
from server.pictures import (
    LABEL_LINE_CHARS,
    FlowEdge,
    FlowEnd,
    Span,
    layout_flows,
    layout_timeline,
    wrap_label,
)

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize(
    ("lexical", "datatype", "en", "fr"),
    [
        ("2024", "gYear", "2024", "2024"),
        ("2024-08", "gYearMonth", "August 2024", "août 2024"),
        ("2024-11-15", "date", "15 November 2024", "15 novembre 2024"),
        ("2024-11-01", "date", "1 November 2024", "1er novembre 2024"),
        (
            "--11-15",
            "gMonthDay",
            "15 November (year not given)",
            "15 novembre (année non précisée)",
        ),
    ],
)
def test_dates_are_shown_at_their_precision(lexical: str, datatype: str, en: str, fr: str) -> None:
    date = parse_partial_date(lexical, XSD + datatype)
    assert date is not None
    assert format_date(date, "en") == en
    assert format_date(date, "fr") == fr


def test_a_day_without_a_year_has_no_place_in_time() -> None:
    date = parse_partial_date("--11-15", XSD + "gMonthDay")
    assert date is not None and date.year is None
    assert date.start_fraction() is None and date.end_fraction() is None
    assert date.machine == "11-15"


def test_a_year_covers_the_whole_year() -> None:
    date = parse_partial_date("2018", XSD + "gYear")
    assert date is not None
    assert (date.start_fraction(), date.end_fraction()) == (2018.0, 2019.0)


def test_other_literals_are_no_dates() -> None:
    assert parse_partial_date("2024", XSD + "string") is None
    assert parse_partial_date("2024-08", XSD + "gYear") is None


def test_every_interface_string_has_every_language() -> None:
    for key, entry in STRINGS.items():
        assert set(LANGUAGES) <= entry.keys(), key
        singular = {name for name in entry if name.endswith(".one")}
        assert singular in (set(), {f"{lang}.one" for lang in LANGUAGES}), key


def test_plurals_follow_the_count() -> None:
    assert translate("fact.evidence_count", "en", n=1) == "1 quote"
    assert translate("fact.evidence_count", "en", n=0) == "0 quotes"
    assert translate("fact.evidence_count", "fr", n=0) == "0 citation"
    assert translate("fact.evidence_count", "fr", n=3) == "3 citations"


@pytest.mark.parametrize(
    ("query", "accept", "expected"),
    [
        ({}, "", ("en", False)),
        ({}, "fr-FR,fr;q=0.9,en;q=0.8", ("fr", False)),
        ({}, "de, fr;q=0.5", ("fr", False)),
        ({}, "de", ("en", False)),
        ({"lang": "fr"}, "en", ("fr", True)),
        ({"lang": "EN"}, "fr", ("en", True)),
        ({"lang": "xx"}, "fr", ("fr", False)),
    ],
)
def test_the_language_is_chosen_by_parameter_then_header(
    query: dict[str, str], accept: str, expected: tuple[str, bool]
) -> None:
    assert choose_language(query, parse_accept_header(accept, LanguageAccept)) == expected


def test_search_ignores_case_and_accents() -> None:
    assert fold("Équipe L’IA Œuvre") == "equipe l'ia oeuvre"
    assert matches(query_words("lilian"), "Lilian Weng")
    assert matches(query_words("equipe"), "l’équipe robotique")
    assert matches(query_words("WENG lilian"), "Lilian Weng")
    assert not matches(query_words("opnai"), "OpenAI")
    assert matches([], "anything")


def test_a_snippet_shows_the_words_as_written() -> None:
    text = "Un texte assez long. " * 5 + "Direction de l’équipe systèmes de sécurité" + " fin." * 30
    found = snippet(text, query_words("EQUIPE"))
    assert found is not None
    assert found.match == "équipe"
    assert found.before.endswith("Direction de l’")
    assert found.after.startswith(" systèmes")
    assert snippet(text, query_words("absent")) is None


class TagChecker(HTMLParser):
    """Fails on a closing tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.ids: list[str] = []
        self.anchors_inside_anchors = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" and "a" in self.open:
            self.anchors_inside_anchors += 1
        self.open.append(tag)
        self.ids += [value or "" for name, value in attrs if name == "id"]

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open}"
        self.open.pop()


def check(html: str) -> TagChecker:
    checker = TagChecker()
    checker.feed(html)
    checker.close()
    assert checker.open == []
    assert checker.anchors_inside_anchors == 0
    return checker


def quote(start: int, end: int, name: str, number: int = 1) -> Highlight:
    return Highlight(start, end, EVIDENCE, f"ev-{name}", f"/move/{name}.html", name, number)


def name(start: int, end: int, slug: str) -> Highlight:
    return Highlight(start, end, MENTION, f"m-{slug}", f"/person/{slug}.html", slug)


def text_of(html: str) -> str:
    """The visible text without the fact markers."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.skip += 1 if ("class", "ev-ref") in attrs else 0

        def handle_endtag(self, tag: str) -> None:
            self.skip = 0

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return "".join(parser.parts)


def test_highlighting_escapes_the_text_and_keeps_it_whole() -> None:
    text = 'a <script>alert("x")</script> & b'
    html = highlight(text, [quote(2, 29, "q"), name(31, 33, "b")])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert text_of(html) == text
    check(html)


def test_nested_and_identical_spans_nest() -> None:
    text = "Lilian Weng, figure majeure, annonce son départ."
    spans = [quote(0, 47, "leaves", 1), quote(0, 27, "described", 2), quote(0, 27, "same", 3)]
    html = highlight(text, [*spans, name(0, 11, "lilian-weng")])
    checker = check(html)
    assert checker.ids == ["ev-leaves", "ev-described", "ev-same", "m-lilian-weng"]
    assert text_of(html) == text
    assert html.count('<a class="ev-ref"') == 3


def test_crossing_spans_are_split_and_keep_one_anchor_each() -> None:
    text = "0123456789abcdefghij"
    html = highlight(text, [quote(2, 10, "first"), quote(5, 15, "second", 2)])
    checker = check(html)
    assert sorted(checker.ids) == ["ev-first", "ev-second"]
    assert html.count("ev-cont") == 1
    assert text_of(html) == text


def test_a_quote_that_starts_inside_a_name_never_puts_a_link_in_a_link() -> None:
    text = "Jan Leike, chercheur"
    html = highlight(text, [name(0, 9, "jan-leike"), quote(4, 20, "described")])
    check(html)
    assert text_of(html) == text


def test_spans_outside_the_text_are_left_out() -> None:
    html = highlight("short", [quote(2, 99, "bad"), quote(-1, 2, "worse")])
    assert html == "short"


def test_script_json_cannot_end_the_script_element() -> None:
    data = {"name": "</script><script>alert(1)</script>", "x": "a & b \u2028"}
    written = str(script_json(data))
    assert "</script" not in written and "<" not in written and "&" not in written
    assert json.loads(written) == data


def test_links_are_the_iri_path_with_html() -> None:
    links = Links("http://127.0.0.1:8080/")
    assert links.page("http://127.0.0.1:8080/person/lilian-weng") == "/person/lilian-weng.html"
    assert links.page("https://elsewhere.example/x") == "https://elsewhere.example/x"
    evidence = "http://127.0.0.1:8080/evidence/doc-1/lilian-weng-leaves-openai-2"
    document = "http://127.0.0.1:8080/document/doc-1"
    assert links.quote(evidence, document) == "/document/doc-1.html#ev-lilian-weng-leaves-openai-2"
    assert Links("http://127.0.0.1:8080/", "fr").page(document) == "/document/doc-1.html?lang=fr"
    assert anchor_of("http://x/mention/doc/openai-3", "m") == "m-openai-3"
    assert [a.href for a in links.alternates(document)] == [
        "/document/doc-1.ttl",
        "/document/doc-1.jsonld",
        "/document/doc-1.nt",
        "/document/doc-1.rdf",
    ]


def year(text: str) -> PartialDate:
    date = parse_partial_date(text, XSD + ("gMonthDay" if text.startswith("--") else "gYear"))
    assert date is not None
    return date


def test_the_timeline_places_dated_spans_and_lists_the_others() -> None:
    spans = [
        Span("robotique", "fr", "OpenAI", "/r1", "role", year("2018"), None),
        Span("VP", "fr", "OpenAI", "/r2", "role", year("2021"), year("2024")),
        Span("no dates", None, "", "/r3", "role", None, None),
        Span("left", None, "", "/m1", "move", year("--11-15"), None),
        Span("joined", None, "", "/m2", "move", year("2018"), None),
    ]
    timeline = layout_timeline(spans)
    assert [row.href for row in timeline.rows] == ["/r1", "/r2", "/m2"]
    assert [span.href for span in timeline.undated] == ["/r3", "/m1"]
    open_role, closed_role, move = timeline.rows
    assert open_role.open_end and not closed_role.open_end
    assert closed_role.x0 < closed_role.x1 <= timeline.width
    assert move.x0 < move.x1  # a point spans its year: its precision
    assert timeline.ticks[0].label == "2018"


def test_a_timeline_with_nothing_dated_is_empty() -> None:
    timeline = layout_timeline([Span("x", None, "", "/r", "role", None, None)])
    assert timeline.rows == [] and len(timeline.undated) == 1


def test_flows_are_as_thick_as_the_people_who_moved() -> None:
    a, b, unknown = (
        FlowEnd(0, "a", "A", "/a"),
        FlowEnd(1, "b", "B", "/b"),
        FlowEnd(1, "?", "?", None),
    )
    picture = layout_flows(
        [FlowEdge(a, b, 3, "A → B", False), FlowEdge(a, unknown, 1, "A → ?", True)], 2
    )
    assert len(picture.bands) == 2 and len(picture.nodes) == 3
    heights = {node.label: node.height for node in picture.nodes}
    assert heights["A"] >= heights["B"] > 0
    assert [node.unknown for node in picture.nodes if node.label == "?"] == [True]
    assert all(set(band.path) <= set("MCLZ0123456789.,- ") for band in picture.bands)


def test_long_names_wrap_on_two_lines() -> None:
    lines = wrap_label("Thinking Machines Lab (5)")
    assert " ".join(lines) == "Thinking Machines Lab (5)"
    assert len(lines) == 2 and all(len(line) <= LABEL_LINE_CHARS for line in lines)
    long = wrap_label("a very long organisation name that goes on and on")
    assert len(long) == 2 and long[1].endswith("…")
