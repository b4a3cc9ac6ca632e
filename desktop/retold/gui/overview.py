"""A thin strip beside a pane's scroll bar: a tick per change, where it sits in the document."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget


@dataclass(frozen=True, slots=True)
class Tick:
    link: int
    start: float  # fraction of the document
    end: float
    colour: QColor


class Overview(QWidget):
    linkClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticks: list[Tick] = []
        self._strip: QPixmap | None = None  # the ticks drawn, at the widget's size
        self.view = (0.0, 1.0)  # visible fraction of the document
        self.setFixedWidth(12)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Where the changes are; click one to go to it")

    def set_ticks(self, ticks: list[Tick]) -> None:
        self.ticks = ticks
        self._strip = None
        self.update()

    def set_view(self, top: float, bottom: float) -> None:
        self.view = (top, bottom)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        # Scrolling repaints the strip at every step: the ticks (thousands in a book) are drawn
        # once into a pixmap, and only the shade of the visible part is drawn over it each time.
        ratio = self.devicePixelRatioF()
        if self._strip is None or self._strip.size() != self.size() * ratio:
            self._strip = self._draw_ticks(ratio)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._strip)
        h, w = float(self.height()), float(self.width())
        shade = QColor(self.palette().color(QPalette.ColorRole.Text))
        shade.setAlpha(40)
        top, bottom = self.view
        painter.fillRect(QRectF(0, top * h, w, max((bottom - top) * h, 2)), shade)
        painter.end()

    def _draw_ticks(self, ratio: float) -> QPixmap:
        strip = QPixmap(self.size() * ratio)  # sharp on a high-density screen
        strip.setDevicePixelRatio(ratio)
        strip.fill(self.palette().color(QPalette.ColorRole.AlternateBase))
        painter = QPainter(strip)
        w = float(self.width())
        for top, bottom, colour in self.bars():
            painter.fillRect(QRectF(2, top, w - 4, bottom - top), colour)
        painter.end()
        return strip

    def bars(self) -> list[tuple[float, float, QColor]]:
        """The ticks as drawn at this height (top, bottom, colour), in paint order; a tick that
        overlaps the one before it, in its colour, is drawn with it as one bar (a book's
        thousands of ticks fall on a few hundred pixels): the same pixels, fewer fills."""
        h = float(self.height())
        bars: list[tuple[float, float, QColor]] = []
        for tick in self.ticks:
            top = tick.start * h
            bottom = top + max((tick.end - tick.start) * h, 2.0)
            if bars:
                last_top, last_bottom, last_colour = bars[-1]
                if top <= last_bottom and bottom >= last_top and tick.colour == last_colour:
                    bars[-1] = (min(top, last_top), max(bottom, last_bottom), last_colour)
                    continue
            bars.append((top, bottom, tick.colour))
        return bars

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._strip = None  # the background colour changed

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.ticks or self.height() <= 0:
            return
        at = event.position().y() / self.height()
        nearest = min(self.ticks, key=lambda t: abs((t.start + t.end) / 2 - at))
        self.linkClicked.emit(nearest.link)
