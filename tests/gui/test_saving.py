"""Saving comparisons, exporting reports, and closing without losing pasted text."""

from __future__ import annotations

import errno
import json
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from retold import atomic
from retold.gui import dialogs
from retold.gui.source_model import ORIGINAL
from retold.savefile import load_comparison_file


@pytest.fixture
def threaded_compared(qtbot, threaded_window, sample_pair: tuple[Path, Path]):
    """The sample pair compared on a real background worker."""
    window, controller = threaded_window
    controller.open_paths(*sample_pair)
    qtbot.waitUntil(lambda: controller.comparison is not None, timeout=10_000)
    return window, controller


def test_save_command_uses_the_dialog_and_ctrl_s(app_window, articles, tmp_path, monkeypatch):
    window, controller = app_window
    target = tmp_path / "chosen"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested: target)
    controller.open_paths(articles[0], articles[1])
    assert window.commands.save.isEnabled()
    window.commands.save.trigger()
    loaded = load_comparison_file(target)
    assert (loaded.original.name, loaded.rewrite.name) == ("a.txt", "b.txt")
    assert loaded.view_options["hide_boilerplate"] is True
    assert window.statusBar().currentMessage() == "Saved chosen."


def test_save_dialog_adds_the_suffix() -> None:
    assert dialogs.with_export_suffix(Path("/x/flood"), dialogs.SAVED_FILTER).name == "flood.retold"


def _refuse(code: int) -> Callable[..., None]:
    def refuse(*args: object) -> None:
        raise OSError(code, os.strerror(code))

    return refuse


@pytest.fixture
def slow_disk(monkeypatch) -> Iterator[tuple[threading.Event, list[threading.Thread]]]:
    """A disk that holds every write off the GUI thread until the event is set (staged at
    fsync); the list collects the threads that wrote."""
    release, threads = threading.Event(), list[threading.Thread]()
    real_fsync = atomic.os.fsync

    def fsync(fd: int) -> None:
        if threading.current_thread() is not threading.main_thread():
            threads.append(threading.current_thread())
            release.wait(5)
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    yield release, threads
    release.set()


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        ("no folder", "the folder does not exist."),
        ("a folder", "it is a folder. Choose a file name."),
        ("read-only", "permission denied. Choose a folder you can write to."),  # staged: root
        ("disk full", "the disk is full. Free some space or choose another drive."),
    ],
)
def test_a_failed_save_says_why_keeps_the_old_file_and_offers_another_place(
    app_window, articles, tmp_path: Path, monkeypatch, problem: str, expected: str
) -> None:
    window, controller = app_window
    controller.open_paths(articles[0], articles[1])
    folder = tmp_path / "saves"
    folder.mkdir()
    target = folder / "flood.retold"
    target.write_bytes(b"last week's comparison")
    if problem == "no folder":
        target = tmp_path / "no-such-folder" / "flood.retold"
    elif problem == "a folder":
        target = folder / "folder.retold"
        target.mkdir()
    elif problem == "read-only":
        monkeypatch.setattr(atomic.os, "replace", _refuse(errno.EACCES))
    else:
        monkeypatch.setattr(atomic.os, "fsync", _refuse(errno.ENOSPC))
    asked: list[Path] = []
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, path: asked.append(path) or target)
    window.commands.save.trigger()
    assert window.banner.level == "error"
    assert window.banner.text() == f"Cannot save “{target.name}”: {expected}"
    assert (folder / "flood.retold").read_bytes() == b"last week's comparison"
    assert sorted(p.name for p in folder.iterdir()) == sorted({"flood.retold", target.name})
    assert controller.comparison is not None  # the work on screen is untouched
    assert window.banner.action_text() == "Save as…"
    window.banner.trigger_action()
    assert len(asked) == 2  # the dialog again, to choose another place


def test_save_writes_on_the_worker_while_the_window_stays_usable(
    qtbot, tmp_path: Path, threaded_compared, slow_disk, monkeypatch
) -> None:
    window, controller = threaded_compared
    release, threads = slow_disk
    target = tmp_path / "flood.retold"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested: target)
    window.commands.save.trigger()
    assert window.statusBar().currentMessage() == "Saving flood.retold…"
    assert not target.exists()  # the disk is still writing; the window is not waiting for it
    assert not window.status.cancel_button.isVisible()  # a save is not cancelled halfway
    window.commands.show_only_changes.trigger()  # folded on the worker's other thread
    qtbot.waitUntil(lambda: window.compare_view.only_changes)
    window.commands.save.trigger()  # one save at a time
    assert window.statusBar().currentMessage().startswith("Still saving flood.retold;")
    release.set()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Saved flood.retold.")
    assert threads and threading.main_thread() not in threads
    saved = load_comparison_file(target)  # the options as they were when Save was chosen
    assert saved.original.name == "original.txt" and not saved.view_options["show_only_changes"]
    assert controller.prefs.recent_files[0] == str(target)


