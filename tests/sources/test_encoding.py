"""Decoding text files: BOMs, UTF-16, legacy code pages, binary refusal."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from retold.sources.encoding import decode_text, looks_binary
from retold.sources.loader import load_source

SAMPLE = "“Café” au lait – naïve résumé, déjà vu.\nSecond line ‘quoted’ here."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_unicode_encodings_decode_exactly(data: bytes, encoding: str) -> None:
    text, found = decode_text(data)
    assert text == SAMPLE
    assert found == encoding
    assert not looks_binary(data)


def test_cp1252_is_preferred_over_cp1250_on_a_tie() -> None:
    text = "“Crème brûlée” for the café’s chef, naïve and déjà vu – twice."
    decoded, encoding = decode_text(text.encode("cp1252"))
    assert encoding == "cp1252"
    assert decoded == text


def test_real_central_european_text_stays_cp1250() -> None:
    text = "Zażółć gęślą jaźń. Źdźbło trawy i łąka, pięć żółwi śpi w cieniu."
    decoded, encoding = decode_text(text.encode("cp1250"))
    assert decoded == text
    assert encoding != "cp1252"


def test_newlines_are_normalised() -> None:
    assert decode_text(b"one\r\ntwo\rthree\n")[0] == "one\ntwo\nthree\n"


def test_text_file_source_records_encoding_and_bytes(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    data = SAMPLE.replace("\n", "\r\n").encode("cp1252")
    path.write_bytes(data)
    source = load_source(path)
    assert source.text == SAMPLE
    assert source.encoding == "cp1252"
    assert source.format == "text"
    assert source.size == len(data)
    assert source.name == "legacy.txt"


def test_html_in_a_txt_file_stays_markup(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<html><body><p>Hello there.</p></body></html>", encoding="utf-8")
    assert load_source(path).text == "<html><body><p>Hello there.</p></body></html>"


def test_file_without_extension_is_text(tmp_path: Path) -> None:
    path = tmp_path / "README"
    path.write_text("Just words.", encoding="utf-8")
    assert load_source(path).format == "text"


def test_utf8_with_a_stray_cp1252_byte_keeps_both() -> None:
    data = "Café “quoted” naïve résumé, déjà vu. ".encode() + b"Price: 5\x80 only."
    assert decode_text(data) == (
        "Café “quoted” naïve résumé, déjà vu. Price: 5€ only.",
        "utf-8 with some cp1252 bytes",
    )


@pytest.mark.parametrize(
    "text",
    [
        "It’s fine.",  # charset-normalizer alone reads Big5
        "He said “no”.\n",  # ... and DOS Cyrillic (cp1125) here
        "‘Yes’ — he said…",
        "Café “no” — 5 €.",
    ],
)
def test_short_cp1252_text_with_curly_quotes_decodes_exactly(text: str) -> None:
    assert decode_text(text.encode("cp1252")) == (text, "cp1252")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Wrocław to miasto.", "cp1250"),
        ("Привет, мир! Это текст.", "cp1251"),
        ("Καλημέρα κόσμε", "cp1253"),
        ("日本語のテキストです。", "shift_jis"),
    ],
)
def test_other_scripts_are_not_taken_for_cp1252(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding))[0] == text


@pytest.mark.parametrize("text", ["MZ", "MZ Kowalski wrote this.", "GIF89a is a format.", "BZh"])
def test_prose_that_opens_like_a_magic_number_is_text(text: str) -> None:
    assert not looks_binary(text.encode("utf-8"))
    assert looks_binary(text.encode("utf-8") + b"\x00\x01\x02\x00")
