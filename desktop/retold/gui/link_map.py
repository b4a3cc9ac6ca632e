"""The strip between the panes: a band from each original group to its rewrite group.

Only links with a sentence in view on either side are drawn, at their current heights, so a
repaint costs a few dozen look-ups whatever the document's size. Moved links cross other bands
and get a dashed outline; added and removed groups get a wedge on their own side.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from retold.engine.model import LinkKind
from retold.engine.navigate import Navigation, Side, link_spans
from retold.gui.pane import Pane
from retold.gui.styles import Styles


@dataclass(frozen=True, slots=True)
class Connector:
    """One band in this widget's coordinates; a missing side is None."""

    link: int
    kind: LinkKind
    moved: bool
    left: tuple[int, int] | None  # top, bottom at the left edge
    right: tuple[int, int] | None


class LinkMap(QWidget):
    def __init__(self, left: Pane, right: Pane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left, self.right = left, right
        self.navigation: Navigation | None = None
        self.styles = Styles(self.palette())
        self.selected = -1
        self.setMinimumWidth(48)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        for pane in (left, right):
            pane.verticalScrollBar().valueChanged.connect(self.update)

    def sizeHint(self):  # type: ignore[no-untyped-def]
        hint = super().sizeHint()
        hint.setWidth(64)
        return hint

    def set_navigation(self, navigation: Navigation | None, styles: Styles) -> None:
        self.navigation, self.styles = navigation, styles
        self.update()

    def _visible_links(self, pane: Pane, side: Side) -> set[int]:
        assert self.navigation is not None
        index = self.navigation.side(side)
        first = index.sentence_before(pane.offset_at_y(0))
        last = index.sentence_before(pane.offset_at_y(pane.viewport().height()))
        return {index.links[i] for i in range(max(first, 0), last + 1) if index.links[i] >= 0}

    def _extent(self, pane: Pane, link: int, side: Side) -> tuple[int, int] | None:
        assert self.navigation is not None
        extent = pane.spans_extent(link_spans(self.navigation.links[link], side))
        if extent is None:
            return None
        shift = self.mapFromGlobal(pane.viewport().mapToGlobal(QPoint(0, 0))).y()
        return extent[0] + shift, extent[1] + shift

    def connectors(self) -> list[Connector]:
        """The bands to draw now, in link order (exposed for tests)."""
        if self.navigation is None:
            return []
        links = self._visible_links(self.left, Side.ORIGINAL)
        links |= self._visible_links(self.right, Side.REWRITE)
        out = []
        for number in sorted(links):
            link = self.navigation.links[number]
            out.append(
                Connector(
                    number,
                    link.kind,
                    link.moved,
                    self._extent(self.left, number, Side.ORIGINAL),
                    self._extent(self.right, number, Side.REWRITE),
                )
            )
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for connector in self.connectors():
            self._paint(painter, connector)
        painter.end()

    def _paint(self, painter: QPainter, c: Connector) -> None:
        w = float(self.width())
        path = QPainterPath()
        if c.left and c.right:
            (lt, lb), (rt, rb) = c.left, c.right
            path.moveTo(0, lt)
            path.cubicTo(QPointF(w / 2, lt), QPointF(w / 2, rt), QPointF(w, rt))
            path.lineTo(w, rb)
            path.cubicTo(QPointF(w / 2, rb), QPointF(w / 2, lb), QPointF(0, lb))
            path.closeSubpath()
        elif c.left or c.right:
            top, bottom = c.left or c.right or (0, 0)
            edge, tip = (0.0, w * 0.3) if c.left else (w, w * 0.7)
            path.moveTo(edge, top)
            path.lineTo(tip, (top + bottom) / 2)
            path.lineTo(edge, bottom)
            path.closeSubpath()
        else:
            return
        painter.fillPath(path, self.styles.band(c.kind))
        if c.moved or c.link == self.selected:
            colour = self.styles.line(None if c.moved else c.kind)
            style = Qt.PenStyle.DashLine if c.moved else Qt.PenStyle.SolidLine
            painter.setPen(QPen(colour, 2 if c.link == self.selected else 1.2, style))
            painter.drawPath(path)
