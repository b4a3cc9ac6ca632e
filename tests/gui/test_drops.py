"""Files dropped through real QDropEvents: the controller decides, the banner explains."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF

from retold.engine.model import Side
from retold.gui.source_model import NONE, ORIGINAL, REWRITE


@pytest.fixture
def pair(tmp_path: Path, sample_pair: tuple[Path, Path]) -> tuple[Path, Path]:
    """Copies of the sample pair; ``new.txt`` (the original's text) is the newer file."""
    newer, older = tmp_path / "new.txt", tmp_path / "old.txt"
    newer.write_text(sample_pair[0].read_text(encoding="utf-8"), encoding="utf-8")
    older.write_text(sample_pair[1].read_text(encoding="utf-8"), encoding="utf-8")
    os.utime(older, (1_600_000_000, 1_600_000_000))
    os.utime(newer, (1_700_000_000, 1_700_000_000))
    return newer, older


def test_two_files_dropped_on_window_are_compared_older_first(
    qtbot, app_window, pair, drop
) -> None:
    window, controller = app_window
    newer, older = pair
    assert drop(window, [newer, older])
    assert controller.comparison is None  # the handler only recorded the paths
    qtbot.waitUntil(lambda: controller.comparison is not None)
    assert controller.comparison.original.name == "old.txt"
    assert controller.comparison.rewrite.name == "new.txt"
    assert window.banner.isVisible()
    assert window.banner.text() == "Compared old.txt (original) with new.txt (rewrite)."
    assert window.banner.action_text() == "Swap"
    assert window.windowTitle() == "old.txt ↔ new.txt — Retold"

    window.banner.trigger_action()  # one click: swapped and compared again
    assert controller.comparison.original.name == "new.txt"
    assert window.banner.text() == "Compared new.txt (original) with old.txt (rewrite)."


def test_equal_times_keep_the_drop_order(qtbot, app_window, pair, drop) -> None:
    window, controller = app_window
    first, second = pair
    os.utime(first, (1_650_000_000, 1_650_000_000))
    os.utime(second, (1_650_000_000, 1_650_000_000))
    drop(window, [second, first])
    qtbot.waitUntil(lambda: controller.comparison is not None)
    assert controller.comparison.original.name == second.name


def test_file_dropped_on_sources_panel_is_only_added(qtbot, app_window, pair, drop) -> None:
    window, controller = app_window
    view = window.sources_panel.view
    assert drop(view.viewport(), [pair[0]], QPointF(20, 20))
    qtbot.waitUntil(lambda: view.model().rowCount() == 1)
    assert view.model().role_of(0) == NONE
    assert controller.comparison is None
    assert not window.banner.isVisible()


def test_file_dropped_on_a_pane_replaces_that_side(qtbot, app_window, pair, tmp_path, drop) -> None:
    window, controller = app_window
    controller.open_paths(*pair)
    third = tmp_path / "third.txt"
    third.write_text("A different rewrite. It says other things entirely.", encoding="utf-8")
    rewrite_pane = window.compare_view.panes[Side.REWRITE]
    assert drop(rewrite_pane.viewport(), [third], QPointF(30, 30))
    qtbot.waitUntil(lambda: controller.comparison.rewrite.name == "third.txt")
    assert controller.comparison.original.name == pair[0].name
    model = window.sources_panel.model
    assert model.rowCount() == 3 and model.source_for(REWRITE).name == "third.txt"
    assert model.source_for(ORIGINAL).name == pair[0].name


def test_folder_dropped_says_so(qtbot, app_window, tmp_path, drop) -> None:
    window, controller = app_window
    photos = tmp_path / "photos"
    photos.mkdir()
    drop(window, [photos])
    qtbot.waitUntil(window.banner.isVisible)
    assert window.banner.text() == ("“photos” is a folder; drop text, Word, PDF or web page files.")
    assert window.banner.level == "error"
    assert controller.comparison is None


def test_binary_file_dropped_says_so(qtbot, app_window, tmp_path, drop) -> None:
    window, _controller = app_window
    blob = tmp_path / "blob.txt"
    blob.write_bytes(bytes(range(256)) * 8)
    drop(window, [blob])
    qtbot.waitUntil(window.banner.isVisible)
    assert "blob.txt" in window.banner.text() and "binary" in window.banner.text()
    assert window.sources_panel.model.rowCount() == 0


def test_missing_and_good_file_together(qtbot, app_window, pair, tmp_path, drop) -> None:
    window, controller = app_window
    gone = tmp_path / "gone.docx"
    drop(window, [gone, pair[0]])
    qtbot.waitUntil(window.banner.isVisible)
    assert "gone.docx" in window.banner.text() and "does not exist" in window.banner.text()
    model = window.sources_panel.model
    assert model.rowCount() == 1 and model.role_of(0) == ORIGINAL  # the good one is used
    assert controller.comparison is None


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_says_so(qtbot, app_window, tmp_path, drop) -> None:
    window, _controller = app_window
    locked = tmp_path / "locked.txt"
    locked.write_text("secret", encoding="utf-8")
    locked.chmod(0)
    drop(window, [locked])
    qtbot.waitUntil(window.banner.isVisible)
    assert "permission denied" in window.banner.text()


def test_two_files_dropped_on_a_pane_are_compared_as_a_pair(qtbot, app_window, pair, drop) -> None:
    window, controller = app_window
    pane = window.compare_view.panes[Side.ORIGINAL]
    assert drop(pane.viewport(), list(pair), QPointF(30, 30))  # the pane passes it up
    qtbot.waitUntil(lambda: controller.comparison is not None)
    assert controller.comparison.original.name == "old.txt"


def test_drop_without_files_is_refused(app_window, drop) -> None:
    window, _controller = app_window
    assert not drop(window, [])


def test_many_files_open_the_copies_table(qtbot, app_window, pair, tmp_path, drop) -> None:
    """Three or more files: the oldest is the original, the others its suspects."""
    window, controller = app_window
    controller.copies.jobs = 1
    third = tmp_path / "third.md"
    third.write_text("# A third article\n\nWith one paragraph of text.", encoding="utf-8")
    drop(window, [*pair, third])
    qtbot.waitUntil(lambda: window.copies_view.model.rowCount() == 2)
    assert window.pages.currentWidget() is window.copies_view
    assert window.copies_view.title.text() == f"Copies of {pair[1].name}"  # old.txt, the oldest
    assert controller.comparison is None
