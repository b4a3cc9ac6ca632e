"""Open what users actually have: pick a reader by extension, check the file, build a Source."""

from __future__ import annotations

import hashlib
import importlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from retold.sources.encoding import (
    binary_kind,
    bom_encoding,
    looks_binary,
    normalise_newlines,
    salvage_text,
)
from retold.sources.extracted import Extracted
from retold.sources.model import (
    BinaryFileError,
    EmptyFileError,
    ExtractionError,
    IsFolderError,
    MissingFileError,
    Source,
    SourceError,
    TooLargeError,
    UnreadableFileError,
    UnsupportedFormatError,
)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


CancelledFn = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class _Format:
    name: str  # also names the reader: read_<name> in retold.sources.<name>_reader
    binary: bool  # a container format: NUL bytes and magic numbers are expected
    paged: bool = False  # read page by page, and asked between pages whether to stop

    def read(self, data: bytes, label: str, cancelled: CancelledFn | None = None) -> Extracted:
        """``read_<name>(file bytes, quoted file name for messages)``, with ``cancelled=`` for
        a paged format."""
        # Imported on first use: the format libraries take a quarter of a second to load.
        module = importlib.import_module(f"retold.sources.{self.name}_reader")
        reader = getattr(module, f"read_{self.name}")
        extracted: Extracted = (
            reader(data, label, cancelled=cancelled) if self.paged else reader(data, label)
        )
        return extracted


_TEXT = _Format("text", binary=False)
_MARKDOWN = _Format("markdown", binary=False)
_HTML = _Format("html", binary=False)
_FORMATS: dict[str, _Format] = {
    ".txt": _TEXT,
    ".text": _TEXT,
    "": _TEXT,
    ".md": _MARKDOWN,
    ".markdown": _MARKDOWN,
    ".html": _HTML,
    ".htm": _HTML,
    ".xhtml": _HTML,
    ".docx": _Format("docx", binary=True),
    ".odt": _Format("odt", binary=True),
    ".rtf": _Format("rtf", binary=False),
    ".pdf": _Format("pdf", binary=True, paged=True),
}

# For file dialogs and drop checks; files without an extension are read as plain text too.
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(ext for ext in _FORMATS if ext)
FILE_DIALOG_FILTER = "Articles ({});;All files (*)".format(
    " ".join(f"*{ext}" for ext in SUPPORTED_EXTENSIONS)
)


# Formats people often have, and how to turn them into one Retold reads.
_CONVERT_HINTS = {
    ".doc": "Open it in Word or LibreOffice and save it as .docx. ",
    ".pages": "Export it from Pages as Word (.docx) or PDF. ",
    ".wps": "Open it in Word or LibreOffice and save it as .docx. ",
    ".mht": "Open it in a browser and save it as a web page (.html). ",
    ".mhtml": "Open it in a browser and save it as a web page (.html). ",
    ".epub": "Copy the chapter's text and paste it into Retold. ",
}


def is_supported(path: Path | str) -> bool:
    """Whether the file's name says Retold can read it (the file itself is not opened)."""
    return Path(path).suffix.lower() in _FORMATS


def rounded_size(size: int) -> str:
    """``812 bytes``, ``12 KB``, ``1.5 MB``: for messages and the window's list of sources.

    Reports say the exact size as well (``report.meta.size_with_bytes``)."""
    if size < 2**10:
        return f"{size} bytes"
    if size < 2**20:
        return f"{size / 2**10:.0f} KB"
    return f"{size / 2**20:.1f} MB" if size % 2**20 else f"{size // 2**20} MB"


def _check_path(path: Path, label: str) -> os.stat_result:
    """The file's status, or the error that says why it cannot be opened."""
    try:
        status = path.stat()
    except FileNotFoundError as error:
        raise MissingFileError(f"{label} does not exist (looked for {path}).") from error
    except PermissionError as error:
        raise UnreadableFileError(f"{label} cannot be opened: permission denied.") from error
    except OSError as error:
        raise UnreadableFileError(f"{label} cannot be opened: {error.strerror}.") from error
    if stat.S_ISDIR(status.st_mode):
        raise IsFolderError(f"{label} is a folder; choose a file inside it.")
    if not stat.S_ISREG(status.st_mode):
        raise UnreadableFileError(f"{label} is not a regular file (a pipe or a device?).")
    return status


