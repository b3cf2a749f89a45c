"""Validation results kept on disk, one file per unit, keyed by the unit's content and the shapes."""

from __future__ import annotations

import hashlib
import json
import os
import platform
from dataclasses import astuple, dataclass, field
from pathlib import Path

import pyoxigraph
import pyshacl
import rdflib
from rdflib import Graph

from kg import oxigraph_terms, shacl_engine, validation_report
from kg.oxigraph_terms import sorted_ntriples
from kg.validation_report import Violation

CACHE_DIR = "validation-cache"
FORMAT = 1
ENGINE_MODULES = (shacl_engine, validation_report, oxigraph_terms)  # what turns a unit into results
ENGINE = (
    f"kg validation units {FORMAT}; pyshacl {pyshacl.__version__}; rdflib {rdflib.__version__};"
    f" pyoxigraph {pyoxigraph.__version__}; python {platform.python_version()}"
)
VIOLATION_FIELDS = len(Violation.__dataclass_fields__)


@dataclass
class CacheCounts:
    """What a validation run took from the cache and what it validated."""

    reused: int = 0
    validated: int = 0
    ignored: int = 0  # stored files that could not be trusted (and were validated again)
    unwritable: int = 0  # fresh results that could not be stored

    def describe(self) -> str:
        notes = [
            f"{self.ignored} untrusted cache file(s) ignored" if self.ignored else "",
            f"{self.unwritable} result(s) could not be stored" if self.unwritable else "",
        ]
        text = f"{self.validated} unit(s) validated, {self.reused} reused from the cache"
        return ", ".join([text, *(note for note in notes if note)])


@dataclass
class ValidationCache:
    """The stored results under `directory`; with `reuse` False it only records fresh results.

    The key of a unit is the sha256 of: the shapes' fingerprint (their sorted triples, the versions
    of the validating software and the source of our modules that run it), the unit's name, and the
    unit's sorted N-Triples: everything a unit's results depend on (no inference is run, so the
    ontology plays no part; a unit holds every triple it is validated with). A stored
    result is used only when its file reads back whole: same key, same unit, well-formed results and
    a matching checksum; anything else is ignored, counted, and validated again. The cache lives in
    the build directory, beside `releases/`; deleting it only costs time.
    """

    directory: Path
    shapes_key: str
    reuse: bool = True
    counts: CacheCounts = field(default_factory=CacheCounts)
    used: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, build_dir: Path, shapes: Graph, *, reuse: bool = True) -> ValidationCache:
        return cls(build_dir / CACHE_DIR, shapes_fingerprint(shapes), reuse)

    def key(self, name: str, ntriples: bytes) -> str:
        """The key of a unit (its sorted N-Triples), its name and the shapes it is validated against."""
        digest = hashlib.sha256(f"{self.shapes_key}\n{name}\n".encode())
        digest.update(ntriples)
        return digest.hexdigest()

    def lookup(self, key: str, name: str) -> list[Violation] | None:
        """The stored results of a unit, or None when there are none or they cannot be trusted."""
        self.used.add(key)
        if not self.reuse:
            return None
        path = self._path(key)
        try:
            text = path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError):
            self.counts.ignored += 1
            return None
        violations = parse_entry(text, key, name)
        if violations is None:
            self.counts.ignored += 1
            return None
        self.counts.reused += 1
        return violations

    def store(self, key: str, name: str, violations: list[Violation]) -> None:
        """Record a unit's fresh results (written whole, then renamed into place)."""
        self.counts.validated += 1
        self.used.add(key)
        path = self._path(key)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(format_entry(key, name, violations), encoding="utf-8")
            os.replace(temporary, path)
        except OSError:  # the results stand; only the next run loses time
            self.counts.unwritable += 1
            temporary.unlink(missing_ok=True)

    def prune(self) -> int:
        """Delete the stored results of units this run did not see; return how many."""
        removed = 0
        if not self.directory.is_dir():
            return removed
        for path in self.directory.glob("*/*"):
            if path.name.removesuffix(".json") not in self.used:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"


def format_entry(key: str, name: str, violations: list[Violation]) -> str:
    rows = [list(astuple(violation)) for violation in violations]
    return json.dumps(
        {"key": key, "unit": name, "results": rows, "check": checksum(key, name, rows)},
        ensure_ascii=False,
        indent=1,
    )


def parse_entry(text: str, key: str, name: str) -> list[Violation] | None:
    """The results of a stored entry, or None unless it is whole and is the entry of (key, name)."""
    try:
        entry = json.loads(text)
    except ValueError:
        return None
    if not isinstance(entry, dict) or entry.get("key") != key or entry.get("unit") != name:
        return None
    rows = entry.get("results")
    if not isinstance(rows, list) or entry.get("check") != checksum(key, name, rows):
        return None
    if not all(is_row(row, name) for row in rows):
        return None
    return [Violation(*row) for row in rows]


def is_row(row: object, name: str) -> bool:
    return (
        isinstance(row, list)
        and len(row) == VIOLATION_FIELDS
        and all(isinstance(item, str) for item in row)
        and row[0] == name
    )


def checksum(key: str, name: str, rows: object) -> str:
    payload = json.dumps([FORMAT, key, name, rows], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def shapes_fingerprint(shapes: Graph) -> str:
    """What every key depends on besides the unit: the shapes' triples and the validating software
    (the versions of pySHACL, rdflib, pyoxigraph and Python, and the source of our own modules that
    run pySHACL and read its results, so that editing them invalidates every stored result)."""
    digest = hashlib.sha256(f"{ENGINE}\n{engine_source_digest()}\n".encode())
    digest.update(sorted_ntriples(shapes))
    return digest.hexdigest()


def engine_source_digest() -> str:
    """The sha256 of the source of the modules that validate a unit and read its results."""
    digest = hashlib.sha256()
    for module in ENGINE_MODULES:
        digest.update(Path(module.__file__ or module.__name__).read_bytes())
    return digest.hexdigest()
