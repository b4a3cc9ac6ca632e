"""The strip between the panes: a band from each original group to its rewrite group.

Only links with a sentence in view on either side are drawn, at their current heights, so a
repaint costs a few dozen look-ups whatever the document's size. Moved links cross other bands
and get a dashed outline; added and removed groups get a wedge on their own side. A link set by
hand (or a sentence unlinked by hand) carries a dot in the middle of its band.

Several sentences often share a line. Each line's height is split evenly among the sentences on
it, in reading order, and a band runs from its first sentence's slice to its last one's, so every
link keeps a band of its own. Sentences folded into one fold line count as one.

A band's ends are measured in the pane's document (not its viewport) and kept until the text is
laid out anew: scrolling only moves them, so a repaint while scrolling measures nothing.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTextDocument,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from retold.engine.model import LinkKind, Origin, Side
from retold.engine.navigate import Navigation, SideIndex, link_sentences
from retold.gui.display_text import DisplayText
from retold.gui.pane import LineBox, Pane
from retold.gui.styles import Styles, link_tooltip

GAP = 0.5  # pixels left free at each end of a band
THIN = 5.0  # pixels: a band end thinner than this gets a stronger colour
HAND_MARK = 3.5  # radius of the dot on a link set by hand


@dataclass(frozen=True, slots=True)
class Connector:
    """One band in this widget's coordinates; a missing side is None."""

    link: int
    kind: LinkKind
    moved: bool
    left: tuple[float, float] | None  # top, bottom at the left edge
    right: tuple[float, float] | None
    manual: bool = False  # set by hand: a dot in the band's middle marks it


# A side's layout (its document, display text, document size and viewport width) and the band
# ends measured on it: the top or bottom (True) of a sentence's slice, from the document's top.
_Ends = tuple[QTextDocument, DisplayText, tuple[float, float, int], dict[tuple[int, bool], float]]


