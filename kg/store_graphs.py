"""Every IRI a remote store keeps beside the release's own graphs: the union graph, the record, staging, the switch."""

from __future__ import annotations

NAMESPACE = "urn:revolving-door:"
DEFAULT_GRAPH = f"{NAMESPACE}default-graph"
STAGING_PREFIX = f"{NAMESPACE}staging:"

# The record graph: what is published and what is staged, said of the record graph itself.
RECORD_GRAPH = f"{NAMESPACE}published-graphs"
RECORD_PREDICATE = f"{NAMESPACE}publishes"  # <record> publishes <graph>
STAGING_PREDICATE = f"{NAMESPACE}stages"  # <record> stages <staging graph>

# A switch under way, written into the record before its first move and removed by its last step:
SWITCHING_PREDICATE = f"{NAMESPACE}switching"  # <record> switching "token"
SWITCHES_TO_PREDICATE = f"{NAMESPACE}switches-to"  # <staging graph> switches-to <published name>
HOLDS_PREDICATE = f"{NAMESPACE}holds"  # <staging graph> holds "n"^^xsd:integer (triples counted)
DROPS_PREDICATE = f"{NAMESPACE}drops"  # <record> drops <graph of the previous release>
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
