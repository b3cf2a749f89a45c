"""A document's text as HTML with its quotes highlighted and its names marked, built from escaped pieces.

Spans are code-point offsets (Python str indices). Spans that nest become nested elements; a span that
crosses the end of an enclosing one is split into pieces, the first carrying its id (the anchor links
land on), the others marked as continuations. Names (mentions) are always innermost, so that the small
link after each quote, to the fact it states, is never inside another link.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup, escape

EVIDENCE = "ev"
MENTION = "m"
_KIND_ORDER = {EVIDENCE: 0, MENTION: 1}


@dataclass(frozen=True)
class Highlight:
    """A span to mark: a quote (EVIDENCE, with the number and page of its fact) or a name (MENTION)."""

    start: int
    end: int
    kind: str
    anchor: str
    href: str
    title: str
    number: int = 0


def open_tag(span: Highlight, first: bool) -> Markup:
    """The opening tag of a piece of a span (only the first piece carries the id)."""
    if span.kind == EVIDENCE:
        if first:
            return Markup('<mark class="ev" id="{}" title="{}" data-fact="{}">').format(
                span.anchor, span.title, span.number
            )
        return Markup('<mark class="ev ev-cont" title="{}" data-fact="{}">').format(
            span.title, span.number
        )
    if first:
        return Markup('<a class="mention" id="{}" href="{}" title="{}">').format(
            span.anchor, span.href, span.title
        )
    return Markup('<a class="mention" href="{}" title="{}">').format(span.href, span.title)


def close_tag(span: Highlight) -> Markup:
    return Markup("</mark>") if span.kind == EVIDENCE else Markup("</a>")


def fact_marker(span: Highlight) -> Markup:
    """The small numbered link after a quote, to the fact it states."""
    return Markup('<a class="ev-ref" href="{}" title="{}">{}</a>').format(
        span.href, span.title, span.number
    )


def highlight(text: str, spans: list[Highlight]) -> Markup:
    """The escaped text with every valid span marked, well nested whatever the overlaps."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    starting: dict[int, list[Highlight]] = defaultdict(list)
    for span in sorted(valid, key=lambda s: (s.start, -s.end, _KIND_ORDER[s.kind], s.anchor)):
        starting[span.start].append(span)
    boundaries = sorted({0, len(text)} | {s.start for s in valid} | {s.end for s in valid})
    out: list[str] = []
    stack: list[Highlight] = []
    position = 0
    for boundary in boundaries:
        out.append(escape(text[position:boundary]))
        position = boundary
        close_ending(stack, boundary, out)
        for span in starting.get(boundary, []):
            open_span(stack, span, out)
    return Markup("").join(out)


def close_ending(stack: list[Highlight], boundary: int, out: list[str]) -> None:
    """Close the spans that end here (and those above them), add the fact markers, reopen the others."""
    if not any(span.end == boundary for span in stack):
        return
    interrupted: list[Highlight] = []
    ended: list[Highlight] = []
    while any(span.end == boundary for span in stack):
        top = stack.pop()
        out.append(close_tag(top))
        (ended if top.end == boundary else interrupted).append(top)
    for span in sorted(ended, key=lambda s: (s.number, s.anchor)):
        if span.kind == EVIDENCE:
            out.append(fact_marker(span))
    for span in reversed(interrupted):
        out.append(open_tag(span, first=False))
        stack.append(span)


def open_span(stack: list[Highlight], span: Highlight, out: list[str]) -> None:
    """Open a span; a quote opening inside a name closes the name first and reopens it inside."""
    names: list[Highlight] = []
    if span.kind == EVIDENCE:
        while stack and stack[-1].kind == MENTION:
            names.append(stack.pop())
            out.append(close_tag(names[-1]))
    out.append(open_tag(span, first=True))
    stack.append(span)
    for name in reversed(names):
        out.append(open_tag(name, first=False))
        stack.append(name)
