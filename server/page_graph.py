"""What pages read from the store: terms as Python values, descriptions of subjects, the ontology's labels."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

import pyoxigraph as ox

from kg.store import GraphStore

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
# An IRI that may be written between <> in a query: no space, no delimiter a query could break out with.
_SAFE_IRI = re.compile(r"https?://[^\s<>\"{}|^`\\]+")


class Term(NamedTuple):
    """An RDF term as pages use it; `labels` are the (value, language) labels of an IRI object.

    A named tuple: pages make thousands of them per request, and a tuple is the quickest record.
    """

    value: str
    is_iri: bool
    lang: str | None = None
    datatype: str | None = None
    labels: tuple[tuple[str, str | None], ...] = ()

    def label(self, lang: str) -> tuple[str, str | None]:
        """The label in `lang`, else one with no language, else any, else the value itself."""
        return pick_label(self.labels, lang) or (self.value, None)

    @property
    def as_bool(self) -> bool | None:
        if self.datatype != XSD_BOOLEAN:
            return None
        return self.value in ("true", "1")

    @property
    def as_int(self) -> int:
        try:
            return int(self.value)
        except ValueError:
            return 0


def pick_label(
    labels: Iterable[tuple[str, str | None]], lang: str
) -> tuple[str, str | None] | None:
    """The best of several (label, language) pairs for a page in `lang`."""
    ranked = sorted(labels, key=lambda pair: (pair[1] != lang, pair[1] is not None, pair[0]))
    return ranked[0] if ranked else None


@dataclass
class Description:
    """What the graph says of one subject: property CURIE → its values (labels of IRI values included)."""

    iri: str
    values: dict[str, list[Term]] = field(default_factory=dict)

    def all(self, curie: str) -> list[Term]:
        return self.values.get(curie, [])

    def first(self, curie: str) -> Term | None:
        found = self.values.get(curie)
        return found[0] if found else None

    def texts(self, curie: str) -> list[Term]:
        return [term for term in self.all(curie) if not term.is_iri]

    def iris(self, curie: str) -> list[Term]:
        return [term for term in self.all(curie) if term.is_iri]

    def has_type(self, curie_iri: str) -> bool:
        return any(term.value == curie_iri for term in self.all("rdf:type"))


def safe_iri(iri: str) -> str | None:
    """`<iri>` for a query, or None when `iri` is not a plain http(s) IRI (a page then answers 404)."""
    return f"<{iri}>" if _SAFE_IRI.fullmatch(iri) else None


def values_clause(variable: str, iris: Iterable[str]) -> str:
    """A VALUES block of the IRIs that are safe to write in a query."""
    written = sorted({safe for iri in iris if (safe := safe_iri(iri)) is not None})
    return f"VALUES ?{variable} {{ {' '.join(written)} }}"


def to_term(node: object) -> Term | None:
    """A pyoxigraph term as a Term (blank nodes and triples are not shown)."""
    if isinstance(node, ox.NamedNode):
        return Term(node.value, True)
    if isinstance(node, ox.Literal):
        return Term(node.value, False, node.language, node.datatype.value)
    return None


def select(store: GraphStore, sparql: str) -> Iterator[dict[str, Term]]:
    """Rows of a SELECT query as {variable: Term}, unbound variables left out."""
    solutions = store.query(sparql)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [variable.value for variable in solutions.variables]
    for solution in solutions:
        row: dict[str, Term] = {}
        for name, node in zip(names, solution, strict=True):  # by position: faster than by name
            term = to_term(node)
            if term is not None:
                row[name] = term
        yield row


@dataclass(frozen=True)
class Vocabulary:
    """The prefixes of the store and the ontology's labels (per language) of its terms, by CURIE."""

    prefixes: dict[str, str]
    labels: dict[str, dict[str, str]]
    _compacted: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def expand(self, curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return self.prefixes[prefix] + local

    def compact(self, iri: str) -> str:
        """The CURIE of an IRI in a known namespace (the longest that matches), else the IRI."""
        known = self._compacted.get(iri)
        if known is not None:
            return known
        best = ""
        best_prefix = ""
        for prefix, namespace in self.prefixes.items():
            if iri.startswith(namespace) and len(namespace) > len(best):
                best, best_prefix = namespace, prefix
        compacted = f"{best_prefix}:{iri[len(best) :]}" if best else iri
        if len(self._compacted) < 10_000:  # predicates and classes: few; other IRIs are not kept
            self._compacted[iri] = compacted
        return compacted

    def label(self, curie: str, lang: str) -> str:
        """The ontology's label of a term in `lang` (English, then its local name, when missing)."""
        labels = self.labels.get(curie, {})
        return labels.get(lang) or labels.get("en") or curie.partition(":")[2] or curie


def load_vocabulary(store: GraphStore, prefixes: dict[str, str], base: str) -> Vocabulary:
    """Read the labels of the ontology graph once (a release never changes)."""
    graph = safe_iri(f"{base}ontology") or "<urn:x-none>"
    labels: dict[str, dict[str, str]] = {}
    vocabulary = Vocabulary(prefixes, labels)
    sparql = f"SELECT ?term ?label WHERE {{ GRAPH {graph} {{ ?term rdfs:label ?label }} }}"
    for row in select(store, sparql):
        term, label = row["term"], row["label"]
        labels.setdefault(vocabulary.compact(term.value), {})[label.lang or ""] = label.value
    return vocabulary


def describe(
    store: GraphStore, vocabulary: Vocabulary, subjects: Iterable[str]
) -> dict[str, Description]:
    """Every property of each subject, with the rdfs:labels of IRI values, in one query."""
    subjects = list(subjects)
    if not subjects:
        return {}
    sparql = (
        f"SELECT ?s ?p ?o ?label WHERE {{ {values_clause('s', subjects)} ?s ?p ?o "
        "OPTIONAL { ?o rdfs:label ?label } }"
    )
    return describe_query(store, sparql, vocabulary)


def describe_query(
    store: GraphStore, sparql: str, vocabulary: Vocabulary
) -> dict[str, Description]:
    """The Descriptions a query of ?s ?p ?o (and an optional ?label of ?o) selects, folded as the
    store's solutions arrive: no row is made (a big organisation's page reads thousands)."""
    solutions = store.query(sparql)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [variable.value for variable in solutions.variables]
    at_s, at_p, at_o = names.index("s"), names.index("p"), names.index("o")
    at_label = names.index("label") if "label" in names else None
    found: dict[str, Description] = {}
    seen: dict[tuple[str, str, Term], int] = {}
    compact = vocabulary.compact
    for solution in solutions:
        subject, predicate, node = solution[at_s], solution[at_p], solution[at_o]
        value = to_term(node)
        if value is None or not isinstance(subject, ox.NamedNode):
            continue  # blank nodes are not shown
        description = found.get(subject.value)
        if description is None:
            description = found[subject.value] = Description(subject.value)
        curie = compact(predicate.value)
        terms = description.values.setdefault(curie, [])
        key = (subject.value, curie, value)
        index = seen.get(key)
        if index is None:
            index = seen[key] = len(terms)
            terms.append(value)
        label = to_term(solution[at_label]) if at_label is not None else None
        if label is not None:
            current = terms[index]
            pair = (label.value, label.lang)
            if pair not in current.labels:
                terms[index] = current._replace(labels=(*current.labels, pair))
    return found
