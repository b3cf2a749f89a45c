"""Settings come from defaults, then a config file, then KG_ variables, then explicit overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import BadInputError
from kg.iris import DEFAULT_BASE_URI
from kg.settings import SETTINGS, Settings, describe_settings, load_settings


def test_defaults() -> None:
    settings = load_settings(environ={})
    assert settings == Settings()
    assert settings.base_uri == DEFAULT_BASE_URI and settings.query_timeout == 30.0


def test_each_source_overrides_the_one_before(tmp_path: Path) -> None:
    config = tmp_path / "kg.toml"
    config.write_text(
        'port = 9000\nworkers = 4\nrow_cap = 50\nhost = "127.0.0.2"\n', encoding="utf-8"
    )
    environ = {"KG_CONFIG": str(config), "KG_WORKERS": "3", "KG_ROW_CAP": "60"}
    settings = load_settings({"row_cap": 70}, environ=environ)
    assert settings.port == 9000  # file
    assert settings.host == "127.0.0.2"  # file
    assert settings.workers == 3  # environment over file
    assert settings.row_cap == 70  # override over environment
    assert settings.build_dir == Path("build")  # default


def test_data_files_are_a_path_list() -> None:
    settings = load_settings(environ={"KG_DATA": "a.ttl:b.nq"})
    assert settings.data == (Path("a.ttl"), Path("b.nq"))


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"KG_PORT": "eighty"}, "KG_PORT"),
        ({"KG_WORKERS": "0"}, "KG_WORKERS"),
        ({"KG_QUERY_TIMEOUT": "-1"}, "KG_QUERY_TIMEOUT"),
        ({"KG_BASE_URI": "relative/"}, "KG_BASE_URI"),
        ({"KG_CONFIG": "/nonexistent/kg.toml"}, "config file"),
        ({"KG_STORE": "virtuoso"}, "KG_STORE"),
        ({"KG_STORE": "ftp://127.0.0.1/sparql"}, "KG_STORE"),
        ({"KG_STORE_UPDATE": "127.0.0.1:8890/sparql-auth"}, "KG_STORE_UPDATE"),
        ({"KG_STORE_GSP": "sparql-graph-crud-auth"}, "KG_STORE_GSP"),
    ],
)
def test_bad_values_are_bad_input(environ: dict[str, str], message: str) -> None:
    with pytest.raises(BadInputError, match=message):
        load_settings(environ=environ)


def test_a_config_file_with_an_unknown_setting_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "kg.toml"
    config.write_text("colour = 'blue'\n", encoding="utf-8")
    with pytest.raises(BadInputError, match="unknown setting 'colour'"):
        load_settings(config_file=config, environ={})
    with pytest.raises(BadInputError, match="unknown setting"):
        load_settings({"colour": "blue"}, environ={})


def test_the_table_documents_every_setting() -> None:
    table = describe_settings()
    for setting in SETTINGS:
        assert f"`KG_{setting.name.upper()}`" in table
    assert {s.name for s in SETTINGS} == set(Settings.__dataclass_fields__)


def test_the_readme_lists_the_settings_as_they_are() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert describe_settings() in readme


def test_the_store_is_embedded_unless_a_url_is_given() -> None:
    assert load_settings(environ={}).store == "oxigraph"
    environ = {
        "KG_STORE": "http://127.0.0.1:8890/sparql",
        "KG_STORE_UPDATE": "http://127.0.0.1:8890/sparql-auth",
        "KG_STORE_USER": "dba",
        "KG_STORE_PASSWORD": "secret",
    }
    settings = load_settings(environ=environ)
    assert settings.store == "http://127.0.0.1:8890/sparql" and settings.store_user == "dba"
    assert "secret" not in repr(settings)
