"""Uncaught errors: log the traceback, tell the user in a dialog, and keep running.

Like qutebrowser's ``crashsignal.py``: ``sys.excepthook`` is replaced while the window runs. The
hook never re-enters itself (an error while reporting falls back to Python's default hook) and
shows at most one dialog at a time.
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def default_log_dir() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("retold", appauthor=False))


class CrashHandler:
    def __init__(self, log_dir: Path | None = None, parent: QWidget | None = None) -> None:
        self.log_dir = log_dir
        self.parent = parent
        self.dialog: QMessageBox | None = None
        self.last_log: Path | None = None
        self._handling = False
        self._previous = sys.excepthook

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous

    def handle(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if self._handling:  # an error inside the hook: never recurse
            sys.__excepthook__(kind, error, tb)
            return
        self._handling = True
        try:
            text = "".join(traceback.format_exception(kind, error, tb))
            sys.stderr.write(text)
            self.last_log = self._write_log(text)
            self._show(kind, error)
        except Exception:
            sys.__excepthook__(kind, error, tb)
        finally:
            self._handling = False

    def _write_log(self, text: str) -> Path | None:
        folder = self.log_dir or default_log_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}.log"
            with path.open("a", encoding="utf-8") as handle:
                handle.write(text)
        except OSError:
            return None
        return path

    def _show(self, kind: type[BaseException], error: BaseException) -> None:
        if QApplication.instance() is None:
            return
        message = f"{kind.__name__}: {error}"
        where = f"\n\nThe details were saved to {self.last_log}." if self.last_log else ""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.setDetailedText(f"{self.dialog.detailedText()}\n{message}")
            return  # one dialog at a time, however many errors arrive
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Retold — unexpected error")
        box.setText("Something went wrong. Retold keeps running; your files are unchanged.")
        box.setInformativeText(message + where)
        box.setDetailedText(message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.open()  # window-modal, not a nested event loop: the app keeps running
        self.dialog = box
