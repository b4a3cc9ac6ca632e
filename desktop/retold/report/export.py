"""Write a comparison as a report file (or to standard output): the one entry point.

Importing this module loads no Qt: only the PDF writer needs it, and it is imported when a PDF is
asked for, so ``retold compare -o report.html`` stays headless and quick.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from retold.atomic import WriteCancelled, reason, write_atomic
from retold.engine.model import Comparison
from retold.report.errors import ExportCancelled, ExportError
from retold.sources.model import Source

if TYPE_CHECKING:
    from retold.report.meta import ReportInfo

__all__ = [
    "EXPORT_FORMATS",
    "ExportCancelled",
    "ExportError",
    "export_format_for",
    "render_report",
    "write_report",
]

# Format name → file extensions it is recognised by (the first is the one to suggest).
EXPORT_FORMATS: dict[str, tuple[str, ...]] = {
    "html": (".html", ".htm"),
    "pdf": (".pdf",),
    "json": (".json",),
    "csv": (".csv",),
    "text": (".txt", ".text"),
}

PAGE_SIZES = ("A4", "Letter")
_STDOUT_CLOSED = "Cannot write the report: standard output is closed. Add -o FILE."


FORMAT_NAMES = {  # in the messages that say what was written
    "html": "web page (HTML)",
    "pdf": "PDF",
    "json": "JSON",
    "csv": "CSV",
    "text": "text",
}
SHORT_NAMES = {"json": "JSON", "csv": "CSV", "html": "HTML", "pdf": "PDF"}  # "text" as it is
STDOUT = "-"  # ``-o -``: standard output, as in most tools (``-o ./-`` names a file "-")


def output_path(value: str) -> Path | None:
    """The ``-o`` argument: a file, or None for standard output (``-``)."""
    return None if value == STDOUT else Path(value)


def written_note(what: str, path: Path, *, left_out: int = 0) -> str:
    """ "Wrote the PDF report, 48.3 KB, to /home/ed/report.pdf.": what, how big and where, in
    full; every command that writes a file with ``-o`` says it so."""
    from retold.sources.loader import rounded_size

    try:
        status = path.stat()
    except OSError:
        status = None
    if status is None or not stat.S_ISREG(status.st_mode):  # a pipe or device: -o /dev/stdout
        note = f"Wrote the {what} to {path}"
    else:
        note = f"Wrote the {what}, {rounded_size(status.st_size)}, to {path.resolve()}"
    lines = "line" if left_out == 1 else "lines"
    return note + (f" ({left_out} {lines} of page furniture left out)." if left_out else ".")


def export_format_for(path: Path | None) -> str:
    """The format a file name asks for; standard output (None) and unknown names get text."""
    if path is None:
        return "text"
    suffix = Path(path).suffix.lower()
    for fmt, extensions in EXPORT_FORMATS.items():
        if suffix in extensions:
            return fmt
    return "text"


def write_report(
    comparison: Comparison,
    fmt: str,
    path: Path | None,
    *,
    hide_boilerplate: bool = False,
    sources: tuple[Source, Source] | None = None,
    page_size: str = "A4",
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[float], None] | None = None,
) -> None:
    """Write the report; raise ExportError (ExportCancelled on a cancel) with a readable message.

    Files are written atomically: a failure or a cancel leaves an existing file as it was.
    ``progress`` is told the share written of a JSON file, made as it is written (the other
    formats are made whole, quickly next to a comparison that needs it).
    """
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"Unknown report format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}.")
    if page_size not in PAGE_SIZES:
        raise ExportError(f"Unknown page size {page_size!r}; use A4 or Letter.")
    if path is None and fmt == "pdf" and sys.stdout is not None and sys.stdout.isatty():
        raise ExportError("A PDF report needs an output file: add -o report.pdf.")  # not bytes
    if path is not None:
        check_target(Path(path))
    elif sys.stdout is None:
        raise ExportError(_STDOUT_CLOSED)
    if fmt == "json" and path is not None:  # written as it is made: large reports stay small
        from retold.report.json_report import json_pieces

        write_report_bytes(path, json_pieces(comparison, progress), cancelled=cancelled)
        return
    from retold.report.meta import current_info  # not for JSON, which carries no file facts

    info = current_info(sources)
    data = render_report(
        comparison,
        fmt,
        info,
        hide_boilerplate=hide_boilerplate,
        page_size=page_size,
        to_file=path,
        cancelled=cancelled,
    )
    if cancelled is not None and cancelled():
        raise ExportCancelled()
    if path is None:
        _to_stdout(data)
    else:
        write_report_bytes(path, data, cancelled=cancelled)


def check_target(path: Path) -> None:
    """Fail early, before a report is rendered, on targets that cannot be written.

    Each refusal says what is wrong with this path: a name too long, a parent that is a file or
    cannot be searched, a folder that does not exist."""
    name_max = _name_max(path.parent)
    if len(os.fsencode(path.name)) > name_max:
        raise ExportError(
            f"Cannot write the report: its file name is {len(os.fsencode(path.name))} bytes "
            f"long, and this disk allows {name_max}. Choose a shorter name."
        )
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except PermissionError as error:
        raise ExportError(
            f"Cannot write the report: the folder {path.parent} cannot be opened (permission "
            "denied). Choose a folder you can write to."
        ) from error
    except OSError as error:
        raise ExportError(_parent_problem(path) or _unwritable(path, error)) from error
    if mode is not None and stat.S_ISDIR(mode):
        raise ExportError(f"Cannot write the report to {path}: it is a folder. Choose a file name.")
    if mode is None and (problem := _parent_problem(path)):
        raise ExportError(problem)


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # no such folder, or Windows
        return 255


def _parent_problem(path: Path) -> str | None:
    """Why the target's folder cannot hold it, or None if the folder is there."""
    parent = path.parent
    try:
        mode = os.stat(parent).st_mode
    except PermissionError:
        return f"Cannot write the report: the folder {parent} cannot be opened (permission denied)."
    except NotADirectoryError:
        return f"Cannot write the report: {_file_in(parent)} is a file, not a folder."
    except FileNotFoundError:
        return f"Cannot write the report: the folder {parent} does not exist."
    except OSError as error:
        return f"Cannot write the report: the folder {parent} cannot be used: {reason(error)}"
    if not stat.S_ISDIR(mode):
        return f"Cannot write the report: {parent} is a file, not a folder."
    return None


