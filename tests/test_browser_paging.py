"""A big organisation's page in a real browser (Debian's Chromium through Playwright) against the
real server: the pager shows, its links lead from page to page, and it reads on a phone.

Screenshots in test-artifacts/ (organization-page-1.png, organization-page-2-phone.png)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.conftest import serving
from tests.test_browser_pages import DESKTOP, PHONE, open_page, screenshot
from tests.test_pages_paging import publish_big_organisation

PAGE = "/organization/big-lab.html"


@pytest.fixture(scope="module")
def big_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`kg serve` (gunicorn) over the big organisation's release on the embedded store."""
    with serving(publish_big_organisation(tmp_path_factory.mktemp("big-served"))) as url:
        yield url


def test_the_pager_leads_from_page_to_page(browser: Browser, big_server: str) -> None:
    page = open_page(browser, f"{big_server}{PAGE}", DESKTOP)
    pager = page.locator("nav.pager").first
    expect(pager).to_be_visible()
    expect(pager).to_contain_text("page 1 of 3")
    expect(page.locator("section[aria-labelledby=joined] article")).to_have_count(50)
    expect(page.locator("svg.flows-svg")).to_be_visible()
    screenshot(page, "organization-page-1")
    pager.get_by_role("link", name="next").click()
    expect(page).to_have_url(f"{big_server}{PAGE}?page=2")
    expect(page.locator("nav.pager").first).to_contain_text("page 2 of 3")
    page.locator("nav.pager").first.get_by_role("link", name="previous").click()
    expect(page).to_have_url(f"{big_server}{PAGE}")
    page.context.close()


def test_a_later_page_on_a_phone(browser: Browser, big_server: str) -> None:
    page = open_page(browser, f"{big_server}{PAGE}?page=2&lang=fr", PHONE)
    pager = page.locator("nav.pager").first
    expect(pager).to_contain_text("page 2 sur 3")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    screenshot(page, "organization-page-2-phone")
    page.context.close()
