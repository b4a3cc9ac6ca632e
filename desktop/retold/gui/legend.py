"""A key to the panes: each link kind drawn with the very formats the panes use; in the reading
guide also the frame of a hovered word and a Find match, drawn as the panes draw them."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent, QPen, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from retold.engine.model import LinkKind
from retold.gui.display_text import StyleKey
from retold.gui.pane import FRAME_WIDTH, frame_rect
from retold.gui.styles import KIND_HELP, KIND_LABELS, Styles

# (text, key, help): the samples shown, left to right
SAMPLES = [
    *((KIND_LABELS[k], StyleKey(k), KIND_HELP[k]) for k in LinkKind if k is not LinkKind.IDENTICAL),
    ("moved", StyleKey(LinkKind.EDITED, moved=True), "moved: dotted underline, dashed band"),
    ("new words", StyleKey(LinkKind.EDITED, change="insert"), "words inserted in the rewrite"),
    ("old words", StyleKey(LinkKind.EDITED, change="delete"), "words deleted from the original"),
    ("boilerplate", StyleKey(boilerplate=True), "page furniture: dimmed, left out of the figures"),
]

# The marks the panes draw over those looks: the hovered word's frame and Find's grey.
HOVERED = ("word", StyleKey(LinkKind.REWORDED), "hovered word: framed, as is its counterpart")
FOUND = ("match", StyleKey(), "Find: a match; the current one reversed")


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

    def text_format(self) -> QTextCharFormat:
        return self.styles().format(self.key)

    def paintEvent(self, event: QPaintEvent) -> None:
        layout = QTextLayout(self.text, self.font())
        selection = QTextLayout.FormatRange()
        selection.start, selection.length, selection.format = 0, len(self.text), self.text_format()
        layout.setFormats([selection])
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(float(self.width()))
        layout.endLayout()
        painter = QPainter(self)
        layout.draw(painter, QPointF(6, 3))
        self.draw_over(painter, QRectF(6, 3, line.naturalTextWidth(), line.height()))
        painter.end()

    def draw_over(self, painter: QPainter, text: QRectF) -> None:
        """What the pane draws over the text: nothing but for a hovered word."""


class FrameSwatch(Swatch):
    """A hovered word: framed in its link's colour, as the pane frames it."""

    def draw_over(self, painter: QPainter, text: QRectF) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.styles().line(self.key.kind), FRAME_WIDTH))
        painter.drawRoundedRect(frame_rect(text), 3, 3)


class MatchSwatch(Swatch):
    """A match of Find, in the pane's colours for it."""

    def text_format(self) -> QTextCharFormat:
        fmt = QTextCharFormat(super().text_format())
        background, foreground = self.styles().match()
        fmt.setBackground(background)
        if foreground is not None:
            fmt.setForeground(foreground)
        return fmt


class FactSwatch(Swatch):
    """A changed fact: the mark the panes merge over its words."""

    def text_format(self) -> QTextCharFormat:
        fmt = QTextCharFormat(super().text_format())
        fmt.merge(self.styles().fact_mark())
        return fmt


FACT = ("2017", StyleKey(LinkKind.REWORDED), "a fact changed (number, date, name, quotation…)")


class Legend(QWidget):
    """Each sample beside what it means, one per row (fits a narrow side panel).

    ``marks`` adds the hovered word's frame and a Find match: the reading guide shows them; in
    the side panel they would squeeze the rows of a window under ~760 pixels high.
    """

    def __init__(self, parent: QWidget | None = None, marks: bool = False) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setVerticalSpacing(2)
        self.swatches = [Swatch(*sample) for sample in SAMPLES] + [FactSwatch(*FACT)]
        if marks:
            self.swatches += [FrameSwatch(*HOVERED), MatchSwatch(*FOUND)]
        for row, swatch in enumerate(self.swatches):
            meaning = QLabel(swatch.toolTip())
            meaning.setWordWrap(True)
            grid.addWidget(swatch, row, 0)
            grid.addWidget(meaning, row, 1)
        grid.setColumnStretch(1, 1)
