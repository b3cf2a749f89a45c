"""Validate units in this process, or in worker processes when there are many (each unit on its own)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice

from rdflib import Graph

from kg.shacl_engine import UnitGraph, validate_unit
from kg.validation_report import Violation

BATCH = 64  # units sent to the workers at a time; fewer pending units are validated here
SHAPES_FORMAT = "nt"
WORKER_SHAPES: dict[str, Graph] = {}  # in a worker process only: the shapes, parsed once


@dataclass(frozen=True)
class Job:
    """A unit to validate, as sorted N-Triples, with the key its results will be stored under."""

    name: str
    key: str
    ntriples: bytes


def validate_jobs(
    jobs: Iterable[Job], shapes: Graph, workers: int, batch_size: int = BATCH
) -> Iterator[tuple[Job, list[Violation]]]:
    """Each job with its results, in order; in `workers` processes once a full batch is pending.

    The next batch is prepared and queued while the workers validate the current one, so that the
    workers never wait for this process.
    """
    pending = iter(jobs)
    batch = list(islice(pending, batch_size))
    if workers <= 1 or len(batch) < batch_size:
        for job in chain(batch, pending):
            yield job, validate_task((job.name, job.ntriples), shapes)
        return
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited locks
    shapes_text = shapes.serialize(format=SHAPES_FORMAT)
    chunk = max(1, batch_size // (4 * workers))
    with context.Pool(workers, initializer=start_worker, initargs=(shapes_text,)) as pool:
        running = pool.map_async(validate_task, tasks(batch), chunksize=chunk)
        while batch:
            following = list(islice(pending, batch_size))
            queued = pool.map_async(validate_task, tasks(following), chunksize=chunk)
            yield from zip(batch, running.get(), strict=True)
            batch, running = following, queued


def tasks(batch: list[Job]) -> list[tuple[str, bytes]]:
    """What a worker needs of each job: the unit's name and N-Triples."""
    return [(job.name, job.ntriples) for job in batch]


def start_worker(shapes_text: str) -> None:
    """Parse the shapes once in a worker process."""
    WORKER_SHAPES["shapes"] = Graph().parse(data=shapes_text, format=SHAPES_FORMAT)


def validate_task(task: tuple[str, bytes], shapes: Graph | None = None) -> list[Violation]:
    """The results of one unit, given as its name and N-Triples (in a worker: its own shapes)."""
    name, ntriples = task
    unit = UnitGraph.of_ntriples(name, ntriples)
    return validate_unit(name, unit, WORKER_SHAPES["shapes"] if shapes is None else shapes)
