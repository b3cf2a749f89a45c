"""The pictures of the pages laid out as numbers (a career timeline, flows between organisations);
templates draw them as inline SVG."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from server.page_dates import PartialDate

TIMELINE_WIDTH = 440
TIMELINE_PAD = 18
TIMELINE_ROW = 36
TIMELINE_AXIS = 26
FLOW_WIDTH = 400
FLOW_LABEL_ROOM = 116
FLOW_NODE_WIDTH = 9
FLOW_GAP = 16
FLOW_MAX_HEIGHT = 300
FLOW_LINE_HEIGHT = 14
FLOW_HEADING_ROOM = 24
LABEL_LINE_CHARS = 16
ROW_LABEL_CHARS = 54  # what fits across the picture at its font size


@dataclass(frozen=True)
class Span:
    """Something to place on a timeline: a role (a period) or a move (a point), dated or not."""

    label: str
    lang: str | None
    detail: str
    href: str
    kind: str  # "role" or "move"
    start: PartialDate | None
    end: PartialDate | None


@dataclass(frozen=True)
class TimelineRow:
    """One placed span: a bar from x0 to x1 (open ends fade out), or a point at x with its precision."""

    label: str
    lang: str | None
    detail: str
    title: str
    href: str
    kind: str
    y: float
    x0: float
    x1: float
    open_start: bool
    open_end: bool

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass
class Timeline:
    """A career timeline: placed rows, the year axis, and what could not be placed (no year)."""

    width: int
    height: float
    axis_y: float
    rows: list[TimelineRow] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    undated: list[Span] = field(default_factory=list)
    pad: int = TIMELINE_PAD


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def span_years(span: Span) -> tuple[float | None, float | None]:
    """Where a span starts and ends in fractional years (a point covers its stated precision)."""
    if span.kind == "move":
        date = span.start or span.end
        return (date.start_fraction(), date.end_fraction()) if date else (None, None)
    start = span.start.start_fraction() if span.start else None
    end = span.end.end_fraction() if span.end else None
    return start, end


def year_ticks(first: int, last: int) -> list[int]:
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if (last - first) / s <= 10)
    return [year for year in range(first, last + 1) if year % step == 0]


def layout_timeline(spans: list[Span]) -> Timeline:
    """Place dated spans along a year axis; spans with no year at either end are listed apart."""
    placed: list[tuple[Span, float | None, float | None]] = []
    timeline = Timeline(TIMELINE_WIDTH, 0, 0)
    for span in spans:
        start, end = span_years(span)
        if start is None and end is None:
            timeline.undated.append(span)
        else:
            placed.append((span, start, end))
    if not placed:
        return timeline
    known = [value for _, s, e in placed for value in (s, e) if value is not None]
    open_ends = any(e is None for _, _, e in placed)
    open_starts = any(s is None for _, s, _ in placed)
    first = math.floor(min(known)) - (1 if open_starts else 0)
    last = math.ceil(max(known)) + (1 if open_ends else 0)
    last = max(last, first + 3)
    inner = TIMELINE_WIDTH - 2 * TIMELINE_PAD

    def x_of(year: float) -> float:
        return round(TIMELINE_PAD + (year - first) / (last - first) * inner, 1)

    for index, (span, start, end) in enumerate(placed):
        y = TIMELINE_AXIS + index * TIMELINE_ROW + 22
        title = f"{span.label} — {span.detail}" if span.detail else span.label
        label = shorten(span.label, ROW_LABEL_CHARS)
        room = ROW_LABEL_CHARS - len(label) - 3
        detail = shorten(span.detail, room) if span.detail and room >= 8 else ""
        timeline.rows.append(
            TimelineRow(
                label=label,
                lang=span.lang,
                detail=detail,
                title=title,
                href=span.href,
                kind=span.kind,
                y=y,
                x0=x_of(start if start is not None else first),
                x1=x_of(end if end is not None else last),
                open_start=start is None,
                open_end=end is None,
            )
        )
    timeline.ticks = [Tick(x_of(year), str(year)) for year in year_ticks(first, last)]
    timeline.axis_y = TIMELINE_AXIS - 8
    timeline.height = TIMELINE_AXIS + len(placed) * TIMELINE_ROW + 6
    return timeline


@dataclass(frozen=True)
class FlowEnd:
    """An end of a flow in a given column: an organisation, or an unknown one (href None)."""

    column: int
    key: str
    label: str
    href: str | None


@dataclass(frozen=True)
class FlowEdge:
    origin: FlowEnd
    destination: FlowEnd
    people: int
    title: str
    tentative: bool


@dataclass(frozen=True)
class FlowNode:
    """A placed organisation: its bar and its label lines (anchored start, end or middle)."""

    label: str
    lines: tuple[str, ...]
    href: str | None
    x: float
    y: float
    height: float
    people: int
    anchor: str
    label_x: float
    label_y: float

    @property
    def unknown(self) -> bool:
        return self.href is None


@dataclass(frozen=True)
class FlowBand:
    path: str
    title: str
    tentative: bool


@dataclass
class FlowPicture:
    width: int
    height: float
    nodes: list[FlowNode] = field(default_factory=list)
    bands: list[FlowBand] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)


@dataclass(frozen=True)
class Heading:
    """The caption over a column of the flows: where people came from, where they went."""

    text: str
    x: float
    anchor: str


def wrap_label(text: str, width: int = LABEL_LINE_CHARS) -> tuple[str, ...]:
    """A name on at most two lines, cut with an ellipsis when longer."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], shorten(" ".join(lines[1:]), width)]
    return tuple(shorten(one, width) for one in lines)


