"""The list of sources on the left: shows the model, accepts dropped files, offers a menu."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QListView, QMenu, QVBoxLayout, QWidget

from retold.gui.source_model import ORIGINAL, REWRITE, SourceListModel


def local_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    """The local files of a drop, in drop order; anything else (web links, text) is ignored."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class SourceListView(QListView):
    """Files dropped here are added to the list; the work is deferred out of the handler."""

    filesDropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setUniformItemSizes(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        QTimer.singleShot(0, lambda: self.filesDropped.emit(paths))


class SourcesPanel(QWidget):
    """Sources list plus its context menu; requests go out as signals to the controller."""

    filesDropped = Signal(list)
    roleRequested = Signal(int, str)  # row, "original" / "rewrite"
    swapRequested = Signal()
    removeRequested = Signal(int)

    def __init__(self, model: SourceListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = SourceListView(self)
        self.view.setModel(model)
        self.view.setAccessibleName("Sources")
        hint = QLabel("Drop files here to add them.", self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid); font-size: small;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        self.view.filesDropped.connect(self.filesDropped)
        self.view.customContextMenuRequested.connect(self._context_menu)

    def build_menu(self, row: int) -> QMenu:
        menu = QMenu(self)
        menu.addAction("Compare as original", lambda: self.roleRequested.emit(row, ORIGINAL))
        menu.addAction("Compare as rewrite", lambda: self.roleRequested.emit(row, REWRITE))
        menu.addAction("Swap original and rewrite", self.swapRequested.emit)
        menu.addSeparator()
        menu.addAction("Remove from list", lambda: self.removeRequested.emit(row))
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.build_menu(index.row()).popup(self.view.viewport().mapToGlobal(pos))
