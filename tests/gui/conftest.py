"""Shared GUI fixtures: a real comparison of the sample pair, an inline worker, the window."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from retold.engine.model import Comparison
from retold.gui.settings import Settings, SettingsStore
from retold.gui.worker import Worker
from retold.resources import sample_paths


@pytest.fixture(autouse=True)
def _app(qapp: QApplication) -> QApplication:
    """Every GUI test gets the QApplication: models paint icons, widgets need fonts."""
    return qapp


@pytest.fixture(scope="session")
def sample_pair() -> tuple[Path, Path]:
    return sample_paths()


@pytest.fixture(scope="session")
def comparison(sample_pair: tuple[Path, Path]) -> Comparison:
    """The sample pair compared by the real engine (computed once per session)."""
    from retold.api import compare_files

    return compare_files(*sample_pair)


@pytest.fixture
def inline_worker(qapp: QApplication) -> Iterator[Worker]:
    """A worker that runs every task synchronously inside ``submit``."""
    worker = Worker(inline=True)
    yield worker
    worker.deleteLater()


@pytest.fixture
def settings_store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(tmp_path / "config")


@pytest.fixture
def app_window(qtbot, inline_worker: Worker, settings_store: SettingsStore):
    """The main window and its controller, with an inline worker and private settings."""
    from retold.gui.controller import Controller
    from retold.gui.main_window import MainWindow
    from retold.gui.source_model import SourceListModel

    model = SourceListModel()
    window = MainWindow(model)
    qtbot.addWidget(window)
    controller = Controller(
        window, model, inline_worker, Settings(), settings_store, save_delay_ms=50
    )
    window.show()
    return window, controller


@pytest.fixture
def compared(app_window, sample_pair: tuple[Path, Path]):
    """The window showing the sample pair, compared."""
    window, controller = app_window
    controller.open_paths(*sample_pair)
    assert controller.comparison is not None
    return window, controller


@pytest.fixture
def threaded_window(qtbot, settings_store: SettingsStore):
    """The window with a real background worker, for tests about work off the GUI thread."""
    from retold.gui.controller import Controller
    from retold.gui.main_window import MainWindow
    from retold.gui.source_model import SourceListModel

    model = SourceListModel()
    window = MainWindow(model)
    qtbot.addWidget(window)
    controller = Controller(window, model, Worker(window), Settings(), settings_store)
    window.show()
    return window, controller


@pytest.fixture
def articles(tmp_path: Path, sample_pair: tuple[Path, Path]) -> tuple[Path, Path, Path]:
    """Copies of the sample pair and a third article; the rewrite copy is the oldest file."""
    original, rewrite, third = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.md"
    original.write_text(sample_pair[0].read_text(encoding="utf-8"), encoding="utf-8")
    rewrite.write_text(sample_pair[1].read_text(encoding="utf-8"), encoding="utf-8")
    third.write_text("# A third article\n\nWith one paragraph of text.", encoding="utf-8")
    os.utime(rewrite, (1_600_000_000, 1_600_000_000))
    return original, rewrite, third


@pytest.fixture
def drop() -> Callable[..., bool]:
    """``drop(widget, [paths], pos=None)``: a real file drop, as a fixture for every test module."""
    return drop_files


def drop_files(target: QWidget, paths: list[Path], pos: QPointF | None = None) -> bool:
    """Drag file URLs onto ``target`` with real events; True when the drop was accepted.

    Qt delivers a Drop only to the widget that accepted the DragEnter, so both are sent.
    """
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = pos if pos is not None else QPointF(target.width() / 2, target.height() / 2)
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(point.toPoint(), *args)  # QDragEnterEvent takes a QPoint
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(point, *args)
    QApplication.sendEvent(target, event)
    return event.isAccepted()