def test_closing_while_saving_waits_for_the_file_then_closes(
    qtbot, tmp_path: Path, threaded_window, slow_disk
) -> None:
    window, controller = threaded_window
    _paste_a_pair(window)
    qtbot.waitUntil(lambda: controller.comparison is not None)
    release, _threads = slow_disk
    target = tmp_path / "pasted.retold"
    controller.saving.save(target)
    window.close()
    assert window.isVisible()
    assert window.banner.text() == "Saving pasted.retold: the window closes once it is written."
    release.set()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert load_comparison_file(target).rewrite.text == "A pasted rewrite. It has two."


def test_a_save_that_fails_while_closing_keeps_the_window_and_the_work(
    qtbot, tmp_path: Path, threaded_window, slow_disk, monkeypatch
) -> None:
    window, controller = threaded_window
    _paste_a_pair(window)
    qtbot.waitUntil(lambda: controller.comparison is not None)
    release, _threads = slow_disk
    slow_fsync = atomic.os.fsync

    def fsync_then_full(fd: int) -> None:
        slow_fsync(fd)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", fsync_then_full)
    folder = tmp_path / "saves"
    folder.mkdir()
    controller.saving.save(folder / "pasted.retold")
    window.close()
    release.set()
    qtbot.waitUntil(lambda: window.banner.level == "error")
    assert "the disk is full" in window.banner.text()
    qtbot.wait(20)
    assert window.isVisible() and list(folder.iterdir()) == []  # no half-written file
    window.close()  # the pasted texts are still only in the window: said once more
    assert window.isVisible() and "are not saved" in window.banner.text()


def test_export_writes_the_report(compared, tmp_path: Path) -> None:
    _window, controller = compared
    target = tmp_path / "out" / "comparison.json"
    target.parent.mkdir()
    assert controller.saving.export_to(target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["original"]["name"] == "original.txt"


def test_export_failure_is_a_banner(compared, tmp_path: Path) -> None:
    window, controller = compared
    assert not controller.saving.export_to(tmp_path / "missing-folder" / "x.html")
    assert window.banner.isVisible() and window.banner.level == "error"
    text = window.banner.text()  # the writer's own sentence, not wrapped in another
    assert text.startswith("Cannot write the report: the folder") and text.count("report") == 1


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        ("replace", "permission denied. Choose a folder you can write to."),  # a read-only folder
        ("fsync", "the disk is full. Free some space or choose another drive."),
    ],
)
def test_export_command_failure_keeps_the_existing_report(
    compared, tmp_path: Path, monkeypatch, failure: str, expected: str
) -> None:
    """Through the menu; the system's refusal is staged (root writes into read-only folders)."""
    window, _controller = compared
    target = tmp_path / "comparison.html"
    target.write_bytes(b"last week's report")
    code = errno.EACCES if failure == "replace" else errno.ENOSPC
    monkeypatch.setattr(atomic.os, failure, _refuse(code))
    monkeypatch.setattr(dialogs, "ask_export_path", lambda parent, suggested: target)
    window.commands.export.trigger()
    assert window.banner.level == "error"
    assert window.banner.text() == f"Cannot write the report to {target}: {expected}"
    assert target.read_bytes() == b"last week's report"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["comparison.html"]


def test_export_command_writes_on_the_worker(
    qtbot, tmp_path, threaded_compared, monkeypatch
) -> None:
    """A long PDF takes seconds: the menu command writes it off the GUI thread."""
    import threading

    from retold.report import export

    window, controller = threaded_compared
    target = tmp_path / "comparison.pdf"
    threads: list[threading.Thread] = []
    real_write = export.write_report

    def write_report(*args: object, **kwargs: object) -> None:
        threads.append(threading.current_thread())
        real_write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(export, "write_report", write_report)
    monkeypatch.setattr(dialogs, "ask_export_path", lambda parent, suggested: target)
    window.commands.export.trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Exported comparison.pdf.")
    assert threads and threads[0] is not threading.main_thread()
    assert target.read_bytes().startswith(b"%PDF")
    assert controller.prefs.last_folder == str(tmp_path)  # the next export starts there


