"""The web publisher of the knowledge graph (SPARQL endpoint, linked-data pages); built in issue 3."""
