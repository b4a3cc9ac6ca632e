"""The loader's checks: every bad input gets its own error naming the file."""

from __future__ import annotations

import hashlib
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from retold.sources.loader import (
    SUPPORTED_EXTENSIONS,
    is_supported,
    load_source,
    source_from_text,
)
from retold.sources.model import (
    BinaryFileError,
    EmptyFileError,
    ExtractionError,
    IsFolderError,
    MissingFileError,
    SourceError,
    TooLargeError,
    UnreadableFileError,
    UnsupportedFormatError,
)


def test_loaded_source_has_file_facts(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    data = b"First paragraph.\n\nSecond one.\n"
    path.write_bytes(data)
    os.utime(path, (1_700_000_000, 1_700_000_000))
    source = load_source(str(path))
    assert source.text == "First paragraph.\n\nSecond one.\n"
    assert source.path == path
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.modified == 1_700_000_000
    assert source.size == len(data)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError, match=r"nothing.txt.*does not exist"):
        load_source(tmp_path / "nothing.txt")


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "articles.txt"
    folder.mkdir()
    with pytest.raises(IsFolderError, match=r"articles.txt.*folder"):
        load_source(folder)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file whatever its mode")
def test_unreadable_by_permission(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("hidden")
    path.chmod(0)
    with pytest.raises(UnreadableFileError, match=r"secret.txt.*permission"):
        load_source(path)


# Root reads any file, so as root the check runs in a child that first drops to "nobody".
AS_NOBODY = """
import os, sys
from retold.sources.loader import load_source
from retold.sources.model import UnreadableFileError
os.setgid(65534)
os.setuid(65534)
try:
    load_source(sys.argv[1])
except UnreadableFileError as error:
    print(error)
"""


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="needs root to switch user")
def test_unreadable_by_permission_for_another_user() -> None:
    # pytest's own temporary folders are closed to other users; /tmp is open to all
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        folder.chmod(0o755)  # the folder may be entered; the file itself may not be read
        path = folder / "secret.txt"
        path.write_text("hidden")
        path.chmod(0o600)
        run = subprocess.run(
            [sys.executable, "-c", AS_NOBODY, str(path)], capture_output=True, text=True, check=True
        )
    assert re.search(r"secret.txt.*permission", run.stdout), run.stdout + run.stderr


def test_pipe_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "stream.txt"
    os.mkfifo(fifo)  # opening it would block until a writer comes
    with pytest.raises(UnreadableFileError, match=r"stream.txt.*not a regular file"):
        load_source(fifo)


def test_read_failure_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("words")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(UnreadableFileError, match=r"locked.txt.*permission denied"):
        load_source(path)


def test_too_large_names_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 1000)
    with pytest.raises(TooLargeError, match=r"huge.txt” is 5 KB; .* up to 100 bytes"):
        load_source(path, max_bytes=100)