def _format_for(path: Path, label: str) -> _Format:
    found = _FORMATS.get(path.suffix.lower())
    if found is None:
        hint = _CONVERT_HINTS.get(path.suffix.lower(), "")
        raise UnsupportedFormatError(
            f"{label} is a {path.suffix} file, which Retold cannot read. {hint}"
            f"Supported: {', '.join(SUPPORTED_EXTENSIONS)} (and plain text without extension)."
        )
    return found


def _read_bytes(path: Path, label: str, max_bytes: int) -> bytes:
    """Read at most ``max_bytes`` + 1, so a file that grows after stat() is still capped."""
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except PermissionError as error:
        raise UnreadableFileError(f"{label} cannot be read: permission denied.") from error
    except OSError as error:
        raise UnreadableFileError(f"{label} cannot be read: {error.strerror or error}.") from error
    if len(data) > max_bytes:
        raise _too_large(label, max_bytes)
    return data


def _too_large(label: str, max_bytes: int, size: int | None = None) -> TooLargeError:
    """Says the size only where it reads larger than the limit (never "is 50.0 MB; … up to
    50 MB"); a file that grew while being read has no size to say."""
    limit = rounded_size(max_bytes)
    shown = rounded_size(size) if size is not None else limit
    if shown in (limit, f"{max_bytes / 2**20:.1f} MB"):
        shown = f"more than {limit}"
    return TooLargeError(f"{label} is {shown}; Retold opens files up to {limit}.")


def _salvaged(fmt: _Format, data: bytes, label: str) -> Extracted:
    """A text file that looks binary: refused, unless it is text in mixed encodings."""
    salvaged = salvage_text(data) if fmt is _TEXT else None
    if salvaged is None:
        kind = binary_kind(data)
        detail = f": it looks like {kind}." if kind else "."
        if kind is None and bom_encoding(data) is not None:
            detail = ": it starts with a Unicode byte-order mark, but what follows is not text."
        raise BinaryFileError(f"{label} holds binary data, not text{detail}")
    text, encoding = salvaged
    warning = (
        f"{label} mixes text encodings (it has NUL bytes, as UTF-16 text does); it was read as "
        f"{encoding} without them, and some characters may be wrong."
    )
    return Extracted(text, encoding, warnings=(warning,))


def _extract(fmt: _Format, data: bytes, label: str, cancelled: CancelledFn | None) -> Extracted:
    if not fmt.binary and looks_binary(data):
        return _salvaged(fmt, data, label)
    try:
        extracted = fmt.read(data, label, cancelled)
    except SourceError:
        raise
    except MemoryError as error:  # str(MemoryError()) is empty: say what happened
        raise ExtractionError(
            f"{label} could not be read as {fmt.name}: it needs more memory than this "
            "computer has free."
        ) from error
    except Exception as error:  # a reader library failing on odd input: say so, don't crash
        raise ExtractionError(f"{label} could not be read as {fmt.name}: {error}") from error
    if not extracted.text.strip():
        if fmt.binary or fmt.name in ("html", "rtf"):
            raise EmptyFileError(f"{label} has no text that Retold could extract.")
        raise EmptyFileError(f"{label} contains only blank space.")
    return extracted


def load_source(
    path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES, cancelled: CancelledFn | None = None
) -> Source:
    """Read one file into a Source; raises a SourceError subclass saying what is wrong.

    ``cancelled`` is asked between the pages of a PDF: ReadingCancelled once it says stop."""
    path = Path(path).expanduser()
    label = f"“{path.name or path}”"
    status = _check_path(path, label)
    fmt = _format_for(path, label)
    if status.st_size > max_bytes:
        raise _too_large(label, max_bytes, status.st_size)
    data = _read_bytes(path, label, max_bytes)
    if not data:
        raise EmptyFileError(f"{label} is empty.")
    extracted = _extract(fmt, data, label, cancelled)
    return Source(
        name=path.name,
        text=extracted.text,
        format=fmt.name,
        path=path,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        modified=status.st_mtime,
        encoding=extracted.encoding,
        metadata=extracted.metadata,
        warnings=extracted.warnings,
    )


def source_from_text(text: str, name: str, format: str = "pasted") -> Source:
    """A Source for pasted text or the built-in sample; raises EmptyFileError if blank."""
    text = normalise_newlines(text)
    if not text.strip():
        raise EmptyFileError(f"{name} is empty.")
    return Source(
        name=name,
        text=text,
        format=format,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        encoding="utf-8",
    )
