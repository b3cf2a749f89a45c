"""The index pages' entries of one release in an SQLite file: written once, then read a page at a time.

A release never changes, so what the index pages list (every person, organisation, move and
document, in order, with the folded text a search looks in) is derived from it once and kept on
disk beside it. Every worker reads the same file through the page cache: no worker holds the lists,
and no first visitor waits for them to be made.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

INDEX_FILE = "page-index.sqlite"
SCHEMA_VERSION = 2  # written as the file's user_version: a file of another version is made again
SCHEMA = """
CREATE TABLE entries (
  kind TEXT NOT NULL, lang TEXT NOT NULL, position INTEGER NOT NULL,
  iri TEXT NOT NULL, label TEXT NOT NULL, label_lang TEXT, meta TEXT NOT NULL, haystack TEXT NOT NULL,
  PRIMARY KEY (kind, lang, position)
) WITHOUT ROWID;
CREATE TABLE texts (iri TEXT PRIMARY KEY, folded TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE org_totals (
  org TEXT NOT NULL, list TEXT NOT NULL, total INTEGER NOT NULL, PRIMARY KEY (org, list)
) WITHOUT ROWID;
CREATE TABLE org_lists (
  org TEXT NOT NULL, list TEXT NOT NULL, position INTEGER NOT NULL, fact TEXT NOT NULL,
  PRIMARY KEY (org, list, position)
) WITHOUT ROWID;
CREATE TABLE org_named_in (
  org TEXT NOT NULL, position INTEGER NOT NULL, document TEXT NOT NULL, mentions INTEGER NOT NULL,
  PRIMARY KEY (org, position)
) WITHOUT ROWID;
CREATE TABLE org_flows (
  org TEXT NOT NULL, side TEXT NOT NULL, end_iri TEXT NOT NULL, status TEXT NOT NULL,
  people INTEGER NOT NULL, moves INTEGER NOT NULL
);
CREATE INDEX org_flows_by_org ON org_flows (org);
"""


@dataclass(frozen=True)
class FlowRow:
    """People who moved into (`side` "in") or out of ("out") an organisation, by the organisation at
    the other end and the move's status (each "" when the source does not say)."""

    side: str
    end: str
    status: str
    people: int
    moves: int


@dataclass(frozen=True)
class OrganizationRows:
    """What organisations' pages count and order: (organisation, list, total); (organisation, list,
    its facts in order); (organisation, the documents naming it with how often, in order);
    (organisation, flow)."""

    totals: Iterable[tuple[str, str, int]] = ()
    lists: Iterable[tuple[str, str, list[str]]] = ()
    named_in: Iterable[tuple[str, list[tuple[str, int]]]] = ()
    flows: Iterable[tuple[str, FlowRow]] = ()


@dataclass(frozen=True)
class IndexRow:
    """One entry of an index page: what it links to, its label, its details, and the folded text
    (`haystack`) a search looks in."""

    iri: str
    label: str
    label_lang: str | None
    meta: tuple[str, ...]
    haystack: str = ""


def write_page_index(
    path: Path,
    entries: Iterable[tuple[str, str, list[IndexRow]]],
    texts: dict[str, str],
    organizations: OrganizationRows = OrganizationRows(),
) -> None:
    """Write the index to `path` at once (a temporary file renamed): `entries` are (kind, language,
    rows in order), `texts` the folded text of each document, searched beside its entry, and what
    organisations' pages count and order."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    connection = sqlite3.connect(temporary)
    try:
        connection.executescript(SCHEMA)
        for kind, lang, rows in entries:
            connection.executemany(
                "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (kind, lang, n, r.iri, r.label, r.label_lang, json.dumps(r.meta), r.haystack)
                    for n, r in enumerate(rows)
                ),
            )
        connection.executemany("INSERT INTO texts VALUES (?, ?)", texts.items())
        write_organizations(connection, organizations)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.commit()
    finally:
        connection.close()
    os.replace(temporary, path)


def write_organizations(connection: sqlite3.Connection, rows: OrganizationRows) -> None:
    connection.executemany("INSERT INTO org_totals VALUES (?, ?, ?)", rows.totals)
    for org, name, items in rows.lists:
        connection.executemany(
            "INSERT INTO org_lists VALUES (?, ?, ?, ?)",
            ((org, name, n, item) for n, item in enumerate(items)),
        )
    for org, documents in rows.named_in:
        connection.executemany(
            "INSERT INTO org_named_in VALUES (?, ?, ?, ?)",
            ((org, n, document, mentions) for n, (document, mentions) in enumerate(documents)),
        )
    connection.executemany(
        "INSERT INTO org_flows VALUES (?, ?, ?, ?, ?, ?)",
        ((org, f.side, f.end, f.status, f.people, f.moves) for org, f in rows.flows),
    )


def is_current(path: Path) -> bool:
    """Whether `path` holds a complete index of this schema."""
    if not path.is_file():
        return False
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            (version,) = connection.execute("PRAGMA user_version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return bool(version == SCHEMA_VERSION)


class PageIndex:
    """A read-only handle on a release's index (one per process)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection = sqlite3.connect(
            f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False
        )

    def total(self, kind: str, lang: str) -> int:
        """How many entries the index page of `kind` lists."""
        (count,) = self._connection.execute(
            "SELECT COUNT(*) FROM entries WHERE kind = ? AND lang = ?", (kind, lang)
        ).fetchone()
        return int(count)

    def search(
        self, kind: str, lang: str, words: list[str], offset: int, limit: int
    ) -> tuple[int, list[IndexRow]]:
        """How many entries hold every word (in their own text or their document's), and `limit` of
        them from `offset`, in the index's order."""
        where = "e.kind = ? AND e.lang = ?"
        parameters: list[str | int] = [kind, lang]
        for word in words:
            where += " AND (instr(e.haystack, ?) > 0 OR instr(coalesce(t.folded, ''), ?) > 0)"
            parameters += [word, word]
        joined = "entries AS e LEFT JOIN texts AS t ON t.iri = e.iri" if words else "entries AS e"
        (found,) = self._connection.execute(
            f"SELECT COUNT(*) FROM {joined} WHERE {where}", parameters
        ).fetchone()
        rows = self._connection.execute(
            f"SELECT e.iri, e.label, e.label_lang, e.meta FROM {joined} WHERE {where}"
            " ORDER BY e.position LIMIT ? OFFSET ?",
            [*parameters, limit, offset],
        ).fetchall()
        return int(found), [
            IndexRow(iri, label, label_lang, tuple(json.loads(meta)))
            for iri, label, label_lang, meta in rows
        ]

    def organization_totals(self, org: str) -> dict[str, int]:
        """How many facts each list of an organisation's page holds (lists without any left out)."""
        rows = self._connection.execute(
            "SELECT list, total FROM org_totals WHERE org = ?", (org,)
        ).fetchall()
        return {name: int(total) for name, total in rows}

    def organization_list(self, org: str, name: str, offset: int, limit: int) -> list[str]:
        """`limit` items of one list of an organisation's page from `offset`, in the page's order."""
        rows = self._connection.execute(
            "SELECT fact FROM org_lists WHERE org = ? AND list = ? AND position >= ?"
            " ORDER BY position LIMIT ?",
            (org, name, offset, limit),
        ).fetchall()
        return [fact for (fact,) in rows]

    def organization_named_in(self, org: str, offset: int, limit: int) -> list[tuple[str, int]]:
        """`limit` of the documents naming an organisation from `offset`, with how often they do,
        those naming it most first."""
        rows = self._connection.execute(
            "SELECT document, mentions FROM org_named_in WHERE org = ? AND position >= ?"
            " ORDER BY position LIMIT ?",
            (org, offset, limit),
        ).fetchall()
        return [(document, int(mentions)) for document, mentions in rows]

    def organization_flows(self, org: str) -> list[FlowRow]:
        """Every flow in and out of an organisation."""
        rows = self._connection.execute(
            "SELECT side, end_iri, status, people, moves FROM org_flows WHERE org = ?", (org,)
        ).fetchall()
        return [
            FlowRow(side, end, status, people, moves) for side, end, status, people, moves in rows
        ]

    def close(self) -> None:
        self._connection.close()
