"""Load the source documents of `seeds/`: each text with its metadata, checked for encoding and hash."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal

from kg.errors import BadInputError, Location
from kg.iris import is_slug
from kg.partial_dates import parse_partial_date
from kg.yaml_files import LineDict, load_yaml_mapping, read_text

TEXT_SUFFIX = ".txt"
META_SUFFIX = ".meta.yaml"
CLAIMS_SUFFIX = ".claims.yaml"
META_KEYS = {"id", "title", "language", "publisher", "published", "url", "sha256"}


@dataclass(frozen=True)
class Source:
    """One article: its stored text and what is known about it (None = unknown)."""

    stem: str
    doc_id: str
    text_path: Path
    text: str
    sha256: str
    language: str
    title: str | None
    publisher: str | None
    published: Literal | None
    url: str | None

    @property
    def claims_path(self) -> Path:
        return self.text_path.with_name(self.stem + CLAIMS_SUFFIX)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_sources(seeds_dir: Path) -> list[Source]:
    """Every source in `seeds_dir`, in file-name order; refuses a text without metadata and vice versa."""
    if not seeds_dir.is_dir():
        raise BadInputError("seeds directory not found", Location(seeds_dir))
    texts = {p.name[: -len(TEXT_SUFFIX)] for p in seeds_dir.glob("*" + TEXT_SUFFIX)}
    metas = {p.name[: -len(META_SUFFIX)] for p in seeds_dir.glob("*" + META_SUFFIX)}
    for stem in sorted(texts ^ metas):
        missing = META_SUFFIX if stem in texts else TEXT_SUFFIX
        raise BadInputError(f"{stem}{missing} is missing", Location(seeds_dir / stem))
    if not texts:
        raise BadInputError(f"no sources (*{TEXT_SUFFIX} with *{META_SUFFIX})", Location(seeds_dir))
    sources = [load_source(seeds_dir, stem) for stem in sorted(texts)]
    seen: dict[str, str] = {}
    for source in sources:
        if source.doc_id in seen:
            raise BadInputError(
                f"document id {source.doc_id!r} is already used by {seen[source.doc_id]}",
                Location(seeds_dir / (source.stem + META_SUFFIX)),
            )
        seen[source.doc_id] = source.stem
    return sources


def load_source(seeds_dir: Path, stem: str) -> Source:
    """Read `STEM.txt` and `STEM.meta.yaml` and check them against each other."""
    text_path = seeds_dir / (stem + TEXT_SUFFIX)
    meta_path = seeds_dir / (stem + META_SUFFIX)
    raw = text_path.read_bytes()
    text = read_text(text_path)
    if not text.strip():
        raise BadInputError("the source text is empty", Location(text_path))
    meta = load_yaml_mapping(meta_path)
    unknown = set(meta) - META_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise BadInputError(f"unknown key {key!r}", Location(meta_path, meta.line_of(key)))
    doc_id = _required_text(meta, "id", meta_path)
    if not is_slug(doc_id):
        raise BadInputError(f"id {doc_id!r} is not a slug", Location(meta_path, meta.line_of("id")))
    digest = sha256_of(raw)
    stated = _required_text(meta, "sha256", meta_path)
    if stated != digest:
        raise BadInputError(
            f"sha256 {stated} does not match the text ({digest}): was the text edited?",
            Location(meta_path, meta.line_of("sha256")),
        )
    published = meta.get("published")
    try:
        published_date = None if published is None else parse_partial_date(published)
    except ValueError as error:
        raise BadInputError(str(error), Location(meta_path, meta.line_of("published"))) from None
    return Source(
        stem=stem,
        doc_id=doc_id,
        text_path=text_path,
        text=text,
        sha256=digest,
        language=_required_text(meta, "language", meta_path),
        title=_optional_text(meta, "title", meta_path),
        publisher=_optional_text(meta, "publisher", meta_path),
        published=published_date,
        url=_optional_text(meta, "url", meta_path),
    )


def _optional_text(meta: LineDict, key: str, path: Path) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise BadInputError(f"{key!r} must be text or null", Location(path, meta.line_of(key)))
    return value


def _required_text(meta: LineDict, key: str, path: Path) -> str:
    value = _optional_text(meta, key, path)
    if value is None:
        raise BadInputError(f"{key!r} is required", Location(path, meta.line_of(key)))
    return value
