"""Checks kg/partial_dates.py: each precision gets its XSD datatype, and invalid dates are refused."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Literal, URIRef, namespace

from kg.partial_dates import DATE_HELP, parse_partial_date

ACCEPTED_FORMS = ("YYYY", "YYYY-MM", "YYYY-MM-DD", "--MM-DD")


@pytest.mark.parametrize(
    ("value", "lexical", "datatype"),
    [
        ("2024", "2024", namespace.XSD.gYear),
        ("1998", "1998", namespace.XSD.gYear),
        ("2024-11", "2024-11", namespace.XSD.gYearMonth),
        ("2024-01", "2024-01", namespace.XSD.gYearMonth),
        ("2024-11-08", "2024-11-08", namespace.XSD.date),
        ("2024-02-29", "2024-02-29", namespace.XSD.date),  # a leap year
        ("--11-15", "--11-15", namespace.XSD.gMonthDay),
        ("--02-29", "--02-29", namespace.XSD.gMonthDay),  # a day with no year may be 29 February
        ("--12-31", "--12-31", namespace.XSD.gMonthDay),
        ("  2024-08 ", "2024-08", namespace.XSD.gYearMonth),  # surrounding spaces are dropped
    ],
)
def test_each_precision_has_its_datatype(value: str, lexical: str, datatype: URIRef) -> None:
    literal = parse_partial_date(value)
    assert isinstance(literal, Literal)
    assert str(literal) == lexical
    assert literal.datatype == datatype
    assert literal == Literal(lexical, datatype=datatype)


@pytest.mark.parametrize(
    ("value", "lexical"),
    [(2024, "2024"), (2018, "2018"), (999, "0999")],
)
def test_yaml_int_is_a_year(value: int, lexical: str) -> None:
    literal = parse_partial_date(value)
    assert str(literal) == lexical
    assert literal.datatype == namespace.XSD.gYear


def test_yaml_date_is_a_full_date() -> None:
    literal = parse_partial_date(dt.date(2024, 11, 8))
    assert str(literal) == "2024-11-08"
    assert literal.datatype == namespace.XSD.date


def assert_refused_with_help(value: object) -> None:
    with pytest.raises(ValueError) as caught:
        parse_partial_date(value)
    message = str(caught.value)
    assert DATE_HELP in message, message
    for form in ACCEPTED_FORMS:
        assert form in message, (form, message)


def test_help_names_every_accepted_form() -> None:
    for form in ACCEPTED_FORMS:
        assert form in DATE_HELP


@pytest.mark.parametrize(
    "value",
    [
        "2024-13",  # month 13
        "2024-00",
        "2024-1",
        "24",
        "20245",
        "2024-11-8",
        "2024/11/08",
        "08/11/2024",
        "--13-01",
        "--00-10",
        "--11-32",
        "11-15",
        "",
        "novembre 2024",
        "le 15 novembre",
        "dans les semaines à venir",
        "2024-11-08T10:00:00",
    ],
)
def test_malformed_dates_are_refused_with_the_accepted_forms(value: str) -> None:
    assert_refused_with_help(value)


@pytest.mark.parametrize("value", ["2024-02-30", "2023-02-29", "2024-04-31", "--02-30", "--04-31"])
def test_impossible_days_are_refused_with_the_accepted_forms(value: str) -> None:
    """Well-formed but impossible days: the curator must be told the forms, as for any bad date."""
    assert_refused_with_help(value)


@pytest.mark.parametrize(
    "value",
    [True, False, 20.24, None, ["2024"], {"year": 2024}, dt.datetime(2024, 11, 8, 10, 0)],
)
def test_other_yaml_values_are_refused(value: object) -> None:
    assert_refused_with_help(value)


def test_refusal_names_the_value() -> None:
    with pytest.raises(ValueError, match="'2024-13' is not a date"):
        parse_partial_date("2024-13")
