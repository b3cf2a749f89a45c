"""Read curated YAML files, keeping the line of every mapping and key so errors can point at them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kg.errors import BadInputError, Location

try:  # libyaml's parser: ten times faster, with the same marks (lines) on every node
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover (PyYAML built without libyaml)
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class LineDict(dict[str, Any]):
    """A YAML mapping that remembers its own line and the line of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """The line of `key` if present, else the mapping's own line."""
        return self.key_lines.get(key, self.line)


class _LineLoader(_BaseLoader):
    """A safe loader that builds LineDicts and refuses duplicate keys."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise yaml.constructor.ConstructorError(
                None, None, f"keys must be text, found {key!r}", key_node.start_mark
            )
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_text(path: Path) -> str:
    """Read a UTF-8 file, raising BadInputError when it is missing or not UTF-8."""
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise BadInputError("file not found", Location(path)) from None
    except UnicodeDecodeError as error:
        raise BadInputError(
            f"not UTF-8 (byte {error.start}: {error.reason})", Location(path)
        ) from None


def load_yaml_mapping(path: Path) -> LineDict:
    """Parse a YAML file whose top level is a mapping; a syntax error names the file and line."""
    text = read_text(path)
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "invalid YAML"
        raise BadInputError(f"YAML error: {problem}", Location(path, line)) from None
    except yaml.YAMLError as error:
        raise BadInputError(f"YAML error: {error}", Location(path)) from None
    if not isinstance(data, LineDict):
        raise BadInputError("the file must hold a YAML mapping at its top level", Location(path, 1))
    return data
