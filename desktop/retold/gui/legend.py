"""A key to the panes: each link kind drawn with the very formats the panes use."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QPainter, QPaintEvent, QTextLayout
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from retold.engine.model import LinkKind
from retold.gui.display_text import StyleKey
from retold.gui.styles import KIND_HELP, KIND_LABELS, Styles

# (text, key, help): the samples shown, left to right
SAMPLES = [
    *((KIND_LABELS[k], StyleKey(k), KIND_HELP[k]) for k in LinkKind if k is not LinkKind.IDENTICAL),
    ("moved", StyleKey(LinkKind.EDITED, moved=True), "moved: dotted underline, dashed band"),
    ("new words", StyleKey(LinkKind.EDITED, change="insert"), "words inserted in the rewrite"),
    ("old words", StyleKey(LinkKind.EDITED, change="delete"), "words deleted from the original"),
    ("boilerplate", StyleKey(boilerplate=True), "page furniture: dimmed, left out of the figures"),
]


class Swatch(QWidget):
    """One sample word, laid out with a QTextLayout in the pane's format."""

    def __init__(self, text: str, key: StyleKey, help_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.text, self.key = text, key
        self.setToolTip(help_text)
        self.setAccessibleName(f"{text}: {help_text}")

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text) * 11 // 10 + 14, metrics.height() + 6)

    def styles(self) -> Styles:
        return Styles(self.palette())

    def paintEvent(self, event: QPaintEvent) -> None:
        fmt = self.styles().format(self.key)
        layout = QTextLayout(self.text, self.font())
        selection = QTextLayout.FormatRange()
        selection.start, selection.length, selection.format = 0, len(self.text), fmt
        layout.setFormats([selection])
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(float(self.width()))
        layout.endLayout()
        painter = QPainter(self)
        layout.draw(painter, QPointF(6, 3))
        painter.end()


class Legend(QWidget):
    """Each sample beside what it means, one per row (fits a narrow side panel)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setVerticalSpacing(2)
        self.swatches = [Swatch(*sample) for sample in SAMPLES]
        for row, swatch in enumerate(self.swatches):
            meaning = QLabel(swatch.toolTip())
            meaning.setWordWrap(True)
            grid.addWidget(swatch, row, 0)
            grid.addWidget(meaning, row, 1)
        grid.setColumnStretch(1, 1)
