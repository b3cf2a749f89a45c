"""The query editor in a real browser (Debian's Chromium driven by Playwright) against the real server:
it runs a preloaded example query, shows its results, and never asks anything of another host."""

from __future__ import annotations

from playwright.sync_api import Browser, Request, expect

from tests.conftest import ARTIFACTS, QUERIES_DIR

EXAMPLE_TITLE = "Who left OpenAI for Anthropic?"


def test_the_editor_runs_an_example_query_offline(browser: Browser, live_server: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    elsewhere: list[str] = []

    def note_request(request: Request) -> None:
        if not request.url.startswith((live_server, "data:")):
            elsewhere.append(request.url)

    page.on("request", note_request)
    page.goto(f"{live_server}/sparql")
    tabs = page.locator(".tabsList .tab")
    expect(tabs).to_have_count(len(list(QUERIES_DIR.glob("*.rq"))))
    page.get_by_role("tab", name=EXAMPLE_TITLE).click()
    panel = page.locator(".tabPanel.active")
    expect(panel.locator(".CodeMirror")).to_contain_text("title: Who left OpenAI for Anthropic?")
    expect(panel.locator(".endpointText input, input.autocomplete")).to_have_value(
        f"{live_server}/sparql"
    )
    panel.locator(".yasqe_queryButton").click()
    table = panel.locator(".yasr table")
    expect(table).to_contain_text("Andrea Vallone", timeout=15_000)
    expect(table).to_contain_text("document:porte-tournante-ia")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sparql-editor.png"), full_page=True)
    assert elsewhere == [], f"the editor asked other hosts: {elsewhere}"
    context.close()
