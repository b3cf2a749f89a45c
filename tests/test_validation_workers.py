"""Validating in worker processes gives each unit the results it gets in this process."""

from __future__ import annotations

from pathlib import Path

from rdflib.namespace import RDF

from kg.compile import compile_dataset
from kg.corpus import CorpusSpec, write_corpus
from kg.iris import Iris
from kg.oxigraph_terms import sorted_ntriples
from kg.progress import Progress
from kg.validation import unit_triples
from kg.validation_workers import Job, validate_jobs

QUIET = Progress(enabled=False)


def test_workers_give_the_results_of_this_process_in_order(tmp_path: Path) -> None:
    write_corpus(CorpusSpec(articles=7), tmp_path, QUIET)
    compiled = compile_dataset(tmp_path, Iris(), QUIET)
    graph = compiled.document_graphs[4]
    rd = compiled.iris.vocab
    graph.remove((min(graph.subjects(RDF.type, rd.Move), key=str), rd.status, None))
    units = list(unit_triples(compiled.document_graphs, compiled.metadata))

    def jobs() -> list[Job]:
        return [
            Job(name=name, key="", ntriples=sorted_ntriples(triples)) for name, triples in units
        ]

    here = [(job.name, results) for job, results in validate_jobs(jobs(), compiled.shapes, 1)]
    there = [
        (job.name, results)
        for job, results in validate_jobs(jobs(), compiled.shapes, 2, batch_size=3)
    ]
    assert there == here
    assert [name for name, results in here if results] == [str(graph.identifier)]
