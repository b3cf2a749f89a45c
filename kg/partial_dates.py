"""Dates at the precision a text gives them: a year, a year-month, a full date, or a day with no year."""

from __future__ import annotations

import datetime as dt
import re

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

DATE_FORMS: tuple[tuple[re.Pattern[str], URIRef], ...] = (
    (re.compile(r"^\d{4}$"), XSD.gYear),
    (re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"), XSD.date),
    (re.compile(r"^--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"), XSD.gMonthDay),
)
DATE_HELP = (
    "a date is YYYY, YYYY-MM, YYYY-MM-DD, or --MM-DD for a day the text gives without a year"
)


def parse_partial_date(value: object) -> Literal:
    """Turn a curated date (string, YAML int year or YAML date) into a literal typed by its precision.

    Raises ValueError with a message that says which forms are accepted.
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        text = value.isoformat()
    elif isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:04d}"
    elif isinstance(value, str):
        text = value.strip()
    else:
        raise ValueError(f"{value!r} is not a date: {DATE_HELP}")
    for pattern, datatype in DATE_FORMS:
        if pattern.fullmatch(text):
            try:
                if datatype == XSD.date:
                    dt.date.fromisoformat(text)  # rejects 2024-02-30
                elif datatype == XSD.gMonthDay:
                    dt.date.fromisoformat(f"2000{text[1:]}")  # a leap year admits --02-29
            except ValueError as error:
                raise ValueError(f"{text!r} is not a date ({error}): {DATE_HELP}") from None
            return Literal(text, datatype=datatype)
    raise ValueError(f"{text!r} is not a date: {DATE_HELP}")
