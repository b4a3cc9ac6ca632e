"""The Copies view: an original's suspects in a sortable table, and what to do with them.

Layout and styling only; ``copies.py`` decides what happens. A row is opened side by side with
Enter or a double-click (``pairRequested``); the Export button asks for the triage report.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from retold.batch.records import Assessment
from retold.gui.copies_model import (
    REUSED_COLUMN,
    ROW_ROLE,
    SHARE_ROLE,
    CopiesModel,
    CopiesSortModel,
)
from retold.gui.styles import blend

BAR_WIDTH = 70  # pixels of the reused-share bar; the percentage is written beside it


class ShareDelegate(QStyledItemDelegate):
    """The reused column: a bar as long as the share, then the share in figures."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        share = index.data(SHARE_ROLE)
        if share is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget is not None else None
        if style is not None:  # selection and focus background, without the text
            text, option.text = option.text, ""
            style.drawControl(style.ControlElement.CE_ItemViewItem, option, painter, option.widget)
            option.text = text
        rect = option.rect.adjusted(6, 0, -6, 0)
        palette = option.palette
        bar = QRectF(rect.left(), rect.center().y() - 5, BAR_WIDTH, 10)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        base = palette.color(QPalette.ColorRole.Base)
        fill = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight
        )  # on a selected row the bar is drawn in the selection's text colour, not lost in it
        empty = (
            palette.color(QPalette.ColorRole.Highlight).darker(140)
            if selected
            else blend(base, QColor(128, 128, 128), 0.2)
        )
        painter.fillRect(bar, empty)
        width = BAR_WIDTH * max(0.0, min(1.0, share))
        painter.fillRect(QRectF(bar.left(), bar.top(), width, bar.height()), fill)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawRect(bar)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(palette.color(role))
        text_rect = rect.adjusted(BAR_WIDTH + 6, 0, 0, 0)
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter), index.data())
        painter.restore()


class CopiesTable(QTableView):
    """Enter on a row opens it, as a double-click does."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class CopiesView(QWidget):
    pairRequested = Signal(object)  # the Assessment of the row to open side by side
    exportRequested = Signal()
    cancelRequested = Signal()
    compareAnotherRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CopiesModel(self)
        self.sorted = CopiesSortModel(self.model, self)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.open_button = QPushButton("Open side by side", self)
        self.open_button.setToolTip("Compare the selected suspect with the original (Enter)")
        self.open_button.clicked.connect(self._open_current)
        self.export_button = QPushButton("Export report…", self)
        self.export_button.setToolTip("Save this table as a web page, CSV or JSON")
        self.export_button.clicked.connect(self.exportRequested)
        self.another_button = QPushButton("Compare with many…", self)
        self.another_button.clicked.connect(self.compareAnotherRequested)
        self.table = self._build_table()
        self._lay_out()
        self.set_running(False)

    def _build_table(self) -> CopiesTable:
        table = CopiesTable(self)
        table.setModel(self.sorted)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # rank order until a header is clicked
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(True)
        table.verticalHeader().hide()
        table.verticalHeader().setMinimumSectionSize(28)  # rows fitted to their text stay airy
        table.setItemDelegateForColumn(REUSED_COLUMN, ShareDelegate(table))
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(0, 220)
        table.setColumnWidth(REUSED_COLUMN, BAR_WIDTH + 60)
        table.activated.connect(self._open_index)  # double-click, and Enter (CopiesTable)
        table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        return table

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.another_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.summary)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)

    # --- what the controller sets ---------------------------------------------------------------
    def set_running(self, running: bool, text: str = "") -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        if running:
            self.progress.setRange(0, 0)  # until the first suspect is done
            self.summary.setText(text)
        self._update_buttons()

    def set_progress(self, fraction: float) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(round(fraction * 100))

    def set_rows(self, title: str, summary: str, rows: tuple[Assessment, ...]) -> None:
        self.title.setText(title)
        self.summary.setText(summary)
        self.model.set_rows(rows)
        self._fit_columns()
        if rows:
            self.table.selectRow(0)
            self.table.setCurrentIndex(self.sorted.index(0, 0))
        self._update_buttons()

    def add_rows(self, rows: tuple[Assessment, ...]) -> None:
        """Rows of a triage still running, shown as they come."""
        first = self.model.rowCount() == 0
        self.model.append_rows(rows)
        if first:
            self._fit_columns()
        self._update_buttons()

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()  # figures are short: the error column gets the rest
        self.table.setColumnWidth(0, min(max(self.table.columnWidth(0), 160), 260))
        self.table.setColumnWidth(REUSED_COLUMN, BAR_WIDTH + 60)
        self.table.resizeRowsToContents()  # an error row grows to show its reason whole

    def current_row(self) -> Assessment | None:
        index = self.table.currentIndex()
        row = index.data(ROW_ROLE) if index.isValid() else None
        return row if isinstance(row, Assessment) else None

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.open_button.setEnabled(row is not None and row.error is None)
        self.export_button.setEnabled(self.model.rowCount() > 0 and not self.progress.isVisible())

    def _open_current(self) -> None:
        self._open_index(self.table.currentIndex())

    def _open_index(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE) if index.isValid() else None
        if isinstance(row, Assessment) and row.error is None:
            self.pairRequested.emit(row)
