"""The read stage never raises, and folders expand to every file, in a stable order."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from retold.batch.reading import expand_paths, read_record


def test_a_readable_file(texts: Path) -> None:
    path = texts / "heavy.txt"
    record = read_record(path)
    assert record.ok and record.error is None
    assert record.name == "heavy.txt" and record.path == str(path)
    assert record.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert record.text is not None and "Kestrel" in record.text


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda d: d / "missing.txt", "does not exist"),
        (lambda d: d, "is a folder"),
        (lambda d: _write(d / "empty.txt", b""), "is empty"),
        (lambda d: _write(d / "blank.md", b"  \n\n "), "blank"),
        (lambda d: _write(d / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20), "binary"),
        (lambda d: _write(d / "broken.docx", b"PK\x03\x04 not really a zip"), "damaged"),
        (lambda d: _write(d / "photo.jpg", b"\xff\xd8\xff"), ".jpg file"),
    ],
)
def test_a_bad_file_becomes_a_record_that_says_why(
    tmp_path: Path, make: Callable[[Path], Path], says: str
) -> None:
    path = make(tmp_path)
    record = read_record(path)
    assert not record.ok and record.text is None
    assert record.error is not None and says in record.error
    assert "\n" not in record.error
    if path.is_file():  # the bytes still identify the file in a report
        assert record.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    else:
        assert record.sha256 is None


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_folders_expand_recursively_sorted_and_nothing_silently(tmp_path: Path) -> None:
    for name in ("b.txt", "A.md", "sub/c.html", "sub/deeper/d.docx", "notes.xyz", ".hidden.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("x", encoding="utf-8")
    skipped: list[tuple[Path, str]] = []
    extra = tmp_path / "elsewhere.txt"
    found = expand_paths(
        [tmp_path, extra, tmp_path / "b.txt"], on_skip=lambda p, why: skipped.append((p, why))
    )
    rel = [str(p.relative_to(tmp_path)) for p in found]
    # sorted by name at every level; unknown formats kept (their row will say so); the missing
    # path kept; b.txt given twice listed once
    assert rel == ["A.md", "b.txt", "notes.xyz", "sub/c.html", "sub/deeper/d.docx", "elsewhere.txt"]
    assert sorted(p.name for p, _ in skipped) == [".git", ".hidden.txt"]
    assert expand_paths([tmp_path]) == found[:-1]  # the same order every time


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_link_loop_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    skipped: list[Path] = []
    found = expand_paths([tmp_path], on_skip=lambda p, why: skipped.append(p))
    assert [p.name for p in found] == ["a.txt"]
    assert [p.name for p in skipped] == ["loop"]


def test_a_file_too_large_to_read_is_hashed_only_up_to_a_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 400)  # 2,000 bytes
    record = read_record(big, max_bytes=1000)
    assert record.error is not None and "1000 bytes" in record.error
    assert record.sha256 == hashlib.sha256(big.read_bytes()).hexdigest()  # within 4 × 1000
    assert read_record(big, max_bytes=400).sha256 is None  # over 4 × 400: not worth the wait