def test_cancel_button_stops_an_export_and_keeps_the_old_report(
    qtbot, tmp_path, threaded_compared, monkeypatch
) -> None:
    window, controller = threaded_compared
    target = tmp_path / "comparison.pdf"
    target.write_bytes(b"last week's report")
    monkeypatch.setattr(dialogs, "ask_export_path", lambda parent, suggested: target)
    window.commands.export.trigger()
    assert window.status.cancel_button.isVisible()
    window.status.cancel_button.click()
    assert controller.worker.wait(10_000)
    qtbot.wait(20)  # anything the worker still sent is delivered, and dropped
    assert target.read_bytes() == b"last week's report"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["comparison.pdf"]
    assert window.statusBar().currentMessage() == "Cancelled." and not window.banner.isVisible()


def test_export_never_mixes_in_the_files_of_a_pair_still_being_compared(
    compared, tmp_path: Path
) -> None:
    from retold.sources.loader import load_source

    _window, controller = compared
    (tmp_path / "newer.txt").write_text("A newer original. Not compared yet.", encoding="utf-8")
    newer = load_source(tmp_path / "newer.txt")
    controller.model.set_role(controller.model.add(newer), ORIGINAL)  # its comparison is pending
    target = tmp_path / "comparison.html"
    assert controller.saving.export_to(target)
    html = target.read_text(encoding="utf-8")
    assert "original.txt" in html and "newer.txt" not in html


def test_cancelled_export_is_quiet(compared, tmp_path: Path, monkeypatch) -> None:
    from retold.report.export import ExportCancelled

    window, controller = compared

    def cancel(*args: object, **kwargs: object) -> None:
        raise ExportCancelled()

    monkeypatch.setattr("retold.report.export.write_report", cancel)
    assert not controller.saving.export_to(tmp_path / "x.html")
    assert not window.banner.isVisible()
    assert window.statusBar().currentMessage() == "Export cancelled"


def test_export_before_comparing_explains(app_window) -> None:
    window, controller = app_window
    controller.saving.choose_export()  # no dialog: there is nothing to export
    assert "Nothing to export yet" in window.banner.text()


def _paste_a_pair(window) -> None:
    for text in ("A pasted original. It has two sentences.", "A pasted rewrite. It has two."):
        QGuiApplication.clipboard().setText(text)
        window.commands.paste.trigger()


def test_closing_with_unsaved_pasted_text_warns_once(app_window) -> None:
    window, controller = app_window
    _paste_a_pair(window)
    assert controller.comparison is not None
    window.close()
    assert window.isVisible()  # kept open: the pasted texts exist nowhere else
    assert window.banner.level == "warning" and window.banner.text() == (
        "Pasted text 1 and Pasted text 2 are not saved: save the comparison to keep it, "
        "or close again to discard."
    )
    assert window.banner.action_text() == "Save…"
    QGuiApplication.clipboard().setText("Pasted after the warning.")
    window.commands.paste.trigger()
    window.close()
    assert window.isVisible()  # told of the new one too
    assert window.banner.text().startswith("Pasted text 1, Pasted text 2 and Pasted text 3 are")
    window.close()
    assert not window.isVisible()


def test_closing_after_saving_pasted_text_is_not_held_up(app_window, tmp_path: Path) -> None:
    window, controller = app_window
    _paste_a_pair(window)
    controller.saving.save(tmp_path / "pasted.retold")
    window.close()
    assert not window.isVisible()


def test_export_dialog_filters_and_suffix() -> None:
    from retold.gui.dialogs import export_filter, with_export_suffix

    filters = export_filter().split(";;")
    assert "Web page (*.html *.htm)" in filters and "PDF (*.pdf)" in filters
    assert with_export_suffix(Path("/x/report"), "PDF (*.pdf)") == Path("/x/report.pdf")
    assert with_export_suffix(Path("/x/report.json"), "PDF (*.pdf)") == Path("/x/report.json")
    web_page = "Web page (*.html *.htm)"  # a name that is no report format gets one
    assert with_export_suffix(Path("/x/report.docx"), web_page) == Path("/x/report.docx.html")
    assert with_export_suffix(Path("/x/flood.v2"), web_page) == Path("/x/flood.v2.html")
