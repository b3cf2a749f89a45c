"""Checks kg/sources.py: the real seeds load intact, and broken texts or metadata are refused by file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from rdflib import Literal, URIRef, namespace

from kg.errors import BadInputError
from kg.sources import Source, load_sources, sha256_of
from tests.conftest import SHARED_DIR

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
SHARED_SEEDS = SHARED_DIR / "seeds"
FIRST = "000_b6ab9247b09f1895"
SECOND = "004_326b055be2d4181b"


def by_stem(sources: list[Source]) -> dict[str, Source]:
    return {source.stem: source for source in sources}


def test_real_seeds_load() -> None:
    sources = load_sources(SEEDS_DIR)
    assert [source.stem for source in sources] == [FIRST, SECOND]
    assert [source.doc_id for source in sources] == [
        "porte-tournante-ia",
        "openai-hemorragie-lilian-weng",
    ]
    for source in sources:
        assert source.language == "fr"
        assert source.text_path == SEEDS_DIR / f"{source.stem}.txt"
        assert source.claims_path == SEEDS_DIR / f"{source.stem}.claims.yaml"


def test_real_seeds_sha256_match() -> None:
    for source in load_sources(SEEDS_DIR):
        digest = hashlib.sha256(source.text_path.read_bytes()).hexdigest()
        assert source.sha256 == digest == sha256_of(source.text.encode("utf-8"))
    sources = by_stem(load_sources(SEEDS_DIR))
    assert sources[FIRST].sha256 == (
        "d8fe6d58381b65b9d0fbedc60b7c4303d9647a0aa547d41a495c26535b6b17eb"
    )
    assert sources[SECOND].sha256 == (
        "45cf4d7608e8a307ead88bdafe6565cbb45fd5b9ba69da06b1a65e1e6a8b364a"
    )


def test_texts_are_byte_for_byte_the_shared_seeds() -> None:
    sources = load_sources(SEEDS_DIR)
    shared = sorted(SHARED_SEEDS.glob("*.txt"))
    assert [path.stem for path in shared] == [source.stem for source in sources]
    for source, path in zip(sources, shared, strict=True):
        assert source.text.encode("utf-8") == path.read_bytes()
    # The texts keep their typography: ’ and non-breaking spaces are not normalised away.
    second = by_stem(sources)[SECOND].text
    assert "l’IA" in second
    assert "«\u00a0Après" in second


def test_unknown_metadata_stays_none() -> None:
    sources = by_stem(load_sources(SEEDS_DIR))
    first = sources[FIRST]
    assert (first.title, first.publisher, first.published, first.url) == (None, None, None, None)
    second = sources[SECOND]
    assert second.title == (
        "OpenAI en pleine hémorragie : la VP sécurité claque la porte, l’avenir de l’IA en question"
    )
    assert (second.publisher, second.published, second.url) == (None, None, None)


def meta_path(seeds: Path, stem: str = FIRST) -> Path:
    return seeds / f"{stem}.meta.yaml"


def text_path(seeds: Path, stem: str = FIRST) -> Path:
    return seeds / f"{stem}.txt"


def edit_meta(seeds: Path, old: str, new: str, stem: str = FIRST) -> Path:
    path = meta_path(seeds, stem)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def refused(seeds: Path) -> BadInputError:
    with pytest.raises(BadInputError) as caught:
        load_sources(seeds)
    return caught.value


@pytest.mark.parametrize(
    ("published", "lexical", "datatype"),
    [
        ('"2024"', "2024", namespace.XSD.gYear),
        ("2024", "2024", namespace.XSD.gYear),  # a YAML int
        ('"2024-11"', "2024-11", namespace.XSD.gYearMonth),
        ("2024-11-08", "2024-11-08", namespace.XSD.date),  # a YAML date
    ],
)
def test_known_publication_date(
    seeds_copy: Path, published: str, lexical: str, datatype: URIRef
) -> None:
    edit_meta(seeds_copy, "published: null", f"published: {published}")
    source = by_stem(load_sources(seeds_copy))[FIRST]
    assert source.published == Literal(lexical, datatype=datatype)


@pytest.mark.parametrize("content", [b"", b"\n", b"  \n\t\n"])
def test_empty_text(seeds_copy: Path, content: bytes) -> None:
    path = text_path(seeds_copy)
    path.write_bytes(content)
    assert str(refused(seeds_copy)) == f"{path}: the source text is empty"


def test_non_utf8_text(seeds_copy: Path) -> None:
    path = text_path(seeds_copy, SECOND)
    path.write_bytes(b"\xff\xfe" + "l’IA".encode("utf-16-le"))
    error = refused(seeds_copy)
    assert str(error).startswith(f"{path}: not UTF-8 (byte 0: ")
    assert error.location is not None and error.location.path == path


def test_latin1_text(seeds_copy: Path) -> None:
    path = text_path(seeds_copy)
    original = path.read_bytes()
    path.write_bytes(original.decode("utf-8").encode("latin-1", errors="replace"))
    assert str(refused(seeds_copy)).startswith(f"{path}: not UTF-8 (byte ")


def test_edited_text_no_longer_matches_its_sha256(seeds_copy: Path) -> None:
    path = text_path(seeds_copy)
    edited = path.read_bytes().replace(b"OpenAI", b"OpenAl", 1)
    path.write_bytes(edited)
    error = refused(seeds_copy)
    meta = meta_path(seeds_copy)
    assert str(error) == (
        f"{meta}:7: sha256 d8fe6d58381b65b9d0fbedc60b7c4303d9647a0aa547d41a495c26535b6b17eb"
        f" does not match the text ({hashlib.sha256(edited).hexdigest()}): was the text edited?"
    )


def test_text_without_metadata(seeds_copy: Path) -> None:
    meta_path(seeds_copy, SECOND).unlink()
    error = refused(seeds_copy)
    assert str(error) == f"{seeds_copy / SECOND}: {SECOND}.meta.yaml is missing"


def test_metadata_without_text(seeds_copy: Path) -> None:
    text_path(seeds_copy).unlink()
    error = refused(seeds_copy)
    assert str(error) == f"{seeds_copy / FIRST}: {FIRST}.txt is missing"


def test_duplicate_document_id(seeds_copy: Path) -> None:
    meta = edit_meta(
        seeds_copy, "id: openai-hemorragie-lilian-weng", "id: porte-tournante-ia", SECOND
    )
    error = refused(seeds_copy)
    assert str(error).startswith(str(meta))
    assert f"document id 'porte-tournante-ia' is already used by {FIRST}" in str(error)
    assert error.location is not None and error.location.path == meta


def test_unknown_metadata_key(seeds_copy: Path) -> None:
    meta = edit_meta(seeds_copy, "url: null", "url: null\nauthor: null")
    assert str(refused(seeds_copy)) == f"{meta}:7: unknown key 'author'"


def test_document_id_not_a_slug(seeds_copy: Path) -> None:
    meta = edit_meta(seeds_copy, "id: porte-tournante-ia", "id: Porte_Tournante")
    assert str(refused(seeds_copy)) == f"{meta}:1: id 'Porte_Tournante' is not a slug"


def test_missing_language(seeds_copy: Path) -> None:
    meta = edit_meta(seeds_copy, "language: fr\n", "")
    assert str(refused(seeds_copy)) == f"{meta}:1: 'language' is required"


def test_bad_publication_date(seeds_copy: Path) -> None:
    meta = edit_meta(seeds_copy, "published: null", 'published: "novembre 2024"')
    error = str(refused(seeds_copy))
    assert error.startswith(f"{meta}:5: 'novembre 2024' is not a date: ")
    assert "YYYY-MM-DD" in error


def test_no_sources(tmp_path: Path) -> None:
    assert str(refused(tmp_path)) == f"{tmp_path}: no sources (*.txt with *.meta.yaml)"


def test_no_seeds_directory(tmp_path: Path) -> None:
    missing = tmp_path / "absent"
    assert str(refused(missing)) == f"{missing}: seeds directory not found"
