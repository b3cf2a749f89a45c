"""rdflib graphs that count the changes made to them, so that what was derived from one is known current."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph
from rdflib.plugins.stores.memory import Memory
from rdflib.term import IdentifiedNode


class CountingMemory(Memory):
    """rdflib's in-memory store, counting every call that may change its triples or its graphs.

    Every way rdflib changes a graph's triples (`add`, `addN`, `remove`, `set`, `parse`, `+=`, `-=`,
    SPARQL Update) ends in one of the methods counted here; a call that changes nothing is counted
    too, which only makes a derived result look stale when it is not.
    """

    def __init__(self) -> None:
        super().__init__()
        self.changes = 0

    def add(self, triple: Any, context: Any, quoted: bool = False) -> None:
        self.changes += 1
        super().add(triple, context, quoted)

    def remove(self, triple: Any, context: Any = None) -> None:
        self.changes += 1
        super().remove(triple, context)

    def add_graph(self, graph: Graph) -> None:
        self.changes += 1
        super().add_graph(graph)

    def remove_graph(self, graph: Graph) -> None:
        self.changes += 1
        super().remove_graph(graph)


def counted_graph(identifier: IdentifiedNode | str) -> Graph:
    """An empty graph whose store counts its changes."""
    return Graph(store=CountingMemory(), identifier=identifier)


def change_count(graph: Graph) -> int | None:
    """How many changes the graph's store has seen, or None when its store does not count them."""
    store = graph.store
    return store.changes if isinstance(store, CountingMemory) else None


@dataclass(frozen=True)
class Derived:
    """Something derived from a graph object, with the graph's change count at that moment."""

    graph: Graph
    changes: int
    lines: list[str]


@dataclass
class GraphLines:
    """Each graph's sorted N-Quads lines as made once, given back only while the graph is unchanged.

    `current(graph)` returns the recorded lines only for the very graph object they were made from,
    whose store counts its changes and has seen none since; for any other graph, or after any
    change, it returns None and the caller derives what it needs from the graph's current content.
    """

    recorded: dict[str, Derived] = field(default_factory=dict)

    def record(self, graph: Graph, lines: list[str]) -> None:
        changes = change_count(graph)
        if changes is not None:
            self.recorded[str(graph.identifier)] = Derived(graph, changes, lines)

    def current(self, graph: Graph) -> list[str] | None:
        derived = self.recorded.get(str(graph.identifier))
        if derived is None or derived.graph is not graph or change_count(graph) != derived.changes:
            return None
        return derived.lines
