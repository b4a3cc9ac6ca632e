"""The window's layout: sources on the left, the comparison in the centre, status below.

Only layout and styling live here; ``controller.py`` decides what happens.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from retold.gui.actions import Actions
from retold.gui.banner import Banner
from retold.gui.compare_view import CompareView
from retold.gui.copies_view import CopiesView
from retold.gui.drops import FileDropFilter
from retold.gui.find_bar import FindBar
from retold.gui.settings import WindowState
from retold.gui.source_model import SourceListModel
from retold.gui.sources_panel import SourcesPanel
from retold.gui.summary_panel import SummaryPanel

SIDE_PANEL_WIDTH = 250  # pixels at the start: the text panes get the rest


class StatusArea(QWidget):
    """The permanent part of the status bar: progress of background work and its Cancel."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setFixedWidth(160)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancelRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel_button)
        # As tall idle as busy: the status bar does not grow when they come, so the window above
        # it is not laid out and painted again at each comparison's start and end.
        self.setMinimumHeight(self.sizeHint().height())
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)  # indeterminate until the first progress report

    def set_progress(self, fraction: float) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(round(fraction * 100))


class MainWindow(QMainWindow):
    """Files dropped anywhere outside the panes and the list arrive as ``filesDropped``."""

    filesDropped = Signal(list)
    closing = Signal()

    def __init__(self, model: SourceListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Retold")
        self.may_close: Callable[[], bool] = lambda: True  # the controller's say on closing
        self.setAcceptDrops(True)  # drops outside the panes and the list land here
        self._drops = FileDropFilter(self)
        self._drops.filesDropped.connect(self.filesDropped)
        self.installEventFilter(self._drops)
        self.resize(1200, 760)
        self.commands = Actions(self)
        self.commands.build_menus(self)
        self.toolbar = self.commands.build_toolbar(self)
        self.banner = Banner(self)
        # Warnings about the comparison shown (a preview original…): apart from the messages
        # above, so an error is never hidden by them, nor they by an error.
        self.caveats = Banner(self)
        self.caveats.setAccessibleName("About this comparison")
        self.compare_view = CompareView(self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.banner)
        self.pages = QStackedWidget(central)  # the pair side by side, or the Copies table
        layout.addWidget(self.pages, 1)
        self.compare_page = QWidget(self.pages)
        page = QVBoxLayout(self.compare_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.caveats)
        page.addWidget(self.compare_view, 1)
        self.find_bar = FindBar(self.compare_page)
        page.addWidget(self.find_bar)
        self.copies_view = CopiesView(self.pages)
        self.pages.addWidget(self.compare_page)
        self.pages.addWidget(self.copies_view)
        self.setCentralWidget(central)
        self._build_side_panel(model)
        self.evidence = QLabel(self)  # which evidence the comparison shown used
        self.evidence.setObjectName("evidenceLabel")
        self.evidence.setTextFormat(Qt.TextFormat.PlainText)
        self.status = StatusArea(self)
        self.statusBar().addPermanentWidget(self.evidence)
        self.statusBar().addPermanentWidget(self.status)

    def _build_side_panel(self, model: SourceListModel) -> None:
        self.sources_panel = SourcesPanel(model, self)
        self.summary = SummaryPanel(self)
        self.side_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.side_splitter.setObjectName("sideSplitter")
        self.side_splitter.addWidget(self.sources_panel)
        self.side_splitter.addWidget(self.summary)
        self.side_splitter.setStretchFactor(0, 1)
        self.side_splitter.setStretchFactor(1, 2)
        dock = QDockWidget("Sources", self)
        dock.setObjectName("sourcesDock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        dock.setWidget(self.side_splitter)
        dock.setMinimumWidth(200)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        # The panes get most of the width; a saved window state may widen the dock again.
        self.resizeDocks([dock], [SIDE_PANEL_WIDTH], Qt.Orientation.Horizontal)
        self.sources_dock = dock

    # --- window state ---------------------------------------------------------------------------
    def window_state(self) -> WindowState:
        hidden = self.sources_dock.isHidden()
        self.sources_dock.setVisible(True)  # hidden only for the Copies table: not to be kept
        geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        state = bytes(self.saveState().toBase64().data()).decode("ascii")
        self.sources_dock.setHidden(hidden)
        return WindowState(geometry, state, tuple(self.side_splitter.sizes()))

    def restore_window_state(self, saved: WindowState) -> None:
        if saved.geometry:
            self.restoreGeometry(QByteArray.fromBase64(saved.geometry.encode("ascii")))
        if saved.state:
            self.restoreState(QByteArray.fromBase64(saved.state.encode("ascii")))
        if saved.splitter:
            self.side_splitter.setSizes(list(saved.splitter))

    def show_page(self, page: QWidget) -> None:
        """The comparison (``compare_page``) or the Copies table (``copies_view``)."""
        self.pages.setCurrentWidget(page)
        copies = page is self.copies_view
        self.sources_dock.setVisible(not copies)  # the table's columns need the width
        if copies:
            self.copies_view.table.setFocus()

    def set_title(self, original: str | None, rewrite: str | None) -> None:
        if original and rewrite:
            self.setWindowTitle(f"{original} ↔ {rewrite} — Retold")
        else:
            self.setWindowTitle("Retold")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.banner.restyle()  # light or dark colours
            self.caveats.restyle()
            self.commands.update_icons(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_close():
            event.ignore()
            return
        self.closing.emit()
        super().closeEvent(event)
