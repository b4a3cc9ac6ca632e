"""One read-only side of the comparison: the text with each link's look, and file drops."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QPoint, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from retold.engine.model import Side, Span
from retold.gui.display_text import DisplayText, Fold, StyleKey
from retold.gui.drops import SPAN_MIME, dropped_file, dropped_span
from retold.gui.styles import Styles


@dataclass(frozen=True, slots=True)
class LineBox:
    """One drawn line: its top and height (viewport y) and the source range it shows."""

    top: float
    height: float
    start: int
    end: int


# Extra-selection layers, painted in this order (a later one wins where they overlap).
LAYERS = ("pick", "link", "find", "current")  # pick: for Link; current: Find's current match
FRAME_WIDTH = 1.5  # the pen of the hovered word's frame


def frame_rect(text: QRectF) -> QRectF:
    """The hovered word's frame around the box of its text on one line."""
    return text.adjusted(-FRAME_WIDTH, 0.5, FRAME_WIDTH, -0.5)


def _x(line: QTextLine, position: int) -> float:
    """The x of a cursor before ``position`` in ``line`` (PySide returns it with the position)."""
    x, _position = cast(tuple[float, int], line.cursorToX(position))
    return x


def fold_tooltip(fold: Fold) -> str:
    noun = "sentence" if fold.sentences == 1 else "sentences"
    return f"Click (or press Enter) to show {fold.sentences} identical {noun}"