def test_default_cap_is_50_mb(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as stream:
        stream.truncate(50 * 2**20 + 1)  # sparse: no 50 MB written
    with pytest.raises(TooLargeError, match=r"big.txt” is more than 50 MB; .*up to 50 MB"):
        load_source(path)


def test_unsupported_lists_supported(tmp_path: Path) -> None:
    path = tmp_path / "setup.exe"
    path.write_bytes(b"MZ\x90\x00")
    with pytest.raises(UnsupportedFormatError) as error:
        load_source(path)
    assert "setup.exe" in str(error.value)
    assert ".docx" in str(error.value) and ".pdf" in str(error.value)


@pytest.mark.parametrize(
    ("name", "data", "error", "message"),
    [
        ("empty.txt", b"", EmptyFileError, "is empty"),
        ("blank.md", b"  \n\t\r\n  ", EmptyFileError, "contains only blank space"),
        ("notes.txt", b"\x89PNG\r\n\x1a\n" + bytes(64), BinaryFileError, "looks like a PNG image"),
        ("nul.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryFileError, "binary data"),
        ("ctrl.txt", bytes(range(1, 9)) * 20 + b"some words", BinaryFileError, "binary data"),
        ("nuls16.txt", b"\xff\xfe" + bytes(4096), BinaryFileError, "byte-order mark, but"),
        ("nuls16.md", b"\xfe\xff" + bytes(4096), BinaryFileError, "byte-order mark, but"),
        ("nuls8.html", b"\xef\xbb\xbf" + bytes(99), BinaryFileError, "byte-order mark, but"),
        ("fake.rtf", b"just some words", ExtractionError, "not a Rich Text file"),
        ("old.docx", b"\xd0\xcf\x11\xe0" + bytes(512), ExtractionError, "old-style Office file"),
        ("page.pdf", b"<html><p>Access denied</p></html>", ExtractionError, "not a PDF file"),
    ],
)
def test_unusable_content_is_refused(
    tmp_path: Path, name: str, data: bytes, error: type[SourceError], message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error, match=rf"“{re.escape(name)}”.*{message}"):
        load_source(path)


def test_text_in_mixed_encodings_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(
        "Café in UTF-8. ".encode() + "UTF-16 here. ".encode("utf-16-le") + "Señor".encode("cp1252")
    )
    source = load_source(path)
    assert source.text == "Café in UTF-8. UTF-16 here. Señor"
    assert len(source.warnings) == 1 and "mixes text encodings" in source.warnings[0]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_text_after_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    """The check that refuses a mark followed by NULs lets real text through, a tab, a form
    feed and an unknown character or two included."""
    path = tmp_path / "marked.txt"
    text = "The harbour town voted.\tIt met.\f\n" * 50 + "\x07 and \x00\n"
    path.write_bytes(text.encode(encoding))
    assert load_source(path).text == text


def test_random_bytes_stay_binary(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(random.Random(7).randbytes(4096))
    with pytest.raises(BinaryFileError, match="binary data"):
        load_source(path)


def test_old_word_files_get_a_way_forward(tmp_path: Path) -> None:
    path = tmp_path / "Letter.DOC"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(512))
    with pytest.raises(UnsupportedFormatError, match=r"Letter\.DOC.*save it as \.docx"):
        load_source(path)


def test_every_error_is_a_source_error() -> None:
    with pytest.raises(SourceError):
        load_source("/no/such/place/at/all.md")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.TXT", True), ("b.docx", True), ("c.pdf", True), ("notes", True), ("x.exe", False)],
)
def test_is_supported(name: str, expected: bool) -> None:
    assert is_supported(name) is expected


def test_supported_extensions_are_dotted_lowercase() -> None:
    assert all(ext.startswith(".") and ext == ext.lower() for ext in SUPPORTED_EXTENSIONS)
    assert {".txt", ".md", ".html", ".docx", ".odt", ".rtf", ".pdf"} <= set(SUPPORTED_EXTENSIONS)


def test_source_from_text() -> None:
    source = source_from_text("Café line one.\r\nLine two.", "Pasted text 1")
    assert source.text == "Café line one.\nLine two."
    assert source.format == "pasted"
    assert source.path is None
    assert source.sha256 == hashlib.sha256(source.text.encode("utf-8")).hexdigest()
    assert source_from_text("x", "Sample", format="sample").format == "sample"


def test_source_from_blank_text_is_refused() -> None:
    with pytest.raises(EmptyFileError, match=r"Pasted text 2"):
        source_from_text(" \n ", "Pasted text 2")


def test_format_libraries_load_only_when_needed() -> None:
    code = (
        "import sys, retold.sources.loader; "
        "print(sorted(m for m in ('trafilatura', 'pypdf', 'docx', 'striprtf') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]"


def test_readers_load_no_qt() -> None:
    readers = ("text", "markdown", "html", "docx", "odt", "rtf", "pdf")
    code = (
        "import importlib, sys\n"
        f"for name in {readers!r}: importlib.import_module(f'retold.sources.{{name}}_reader')\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]"


def test_damaged_files_print_nothing_on_stderr(tmp_path: Path) -> None:
    cut = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n"  # no xref, no EOF
    (tmp_path / "cut.pdf").write_bytes(cut)
    (tmp_path / "odd.html").write_text("<html><body><p>x</p></body></html>")
    code = (
        "import sys\n"
        "from retold.sources.loader import load_source\n"
        "from retold.sources.model import SourceError\n"
        "for name in sys.argv[1:]:\n"
        "    try:\n"
        "        load_source(name)\n"
        "    except SourceError:\n"
        "        pass\n"
    )
    files = [str(tmp_path / "cut.pdf"), str(tmp_path / "odd.html")]
    result = subprocess.run([sys.executable, "-c", code, *files], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stderr == ""
