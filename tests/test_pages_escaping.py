"""Text from the articles is always escaped: a build whose article, title, quotes and names hold markup."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from flask import Flask

from kg.build import build
from kg.iris import Iris
from kg.progress import Progress
from kg.settings import load_settings
from server.pages import render_entity_html
from tests.conftest import SEEDS_DIR

BASE = "http://127.0.0.1:8080/"
TEXT = (
    'Selon <Le Monde>, Ada Lovelace & co. quitte "Acme" pour <script>alert(1)</script> Initech en 2023.\n'
    "Ada Lovelace était directrice <b>technique</b> chez Acme depuis août 2021.\n"
)
META = """id: piege-echappement
title: "Un titre <i>piégé</i> & \\"cité\\" </script>"
language: fr
publisher: "<Le Monde>"
published: "2024-08"
url: null
sha256: {sha256}
"""
CLAIMS = """claims:
  - id: ada-lovelace-cto-acme
    type: role
    person: ada-lovelace
    organization: acme
    title: "directrice <b>technique</b>"
    start: "2021-08"
    ended: true
    quote: "Ada Lovelace était directrice <b>technique</b> chez Acme depuis août 2021"
  - id: ada-lovelace-acme-to-initech
    type: move
    mover: ada-lovelace
    from: acme
    to: initech
    role_before: ada-lovelace-cto-acme
    status: completed
    date: 2023
    quote: "Ada Lovelace & co. quitte \\"Acme\\" pour <script>alert(1)</script> Initech en 2023"
"""


def write_tricky_seeds(seeds: Path) -> None:
    """The real seeds plus one article full of markup, and its people and organisations."""
    shutil.copytree(SEEDS_DIR, seeds)
    (seeds / "900_escaping.txt").write_text(TEXT, encoding="utf-8")
    sha256 = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    (seeds / "900_escaping.meta.yaml").write_text(META.format(sha256=sha256), encoding="utf-8")
    (seeds / "900_escaping.claims.yaml").write_text(CLAIMS, encoding="utf-8")
    entities = (seeds / "entities.yaml").read_text(encoding="utf-8")
    entities = entities.replace(
        "people:\n", "people:\n  ada-lovelace:\n    name: Ada Lovelace\n", 1
    )
    entities = entities.replace(
        "organizations:\n",
        "organizations:\n  acme:\n    name: Acme\n  initech:\n    name: Initech\n",
        1,
    )
    (seeds / "entities.yaml").write_text(entities, encoding="utf-8")


@pytest.fixture(scope="module")
def tricky_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    from server import create_app

    root = tmp_path_factory.mktemp("tricky")
    write_tricky_seeds(root / "seeds")
    build(root / "seeds", root / "build", Iris(BASE), Progress(enabled=False))
    return create_app(load_settings({"build_dir": root / "build"}, environ={}))


def page(app: Flask, kind: str, path: str) -> str:
    with app.test_request_context(f"/{kind}/{path}.html"):
        html = render_entity_html(kind, f"{BASE}{kind}/{path}")
    assert html is not None
    return html


def no_markup_from_data(html: str) -> None:
    """None of the article's markup reaches the page as markup."""
    for raw in ("<script>alert", "<b>technique", "<i>piégé", "<Le Monde>"):
        assert raw not in html, raw
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, re.DOTALL)
    assert len(scripts) == 1  # the JSON-LD only
    json.loads(scripts[0])


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("document", "piege-echappement"),
        ("person", "ada-lovelace"),
        ("organization", "acme"),
        ("role", "ada-lovelace-cto-acme"),
        ("move", "ada-lovelace-acme-to-initech"),
        ("evidence", "piege-echappement/ada-lovelace-acme-to-initech-1"),
        ("mention", "piege-echappement/acme-1"),
    ],
)
def test_markup_in_the_data_is_shown_as_text(tricky_app: Flask, kind: str, path: str) -> None:
    no_markup_from_data(page(tricky_app, kind, path))


def test_the_document_shows_its_markup_escaped_and_highlighted(tricky_app: Flask) -> None:
    html = page(tricky_app, "document", "piege-echappement")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Selon &lt;Le Monde&gt;, " in html
    assert html.count('<mark class="ev" id="ev-') == 2
    assert "<title>Un titre &lt;i&gt;piégé&lt;/i&gt; &amp; &#34;cité&#34; &lt;/script&gt;" in html
    assert "August 2024" in html  # a dated document shows its date


def test_a_quote_with_markup_links_to_its_place(tricky_app: Flask) -> None:
    html = page(tricky_app, "person", "ada-lovelace")
    link = "/document/piege-echappement.html#ev-ada-lovelace-acme-to-initech-1"
    quote = "Ada Lovelace &amp; co. quitte &#34;Acme&#34; pour &lt;script&gt;alert(1)&lt;/script&gt; Initech en 2023"
    assert f'<a class="quote" href="{link}">{quote}</a>' in html
    assert "August 2024" in html and "date unknown" not in html


def test_json_ld_keeps_the_words_and_stays_inside_its_script(tricky_app: Flask) -> None:
    html = page(tricky_app, "document", "piege-echappement")
    script = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)[0]
    data = json.loads(script)
    assert data["headline"] == 'Un titre <i>piégé</i> & "cité" </script>'
    assert data["datePublished"] == "2024-08"
    assert "</script" not in script