def node_totals(edges: list[FlowEdge]) -> dict[tuple[int, str], tuple[FlowEnd, int, int]]:
    """Each node with the people flowing in and out of it."""
    totals: dict[tuple[int, str], tuple[FlowEnd, int, int]] = {}
    for edge in edges:
        for end, incoming in ((edge.origin, False), (edge.destination, True)):
            known, inflow, outflow = totals.get((end.column, end.key), (end, 0, 0))
            if incoming:
                inflow += edge.people
            else:
                outflow += edge.people
            totals[(end.column, end.key)] = (known, inflow, outflow)
    return totals


def layout_flows(
    edges: list[FlowEdge], columns: int, headings: tuple[str, str] = ("", "")
) -> FlowPicture:
    """A Sankey diagram in `columns` columns: bands as thick as the people who moved.

    `headings` caption the first and the last column.
    """
    totals = node_totals(edges)
    by_column: dict[int, list[tuple[FlowEnd, int]]] = {}
    for end, inflow, outflow in totals.values():
        by_column.setdefault(end.column, []).append((end, max(inflow, outflow)))
    for members in by_column.values():
        members.sort(key=lambda pair: (pair[0].href is None, -pair[1], pair[0].label))
    biggest = max((sum(v for _, v in members) for members in by_column.values()), default=1)
    unit = min(22.0, FLOW_MAX_HEIGHT / max(biggest, 1))
    top = FLOW_HEADING_ROOM + (18.0 if columns > 2 else 0.0)
    xs = column_positions(columns)
    placed: dict[tuple[int, str], FlowNode] = {}
    height = 0.0
    for column, members in sorted(by_column.items()):
        y = top
        for end, people in members:
            middle = 0 < column < columns - 1  # a hub: in and out differ, its title says both
            lines = wrap_label(end.label if middle else f"{end.label} ({people})")
            node_height = max(people * unit, len(lines) * FLOW_LINE_HEIGHT)
            placed[(column, end.key)] = place_node(
                end, lines, people, xs[column], y, node_height, columns
            )
            y += node_height + FLOW_GAP
        height = max(height, y - FLOW_GAP + 8)
    picture = FlowPicture(FLOW_WIDTH, round(height, 1), list(placed.values()))
    picture.bands = place_bands(edges, placed, unit)
    first, last = headings
    picture.headings = [
        Heading(first, xs[0] + FLOW_NODE_WIDTH, "end"),
        Heading(last, xs[-1], "start"),
    ]
    return picture


