"""Revolving Door's knowledge graph: sources and claims in, a validated RDF dataset out."""

__version__ = "0.1.0"
