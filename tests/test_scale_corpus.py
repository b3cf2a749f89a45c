"""The corpus generator writes seeds in the curation format that build, conform and look like news."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from kg.build import BuildResult, build
from kg.claims import STATUSES
from kg.corpus import CorpusSpec, write_corpus
from kg.iris import Iris
from kg.progress import Progress
from kg.quotes import find_all
from tests.conftest import PROJECT_ROOT

ARTICLES = 50
QUIET = Progress(enabled=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("corpus")
    write_corpus(CorpusSpec(articles=ARTICLES), directory, QUIET)
    return directory


@pytest.fixture(scope="module")
def built(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(corpus, tmp_path_factory.mktemp("build"), Iris(), QUIET)


def claims_of(corpus: Path) -> dict[str, list[dict[str, object]]]:
    return {
        path.name: yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]
        for path in sorted(corpus.glob("*.claims.yaml"))
    }


def quotes(claim: dict[str, object]) -> list[object]:
    quote = claim["quote"]
    return quote if isinstance(quote, list) else [quote]


def test_the_corpus_builds_and_conforms(built: BuildResult) -> None:
    assert built.report.conforms and built.report.violations == []
    assert built.report.units == ARTICLES + 1
    counts = built.manifest["counts"]
    assert len(built.manifest["documents"]) == ARTICLES
    assert counts["Move"] > ARTICLES // 2 and counts["Role"] > ARTICLES // 2  # some are shared
    assert counts["Evidence"] > counts["Move"] + counts["Role"]


def test_every_file_follows_the_curation_format(corpus: Path) -> None:
    for path in sorted(corpus.glob("*.txt")):
        stem = path.name.removesuffix(".txt")
        meta = yaml.safe_load((corpus / f"{stem}.meta.yaml").read_text(encoding="utf-8"))
        assert meta["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert meta["title"] is None or path.read_text(encoding="utf-8").startswith(meta["title"])
    assert (corpus / "entities.yaml").exists()


def test_quotes_are_verbatim_and_say_which_occurrence_when_repeated(corpus: Path) -> None:
    with_occurrence = 0
    for name, claims in claims_of(corpus).items():
        text = (corpus / name.replace(".claims.yaml", ".txt")).read_text(encoding="utf-8")
        for claim in claims:
            for quote in quotes(claim):
                if isinstance(quote, dict):
                    with_occurrence += 1
                    assert len(find_all(text, quote["text"])) >= quote["occurrence"] > 0
                else:
                    assert isinstance(quote, str) and len(find_all(text, quote)) == 1
    assert with_occurrence > 0


def test_the_corpus_has_every_kind_of_claim_and_shared_entities(corpus: Path) -> None:
    claims = [claim for file in claims_of(corpus).values() for claim in file]
    kinds = Counter(str(claim["type"]) for claim in claims)
    assert set(kinds) == {"role", "move", "description"}
    statuses = {claim.get("status") for claim in claims if claim["type"] == "move"}
    assert {"completed", "announced", "expected"} <= statuses <= set(STATUSES)
    assert any("group" in claim for claim in claims)
    assert any("reports_to" in claim for claim in claims)
    assert any("reason" in claim and "reported_by" in claim for claim in claims)
    per_file = [{str(c["id"]) for c in file} for file in claims_of(corpus).values()]
    shared = Counter(claim_id for ids in per_file for claim_id in ids)
    assert max(shared.values()) >= 2  # the same fact stated by two articles
    movers = Counter(str(claim["mover"]) for claim in claims if "mover" in claim)
    assert movers.most_common(1)[0][1] >= 3  # some people are in the news more than others


def test_an_article_is_the_same_in_every_corpus_of_its_world(tmp_path: Path) -> None:
    write_corpus(CorpusSpec(articles=5, world=30), tmp_path / "a", QUIET)
    write_corpus(CorpusSpec(articles=2, start=3, world=30), tmp_path / "b", QUIET)
    for path in (tmp_path / "b").iterdir():
        assert (tmp_path / "a" / path.name).read_bytes() == path.read_bytes(), path.name


def test_the_command_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kg.corpus", "--articles", "3", "-o", str(tmp_path), "-q"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("wrote 3 article(s) with ")
    assert len(list(tmp_path.glob("*.txt"))) == 3
