"""The dataset's VoID and DCAT description: the metadata graph's own, enriched with the dumps' sizes and
sha256 checksums from the manifest, their gzipped copies, and the SPARQL service."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pyoxigraph as ox

from kg.iris import Iris
from kg.store import GraphStore
from server.entity_rdf import iri_ref
from server.terms import solutions

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
SPDX = "http://spdx.org/rdf/terms#"
SD = "http://www.w3.org/ns/sparql-service-description#"
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
GZIP_MEDIA_TYPE = "application/gzip"
# Prefixes the description uses beyond the published ones.
VOID_PREFIXES = {"spdx": SPDX, "sd": SD}


def describe_dataset(store: GraphStore, iris: Iris, manifest: Mapping[str, Any]) -> list[ox.Quad]:
    """The dataset, its class partitions and distributions, in the metadata graph, plus what the
    manifest knows of the dump files and the SPARQL service."""
    graph = str(iris.metadata_graph)
    query = f"""
SELECT ?s ?p ?o WHERE {{
  GRAPH {iri_ref(graph)} {{
    {{ BIND({iri_ref(str(iris.dataset))} AS ?s) }}
    UNION
    {{ {iri_ref(str(iris.dataset))} {iri_ref(VOID + "classPartition")}|{iri_ref(DCAT + "distribution")} ?s }}
    ?s ?p ?o
  }}
}}"""
    graph_name = ox.NamedNode(graph)
    quads = [
        ox.Quad(solution["s"], solution["p"], solution["o"], graph_name)
        for solution in solutions(store, query)
    ]
    quads.extend(ox.Quad(s, p, o, graph_name) for s, p, o in manifest_triples(iris, manifest))
    return quads


def manifest_triples(
    iris: Iris, manifest: Mapping[str, Any]
) -> Iterator[tuple[ox.NamedNode, ox.NamedNode, Any]]:
    """Every dump and its gzipped copy with size and checksum; the build time; the SPARQL service."""
    dataset = ox.NamedNode(str(iris.dataset))
    yield dataset, ox.NamedNode(RDF_TYPE), ox.NamedNode(VOID + "Dataset")
    yield dataset, ox.NamedNode(RDF_TYPE), _dcat("Dataset")
    yield dataset, _dct("modified"), ox.Literal(manifest["built_at"], datatype=_xsd("dateTime"))
    if str(iris.shapes) in manifest.get("graphs", {}):
        yield dataset, _dct("conformsTo"), ox.NamedNode(str(iris.shapes))
    for name, dump in manifest["dumps"].items():
        plain = ox.NamedNode(str(iris.dump(name)))
        yield from _file_triples(dataset, plain, dump, dump["bytes"], dump["sha256"])
        zipped = ox.NamedNode(str(iris.dump(f"{name}.gz")))
        yield from _file_triples(dataset, zipped, dump, dump["gzip_bytes"], dump["gzip_sha256"])
        yield zipped, _dcat("compressFormat"), ox.NamedNode(IANA_MEDIA_TYPES + GZIP_MEDIA_TYPE)
        title = f"Revolving Door ({dump['format']}, gzip)"
        yield zipped, _dct("title"), ox.Literal(title, language="en")
    yield from _service_triples(iris, dataset)


def _file_triples(
    dataset: ox.NamedNode,
    distribution: ox.NamedNode,
    dump: Mapping[str, Any],
    size: int,
    sha256: str,
) -> Iterator[tuple[ox.NamedNode, ox.NamedNode, Any]]:
    """A dump file as a distribution and a data dump of the dataset, with its size and checksum."""
    checksum = ox.NamedNode(f"{distribution.value}#sha256")
    yield dataset, _dcat("distribution"), distribution
    yield dataset, ox.NamedNode(VOID + "dataDump"), distribution
    yield distribution, ox.NamedNode(RDF_TYPE), _dcat("Distribution")
    yield distribution, _dcat("downloadURL"), distribution
    yield distribution, _dcat("mediaType"), ox.NamedNode(IANA_MEDIA_TYPES + dump["media_type"])
    yield distribution, _dct("format"), ox.Literal(dump["media_type"])
    size_literal = ox.Literal(str(size), datatype=_xsd("nonNegativeInteger"))
    yield distribution, _dcat("byteSize"), size_literal
    yield distribution, ox.NamedNode(SPDX + "checksum"), checksum
    yield checksum, ox.NamedNode(RDF_TYPE), ox.NamedNode(SPDX + "Checksum")
    algorithm = ox.NamedNode(SPDX + "checksumAlgorithm_sha256")
    yield checksum, ox.NamedNode(SPDX + "algorithm"), algorithm
    value = ox.Literal(sha256, datatype=_xsd("hexBinary"))
    yield checksum, ox.NamedNode(SPDX + "checksumValue"), value


def _service_triples(
    iris: Iris, dataset: ox.NamedNode
) -> Iterator[tuple[ox.NamedNode, ox.NamedNode, Any]]:
    service = ox.NamedNode(f"{iris.base}sparql")
    yield service, ox.NamedNode(RDF_TYPE), ox.NamedNode(SD + "Service")
    yield service, ox.NamedNode(RDF_TYPE), _dcat("DataService")
    yield service, ox.NamedNode(SD + "endpoint"), service
    yield service, ox.NamedNode(SD + "supportedLanguage"), ox.NamedNode(SD + "SPARQL11Query")
    yield service, _dcat("endpointURL"), service
    yield service, _dcat("servesDataset"), dataset
    yield service, _dct("title"), ox.Literal("Revolving Door SPARQL endpoint", language="en")


def _dct(name: str) -> ox.NamedNode:
    return ox.NamedNode(DCT + name)


def _dcat(name: str) -> ox.NamedNode:
    return ox.NamedNode(DCAT + name)


def _xsd(name: str) -> ox.NamedNode:
    return ox.NamedNode(XSD + name)
