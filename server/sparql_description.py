"""The SPARQL Service Description of the endpoint (sd: vocabulary), with VoID triple counts from the manifest."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from server.negotiation import RDF_TYPES, RESULT_TYPES, MediaType

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCT = "http://purl.org/dc/terms/"
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
SIMPLE_ENTAILMENT = ox.NamedNode("http://www.w3.org/ns/entailment/Simple")
PREFIXES = {"sd": SD, "void": VOID, "formats": FORMATS, "rdfs": RDFS, "dct": DCT}
# The W3C format IRI of each media type the endpoint writes (names from server.negotiation).
FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "jsonld": "JSON-LD",
    "nt": "N-Triples",
    "rdfxml": "RDF_XML",
    "trig": "TriG",
    "nquads": "N-Quads",
}
# What the manifest's dumps say of the dump that holds the default graph.
DEFAULT_GRAPH_DUMP = "default graph (union)"


@dataclass(frozen=True)
class ServiceFacts:
    """What the description states: where the endpoint is, the published graphs, and the limits."""

    endpoint: str
    void: str
    manifest: Mapping[str, Any]
    query_timeout: float
    row_cap: int


def describe_service(facts: ServiceFacts) -> list[ox.Triple]:
    """The Service Description: the service, its languages and formats, and its default dataset."""
    service = ox.NamedNode(facts.endpoint)
    dataset = ox.NamedNode(f"{facts.endpoint}#dataset")
    default_graph = ox.NamedNode(f"{facts.endpoint}#default-graph")
    void = ox.NamedNode(facts.void)
    triples = [
        _triple(service, RDF_TYPE, ox.NamedNode(f"{SD}Service")),
        _triple(service, f"{SD}endpoint", service),
        _triple(service, f"{SD}supportedLanguage", ox.NamedNode(f"{SD}SPARQL11Query")),
        _triple(service, f"{SD}defaultEntailmentRegime", SIMPLE_ENTAILMENT),
        _triple(service, f"{SD}defaultDataset", dataset),
        _triple(
            service, f"{DCT}title", ox.Literal("Revolving Door SPARQL endpoint", language="en")
        ),
        _triple(service, f"{RDFS}comment", ox.Literal(_limits(facts), language="en")),
        _triple(service, f"{RDFS}seeAlso", void),
        *(
            _triple(service, f"{SD}resultFormat", ox.NamedNode(FORMATS + FORMAT_IRIS[t.name]))
            for t in (*RESULT_TYPES, *RDF_TYPES)
        ),
        _triple(dataset, RDF_TYPE, ox.NamedNode(f"{SD}Dataset")),
        _triple(dataset, f"{RDFS}seeAlso", void),
        _triple(dataset, f"{SD}defaultGraph", default_graph),
        _triple(default_graph, RDF_TYPE, ox.NamedNode(f"{SD}Graph")),
        _triple(
            default_graph,
            f"{RDFS}comment",
            ox.Literal(_default_graph_comment(facts), language="en"),
        ),
    ]
    if _is_union_of_named_graphs(facts.manifest):
        triples.append(_triple(service, f"{SD}feature", ox.NamedNode(f"{SD}UnionDefaultGraph")))
    default_count = _default_graph_triples(facts.manifest)
    if default_count is not None:
        triples.append(_triple(default_graph, f"{VOID}triples", _integer(default_count)))
    for number, (graph, count) in enumerate(sorted(facts.manifest.get("graphs", {}).items()), 1):
        named = ox.NamedNode(f"{facts.endpoint}#named-graph-{number}")
        described = ox.NamedNode(f"{facts.endpoint}#graph-{number}")
        triples += [
            _triple(dataset, f"{SD}namedGraph", named),
            _triple(named, RDF_TYPE, ox.NamedNode(f"{SD}NamedGraph")),
            _triple(named, f"{SD}name", ox.NamedNode(graph)),
            _triple(named, f"{SD}graph", described),
            _triple(described, RDF_TYPE, ox.NamedNode(f"{SD}Graph")),
            _triple(described, f"{VOID}triples", _integer(int(count))),
        ]
    return triples


def write_description(triples: list[ox.Triple], media_type: MediaType) -> bytes:
    """The description in one of the RDF formats of `server.negotiation.RDF_TYPES`."""
    rdf_format = ox.RdfFormat.from_media_type(media_type.media_type)
    assert rdf_format is not None, media_type
    prefixes = PREFIXES if media_type.name in ("turtle", "trig", "rdfxml") else None
    data = ox.serialize(triples, format=rdf_format, prefixes=prefixes)
    assert data is not None
    return data


def _triple(subject: ox.NamedNode, predicate: str | ox.NamedNode, value: Any) -> ox.Triple:
    verb = predicate if isinstance(predicate, ox.NamedNode) else ox.NamedNode(predicate)
    return ox.Triple(subject, verb, value)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INTEGER)


def _limits(facts: ServiceFacts) -> str:
    return (
        "Read-only SPARQL 1.1 Query endpoint. SPARQL Update, SERVICE and LOAD are refused: the"
        f" server never fetches remote data. A query may run {facts.query_timeout:g} s; a result"
        f" holds at most {facts.row_cap} rows, a cut being signalled by the X-SPARQL-Truncated"
        ' header and, in SPARQL JSON, by "truncated": true.'
    )


def _default_graph_comment(facts: ServiceFacts) -> str:
    graphs = facts.manifest.get("default_graph", [])
    return f"The set union of {len(graphs)} named graphs: {', '.join(graphs)}."


def _default_graph_triples(manifest: Mapping[str, Any]) -> int | None:
    """The default graph's size: the triple count of the dump that holds it, if the manifest has one."""
    for dump in manifest.get("dumps", {}).values():
        if dump.get("graphs") == DEFAULT_GRAPH_DUMP:
            return int(dump["triples"])
    return None


def _is_union_of_named_graphs(manifest: Mapping[str, Any]) -> bool:
    """sd:UnionDefaultGraph holds only when the default graph merges every named graph."""
    return set(manifest.get("default_graph", [])) == set(manifest.get("graphs", {}))