def _file_in(path: Path) -> Path:
    """The first part of ``path`` that is a file: what stops it being a folder."""
    for ancestor in (*reversed(path.parents), path):
        if ancestor.exists() and not ancestor.is_dir():
            return ancestor
    return path


def _unwritable(path: Path, error: OSError) -> str:
    if error.errno == errno.ENOENT and path.parent.is_dir():  # /proc takes no new files
        return f"Cannot write the report: the folder {path.parent} does not accept new files."
    return f"Cannot write the report to {path}: {reason(error)}"


def write_report_bytes(
    path: Path, data: bytes | Iterable[bytes], *, cancelled: Callable[[], bool] | None = None
) -> None:
    """Write atomically (retold.atomic); raise ExportError with a readable message."""
    path = Path(path)
    check_target(path)
    try:
        write_atomic(path, data, cancelled=cancelled)
    except WriteCancelled as error:
        raise ExportCancelled() from error
    except OSError as error:
        raise ExportError(_unwritable(path, error)) from error


def render_report(
    comparison: Comparison,
    fmt: str,
    info: ReportInfo,
    *,
    hide_boilerplate: bool = False,
    page_size: str = "A4",
    to_file: Path | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """The report's bytes. CSV gets a byte-order mark in files only (for Excel), not on stdout.

    Only the PDF takes long enough to ask ``cancelled()`` while it is made."""
    if fmt == "pdf":
        from retold.report.pdf import render_pdf  # the only path that loads Qt

        return render_pdf(
            comparison,
            info,
            hide_boilerplate=hide_boilerplate,
            page_size=page_size,
            cancelled=cancelled,
        )
    if fmt == "html":
        from retold.report.html import render_html

        text = render_html(comparison, info, hide_boilerplate=hide_boilerplate)
    elif fmt == "json":
        from retold.report.json_report import render_json

        text = render_json(comparison)
    elif fmt == "csv":
        from retold.report.csv_report import render_csv

        text = render_csv(comparison, hide_boilerplate=hide_boilerplate)
        if to_file is not None:
            return text.encode("utf-8-sig")
    else:
        from retold.report.text import render_text

        text = render_text(comparison, info, hide_boilerplate=hide_boilerplate)
    return text.encode("utf-8")


def _to_stdout(data: bytes) -> None:
    if sys.stdout is None:  # started with standard output closed (`retold compare a b >&-`)
        raise ExportError(_STDOUT_CLOSED)
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # `retold compare a b | head`: the reader has gone, not an error
        pass
    except OSError as error:
        raise ExportError(f"Cannot write the report to standard output: {error}.") from error
