"""TriG written as it is generated: terms, one graph block at a time, with the vocabularies' prefixes."""

from __future__ import annotations

from typing import TextIO

Triple = tuple[str, str, str]

XSD = "http://www.w3.org/2001/XMLSchema#"
VOCABULARIES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "schema": "https://schema.org/",
    "dct": "http://purl.org/dc/terms/",
    "oa": "http://www.w3.org/ns/oa#",
    "prov": "http://www.w3.org/ns/prov#",
}
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def iri(value: str) -> str:
    """An IRI term written in full."""
    return f"<{value}>"


def literal(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal term: plain, language-tagged, or typed (`datatype` a prefixed name such as xsd:date)."""
    quoted = '"' + text.translate(_ESCAPES) + '"'
    if lang is not None:
        return f"{quoted}@{lang}"
    if datatype is not None:
        return f"{quoted}^^{datatype}"
    return quoted


def integer(value: int) -> str:
    return literal(str(value), datatype="xsd:integer")


def write_prefixes(out: TextIO, ontology: str) -> None:
    """The prefix lines: the reused vocabularies and rd: (the ontology of the base)."""
    for prefix, namespace in {**VOCABULARIES, "rd": ontology}.items():
        out.write(f"@prefix {prefix}: <{namespace}> .\n")
    out.write("\n")


def write_graph(out: TextIO, graph: str, triples: list[Triple]) -> int:
    """One graph block; the number of triples written."""
    lines = "".join(f"  {s} {p} {o} .\n" for s, p, o in triples)
    out.write(f"{iri(graph)} {{\n{lines}}}\n")
    return len(triples)
