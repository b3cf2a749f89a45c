"""Partial dates as pages show them: at the precision the source gives, never more."""

from __future__ import annotations

import re
from dataclasses import dataclass

from server.i18n import MONTHS, translate

XSD = "http://www.w3.org/2001/XMLSchema#"
_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("date", re.compile(r"(-?\d{4,})-(\d\d)-(\d\d)")),
    ("gYearMonth", re.compile(r"(-?\d{4,})-(\d\d)")),
    ("gYear", re.compile(r"(-?\d{4,})")),
    ("gMonthDay", re.compile(r"--(\d\d)-(\d\d)")),
)
_TIMEZONE = re.compile(r"(Z|[+-]\d\d:\d\d)$")


@dataclass(frozen=True)
class PartialDate:
    """A date at its stated precision; `year` is None for a day given without a year."""

    lexical: str
    year: int | None
    month: int | None = None
    day: int | None = None

    @property
    def machine(self) -> str:
        """The value of an HTML <time datetime>: "2024", "2024-08", "2024-11-15", "11-15"."""
        return self.lexical[2:] if self.year is None else self.lexical

    def sort_key(self) -> tuple[int, int, int]:
        """Earlier first; a date without a year sorts after every dated one."""
        return (self.year if self.year is not None else 10**6, self.month or 0, self.day or 0)

    def start_fraction(self) -> float | None:
        """Where the stated period starts, in fractional years (None without a year)."""
        if self.year is None:
            return None
        month = (self.month or 1) - 1
        day = (self.day or 1) - 1
        return self.year + month / 12 + day / 365

    def end_fraction(self) -> float | None:
        """Where the stated period ends: the end of the year, month or day the text gives."""
        if self.year is None:
            return None
        if self.month is None:
            return float(self.year + 1)
        if self.day is None:
            return self.year + self.month / 12
        return self.year + (self.month - 1) / 12 + self.day / 365


def parse_partial_date(lexical: str, datatype: str) -> PartialDate | None:
    """Read an xsd:gYear, gYearMonth, date or gMonthDay literal (None for anything else)."""
    if not datatype.startswith(XSD):
        return None
    name = datatype[len(XSD) :]
    text = _TIMEZONE.sub("", lexical.strip())
    for form, pattern in _FORMS:
        match = pattern.fullmatch(text)
        if form != name or match is None:
            continue
        parts = [int(part) for part in match.groups()]
        if form == "gMonthDay":
            return PartialDate(text, None, parts[0], parts[1])
        return PartialDate(text, *parts)
    return None


def format_date(date: PartialDate, lang: str) -> str:
    """ "2024", "August 2024" / "août 2024", "15 November 2024", "15 November (year not given)"."""
    month = MONTHS[lang][date.month - 1] if date.month else ""
    if date.year is None:
        return f"{date.day} {month} ({translate('date.year_not_given', lang)})"
    if date.month is None:
        return str(date.year)
    if date.day is None:
        return f"{month} {date.year}"
    day = "1er" if lang == "fr" and date.day == 1 else str(date.day)
    return f"{day} {month} {date.year}"
