"""The reused vocabularies' prefixes are the usual ones."""

from __future__ import annotations

from kg.namespaces import external_prefixes


def test_prefixes_are_the_conventional_ones() -> None:
    prefixes = external_prefixes()
    assert prefixes["schema"] == "https://schema.org/"
    assert prefixes["oa"] == "http://www.w3.org/ns/oa#"
    assert prefixes["prov"] == "http://www.w3.org/ns/prov#"
    assert prefixes["org"] == "http://www.w3.org/ns/org#"
    assert prefixes["dct"] == "http://purl.org/dc/terms/"
    assert len(set(prefixes.values())) == len(prefixes)
