"""Every peer must return the same rows: the checked requests' results compared with the reference's."""

from __future__ import annotations

from bench.driver import Request, send
from bench.peers.base import Client
from bench.probes import ProbeRequests
from bench.results import Mismatch
from bench.rows import Rows, difference, read_rows

Collected = dict[tuple[str, int], Rows | str]  # (probe, check number) -> rows, or the error


def collect_rows(client: Client, probes: list[ProbeRequests]) -> Collected:
    """The rows each checked request returns on one peer (or why there are none).

    After a timeout the query's remaining checks are not sent: each would take as long.
    """
    collected: Collected = {}
    for probe in probes:
        if probe.probe.ours_only:
            continue
        timed_out: str | None = None
        for number, request in enumerate(probe.checks):
            found = timed_out or rows_or_error(client, request)
            if isinstance(found, str) and found.startswith("TimeoutError"):
                timed_out = found  # the next checks of this query would time out as well
            collected[(probe.probe.name, number)] = found
    return collected


def rows_or_error(client: Client, request: Request) -> Rows | str:
    try:
        reply = send(client, request)
    except OSError as error:
        return f"{type(error).__name__}: {error}"
    if not reply.ok:
        return f"status {reply.status}: {reply.body[:160].decode('utf-8', 'replace')}"
    try:
        return read_rows(reply.body, reply.content_type)
    except (ValueError, SyntaxError, KeyError) as error:
        return f"unreadable {reply.content_type} result: {error}"


def compare_peers(
    by_peer: dict[str, Collected], modes: dict[str, str], reference: str
) -> list[Mismatch]:
    """Each peer's rows against the reference peer's, request by request."""
    expected = by_peer.get(reference, {})
    mismatches = []
    for peer, collected in by_peer.items():
        for (probe, number), rows in collected.items():
            wanted = expected.get((probe, number))
            if isinstance(rows, str):
                mismatches.append(Mismatch(probe, peer, f"check {number}: {rows}"))
            elif peer != reference and isinstance(wanted, Rows):
                found = difference(wanted, rows, modes.get(probe, "rows"))
                if found is not None:
                    mismatches.append(Mismatch(probe, peer, f"check {number}: {found}"))
    return mismatches
