"""write_report's contract: formats by extension, stdout, errors, cancelling, worker threads."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from retold.engine.model import Comparison
from retold.report.export import (
    EXPORT_FORMATS,
    ExportCancelled,
    ExportError,
    export_format_for,
    write_report,
)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("r.html", "html"),
        ("R.HTM", "html"),
        ("r.pdf", "pdf"),
        ("r.json", "json"),
        ("r.csv", "csv"),
        ("r.txt", "text"),
        ("r.docx", "text"),
        ("noext", "text"),
    ],
)
def test_format_by_extension(name: str, fmt: str) -> None:
    assert export_format_for(Path(name)) == fmt


def test_stdout_defaults_to_text() -> None:
    assert export_format_for(None) == "text"
    assert set(EXPORT_FORMATS) == {"html", "pdf", "json", "csv", "text"}


def test_html_and_csv_to_stdout(
    comparison: Comparison, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    write_report(comparison, "html", None)
    assert capfdbinary.readouterr().out.startswith(b"<!DOCTYPE html>")
    write_report(comparison, "csv", None)
    assert capfdbinary.readouterr().out.startswith(b"index,kind")  # no BOM on a pipe


def test_a_pdf_goes_to_standard_output_only_when_it_is_not_a_terminal(
    comparison: Comparison,
    capfdbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_report(comparison, "pdf", None)  # a pipe (pytest's capture)
    assert capfdbinary.readouterr().out.startswith(b"%PDF")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    with pytest.raises(ExportError, match="needs an output file"):
        write_report(comparison, "pdf", None)


@pytest.mark.parametrize(
    ("fmt", "path", "kwargs", "message"),
    [
        ("docx", None, {}, "Unknown report format"),
        ("html", Path("x.html"), {"page_size": "A5"}, "Unknown page size"),
    ],
)
def test_bad_requests(
    comparison: Comparison, fmt: str, path: Path | None, kwargs: dict[str, str], message: str
) -> None:
    with pytest.raises(ExportError, match=message):
        write_report(comparison, fmt, path, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["html", "pdf", "csv"])
def test_cancel_writes_nothing(comparison: Comparison, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"report.{fmt}"
    with pytest.raises(ExportCancelled):
        write_report(comparison, fmt, target, cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_pdf_from_a_worker_thread(comparison: Comparison, tmp_path: Path) -> None:
    """The window's Worker runs tasks on a QThreadPool while its QApplication lives in the main
    thread. (A plain Python thread has no Qt event dispatcher: Qt warns on every timer there.)"""
    from PySide6.QtCore import QRunnable, QThreadPool

    from retold.report.pdf import _ensure_gui_application

    _ensure_gui_application()
    target = tmp_path / "report.pdf"
    errors: list[BaseException] = []

    class Export(QRunnable):
        def run(self) -> None:
            try:
                write_report(comparison, "pdf", target, page_size="Letter")
            except BaseException as error:  # handed to the main thread to fail the test
                errors.append(error)

    pool, task = QThreadPool(), Export()
    task.setAutoDelete(False)
    pool.start(task)
    assert pool.waitForDone(60_000)
    assert not errors and target.read_bytes().startswith(b"%PDF")


def test_bad_target_fails_before_rendering(
    comparison: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("rendered a report that cannot be written")

    monkeypatch.setattr("retold.report.export.render_report", never)
    with pytest.raises(ExportError, match="does not exist"):
        write_report(comparison, "pdf", tmp_path / "missing" / "report.pdf")
