"""The list of sources on the left: shows the model, accepts dropped files, offers a menu."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QLabel, QListView, QMenu, QVBoxLayout, QWidget

from retold.gui.drops import FileDropFilter
from retold.gui.source_model import ORIGINAL, REWRITE, SourceListModel


class SourcesPanel(QWidget):
    """Sources list plus its context menu; requests go out as signals to the controller."""

    filesDropped = Signal(list)
    roleRequested = Signal(int, str)  # row, "original" / "rewrite"
    swapRequested = Signal()
    removeRequested = Signal(int)

    def __init__(self, model: SourceListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QListView(self)
        self.view.setModel(model)
        self.view.setUniformItemSizes(True)
        # Long names keep both ends ("2024-12-11_tre…_rewrite.txt"); the tooltip has the path.
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setWordWrap(False)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setAcceptDrops(True)  # files dropped here are added to the list
        self._drops = FileDropFilter(self)
        self.view.viewport().installEventFilter(self._drops)
        self.view.setAccessibleName("Sources")
        hint = QLabel("Drop files here to add them.", self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid); font-size: small;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        self._drops.filesDropped.connect(self.filesDropped)
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
