"""Page numbers of long HTML pages: `?page=` read and checked, the pager's links, and a list's slice."""

from __future__ import annotations

from dataclasses import dataclass

from server.errors import ApiError

PAGE_SIZE = 50
MAX_PAGE_DIGITS = 9


def parse_page_number(value: str | None) -> int:
    """The page number of `?page=` (1 when absent); 400 with a clear message when it is not one."""
    if value is None:
        return 1
    text = value.strip()
    if not text.isascii() or not text.isdigit() or len(text) > MAX_PAGE_DIGITS or int(text) < 1:
        raise ApiError(400, "the page parameter must be a positive whole number, such as ?page=2")
    return int(text)


def page_count(totals: list[int], size: int = PAGE_SIZE) -> int:
    """How many pages the longest of the lists fills (at least one)."""
    return max(1, *(-(-total // size) for total in totals))


def check_in_range(number: int, pages: int, what: str) -> None:
    """404 when `number` is past the last page."""
    if number > pages:
        plural = "page" if pages == 1 else "pages"
        raise ApiError(404, f"page {number} does not exist: {what} has {pages} {plural}")


@dataclass(frozen=True)
class Window:
    """The part of one list a page shows: its total, and the positions (from 1) of its first and last."""

    total: int
    first: int
    last: int

    @property
    def shown(self) -> int:
        return self.last - self.first + 1 if self.last else 0


def window(total: int, number: int, size: int = PAGE_SIZE) -> Window:
    first = (number - 1) * size + 1
    last = min(total, number * size)
    return Window(total, first, last) if first <= last else Window(total, 0, 0)


@dataclass(frozen=True)
class Paging:
    """Where a page stands among its pages, and the links to the others ("" where there is none)."""

    number: int
    pages: int
    canonical: str
    previous: str = ""
    next: str = ""
    first: str = ""
