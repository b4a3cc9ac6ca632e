"""The Copies view: a real table model, sorting, drops, opening a pair and back, export."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest
from PySide6.QtCore import Qt

from retold.batch.assess import EVIDENCE_LINE
from retold.batch.records import Assessment, SourceRecord
from retold.gui.copies import drop_for_copies
from retold.gui.copies_model import (
    COLUMNS,
    ERROR_COLUMN,
    REUSED_COLUMN,
    ROW_ROLE,
    SHARE_ROLE,
    CopiesModel,
    CopiesSortModel,
)
from tests.batch.conftest import TEXTS
from tests.batch.test_triage import SCHEMA

SCORE = 3  # the Score column


def _row(name: str, score: float) -> Assessment:
    return Assessment(name, f"/x/{name}", "ab" * 32, score, score >= 0.5, score, 0.3, 0.1, 8, 4, 1)


ROWS = (
    _row("b.txt", 0.9),
    _row("a.txt", 0.2),
    Assessment.failed(SourceRecord.failed("c.txt", "/x/c.txt", "“c.txt” is empty.")),
)


def test_the_model_passes_qtmodeltester(qtmodeltester) -> None:
    model = CopiesModel()
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    qtmodeltester.check(CopiesSortModel(model))
    assert model.rowCount() == 3 and model.columnCount() == len(COLUMNS)
    assert model.index(0, REUSED_COLUMN).data(SHARE_ROLE) == 0.9
    assert model.index(2, REUSED_COLUMN).data(SHARE_ROLE) is None
    assert model.index(2, ERROR_COLUMN).data() == "is empty."  # the name is in its own column
    assert model.index(2, ERROR_COLUMN).data(Qt.ItemDataRole.ToolTipRole) == "“c.txt” is empty."
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == f"/x/b.txt\nSHA-256 {'ab' * 32}"


def test_sorting_by_a_figure_puts_error_rows_last() -> None:
    model = CopiesModel()
    model.set_rows(ROWS)
    proxy = CopiesSortModel(model)
    proxy.sort(SCORE, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["b.txt", "a.txt", "c.txt"]
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["a.txt", "b.txt", "c.txt"]
    proxy.sort(SCORE, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, 0).data() == "c.txt"  # no score sorts below any score


def test_which_drops_ask_for_copies(tmp_path: Path) -> None:
    files = [tmp_path / n for n in ("new.txt", "old.txt", "mid.txt")]
    for k, path in enumerate(files):
        path.write_text("x", encoding="utf-8")
        os.utime(path, (1_600_000_000 + [3, 1, 2][k],) * 2)
    folder = tmp_path / "folder"
    folder.mkdir()
    assert drop_for_copies(files[:2]) is None  # a pair
    assert drop_for_copies([folder]) is None  # no original
    assert drop_for_copies([*files[:2], tmp_path / "x.retold"]) is None
    assert drop_for_copies(files) == (files[1], [files[0], files[2]])  # the oldest
    assert drop_for_copies([folder, files[0]]) == (files[0], [folder])


@pytest.fixture
def suspects(tmp_path: Path) -> Path:
    folder = tmp_path / "suspects"
    (folder / "more").mkdir(parents=True)
    shutil.copy(TEXTS / "heavy.txt", folder / "heavy.txt")
    shutil.copy(TEXTS / "cut.txt", folder / "more" / "cut.txt")
    shutil.copy(TEXTS / "independent.txt", folder / "independent.txt")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 8)
    return folder


def _names(window) -> list[str]:
    sorted_model = window.copies_view.sorted
    return [sorted_model.index(r, 0).data() for r in range(sorted_model.rowCount())]


def test_an_original_dropped_with_a_folder_opens_the_copies(
    qtbot, app_window, suspects: Path, drop
) -> None:
    window, controller = app_window
    controller.copies.jobs = 1
    assert drop(window, [suspects, TEXTS / "original.txt"])
    qtbot.waitUntil(lambda: window.copies_view.model.rowCount() == 4)
    assert window.pages.currentWidget() is window.copies_view
    assert _names(window)[:2] in (["cut.txt", "heavy.txt"], ["heavy.txt", "cut.txt"])
    assert _names(window)[-1] == "photo.txt"
    assert window.copies_view.title.text() == "Copies of original.txt"
    assert window.windowTitle() == "Copies of original.txt — Retold"
    assert "4 suspects: 2 derived from the original, 1 could not be read" in (
        window.copies_view.summary.text()
    )
    assert EVIDENCE_LINE in window.copies_view.summary.text()  # ranked by the words alone
    assert window.commands.back_to_copies.isEnabled()


def test_enter_opens_the_pair_and_the_banner_leads_back(qtbot, app_window, suspects: Path) -> None:
    window, controller = app_window
    controller.copies.jobs = 1
    controller.copies.start(TEXTS / "original.txt", [suspects])
    table = window.copies_view.table
    table.setCurrentIndex(window.copies_view.sorted.index(1, 0))
    name = table.currentIndex().data(ROW_ROLE).name
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.comparison is not None)
    assert window.pages.currentWidget() is window.compare_page
    assert controller.comparison.original.name == "original.txt"
    assert controller.comparison.rewrite.name == name
    assert window.banner.action_text() == "Back to copies"
    assert window.windowTitle() == f"original.txt ↔ {name} — Retold"
    window.banner.trigger_action()
    assert window.pages.currentWidget() is window.copies_view
    window.show_page(window.compare_page)
    window.commands.back_to_copies.trigger()
    assert window.pages.currentWidget() is window.copies_view


def test_an_error_row_does_not_open(qtbot, app_window, suspects: Path) -> None:
    window, controller = app_window
    controller.copies.jobs = 1
    controller.copies.start(TEXTS / "original.txt", [suspects])
    view = window.copies_view
    view.table.setCurrentIndex(view.sorted.index(3, 0))  # photo.txt, last
    assert not view.open_button.isEnabled()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert controller.comparison is None and window.pages.currentWidget() is view


def test_a_suspect_gone_since_the_triage_says_so_and_stays_on_the_table(
    qtbot, app_window, suspects: Path
) -> None:
    window, controller = app_window
    controller.copies.jobs = 1
    controller.copies.start(TEXTS / "original.txt", [suspects])
    view = window.copies_view
    view.table.setCurrentIndex(view.sorted.index(0, 0))
    gone = Path(view.table.currentIndex().data(ROW_ROLE).path)
    gone.unlink()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is view and controller.comparison is None
    assert window.banner.text() == (
        f"Cannot open {gone.name}: it is no longer at {gone} (moved or deleted since the copies "
        "were compared)."
    )


def test_the_summary_says_why_each_file_was_left_out(app_window, suspects: Path) -> None:
    window, controller = app_window
    controller.copies.jobs = 1
    original = suspects / "original.txt"
    shutil.copy(TEXTS / "original.txt", original)
    (suspects / ".notes.txt").write_text("Not a suspect.", encoding="utf-8")
    controller.copies.start(original, [suspects])
    assert window.copies_view.model.rowCount() == 4
    assert "Left out: .notes.txt (hidden), original.txt (the original itself)." in (
        window.copies_view.summary.text()
    )


@pytest.mark.parametrize("suffix", [".html", ".csv", ".json"])
def test_export(app_window, suspects: Path, tmp_path: Path, suffix: str) -> None:
    window, controller = app_window
    controller.copies.jobs = 1
    controller.copies.start(TEXTS / "original.txt", [suspects])
    target = tmp_path / f"copies{suffix}"
    controller.copies.export(target)
    assert str(target) in window.statusBar().currentMessage()
    text = target.read_text(encoding="utf-8-sig")
    if suffix == ".json":
        jsonschema.validate(json.loads(text), SCHEMA)
    elif suffix == ".csv":
        assert [row["name"] for row in csv.DictReader(text.splitlines())][-1] == "photo.txt"
    else:
        assert text.startswith("<!DOCTYPE html>") and "Which files retell original.txt?" in text


def test_compare_with_many_asks_for_the_original_then_the_suspects(
    app_window, suspects: Path, monkeypatch
) -> None:
    from retold.gui import dialogs

    window, controller = app_window
    controller.copies.jobs = 1
    asked: list[str] = []
    monkeypatch.setattr(
        dialogs,
        "ask_open_file",
        lambda parent, title, folder: asked.append(title) or TEXTS / "original.txt",
    )
    monkeypatch.setattr(
        dialogs,
        "ask_open_files",
        lambda parent, title, folder: asked.append(title) or [suspects / "heavy.txt"],
    )
    window.commands.compare_many.trigger()
    assert len(asked) == 2 and "original" in asked[0]
    assert _names(window) == ["heavy.txt"]


def test_an_unreadable_original_says_why(app_window, tmp_path: Path, suspects: Path) -> None:
    window, controller = app_window
    controller.copies.start(tmp_path / "gone.txt", [suspects])
    assert window.banner.level == "error" and "does not exist" in window.banner.text()
    assert window.copies_view.model.rowCount() == 0 and not window.copies_view.progress.isVisible()


@pytest.mark.parametrize("button", ["view", "status bar"])
def test_cancel_on_a_real_worker(qtbot, threaded_window, suspects: Path, button: str) -> None:
    window, controller = threaded_window
    controller.copies.jobs = 1
    controller.copies.start(TEXTS / "original.txt", [suspects])
    assert window.copies_view.cancel_button.isVisible()
    if button == "view":
        window.copies_view.cancel_button.click()
    else:
        window.status.cancel_button.click()
    controller.worker.wait(30_000)
    shown = window.copies_view.model.rowCount()
    qtbot.wait(50)  # let any late delivery through: it must be dropped
    assert window.copies_view.model.rowCount() == shown < 4  # the rows done before Cancel
    assert controller.copies.report is None  # and no report of a part as if it were whole
    assert not window.copies_view.progress.isVisible()
    assert f"Cancelled after {shown} file" in window.copies_view.summary.text()
    assert not window.copies_view.export_button.isEnabled()


def test_rows_join_the_table_as_they_are_done(app_window, suspects: Path) -> None:
    window, controller = app_window
    controller.copies.jobs = 1
    inserted: list[int] = []
    model = window.copies_view.model
    model.rowsInserted.connect(lambda parent, first, last: inserted.append(last - first + 1))
    controller.copies.start(TEXTS / "original.txt", [suspects])
    assert sum(inserted) == 4 and len(inserted) >= 2  # in steps, before the ranked table
    assert model.rowCount() == 4


def test_the_table_takes_the_sources_panel_width_but_it_is_never_saved_hidden(
    qtbot, app_window, suspects: Path
) -> None:
    window, controller = app_window
    controller.copies.jobs = 1
    controller.copies.start(TEXTS / "original.txt", [suspects])
    assert window.sources_dock.isHidden()
    state = window.window_state()
    assert window.sources_dock.isHidden()  # still, on screen
    window.show_page(window.compare_page)
    assert not window.sources_dock.isHidden()
    window.show_page(window.copies_view)
    window.restore_window_state(state)
    window.show_page(window.compare_page)
    assert window.sources_dock.isVisible()


def test_a_folder_dropped_while_an_original_waits_for_its_rewrite_is_checked_against_it(
    qtbot, app_window, suspects: Path, drop
) -> None:
    window, controller = app_window
    controller.copies.jobs = 1
    controller.open_paths(TEXTS / "original.txt")  # the original alone: the banner asks
    assert drop(window, [suspects])
    qtbot.waitUntil(lambda: window.copies_view.model.rowCount() == 4)
    assert window.copies_view.title.text() == "Copies of original.txt"
