"""The exception hook: log the traceback, show one dialog, keep running, never recurse."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from retold.gui.crash import CrashHandler, default_log_dir


def _raise_and_handle(handler: CrashHandler, error: BaseException) -> None:
    try:
        raise error
    except BaseException:
        handler.handle(*sys.exc_info())  # type: ignore[arg-type]


def test_error_is_logged_and_shown(qtbot, tmp_path: Path, capsys) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    handler = CrashHandler(tmp_path / "logs", parent)
    _raise_and_handle(handler, ValueError("the bad value"))
    assert handler.last_log is not None and handler.last_log.parent == tmp_path / "logs"
    log = handler.last_log.read_text(encoding="utf-8")
    assert "Traceback" in log and "ValueError: the bad value" in log
    box = handler.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "ValueError: the bad value" in box.informativeText()
    assert str(handler.last_log) in box.informativeText()
    assert "ValueError" in capsys.readouterr().err

    _raise_and_handle(handler, KeyError("second"))  # no second dialog stacked on the first
    assert handler.dialog is box
    assert "KeyError" in box.detailedText()
    box.done(0)
    _raise_and_handle(handler, RuntimeError("third"))  # once closed, a new one may open
    assert handler.dialog is not box and handler.dialog.isVisible()
    handler.dialog.done(0)


def test_uncaught_error_in_a_slot_reaches_the_hook(qtbot, tmp_path: Path) -> None:
    handler = CrashHandler(tmp_path)
    handler.install()
    try:

        def boom() -> None:
            raise ZeroDivisionError("from a timer")

        QTimer.singleShot(0, boom)
        qtbot.waitUntil(lambda: handler.dialog is not None)
        still_running: list[bool] = []
        QTimer.singleShot(0, lambda: still_running.append(True))
        qtbot.waitUntil(lambda: still_running == [True])  # the event loop goes on
    finally:
        handler.uninstall()
    assert sys.excepthook != handler.handle
    assert "ZeroDivisionError" in handler.dialog.informativeText()
    handler.dialog.done(0)


class _BrokenReporter(CrashHandler):
    def _write_log(self, text: str) -> Path | None:
        raise RuntimeError("the reporter itself fails")


def test_failure_while_reporting_falls_back_without_recursing(capsys, tmp_path) -> None:
    handler = _BrokenReporter(tmp_path)
    handler.install()
    try:
        _raise_and_handle(handler, ValueError("original problem"))
    finally:
        handler.uninstall()
    err = capsys.readouterr().err
    assert err.count("ValueError: original problem") == 2  # our print, then Python's own
    assert handler.dialog is None
    _raise_and_handle(handler, ValueError("again"))  # the guard was released
    assert "again" in capsys.readouterr().err


def test_log_goes_to_the_platform_log_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert default_log_dir().is_relative_to(tmp_path / "state")
    handler = CrashHandler()
    _raise_and_handle(handler, OSError("disk"))
    assert handler.last_log is not None and handler.last_log.is_relative_to(tmp_path / "state")
    if handler.dialog is not None:
        handler.dialog.done(0)


def test_unwritable_log_folder_still_shows_the_dialog(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    handler = CrashHandler(blocker / "logs")
    _raise_and_handle(handler, ValueError("no log"))
    assert handler.last_log is None
    assert handler.dialog is not None and "no log" in handler.dialog.informativeText()
    handler.dialog.done(0)
