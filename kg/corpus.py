"""Write a generated corpus as a seeds directory in the curation format: `python -m kg.corpus`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kg.corpus_articles import Article, write_article
from kg.corpus_world import World, build_world
from kg.progress import Progress
from kg.sources import CLAIMS_SUFFIX, META_SUFFIX, TEXT_SUFFIX

ENTITIES_FILE = "entities.yaml"


@dataclass(frozen=True)
class CorpusSpec:
    """Which corpus to write: articles start..start+articles-1 of the world of `world` articles.

    Article N is the same file in every corpus of the same (seed, world), so
    `--start 10000 --articles 1 --world 10000` adds one article to the corpus of 10,000.
    """

    articles: int
    start: int = 0
    world: int | None = None
    seed: int = 0

    @property
    def world_size(self) -> int:
        return self.world if self.world is not None else self.start + self.articles


def write_corpus(spec: CorpusSpec, directory: Path, progress: Progress) -> list[Article]:
    """Write entities.yaml and each article's three files into `directory`; return the articles."""
    world = build_world(spec.seed, spec.world_size)
    directory.mkdir(parents=True, exist_ok=True)
    write_yaml(directory / ENTITIES_FILE, entities_document(world))
    articles = []
    for done, index in enumerate(range(spec.start, spec.start + spec.articles), start=1):
        article = write_article(world, index)
        write_article_files(article, directory)
        articles.append(article)
        progress.count("articles written", done, spec.articles)
    return articles


def write_article_files(article: Article, directory: Path) -> None:
    (directory / (article.stem + TEXT_SUFFIX)).write_bytes(article.text.encode("utf-8"))
    write_yaml(directory / (article.stem + META_SUFFIX), article.meta)
    write_yaml(directory / (article.stem + CLAIMS_SUFFIX), {"claims": article.claims})


def entities_document(world: World) -> dict[str, Any]:
    """The registry: every person and organisation of the world, with its alias when it has one."""

    def entry(name: str, alias: str | None) -> dict[str, Any]:
        return {"name": name, "aliases": [alias]} if alias else {"name": name}

    return {
        "people": {p.slug: entry(p.name, p.alias) for p in world.everyone()},
        "organizations": {o.slug: entry(o.name, o.alias) for o in world.organizations()},
    }


def write_yaml(path: Path, data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    path.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.corpus", description=__doc__)
    parser.epilog = CorpusSpec.__doc__
    parser.add_argument("--articles", type=int, required=True, help="how many articles to write")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the seeds directory")
    parser.add_argument("--start", type=int, default=0, help="number of the first article")
    parser.add_argument(
        "--world", type=int, help="size of the world in articles (default: start + articles)"
    )
    parser.add_argument("--seed", type=int, default=0, help="the random seed (default 0)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.start < 0:
        parser.error("--articles must be 1 or more and --start 0 or more")
    spec = CorpusSpec(args.articles, args.start, args.world, args.seed)
    articles = write_corpus(spec, args.output, Progress(enabled=not args.quiet))
    claims = sum(len(article.claims) for article in articles)
    print(f"wrote {len(articles)} article(s) with {claims} claim(s) to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
