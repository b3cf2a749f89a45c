"""A counting graph sees every kind of change, and recorded lines are given back only while it has none."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef

from kg.graph_changes import GraphLines, change_count, counted_graph

S, P = URIRef("http://example.org/s"), URIRef("http://example.org/p")
NAME = "http://example.org/graph"


def filled() -> Graph:
    graph = counted_graph(NAME)
    graph.add((S, P, Literal("one")))
    return graph


CHANGES: dict[str, Callable[[Graph], object]] = {
    "add": lambda g: g.add((S, P, Literal("two"))),
    "add again": lambda g: g.add((S, P, Literal("one"))),
    "addN": lambda g: g.addN([(S, P, Literal("two"), g)]),
    "remove": lambda g: g.remove((S, P, None)),
    "set": lambda g: g.set((S, P, Literal("two"))),
    "+=": lambda g: g.__iadd__([(S, P, Literal("two"))]),
    "-=": lambda g: g.__isub__([(S, P, Literal("one"))]),
    "parse": lambda g: g.parse(
        data='<http://example.org/t> <http://example.org/p> "x" .', format="nt"
    ),
    "update": lambda g: g.update(
        'INSERT DATA { <http://example.org/t> <http://example.org/p> "x" }'
    ),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_every_change_is_counted(change: str) -> None:
    graph = filled()
    before = change_count(graph)
    CHANGES[change](graph)
    after = change_count(graph)
    assert before is not None and after is not None and after > before


def test_reading_is_not_a_change() -> None:
    graph = filled()
    before = change_count(graph)
    assert len(graph) == 1 and list(graph.triples((S, None, None)))
    assert change_count(graph) == before


def test_a_plain_graph_does_not_count() -> None:
    assert change_count(Graph()) is None


def test_recorded_lines_are_given_back_while_the_graph_is_unchanged() -> None:
    graph = filled()
    lines = GraphLines()
    lines.record(graph, ["line\n"])
    assert lines.current(graph) == ["line\n"]
    graph.add((S, P, Literal("two")))
    assert lines.current(graph) is None


def test_recorded_lines_are_not_given_for_another_graph_of_the_same_name() -> None:
    graph, twin = filled(), filled()
    lines = GraphLines()
    lines.record(graph, ["line\n"])
    assert lines.current(twin) is None


def test_lines_of_a_graph_that_does_not_count_are_not_recorded() -> None:
    graph = Graph(identifier=NAME)
    lines = GraphLines()
    lines.record(graph, ["line\n"])
    assert lines.current(graph) is None
