"""The pages in a real browser (Debian's Chromium driven by Playwright) against the real server.

Each test saves a screenshot in test-artifacts/ to look at.
"""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from kg.store import OxigraphStore
from server.page_graph import select
from tests.conftest import ARTIFACTS

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
DOCUMENT = "openai-hemorragie-lilian-weng"
QUOTE_ANCHOR = "ev-lilian-weng-leaves-openai-3"


def open_page(browser: Browser, url: str, viewport: dict[str, int]) -> Page:
    context = browser.new_context(viewport=viewport, locale="en-GB")  # type: ignore[arg-type]
    page = context.new_page()
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    return page


def screenshot(page: Page, name: str, *, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def evidence_count(store: OxigraphStore, document: str) -> int:
    query = (
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a rd:Evidence ; "
        f"oa:hasTarget/oa:hasSource <http://127.0.0.1:8080/document/{document}> }}"
    )
    return next(select(store, query))["n"].as_int


def test_home_page_shows_the_counts_and_the_flow_picture(
    browser: Browser, live_server: str
) -> None:
    page = open_page(browser, f"{live_server}/", DESKTOP)
    counts = page.locator("ul.counts")
    expect(counts).to_be_visible()
    expect(counts).to_contain_text("10 people")
    expect(counts).to_contain_text("12 moves")
    expect(counts).to_contain_text("2 documents")
    flows = page.locator("svg.flows-svg")
    expect(flows).to_be_visible()
    assert flows.locator("path.band").count() >= 5
    expect(flows.locator("text.node-label").first).to_be_visible()
    screenshot(page, "home")
    page.context.close()


def test_person_page_timeline_quote_and_its_place_in_the_document(
    browser: Browser, live_server: str
) -> None:
    page = open_page(browser, f"{live_server}/person/lilian-weng.html", DESKTOP)
    expect(page.locator("h1")).to_have_text("Lilian Weng")
    timeline = page.locator("svg.timeline-svg")
    expect(timeline).to_be_visible()
    assert timeline.locator("rect.bar").count() == 4
    quote = page.locator(f'a.quote[href$="#{QUOTE_ANCHOR}"]').first
    expect(quote).to_be_visible()
    expect(quote).to_contain_text("je me sens prête à repartir de zéro")
    screenshot(page, "person")
    quote.click()
    page.wait_for_url(re.compile(rf"/document/{DOCUMENT}\.html#{QUOTE_ANCHOR}$"))
    target = page.locator(f"mark#{QUOTE_ANCHOR}")
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text("je me sens prête à repartir de zéro")
    assert page.evaluate("document.querySelector(':target').id") == QUOTE_ANCHOR
    screenshot(page, "document-quote", full_page=False)
    page.context.close()


def test_person_page_on_a_phone(browser: Browser, live_server: str) -> None:
    page = open_page(browser, f"{live_server}/person/lilian-weng.html", PHONE)
    expect(page.locator("svg.timeline-svg")).to_be_visible()
    expect(page.locator("a.quote").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "person-phone")
    page.context.close()


def test_document_page_highlights_every_quote(
    browser: Browser, live_server: str, store: OxigraphStore
) -> None:
    page = open_page(browser, f"{live_server}/document/{DOCUMENT}.html", DESKTOP)
    expected = evidence_count(store, DOCUMENT)
    highlighted = page.locator(".doc-text mark.ev[id^='ev-']")
    assert highlighted.count() == expected > 0
    expect(highlighted.first).to_be_visible()
    assert page.locator(".doc-text a.ev-ref").count() == expected
    assert page.locator(".doc-text a.mention").count() > 0
    screenshot(page, "document")
    page.context.close()


def test_search_without_javascript(browser: Browser, live_server: str) -> None:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False, locale="en-GB")  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(f"{live_server}/people")
    page.fill("input[name=q]", "lilian")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/people\?q=lilian"))
    results = page.locator("ol.results a.result-link")
    expect(results).to_have_count(1)
    expect(results.first).to_have_text("Lilian Weng")
    screenshot(page, "people-search")
    context.close()
