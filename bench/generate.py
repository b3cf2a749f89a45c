"""Generate a synthetic graph of our shape as TriG, streamed to disk, with a sample of its IRIs beside it.

python -m bench.generate --triples 1000000 -o bench/data/1m.trig [--seed 1] [--base URL]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import deque
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from bench.articles import MoveFacts, draw_move, write_article
from bench.graphs import Minter, article_graphs
from bench.population import Population, make_population
from bench.sizes import parse_size
from bench.trig import write_graph, write_prefixes

DEFAULT_BASE = "http://127.0.0.1:8080/"
DEFAULT_SEED = 1
TRIPLES_PER_DOCUMENT = 290  # about what an article adds (measured), to size the population
REPORTED_AGAIN = 0.1  # share of moves an article reports that an earlier article already reported
RECENT_MOVES = 1000
SAMPLE_SIZE = 2000
SEARCH_TERM_LENGTH = 4


@dataclass(frozen=True)
class Samples:
    """IRIs and values drawn from the generated graph, from which the queries take their parameters."""

    base: str
    seed: int
    triples: int
    documents: int
    persons: list[str]
    organizations: list[str]
    document_iris: list[str]
    org_pairs: list[tuple[str, str]]
    search_terms: list[str]
    selectors: int

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> Samples:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["org_pairs"] = [tuple(pair) for pair in data["org_pairs"]]
        return cls(**data)


def samples_path(data: Path) -> Path:
    """Where the samples of a generated file are kept."""
    return data.with_name(data.name + ".samples.json")


def evenly(items: list[str], count: int) -> list[str]:
    """Up to `count` items spread evenly over the list (deterministic)."""
    if len(items) <= count:
        return list(items)
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def search_terms(population: Population, persons: list[int]) -> list[str]:
    """Lowercase ASCII fragments of surnames, for the label search."""
    terms = []
    for index in persons:
        surname = population.persons[index].short.lower()
        fragment = surname[1 : 1 + SEARCH_TERM_LENGTH]
        if len(fragment) == SEARCH_TERM_LENGTH and fragment.isascii() and fragment.isalpha():
            terms.append(fragment)
    return sorted(dict.fromkeys(terms))


def choose_moves(
    rng: random.Random, population: Population, recent: deque[MoveFacts], counter: list[int]
) -> list[MoveFacts]:
    """The moves an article states: new ones, and now and then one an earlier article reported."""
    moves: list[MoveFacts] = []
    for _ in range(rng.choice((1, 2, 2, 3))):
        if recent and rng.random() < REPORTED_AGAIN:
            again = recent[rng.randrange(len(recent))]
            if again not in moves:
                moves.append(again)
            continue
        counter[0] += 1
        facts = draw_move_facts(rng, population, counter[0])
        recent.append(facts)
        moves.append(facts)
    return moves


def draw_move_facts(rng: random.Random, population: Population, number: int) -> MoveFacts:
    """A new move, its claim id made of the mover, where they go and a number."""
    facts = draw_move(rng, population, "")
    person = population.persons[facts.person].slug
    target = population.organizations[facts.target].slug
    return replace(facts, claim=f"{person}-joins-{target}-{number}")


def generate(
    triples: int, path: Path, seed: int = DEFAULT_SEED, base: str = DEFAULT_BASE
) -> Samples:
    """Write about `triples` triples (counted in their named graphs) to `path`; the samples, also written."""
    rng = random.Random(seed)
    estimate = max(4, triples // TRIPLES_PER_DOCUMENT)
    population = make_population(
        rng, persons=max(12, estimate), organizations=max(12, estimate // 2)
    )
    minter = Minter(base)
    recent: deque[MoveFacts] = deque(maxlen=RECENT_MOVES)
    counter = [0]
    used_persons: dict[int, None] = {}
    used_orgs: dict[int, None] = {}
    pairs: dict[tuple[str, str], None] = {}
    documents: list[str] = []
    written = selectors = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        write_prefixes(out, minter.ontology)
        while written < triples:
            moves = choose_moves(rng, population, recent, counter)
            article = write_article(rng, population, len(documents) + 1, moves)
            graphs = article_graphs(minter, population, article)
            written += write_graph(out, minter.metadata_graph, graphs.metadata)
            written += write_graph(out, minter.document(article.doc_id), graphs.document)
            documents.append(minter.document(article.doc_id))
            selectors += len(article.mentions) + 3 * len(article.moves)
            for facts in moves:
                used_persons.setdefault(facts.person)
                used_orgs.setdefault(facts.source)
                used_orgs.setdefault(facts.target)
                source = population.organizations[facts.source].slug
                target = population.organizations[facts.target].slug
                pairs.setdefault(
                    (minter.entity("organization", source), minter.entity("organization", target))
                )
    persons = sorted(used_persons)
    samples = Samples(
        base=base,
        seed=seed,
        triples=written,
        documents=len(documents),
        persons=evenly(
            [minter.entity("person", population.persons[i].slug) for i in persons], SAMPLE_SIZE
        ),
        organizations=evenly(
            [
                minter.entity("organization", population.organizations[i].slug)
                for i in sorted(used_orgs)
            ],
            SAMPLE_SIZE,
        ),
        document_iris=evenly(documents, SAMPLE_SIZE),
        org_pairs=list(pairs)[:SAMPLE_SIZE],
        search_terms=search_terms(population, persons),
        selectors=selectors,
    )
    samples.write(samples_path(path))
    return samples


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, generate, print a summary."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--triples", required=True, help="how many triples, e.g. 10k, 1m, 1000000")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the TriG file to write")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--base", default=DEFAULT_BASE, help="base IRI (default %(default)s)")
    args = parser.parse_args(argv)
    try:
        triples = parse_size(args.triples)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    samples = generate(triples, args.output, args.seed, args.base)
    print(f"{args.output}: {samples.triples} triples in {samples.documents} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
