"""The ontology's HTML documentation, generated with pyLODE at build time and kept self-contained."""

from __future__ import annotations

import logging
import re
from html import escape
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import KgError
from kg.formats import FORMATS

ONTOLOGY_DOCS_FILE = "ontology.html"
DOCS_LANGUAGE = "en"
# What would make a browser fetch something from elsewhere: the page must work offline.
# The rows of a named individual's box (pyLODE 3.3 has no section for them), in this order.
INDIVIDUAL_ROWS: tuple[tuple[URIRef, str], ...] = (
    (RDF.type, "Types"),
    (RDFS.comment, "Description"),
    (SKOS.inScheme, "In scheme"),
    (SKOS.hasTopConcept, "Top concepts"),
    (SKOS.broader, "Broader"),
)
_EXTERNAL_LOAD = re.compile(
    r"<(?:script|img|iframe)\b[^>]*\bsrc=[\"']?(?:https?:)?//"
    r"|<link\b[^>]*\brel=[\"']?stylesheet[^>]*\bhref=[\"']?(?:https?:)?//"
    r"|@import\b|url\(\s*[\"']?(?:https?:)?//",
    re.IGNORECASE,
)


def write_ontology_docs(ontology: Graph, path: Path) -> None:
    """Write the ontology's documentation page to `path`."""
    path.write_text(ontology_html(ontology), encoding="utf-8")


def ontology_html(ontology: Graph) -> str:
    """pyLODE's OntPub page of the ontology, with its language and alternate formats declared."""
    ontpub = _import_ontpub()
    try:
        html = ontpub(documentation_view(ontology), sort_subjects=True).make_html()
    except Exception as error:  # pyLODE raises its own errors and rdflib's
        raise KgError(f"pyLODE could not document the ontology: {error!r}") from None
    view = documentation_view(ontology)
    return finish_page(add_term_anchors(add_individuals(str(html), view), view))


def documentation_view(ontology: Graph) -> Graph:
    """The ontology as pyLODE should see it.

    English text only, where the ontology also has it in English: pyLODE runs the values of every
    language together. The concept scheme is not typed `skos:ConceptScheme`: pyLODE would merge it into
    the ontology's own metadata (title, IRI). The Turtle the server publishes keeps both.
    """
    view = Graph(bind_namespaces="none")
    for prefix, namespace in ontology.namespaces():
        view.bind(prefix, namespace)
    for subject, predicate, value in ontology:
        if predicate == RDF.type and value == SKOS.ConceptScheme:
            continue
        if _in_another_language(ontology, subject, predicate, value):
            continue
        view.add((subject, predicate, value))
    return view


def add_individuals(html: str, view: Graph) -> str:
    """Add a section for the named individuals (the move statuses, the motivation), before the namespaces."""
    namespace = _namespace(view)
    individuals = sorted(
        (s for s in set(view.subjects(RDF.type, OWL.NamedIndividual)) if isinstance(s, URIRef)),
        key=lambda s: _label(view, s).lower(),
    )
    if not individuals:
        return html
    boxes = "".join(_individual_box(view, namespace, individual) for individual in individuals)
    section = (
        f'<div id="namedindividuals" class="section"><h2>Named Individuals</h2>{boxes}</div>\n'
    )
    toc = (
        '<li><h4><a href="#namedindividuals">Named Individuals</a></h4><ul class="second">'
        + "".join(
            f'<li><a href="#{escape(_local(namespace, i))}">{escape(_label(view, i))}</a></li>'
            for i in individuals
        )
        + "</ul></li>\n"
    )
    html = html.replace('<div id="namespaces">', section + '<div id="namespaces">', 1)
    return re.sub(
        r'(<li>\s*<h4>\s*<a href="#namespaces">)', lambda m: toc + m.group(1), html, count=1
    )


def add_term_anchors(html: str, view: Graph) -> str:
    """Let `ontology#Term` land on the term: pyLODE's anchors come from labels ("Curationactivity")."""
    namespace = _namespace(view)
    terms = {s for s in view.subjects() if isinstance(s, URIRef) and s.startswith(namespace)}
    for term in sorted(terms):
        local = _local(namespace, term)
        if f'id="{local}"' not in html:
            code = f"<code>{escape(str(term))}</code>"
            html = html.replace(code, f'<code id="{escape(local)}">{escape(str(term))}</code>', 1)
    return html


def finish_page(html: str) -> str:
    """Declare the page's language and its RDF alternates; refuse a page that loads from elsewhere."""
    external = _EXTERNAL_LOAD.search(html)
    if external:
        raise KgError(
            f"the ontology page would load a resource from elsewhere: {external.group(0)!r}"
        )
    alternates = "".join(
        f'\n    <link rel="alternate" type="{escape(fmt.media_type)}" href="ontology.{fmt.extension}">'
        for fmt in FORMATS
        if not fmt.dataset
    )
    html = re.sub(r"<html\b[^>]*>", f'<html lang="{DOCS_LANGUAGE}">', html, count=1)
    return html.replace("</head>", f"{alternates}\n  </head>", 1)


def _in_another_language(graph: Graph, subject: Any, predicate: Any, value: Any) -> bool:
    if not isinstance(value, Literal) or not value.language or value.language == DOCS_LANGUAGE:
        return False
    return any(
        isinstance(other, Literal) and other.language == DOCS_LANGUAGE
        for other in graph.objects(subject, predicate)
    )


def _individual_box(view: Graph, namespace: str, individual: URIRef) -> str:
    rows = [f"<tr><th>IRI</th><td><code>{escape(str(individual))}</code></td></tr>"]
    for predicate, heading in INDIVIDUAL_ROWS:
        values = sorted(view.objects(individual, predicate), key=str)
        if values:
            cells = "<br>".join(_value_html(view, namespace, value) for value in values)
            rows.append(f"<tr><th>{escape(heading)}</th><td>{cells}</td></tr>")
    return (
        f'<div class="property entity" id="{escape(_local(namespace, individual))}">'
        f'<h3>{escape(_label(view, individual))} <sup class="sup-ni" title="OWL Named Individual">ni</sup></h3>'
        f"<table>{''.join(rows)}</table></div>"
    )


def _value_html(view: Graph, namespace: str, value: Any) -> str:
    if isinstance(value, URIRef):
        href = f"#{_local(namespace, value)}" if value.startswith(namespace) else str(value)
        return f'<a href="{escape(href)}">{escape(_label(view, value))}</a>'
    return f"<p>{escape(str(value))}</p>"


def _label(view: Graph, term: URIRef) -> str:
    label = view.value(term, RDFS.label) or view.value(term, SKOS.prefLabel)
    return str(label) if label is not None else re.split(r"[#/]", str(term))[-1]


def _namespace(view: Graph) -> str:
    ontology = view.value(predicate=RDF.type, object=OWL.Ontology)
    return f"{ontology}#"


def _local(namespace: str, term: URIRef) -> str:
    return str(term)[len(namespace) :] if term.startswith(namespace) else str(term)


def _import_ontpub() -> Any:
    """pyLODE's OntPub class, imported without letting pyLODE reconfigure logging.

    Importing pyLODE calls `logging.basicConfig(level=DEBUG)` (in its supermodel profile), which would
    print every debug line of every library on stderr; the root logger is put back as it was.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode.profiles.ontpub import OntPub  # type: ignore[import-untyped]
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return OntPub