def column_positions(columns: int) -> list[float]:
    left = FLOW_LABEL_ROOM
    right = FLOW_WIDTH - FLOW_LABEL_ROOM - FLOW_NODE_WIDTH
    if columns == 1:
        return [left]
    return [round(left + (right - left) * i / (columns - 1), 1) for i in range(columns)]


def place_node(
    end: FlowEnd,
    lines: tuple[str, ...],
    people: int,
    x: float,
    y: float,
    height: float,
    columns: int,
) -> FlowNode:
    """A node and where its label goes: left of the first column, right of the last, above others."""
    middle = y + height / 2 - (len(lines) - 1) * FLOW_LINE_HEIGHT / 2 + 4
    if end.column == 0:
        anchor, label_x, label_y = "end", x - 6, middle
    elif end.column == columns - 1:
        anchor, label_x, label_y = "start", x + FLOW_NODE_WIDTH + 6, middle
    else:
        anchor, label_x, label_y = (
            "middle",
            x + FLOW_NODE_WIDTH / 2,
            y - 8 - (len(lines) - 1) * FLOW_LINE_HEIGHT,
        )
    return FlowNode(
        label=end.label,
        lines=lines,
        href=end.href,
        x=x,
        y=round(y, 1),
        height=round(height, 1),
        people=people,
        anchor=anchor,
        label_x=round(label_x, 1),
        label_y=round(label_y, 1),
    )


def place_bands(
    edges: list[FlowEdge], nodes: dict[tuple[int, str], FlowNode], unit: float
) -> list[FlowBand]:
    """Stack each node's bands in the order of the nodes at their other end (fewer crossings)."""
    out_offset: dict[tuple[int, str], float] = {}
    in_offset: dict[tuple[int, str], float] = {}
    ordered = sorted(
        edges,
        key=lambda e: (
            nodes[(e.origin.column, e.origin.key)].y,
            nodes[(e.destination.column, e.destination.key)].y,
            e.tentative,
        ),
    )
    bands = []
    for edge in ordered:
        origin_key = (edge.origin.column, edge.origin.key)
        destination_key = (edge.destination.column, edge.destination.key)
        origin, destination = nodes[origin_key], nodes[destination_key]
        thickness = max(edge.people * unit, 1.5)
        y0 = origin.y + centring(origin, unit) + out_offset.get(origin_key, 0.0)
        y1 = destination.y + centring(destination, unit) + in_offset.get(destination_key, 0.0)
        out_offset[origin_key] = out_offset.get(origin_key, 0.0) + thickness
        in_offset[destination_key] = in_offset.get(destination_key, 0.0) + thickness
        bands.append(
            FlowBand(
                band_path(origin.x + FLOW_NODE_WIDTH, y0, destination.x, y1, thickness),
                edge.title,
                edge.tentative,
            )
        )
    return bands


def centring(node: FlowNode, unit: float) -> float:
    """Bands sit in the middle of a node made taller than its people for its label."""
    return max(0.0, (node.height - node.people * unit) / 2)


def band_path(x0: float, y0: float, x1: float, y1: float, thickness: float) -> str:
    """An SVG path (numbers only) of a band between two vertical edges."""
    xm = (x0 + x1) / 2
    b0, b1 = y0 + thickness, y1 + thickness
    numbers = (x0, y0, xm, y0, xm, y1, x1, y1, x1, b1, xm, b1, xm, b0, x0, b0)
    n = [f"{value:.1f}" for value in numbers]
    return (
        f"M{n[0]},{n[1]} C{n[2]},{n[3]} {n[4]},{n[5]} {n[6]},{n[7]} "
        f"L{n[8]},{n[9]} C{n[10]},{n[11]} {n[12]},{n[13]} {n[14]},{n[15]} Z"
    )
