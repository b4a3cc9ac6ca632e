"""UTF-16 without a byte-order mark: read in every script, never taken for binary data, and
binary data (with or without its magic number) never taken for it."""

from __future__ import annotations

import gzip
import io
import math
import py_compile
import random
import sqlite3
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from retold.sources.encoding import decode_text, looks_binary
from retold.sources.loader import load_source
from retold.sources.model import BinaryFileError

PdfMaker = Callable[..., Path]  # the make_pdf fixture in conftest.py

ARTICLES = {
    "Greek": "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας. Έχει μακρά ιστορία.\nΔεύτερη παράγραφος.",
    "Russian": "Москва — столица России. Это крупнейший город страны.\nВторой абзац текста.",
    "Chinese": "北京是中华人民共和国的首都。这是一个测试文本，用来检查编码。\n第二段文字。",
    "Japanese": "東京は日本の首都です。これは文字コードを確かめるための文章です。\n二段落目。",
    "Korean": "서울은 대한민국의 수도입니다. 이것은 시험 문장입니다.\n두 번째 문단.",
    "Arabic": "القاهرة هي عاصمة مصر. هذا نص للاختبار.\nالفقرة الثانية.",
    "Hindi": "नई दिल्ली भारत की राजधानी है। यह एक परीक्षण पाठ है।\nदूसरा अनुच्छेद।",
    # No space, digit or line break: not a single NUL byte, but control bytes (民 is 11 6C).
    "Chinese, one line": "北京是中华人民共和国的首都，这是测试文本。",
    # ASCII only: valid UTF-8 too, which read it with a NUL after every letter.
    "English": "Plain English words, nothing else.\nA second line.",
}


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("script", ARTICLES)
def test_utf16_without_bom_is_read_in_any_script(tmp_path: Path, script: str, order: str) -> None:
    text = ARTICLES[script]
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(order))
    source = load_source(path)
    assert (source.text, source.encoding) == (text, order)


def test_a_surrogate_pair_cut_by_the_end_of_the_sample_is_not_an_error() -> None:
    text = ("Ελληνικά κείμενα. " * 300)[:4095] + "😀 τέλος."  # the emoji's halves: bytes 8190-8193
    assert decode_text(text.encode("utf-16-le")) == (text, "utf-16-le")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("北京是中华人民共和国的首都。这是一个测试文本，用来检查编码。", "gbk"),
        ("東京は日本の首都です。これは文字コードを確かめるための文章です。", "shift_jis"),
    ],
)
def test_legacy_text_with_stray_control_bytes_stays_legacy(text: str, encoding: str) -> None:
    """Read as UTF-16, these bytes would be Korean-looking nonsense."""
    data = text.encode(encoding) + b"\x1a\x1a"  # DOS end-of-file marks
    assert decode_text(data)[0] == text + "\x1a\x1a"


def _images(qapp: object) -> dict[str, bytes]:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(128, 96, QImage.Format.Format_RGB32)
    for x in range(128):
        for y in range(96):
            image.setPixelColor(x, y, QColor(x * 2, y * 2, (x * y) % 256))
    found = {}
    for kind in ("PNG", "JPEG", "BMP"):
        array = QByteArray()
        buffer = QBuffer(array)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        assert image.save(buffer, kind)
        found[kind] = bytes(array.data())
    return found


def _binaries(tmp_path: Path, qapp: object, make_pdf: PdfMaker) -> dict[str, bytes]:
    prose = " ".join(ARTICLES.values()) * 20
    database = tmp_path / "notes.sqlite"
    with sqlite3.connect(database) as connection:
        connection.execute("create table notes (body text)")
        connection.executemany("insert into notes values (?)", [(line,) for line in ARTICLES])
    connection.close()
    module = tmp_path / "module.py"
    module.write_text(f"ARTICLES = {ARTICLES!r}\n", encoding="utf-8")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("article.txt", prose)
    sine = [round(3000 * math.sin(i / 7)) for i in range(4000)]
    return {
        **_images(qapp),
        "SQLite database": database.read_bytes(),
        "compiled Python": Path(py_compile.compile(str(module), doraise=True)).read_bytes(),
        "zip archive": archive.getvalue(),
        "gzip archive": gzip.compress(prose.encode("utf-16-le")),
        "PDF": make_pdf("article.pdf", [ARTICLES["English"]] * 3).read_bytes(),
        "16-bit sound samples": struct.pack(f"<{len(sine)}h", *sine),
        "random bytes": random.Random(7).randbytes(20_000),
    }


def test_binary_files_are_still_refused_with_or_without_their_magic_number(
    tmp_path: Path, qapp: object, make_pdf: PdfMaker
) -> None:
    """Guards the loosened check: each of these is refused before and after UTF-16 detection."""
    for kind, data in _binaries(tmp_path, qapp, make_pdf).items():
        path = tmp_path / f"{kind}.txt"
        path.write_bytes(data)
        with pytest.raises(BinaryFileError):
            load_source(path)
        for start in (16, 17, len(data) // 2):  # the magic number cut off, at both alignments
            assert looks_binary(data[start:]), (kind, start)