class Pane(QTextEdit):
    """Shows a DisplayText; positions in and out are source (code-point) offsets."""

    clickedAt = Signal(int)  # source offset of a plain click (not a drag-selection)
    foldClicked = Signal(int, int)  # source range of a fold clicked (or Enter pressed) on
    fileDropped = Signal(str)
    wordHovered = Signal(int)  # source offset of the character under the mouse, -1 for none
    spanDropped = Signal(str, int, int, int)  # the other pane's side and range; offset here

    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"{side}Pane")
        self.setReadOnly(True)
        self.setAcceptDrops(True)  # setReadOnly turned drops off; we take files
        self.setUndoRedoEnabled(False)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        # A caret the keyboard moves, so Enter can open the fold it sits on.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.display = DisplayText("")
        self._unlaid = QTextBlock()  # the first block lay_out_some has not laid out yet
        self.tooltip_for: Callable[[int], str] = lambda _offset: ""
        self.context_actions: list[QAction] = []  # added to the right-click menu (Link, Unlink)
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {name: [] for name in LAYERS}
        self._boxes: list[tuple[Span, QColor]] = []  # the hovered word's box, drawn on top
        self._hovered = -1
        self._mouse: QPoint | None = None  # where the mouse rests on the viewport, if it does
        # Scrolling under a resting mouse brings another word under it.
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._rehover())

    # Content -----------------------------------------------------------------------------
    def show_text(
        self,
        display: DisplayText,
        runs: Sequence[tuple[int, int, StyleKey]],
        styles: Styles,
        facts: Sequence[Span] = (),
    ) -> None:
        """Replace the text and paint every run's format in one edit block; ``facts`` (changed
        facts) get a mark merged over whatever format they have."""
        self.display = display
        for name in LAYERS:
            self._layers[name] = []
        self._boxes = []
        self.setExtraSelections([])
        document = self.document()
        document.setUndoRedoEnabled(False)
        # setPlainText gives the whole text the caret's format (a click in a struck-through
        # sentence would strike the spaces between sentences out too): start from a plain one.
        self.setCurrentCharFormat(QTextCharFormat())
        self.setPlainText(display.text)
        self._unlaid = QTextBlock()  # lay_out_some starts again from the top
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        for start, end, key in runs:
            self._paint(cursor, display.to_qt(start), display.to_qt(end), styles.format(key))
        fold = styles.format(StyleKey(fold=True))
        for _shown, item in display.folds:
            if item.label:
                start = display.to_qt(item.source_start)
                self._paint(cursor, start, start + len(item.label), fold)
        mark = styles.fact_mark()
        for start, end in facts:
            if not display.hidden(start):
                cursor.setPosition(display.to_qt(start))
                cursor.setPosition(display.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(mark)
        cursor.endEditBlock()

    @staticmethod
    def _paint(cursor: QTextCursor, start: int, end: int, fmt: QTextCharFormat) -> None:
        if start < end:
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(fmt)

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copying and dragging give the source text: a fold line stands for what it hides."""
        cursor = self.textCursor()
        start = self.display.from_qt(cursor.selectionStart())
        end = self.display.from_qt(cursor.selectionEnd())
        mime = QMimeData()
        mime.setText(self.display.source[start:end])
        # Dropped on the other pane, the sentences are linked with the one under the drop.
        mime.setData(SPAN_MIME, QByteArray(f"{self.side} {start} {end}".encode("ascii")))
        return mime

    def set_point_size(self, size: int) -> bool:
        """True when the size changed (the text reflowed)."""
        font = self.font()
        if font.pointSize() == size:
            return False
        font.setPointSize(size)
        self.setFont(font)
        self.document().setDefaultFont(font)
        return True

    def place_caret(self, offset: int) -> None:
        self.setTextCursor(self._cursor(offset, offset))

    def highlight(self, spans: Sequence[Span], colours: tuple[QColor, QColor]) -> None:
        """Mark the selected link's spans (an extra selection, so formats stay untouched)."""
        self.set_layer("link", spans, colours)

    def set_layer(
        self, name: str, spans: Sequence[Span], colours: tuple[QColor, QColor | None]
    ) -> None:
        """Replace one layer of extra selections (background, text colour); the others stay."""
        selections = []
        for start, end in spans:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor(start, end)
            selection.format.setBackground(colours[0])
            if colours[1] is not None:
                selection.format.setForeground(colours[1])
            selections.append(selection)
        self._layers[name] = selections
        self.setExtraSelections([s for layer in LAYERS for s in self._layers[layer]])

    def layer(self, name: str) -> tuple[QTextEdit.ExtraSelection, ...]:
        """The extra selections one layer (``LAYERS``) shows now."""
        return tuple(self._layers[name])

    def mark_word(self, span: Span | None, colour: QColor) -> None:
        """Frame ``span`` (the hovered word or its counterpart) in ``colour``; None clears."""
        boxes = [(span, colour)] if span is not None else []
        if boxes != self._boxes:
            self._boxes = boxes
            self.viewport().update()

    @property
    def marked_word(self) -> Span | None:
        return self._boxes[0][0] if self._boxes else None

    @property
    def marked_colour(self) -> QColor | None:
        return self._boxes[0][1] if self._boxes else None

    def span_rects(self, span: Span) -> list[QRectF]:
        """One rectangle (viewport coordinates) per drawn line of ``span``."""
        start, end = (min(self.display.to_qt(x), self.display.qt_length) for x in span)
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        document, rects = self.document(), []
        block = document.findBlock(start)
        while block.isValid() and block.position() < end:
            layout, origin = block.layout(), block.layout().position()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                lo = max(start, block.position() + line.textStart())
                hi = min(end, block.position() + line.textStart() + line.textLength())
                if lo < hi:
                    left = _x(line, lo - block.position())
                    right = _x(line, hi - block.position())
                    top = origin.y() + line.y()
                    rects.append(
                        QRectF(origin.x() + left - dx, top - dy, right - left, line.height())
                    )
            block = block.next()
        return rects

    # Geometry (viewport coordinates) ----------------------------------------------------
    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(self.display.to_qt(start), self.display.qt_length))
        cursor.setPosition(
            min(self.display.to_qt(end), self.display.qt_length), QTextCursor.MoveMode.KeepAnchor
        )
        return cursor

    def offset_rect(self, offset: int) -> QRect:
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(self.display.to_qt(offset), self.display.qt_length))
        return self.cursorRect(cursor)

    def spans_extent(self, spans: Sequence[Span]) -> tuple[int, int] | None:
        """Top and bottom (viewport y) of the lines holding ``spans``."""
        if not spans:
            return None
        top = self.offset_rect(spans[0][0]).top()
        last = self.offset_rect(max(spans[-1][1] - 1, spans[-1][0]))
        return top, max(last.bottom(), top + 1)

    def line_box(self, offset: int) -> LineBox:
        """The drawn line that holds source ``offset``."""
        cursor = self._cursor(offset, offset)
        block = cursor.block()
        self.document().documentLayout().blockBoundingRect(block)  # lays the block out
        layout = block.layout()
        line = layout.lineForTextPosition(cursor.position() - block.position())
        if not line.isValid():
            rect = self.cursorRect(cursor)
            return LineBox(rect.top(), rect.height(), offset, offset + 1)
        top = layout.position().y() + line.y() - self.verticalScrollBar().value()
        start = block.position() + line.textStart()
        end = self.display.from_qt(start + line.textLength())
        return LineBox(top, line.height(), self.display.from_qt(start), end)

    def lay_out_some(self, seconds: float) -> bool:
        """Lay the next blocks of the text out for about ``seconds``; True once all are."""
        document = self.document()
        block = self._unlaid if self._unlaid.isValid() else document.firstBlock()
        end = time.monotonic() + seconds
        layout = document.documentLayout()
        while block.isValid() and time.monotonic() < end:
            layout.blockBoundingRect(block)  # lays it (and any before it) out
            block = block.next()
        self._unlaid = block
        return not block.isValid()

    def document_tops(self, offsets: Sequence[int]) -> tuple[list[float], int]:
        """Heights of many ``offsets`` from the document's top, and the height to scale them
        by: one walk over the blocks, instead of a cursor and a layout query per offset."""
        document = self.document()
        layout = document.documentLayout()
        size = layout.documentSize().height()  # lays the whole document out once
        qt = [min(self.display.to_qt(offset), self.display.qt_length) for offset in offsets]
        tops = [0.0] * len(qt)
        block = document.firstBlock()
        for i in sorted(range(len(qt)), key=qt.__getitem__):
            while block.isValid() and block.position() + block.length() <= qt[i]:
                block = block.next()
            if not block.isValid():
                block = document.lastBlock()
            lines = block.layout()
            line = lines.lineForTextPosition(qt[i] - block.position())
            tops[i] = lines.position().y() + (line.y() if line.isValid() else 0.0)
        return tops, max(round(size), self.viewport().height(), 1)

    def offset_at_y(self, y: int) -> int:
        """Source offset of the text at viewport height ``y``."""
        # Above the first line (the document's margin) no line is hit, and while Qt is still
        # laying a new text out the hit lands at the end of the part laid out, not the start.
        y = max(y, math.ceil(self.document().documentMargin()) - self.verticalScrollBar().value())
        cursor = self.cursorForPosition(QPoint(8, y))
        return self.display.from_qt(cursor.position())

    def scroll_by(self, dy: int) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + dy)

    def ensure_spans_visible(self, spans: Sequence[Span]) -> None:
        """Centre the spans unless they are already fully in view."""
        extent = self.spans_extent(spans)
        if extent is None:
            return
        top, bottom = extent
        height = self.viewport().height()
        if top >= 0 and bottom <= height:
            return
        self.scroll_by((top + bottom) // 2 - height // 2)

    def fold_under(self, point: QPoint) -> Fold | None:
        """The labelled fold drawn under viewport ``point`` (on its label's characters)."""
        scroll = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        layout = self.document().documentLayout()
        position = layout.hitTest((point + scroll).toPointF(), Qt.HitTestAccuracy.ExactHit)
        return self.display.fold_at(position) if position >= 0 else None

    def _fold_at_caret(self) -> Fold | None:
        """The fold the caret is on or just after."""
        position = self.textCursor().position()
        return self.display.fold_at(position) or self.display.fold_at(position - 1)

    # Events ------------------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            fold = self.fold_under(event.position().toPoint())
            if fold is not None:
                self.foldClicked.emit(fold.source_start, fold.source_end)
                return
            position = self.cursorForPosition(event.position().toPoint()).position()
            self.clickedAt.emit(self.display.from_qt(position))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        point = event.position().toPoint()
        over_fold = self.fold_under(point) is not None
        shape = Qt.CursorShape.PointingHandCursor if over_fold else Qt.CursorShape.IBeamCursor
        self.viewport().setCursor(shape)
        self._mouse = point
        self._hover(-1 if over_fold else self.offset_under(point))

    def offset_under(self, point: QPoint) -> int:
        """Source offset of the character drawn under viewport ``point``, -1 off the text."""
        scroll = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        layout = self.document().documentLayout()
        position = layout.hitTest((point + scroll).toPointF(), Qt.HitTestAccuracy.ExactHit)
        if position < 0 or position >= self.display.qt_length:
            return -1
        # ExactHit rounds to the nearer edge: take the character whose box holds the point.
        if position > 0 and self.cursorRect(self._qt_cursor(position)).left() > point.x():
            position -= 1
        return self.display.from_qt(position)

    def _qt_cursor(self, position: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        return cursor

    def _rehover(self) -> None:
        if self._mouse is not None:
            over_fold = self.fold_under(self._mouse) is not None
            self._hover(-1 if over_fold else self.offset_under(self._mouse))

    def _hover(self, offset: int) -> None:
        if offset != self._hovered:
            self._hovered = offset
            self.wordHovered.emit(offset)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._boxes:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for span, colour in self._boxes:
            painter.setPen(QPen(colour, FRAME_WIDTH))
            for rect in self.span_rects(span):
                painter.drawRoundedRect(frame_rect(rect), 3, 3)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            fold = self._fold_at_caret()
            if fold is not None:
                self.foldClicked.emit(fold.source_start, fold.source_end)
                return
        super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self._mouse = None
            self._hover(-1)  # leaving the word clears its mark
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            fold = self.fold_under(event.pos())
            offset = self.offset_under(event.pos())  # the framed word's, to tell of it
            if offset < 0:
                offset = self.display.from_qt(self.cursorForPosition(event.pos()).position())
            text = fold_tooltip(fold) if fold else self.tooltip_for(offset)
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The standard menu and the window's corrections; a right-click outside the selection
        picks the sentence under it first, as a click would."""
        cursor = self.textCursor()
        position = self.cursorForPosition(event.pos()).position()
        if not cursor.selectionStart() <= position < cursor.selectionEnd():
            self.setTextCursor(self.cursorForPosition(event.pos()))
            self.clickedAt.emit(self.display.from_qt(position))
        menu = self.createStandardContextMenu(event.pos())
        if self.context_actions:
            menu.addSeparator()
            menu.addActions(self.context_actions)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        span = dropped_span(event)
        if dropped_file(event) or (span is not None and span[0] != self.side):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)  # type: ignore[arg-type]

    def dropEvent(self, event: QDropEvent) -> None:
        span = dropped_span(event)
        if span is not None and span[0] != self.side:
            event.acceptProposedAction()
            offset = self.display.from_qt(
                self.cursorForPosition(event.position().toPoint()).position()
            )
            QTimer.singleShot(0, lambda: self.spanDropped.emit(*span, offset))
            return
        path = dropped_file(event)
        if not path:
            event.ignore()
            return
        event.acceptProposedAction()
        # Only record the drop; the window loads the file after the event returns.
        QTimer.singleShot(0, lambda: self.fileDropped.emit(path))