class LinkMap(QWidget):
    linkClicked = Signal(int)

    def __init__(self, left: Pane, right: Pane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left, self.right = left, right
        self.navigation: Navigation | None = None
        self.styles = Styles(self.palette())
        self.selected = -1
        self._ends: dict[Side, _Ends] = {}
        self.setMinimumWidth(48)
        self.setMouseTracking(True)  # the pointing hand over a band
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        for pane in (left, right):
            pane.verticalScrollBar().valueChanged.connect(self.update)

    def sizeHint(self):  # type: ignore[no-untyped-def]
        hint = super().sizeHint()
        hint.setWidth(64)
        return hint

    def set_navigation(self, navigation: Navigation | None, styles: Styles) -> None:
        self.navigation, self.styles = navigation, styles
        self._ends.clear()
        self.update()

    def _visible_links(self, pane: Pane, side: Side) -> set[int]:
        assert self.navigation is not None
        index = self.navigation.side(side)
        first = index.sentence_before(pane.offset_at_y(0))
        last = index.sentence_before(pane.offset_at_y(pane.viewport().height()))
        return {index.links[i] for i in range(max(first, 0), last + 1) if index.links[i] >= 0}

    def _shift(self, pane: Pane) -> float:
        """What turns a height from ``pane``'s document top into one in this widget."""
        shift = self.mapFromGlobal(pane.viewport().mapToGlobal(QPoint(0, 0))).y()
        return shift - pane.verticalScrollBar().value()

    def _extent_by(
        self, pane: Pane, link: int, side: Side, shift: float
    ) -> tuple[float, float] | None:
        """Top and bottom of ``link``'s band on ``side``, in this widget's coordinates."""
        assert self.navigation is not None
        sentences = link_sentences(self.navigation.links[link], side)
        if not sentences:
            return None
        ends = self._side_ends(pane, side)
        top = self._end(pane, side, ends, min(sentences), bottom=False)
        bottom = self._end(pane, side, ends, max(sentences), bottom=True)
        return top + shift, bottom + shift

    def _side_ends(self, pane: Pane, side: Side) -> dict[tuple[int, bool], float]:
        """The ends measured on ``side``'s layout as it is now (none yet after a change: a new
        text or folds, another width or font, more of the text laid out)."""
        document = pane.document()
        size = document.documentLayout().documentSize()
        shapes = (size.width(), size.height(), pane.viewport().width())
        kept = self._ends.get(side)
        if (
            kept is None
            or kept[0] is not document
            or kept[1] is not pane.display
            or kept[2] != shapes
        ):
            kept = self._ends[side] = (document, pane.display, shapes, {})
        return kept[3]

    def _end(
        self,
        pane: Pane,
        side: Side,
        ends: dict[tuple[int, bool], float],
        sentence: int,
        bottom: bool,
    ) -> float:
        """The top (or bottom) of ``sentence``'s slice, from the document's top."""
        key = (sentence, bottom)
        if key not in ends:
            assert self.navigation is not None
            edge = _slice_edge(pane, self.navigation.side(side), sentence, bottom)
            ends[key] = edge + pane.verticalScrollBar().value()
        return ends[key]

    def connectors(self) -> list[Connector]:
        """The bands to draw now, in link order."""
        if self.navigation is None:
            return []
        links = self._visible_links(self.left, Side.ORIGINAL)
        links |= self._visible_links(self.right, Side.REWRITE)
        out, drawn = [], set()
        shifts = self._shift(self.left), self._shift(self.right)
        for number in sorted(links):
            link = self.navigation.links[number]
            left = self._extent_by(self.left, number, Side.ORIGINAL, shifts[0])
            right = self._extent_by(self.right, number, Side.REWRITE, shifts[1])
            if not (self._in_view(left) or self._in_view(right)):
                continue  # on a line in view, but its slice of the line is not
            if (left, right) not in drawn:  # the links folded into one line share one band
                drawn.add((left, right))
                manual = link.origin is Origin.MANUAL
                out.append(Connector(number, link.kind, link.moved, left, right, manual))
        return out

    def _in_view(self, extent: tuple[float, float] | None) -> bool:
        return extent is not None and extent[1] >= 0 and extent[0] <= self.height()

    def link_at(self, point: QPointF) -> int:
        """The link whose band is drawn at ``point`` (the topmost), or -1."""
        for connector in reversed(self.connectors()):
            path = self._path(connector)
            if path is not None and path.contains(point):
                return connector.link
        return -1

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for connector in self.connectors():
            self._paint(painter, connector)
        painter.end()

    def _path(self, c: Connector) -> QPainterPath | None:
        w = float(self.width())
        path = QPainterPath()
        if c.left and c.right:
            (lt, lb), (rt, rb) = _inset(c.left), _inset(c.right)
            path.moveTo(0, lt)
            path.cubicTo(QPointF(w / 2, lt), QPointF(w / 2, rt), QPointF(w, rt))
            path.lineTo(w, rb)
            path.cubicTo(QPointF(w / 2, rb), QPointF(w / 2, lb), QPointF(0, lb))
        elif c.left or c.right:
            top, bottom = _inset(c.left or c.right or (0, 0))
            edge, tip = (0.0, w * 0.3) if c.left else (w, w * 0.7)
            path.moveTo(edge, top)
            path.lineTo(tip, (top + bottom) / 2)
            path.lineTo(edge, bottom)
        else:
            return None
        path.closeSubpath()
        return path

    def _paint(self, painter: QPainter, c: Connector) -> None:
        path = self._path(c)
        if path is None:
            return
        painter.fillPath(path, self._fill(c))
        if c.moved or c.link == self.selected:
            colour = self.styles.line(None if c.moved else c.kind)
            style = Qt.PenStyle.DashLine if c.moved else Qt.PenStyle.SolidLine
            painter.setPen(QPen(colour, 2 if c.link == self.selected else 1.2, style))
            painter.drawPath(path)
        if c.manual:
            self._paint_hand_mark(painter, c)

    def _paint_hand_mark(self, painter: QPainter, c: Connector) -> None:
        """A dot, ringed in the base colour, where the band is widest: set by hand."""
        ends = [end for end in (c.left, c.right) if end is not None]
        y = sum((top + bottom) / 2 for top, bottom in ends) / len(ends)
        x = self.width() * (0.5 if c.left and c.right else 0.15 if c.left else 0.85)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Base), 1.5))
        painter.setBrush(self.styles.line(c.kind))
        painter.drawEllipse(QPointF(x, y), HAND_MARK, HAND_MARK)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _fill(self, c: Connector) -> QColor:
        """The band's colour; a thin one (a short sentence sharing its line) gets a deeper
        shade of it, as a pale sliver would vanish."""
        colour = self.styles.band(c.kind)
        heights = [end[1] - end[0] for end in (c.left, c.right) if end is not None]
        if min(heights, default=THIN) >= THIN:
            return colour
        colour.setAlpha(255)
        return colour.lighter(130) if self.styles.dark else colour.darker(125)

    # Pointing at a band ------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            link = self.link_at(event.position())
            if link >= 0:
                self.linkClicked.emit(link)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = self.link_at(event.position()) >= 0
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            link = self.link_at(QPointF(event.pos()))
            if link >= 0 and self.navigation is not None:
                found = self.navigation.links[link]
                text = link_tooltip(found)
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


def _inset(extent: tuple[float, float]) -> tuple[float, float]:
    """Leave a sliver free at both ends, so neighbouring bands of one colour stay apart."""
    top, bottom = extent
    gap = min(GAP, (bottom - top) / 4)
    return top + gap, bottom - gap


def _slice_edge(pane: Pane, index: SideIndex, sentence: int, bottom: bool) -> float:
    """The top of ``sentence``'s slice of its first line, or the bottom of its last line's."""
    start, end = index.starts[sentence], index.ends[sentence]
    line = pane.line_box(max(end - 1, start) if bottom else start)
    places = _places(pane, index, line)
    place = bisect_left(places, pane.display.to_qt(max(start, line.start)))
    return line.top + line.height * (place + bottom) / max(len(places), 1)


def _places(pane: Pane, index: SideIndex, line: LineBox) -> list[int]:
    """Where each sentence on ``line`` begins there (Qt positions, a fold's sentences as one)."""
    places = set()
    for i in range(max(index.sentence_before(line.start), 0), len(index.starts)):
        if index.starts[i] >= line.end:
            break
        if index.ends[i] > line.start:
            places.add(pane.display.to_qt(max(index.starts[i], line.start)))
    return sorted(places)
