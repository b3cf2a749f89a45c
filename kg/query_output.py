"""Write SPARQL results for people (an aligned table) and programs (JSON, CSV, TSV, XML, RDF)."""

from __future__ import annotations

import pyoxigraph as ox

from kg.errors import BadInputError
from kg.store import QueryResult

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS = {
    "table": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "json": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
OUTPUT_FORMATS = ("table", "json", "csv", "tsv", "xml", "turtle", "nt")
CELL_WIDTH = 80


def render_results(result: QueryResult, output_format: str, prefixes: dict[str, str]) -> bytes:
    """Serialise a query result in `output_format`; BadInputError when the pair makes no sense."""
    if isinstance(result, ox.QueryTriples | list):
        if output_format not in GRAPH_FORMATS:
            raise BadInputError(
                f"a CONSTRUCT/DESCRIBE result is written as {', '.join(sorted(GRAPH_FORMATS))},"
                f" not {output_format}"
            )
        graph_format = GRAPH_FORMATS[output_format]
        return _as_bytes(ox.serialize(result, format=graph_format, prefixes=prefixes))
    if output_format == "table":
        return render_table(result, prefixes).encode("utf-8")
    if output_format not in RESULT_FORMATS:
        raise BadInputError(
            f"a SELECT/ASK result is written as table, {', '.join(RESULT_FORMATS)}, not {output_format}"
        )
    return _as_bytes(result.serialize(format=RESULT_FORMATS[output_format]))


def render_table(result: ox.QuerySolutions | ox.QueryBoolean, prefixes: dict[str, str]) -> str:
    """An aligned text table, IRIs shortened with the known prefixes, long values cut at 80 chars."""
    if isinstance(result, ox.QueryBoolean):
        return f"{'true' if bool(result) else 'false'}\n"
    names = [variable.value for variable in result.variables]
    rows = [[show_term(solution[name], prefixes) for name in names] for solution in result]
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(names)]
    lines = [" | ".join(name.ljust(width) for name, width in zip(names, widths, strict=True))]
    lines.append("-+-".join("-" * width for width in widths))
    lines.extend(
        " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    )
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def show_term(term: object, prefixes: dict[str, str]) -> str:
    """A short, one-line form of an RDF term for a table cell."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        text = term.value
        for prefix, namespace in sorted(prefixes.items(), key=lambda item: -len(item[1])):
            if text.startswith(namespace) and len(text) > len(namespace):
                text = f"{prefix}:{text[len(namespace) :]}"
                break
    elif isinstance(term, ox.Literal):
        text = term.value + (f"@{term.language}" if term.language else "")
    else:
        text = str(term)
    text = " ".join(text.split())
    return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"


def _as_bytes(data: bytes | None) -> bytes:
    """pyoxigraph returns the bytes when no output file is given."""
    assert data is not None
    return data
