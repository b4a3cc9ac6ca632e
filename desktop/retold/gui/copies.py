"""Copies: one original against many suspects in the window (the work of ``retold triage``).

Part of the controller's job, given what it uses explicitly (a ``Context`` and the call that
opens a pair), so that it imports nothing of the controller. Dropping one original with several
files or a folder, or File > Compare with many…, runs a triage on the worker (with progress and
Cancel) and shows the Copies table; Enter or a double-click opens a row side by side, and View >
Back to copies (or the banner's button) returns to the table. The table exports as HTML, CSV and
JSON.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from queue import SimpleQueue
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from retold.atomic import reason
from retold.batch.assess import evidence_line
from retold.batch.formats import summary_line, verdict
from retold.batch.records import Assessment
from retold.batch.triage import TriageReport
from retold.gui import dialogs
from retold.gui.copies_view import CopiesView
from retold.savefile import SUFFIX

if TYPE_CHECKING:
    from retold.gui.context import Context

EXPORT_FILTER = "Web page (*.html *.htm);;CSV (*.csv);;JSON (*.json);;Text (*.txt)"


def drop_for_copies(paths: Sequence[Path]) -> tuple[Path, list[Path]] | None:
    """What a drop means for Copies: (the original, the suspects), or None for a pair drop.

    Copies are asked for by a folder with at least one file beside it, or by three or more
    files. The original is the file dropped beside the folders, or, of several, the one modified
    first (as for a dropped pair; the first dropped on a tie). Saved comparisons are not
    articles: a drop with one is never a triage."""
    if any(p.suffix.lower() == SUFFIX for p in paths):
        return None
    files = [p for p in paths if not p.is_dir()]
    folders = [p for p in paths if p.is_dir()]
    if not files or (not folders and len(files) < 3):
        return None
    original = min(files, key=_modified)  # min keeps the first of equals
    return original, [p for p in paths if p != original]


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return float("inf")  # a missing file is never preferred as the original


def _jobs() -> int:
    """All cores; one in a frozen bundle, whose executable cannot start a spawned worker."""
    from retold.batch.pool import default_jobs

    return 1 if getattr(sys, "frozen", False) else default_jobs()


class Copies:
    """Runs triages on the window's worker and shows them in the Copies view."""

    def __init__(self, context: Context, open_pair: Callable[[Path, Path], None]) -> None:
        self.context, self._open_pair = context, open_pair
        self.window, self.worker = context.window, context.worker
        self.view: CopiesView = self.window.copies_view
        self.report: TriageReport | None = None
        self.jobs = _jobs()
        self._task: int | None = None
        self._arrived: SimpleQueue[Assessment] = SimpleQueue()
        self._running = False
        view = self.view
        view.pairRequested.connect(self.open_pair)
        view.exportRequested.connect(self.choose_export)
        view.cancelRequested.connect(self.cancel)
        self.window.status.cancelRequested.connect(self.cancel)  # the status bar's Cancel too
        view.compareAnotherRequested.connect(self.choose)
        self.worker.progressed.connect(self._progressed)

    # --- starting -------------------------------------------------------------------------------
    def choose(self) -> None:
        """File > Compare with many…: the original, then the suspects."""
        folder = self.context.preferences().last_folder
        original = dialogs.ask_open_file(self.window, "Compare with many: the original", folder)
        if original is None:
            return
        suspects = dialogs.ask_open_files(
            self.window, "The suspects to compare with it (or drop a folder)", str(original.parent)
        )
        if suspects:
            self.context.set_preferences(last_folder=str(original.parent))
            self.start(original, suspects)

    def open_dropped(self, original: Path, suspects: list[Path]) -> None:
        self.start(original, suspects)

    def start(self, original: Path, suspects: Sequence[Path]) -> None:
        """Show the Copies view and triage ``suspects`` against ``original`` on the worker; a
        new triage supersedes a running one."""
        jobs = self.jobs
        self.report = None
        self.view.set_rows(f"Copies of {original.name}", "", ())
        self.show_table()
        self.view.set_running(True, "Reading the files…")
        arrived: SimpleQueue[Assessment] = SimpleQueue()  # rows done, for the table to show
        self._arrived = arrived
        self._running = True

        def run(
            progress: Callable[[float], None], cancelled: Callable[[], bool]
        ) -> tuple[TriageReport, list[tuple[Path, str]]]:
            def row_done(done: int, total: int, row: Assessment) -> None:
                arrived.put(row)  # before the progress that makes the GUI thread look
                progress(done / total)

            return _triage(original, suspects, jobs, row_done, cancelled)

        self._task = self.worker.submit(run, self._done, self._failed, group="copies")

    def _progressed(self, fraction: float) -> None:
        """Rows done so far join the table as the triage goes (the report ranks them at the
        end); progress reports come at most every 1 %, so rows come in small batches."""
        if self._running:  # (an inline task has no id yet while it runs)
            self.view.set_progress(fraction)
            self._take_arrived()
            done = self.view.model.rowCount()
            if done and fraction > 0:
                self.view.summary.setText(f"{done} of {round(done / fraction)} compared…")

    def _take_arrived(self) -> None:
        rows = []
        while not self._arrived.empty():
            rows.append(self._arrived.get())
        if rows:
            self.view.add_rows(tuple(rows))

    def _finished(self) -> None:
        self._task = None
        self._running = False
        self.view.set_running(False)

    def _done(self, result: tuple[TriageReport, list[tuple[Path, str]]]) -> None:
        report, skipped = result
        self._finished()
        self.report = report
        self.window.commands.back_to_copies.setEnabled(True)
        summary = summary_line(report) + "."
        if skipped:
            summary += f" Left out: {', '.join(f'{p.name} ({why})' for p, why in skipped[:5])}"
            summary += f" and {len(skipped) - 5} more." if len(skipped) > 5 else "."
        hint = " Double-click a row or press Enter to see it beside the original."
        summary += f" {evidence_line(report.rows)}"  # the score's: the words alone
        self.view.set_rows(f"Copies of {report.original.name}", summary + hint, report.rows)
        self.window.statusBar().showMessage(summary_line(report) + ".", 10_000)

    def _failed(self, error: BaseException) -> None:
        self._finished()
        message = str(error) if isinstance(error, ValueError) else f"The triage failed: {error}"
        message = message[0].upper() + message[1:]
        self.view.summary.setText(message)
        self.window.banner.show_message(message, "error")

    def cancel(self) -> None:
        """Stop; the rows done so far stay in the table (not ranked, and not exported: the
        report is of a whole batch)."""
        if not self._running:
            return
        if self._task is not None:
            self.worker.cancel(self._task)
        self._take_arrived()
        self._arrived = SimpleQueue()  # rows still in flight are not wanted
        self._finished()
        done = self.view.model.rowCount()
        self.view.summary.setText(
            f"Cancelled after {done} file{'' if done == 1 else 's'}: the rows so far are shown."
        )
        self.window.statusBar().showMessage("Cancelled.", 5000)

    # --- moving between the table and a pair ----------------------------------------------------
    def open_pair(self, row: Assessment) -> None:
        """The row's suspect beside the original, with a way back to the table."""
        if self.report is None or row.error is not None:
            return
        original = self.report.original
        gone = [Path(p) for p in (original.path, row.path) if not Path(p).is_file()]
        if gone:  # moved or deleted since the triage: say so, rather than half a pair
            self.window.banner.show_message(
                f"Cannot open {gone[0].name}: it is no longer at {gone[0]} (moved or deleted "
                "since the copies were compared).",
                "error",
            )
            return
        self.window.show_page(self.window.compare_page)
        self._open_pair(Path(original.path), Path(row.path))
        self.window.banner.show_message(
            f"{row.name} beside {original.name}: {verdict(row)}, score {row.score:.2f}.",
            "info",
            "Back to copies",
            self.show_table,
        )

    def compared(self, comparison: object) -> None:
        """A pair compared by any means (a drop, File > Open) is shown: leave the table for it."""
        if comparison is not None:
            self.window.show_page(self.window.compare_page)

    def show_table(self) -> None:
        self.window.show_page(self.view)
        title = self.view.title.text()
        self.window.setWindowTitle(f"{title} — Retold" if title else "Retold")

    # --- export ---------------------------------------------------------------------------------
    def choose_export(self) -> None:
        report = self.report
        if report is None:
            return
        folder = Path(self.context.preferences().last_folder or Path.home())
        suggested = folder / f"copies of {Path(report.original.name).stem}.html"
        path, chosen = QFileDialog.getSaveFileName(
            self.window, "Export the copies", str(suggested), EXPORT_FILTER
        )
        if path:
            self.export(dialogs.with_export_suffix(Path(path), chosen))

    def export(self, path: Path) -> None:
        """Write the report on the worker, atomically; say where, or why not."""
        from retold.batch.formats import format_for, render
        from retold.report.export import ExportError, write_report_bytes

        report = self.report
        if report is None:
            return
        fmt = format_for(path.suffix) or "html"

        def write(progress: Callable[[float], None], cancelled: Callable[[], bool]) -> None:
            write_report_bytes(path, render(report, fmt, to_file=True))

        def failed(error: BaseException) -> None:
            text = str(error) if isinstance(error, ExportError) else reason_of(error)
            self.window.banner.show_message(text, "error")

        def reason_of(error: BaseException) -> str:
            if isinstance(error, OSError):
                return f"Cannot write {path}: {reason(error)}"
            return f"Cannot write {path}: {error}"

        self.worker.submit(
            write,
            lambda _none: self.window.statusBar().showMessage(
                f"Wrote the copies of {report.original.name} to {path}.", 10_000
            ),
            failed,
            cancellable=False,
        )


def _triage(
    original: Path,
    suspects: Sequence[Path],
    jobs: int,
    progress: Callable[[int, int, Assessment], None],
    cancelled: Callable[[], bool],
) -> tuple[TriageReport, list[tuple[Path, str]]]:
    """The worker's part: read the original, find the files, compare them all; also the
    entries left out, each with why (the original itself, hidden, a folder that cannot be
    listed)."""
    from retold.batch.reading import read_record
    from retold.batch.triage import suspect_paths, triage

    record = read_record(original)
    if record.error is not None:
        raise ValueError(f"the original cannot be used: {record.error}")
    skipped: list[tuple[Path, str]] = []
    paths = suspect_paths(original, suspects, lambda path, why: skipped.append((path, why)))
    report = triage(
        record,
        paths,
        jobs=jobs,
        progress=progress,
        cancelled=cancelled,
    )
    return report, skipped
