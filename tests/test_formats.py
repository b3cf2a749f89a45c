"""Checks kg/formats.py: format names and extensions are unique, only TriG and N-Quads keep graphs."""

from __future__ import annotations

from kg.formats import FORMATS, FORMATS_BY_NAME, dump_filename, iana_media_type


def test_names_unique() -> None:
    names = [fmt.name for fmt in FORMATS]
    assert len(names) == len(set(names))
    assert set(FORMATS_BY_NAME) == set(names)


def test_extensions_unique() -> None:
    extensions = [fmt.extension for fmt in FORMATS]
    assert len(extensions) == len(set(extensions))
    assert len({dump_filename(fmt) for fmt in FORMATS}) == len(FORMATS)


def test_media_types_unique() -> None:
    media_types = [fmt.media_type for fmt in FORMATS]
    assert len(media_types) == len(set(media_types))


def test_dataset_flag_only_for_trig_and_nquads() -> None:
    assert {fmt.name for fmt in FORMATS if fmt.dataset} == {"trig", "nquads"}


def test_sorted_lines_only_for_line_formats() -> None:
    assert {fmt.name for fmt in FORMATS if fmt.sorted_lines} == {"nt", "nquads"}


def test_expected_formats_present() -> None:
    assert set(FORMATS_BY_NAME) == {"turtle", "jsonld", "nt", "rdfxml", "trig", "nquads"}


def test_dump_filename_and_iana() -> None:
    turtle = FORMATS_BY_NAME["turtle"]
    assert dump_filename(turtle) == "revolving-door.ttl"
    assert iana_media_type(turtle) == "https://www.iana.org/assignments/media-types/text/turtle"
