"""What a reader gives back: the decoded article text and what a user needs to trust it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Source:
    """One input document, decoded. ``text`` is what every engine offset refers to."""

    name: str  # shown to the user: the file name, or "Pasted text 1"
    text: str
    format: str  # "text", "markdown", "html", "docx", "odt", "rtf", "pdf", "pasted", "sample"
    path: Path | None = None
    size: int | None = None  # bytes on disk
    sha256: str | None = None  # of the file's bytes
    modified: float | None = None  # POSIX timestamp of the file's modification time
    encoding: str | None = None  # for text formats: the encoding it was decoded with
    metadata: dict[str, str] = field(default_factory=dict)  # title, author, date ...
    warnings: tuple[str, ...] = ()  # from reading it: "some characters may be wrong" ...


class SourceError(Exception):
    """A file could not be used; ``str(error)`` is a sentence a person understands."""


class MissingFileError(SourceError):
    pass


class IsFolderError(SourceError):
    pass


class UnreadableFileError(SourceError):
    pass


class EmptyFileError(SourceError):
    pass


class BinaryFileError(SourceError):
    pass


class TooLargeError(SourceError):
    pass


class UnsupportedFormatError(SourceError):
    pass


class ExtractionError(SourceError):
    """A file of a known format whose text could not be extracted (damaged, hostile, scanned)."""


class ReadingCancelled(SourceError):
    """``cancelled()`` said stop while a file was read (a PDF is asked between pages)."""
