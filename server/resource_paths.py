"""Which resource a request path names: the kinds of IRI as data, hostile paths refused, the format
extension split off."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_PATH_LENGTH = 1024
# What a path may hold: no control bytes, space, or characters an IRI may not hold; no "%" (every escape
# has been decoded: one left is a bad escape), no "?" or "#", no empty segment.
_PLAIN_PATH = re.compile(r"[^\x00-\x20\x7f<>\"{}|^`\\%?#/]+(?:/[^\x00-\x20\x7f<>\"{}|^`\\%?#/]+)*")
# What only a malformed or hostile request holds: a dot segment, NUL and other control bytes, a
# backslash, a percent sign left by a bad escape (or an encoded one), the replacement character left by
# bytes that are not UTF-8, an empty segment.
_HOSTILE = re.compile(r"(?:^|/)\.\.?(?:/|$)|[\x00-\x1f\x7f\\%\ufffd]|//")
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,10})$")


class UnsafePathError(ValueError):
    """A path that no IRI of ours can have and that only a malformed or hostile request sends."""


class PathTooLongError(UnsafePathError):
    """A path longer than any IRI of ours."""


@dataclass(frozen=True)
class Kind:
    """A kind of IRI the graph mints: its path under the base, and the page kind it has, if any."""

    name: str
    prefix: str  # the path under the base; ends with "/" when the IRI has more segments
    page: str | None  # the kind `render_entity_html` knows, None when it has no page of its own
    minted: bool = True  # minted by kg.iris: a slug or id, never a dot


KINDS: tuple[Kind, ...] = (
    Kind("person", "person/", "person"),
    Kind("organization", "organization/", "organization"),
    Kind("role", "role/", "role"),
    Kind("move", "move/", "move"),
    Kind("document", "document/", "document"),
    Kind("evidence", "evidence/", "evidence"),
    Kind("mention", "mention/", "mention"),
    Kind("curation", "activity/curation/", None),
    Kind("partition", "dataset/class/", None),
    Kind("dataset", "dataset", None),
    Kind("graph", "graph/", None),
)
DATASET = next(kind for kind in KINDS if kind.name == "dataset")
# Any other IRI under the base (data served with `kg serve --data`).
GENERIC = Kind("resource", "", None, minted=False)


@dataclass(frozen=True)
class ResourcePath:
    """A request path split into the resource's path (no leading "/") and its format extension."""

    kind: Kind
    path: str
    extension: str | None

    def iri(self, base: str) -> str:
        return base + self.path

    def url(self, extension: str | None = None) -> str:
        """The server-relative URL of the resource, or of one representation of it."""
        return f"/{self.path}" + (f".{extension}" if extension else "")


def check_path(path: str) -> None:
    """Raise UnsafePathError for a path with traversal, control bytes, bad escapes or no sense."""
    if len(path) > MAX_PATH_LENGTH:
        raise PathTooLongError(f"the path is longer than {MAX_PATH_LENGTH} characters")
    if _HOSTILE.search(path):
        raise UnsafePathError("the path is malformed or unsafe")


def interpretations(path: str) -> list[ResourcePath]:
    """What a path (without its leading "/") may name, most literal first: the resource whose IRI is
    base + path, then the representation `.ext` of the resource base + stem. Minted IRIs hold no dot,
    so a path with an extension under a minted kind is only read the second way."""
    check_path(path)
    if not _PLAIN_PATH.fullmatch(path):
        return []
    found = []
    whole = kind_of(path)
    extension = _EXTENSION.search(path)
    stem = path[: extension.start()] if extension else ""
    stem_kind = kind_of(stem) if extension else None
    if not (extension and stem_kind is not None and stem_kind.minted):
        found.append(ResourcePath(kind=whole or GENERIC, path=path, extension=None))
    if extension and stem:
        found.append(
            ResourcePath(kind=stem_kind or GENERIC, path=stem, extension=extension.group(1))
        )
    return found


def kind_of(path: str) -> Kind | None:
    """The kind of minted IRI whose path this is (its prefix and at least one segment after it)."""
    for kind in KINDS:
        if kind.prefix.endswith("/"):
            if path.startswith(kind.prefix) and len(path) > len(kind.prefix):
                return kind
        elif path == kind.prefix:
            return kind
    return None
