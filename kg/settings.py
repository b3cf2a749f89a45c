"""Settings as a table (name, default, help), read in order: defaults, config file, `KG_` environment, overrides."""

from __future__ import annotations

import os
import tomllib
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from kg.errors import BadInputError
from kg.iris import DEFAULT_BASE_URI, check_base_uri

CONFIG_ENV = "KG_CONFIG"
EMBEDDED_STORE = "oxigraph"


@dataclass(frozen=True)
class Setting:
    """One setting: its name (also `KG_<NAME>` in the environment), default, parser and help."""

    name: str
    default: Any
    parse: Callable[[str], Any]
    help: str


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(f"{value} is not a positive whole number")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise ValueError(f"{value} is not a positive number")
    return value


def _store(text: str) -> str:
    """`oxigraph` (the embedded store) or the query URL of a SPARQL 1.1 endpoint."""
    if text == EMBEDDED_STORE or _is_http_url(text):
        return text
    raise ValueError(
        f"{text!r} is neither {EMBEDDED_STORE!r} nor an http(s) URL of a SPARQL endpoint"
    )


def _optional_url(text: str) -> str:
    if text == "" or _is_http_url(text):
        return text
    raise ValueError(f"{text!r} is not an http(s) URL")


def _is_http_url(text: str) -> bool:
    parts = urllib.parse.urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _paths(text: str) -> tuple[Path, ...]:
    return tuple(Path(part) for part in text.split(os.pathsep) if part)


SETTINGS: tuple[Setting, ...] = (
    Setting("base_uri", DEFAULT_BASE_URI, check_base_uri, "base of every minted IRI"),
    Setting("build_dir", Path("build"), Path, "where builds are published and read from"),
    Setting("seeds_dir", Path("seeds"), Path, "the sources and their curated claims"),
    Setting(
        "data", (), _paths, f"RDF files to serve instead of the build ('{os.pathsep}'-separated)"
    ),
    Setting("host", "127.0.0.1", str, "address the server binds"),
    Setting("port", 8080, _positive_int, "port the server listens on"),
    Setting("workers", 2, _positive_int, "gunicorn worker processes"),
    Setting("query_timeout", 30.0, _positive_float, "seconds a SPARQL query may run"),
    Setting(
        "row_cap", 10000, _positive_int, "most rows a SELECT returns (truncation is signalled)"
    ),
    Setting("max_request_bytes", 1_000_000, _positive_int, "largest request body accepted"),
    Setting(
        "store",
        EMBEDDED_STORE,
        _store,
        "the store: the embedded Oxigraph, or the query URL of a SPARQL 1.1 endpoint"
        " ([docs/scale-out.md](docs/scale-out.md))",
    ),
    Setting(
        "store_update",
        "",
        _optional_url,
        "the remote store's SPARQL 1.1 Update URL (default: the query URL)",
    ),
    Setting(
        "store_gsp",
        "",
        _optional_url,
        "the remote store's Graph Store Protocol URL: releases are loaded through it, not INSERT DATA",
    ),
    Setting("store_user", "", str, "user for the update and GSP URLs (HTTP digest or basic auth)"),
    Setting("store_password", "", str, "that user's password"),
)
SETTINGS_BY_NAME = {setting.name: setting for setting in SETTINGS}


@dataclass(frozen=True)
class Settings:
    """The settings in force."""

    base_uri: str = DEFAULT_BASE_URI
    build_dir: Path = Path("build")
    seeds_dir: Path = Path("seeds")
    data: tuple[Path, ...] = ()
    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 2
    query_timeout: float = 30.0
    row_cap: int = 10000
    max_request_bytes: int = 1_000_000
    store: str = EMBEDDED_STORE
    store_update: str = ""
    store_gsp: str = ""
    store_user: str = ""
    store_password: str = field(default="", repr=False)


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> Settings:
    """Defaults, then the config file (`KG_CONFIG` or `config_file`, TOML), then `KG_*`, then overrides."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {setting.name: setting.default for setting in SETTINGS}
    path = config_file or (Path(environ[CONFIG_ENV]) if environ.get(CONFIG_ENV) else None)
    if path is not None:
        values.update(_read_config_file(path))
    for setting in SETTINGS:
        raw = environ.get(f"KG_{setting.name.upper()}")
        if raw is not None:
            values[setting.name] = _parse(setting, raw, f"KG_{setting.name.upper()}")
    for name, value in (overrides or {}).items():
        if name not in SETTINGS_BY_NAME:
            raise BadInputError(f"unknown setting {name!r}")
        if value is not None:
            values[name] = value
    return Settings(**{field.name: values[field.name] for field in fields(Settings)})


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise BadInputError(f"config file {path}: {error}") from None
    values = {}
    for name, raw in data.items():
        setting = SETTINGS_BY_NAME.get(name)
        if setting is None:
            raise BadInputError(f"config file {path}: unknown setting {name!r}")
        values[name] = _parse(setting, raw if isinstance(raw, str) else str(raw), f"{path}: {name}")
    return values


def _parse(setting: Setting, raw: str, where: str) -> Any:
    try:
        return setting.parse(raw)
    except ValueError as error:
        raise BadInputError(f"{where}: {error}") from None


def describe_settings() -> str:
    """The settings table in Markdown, for the README."""
    lines = ["| setting | environment | default | meaning |", "| --- | --- | --- | --- |"]
    for setting in SETTINGS:
        default = setting.default if setting.default not in ((), "") else "(none)"
        lines.append(
            f"| `{setting.name}` | `KG_{setting.name.upper()}` | `{default}` | {setting.help} |"
        )
    return "\n".join(lines)
