"""One read-only side of the comparison: the text with each link's look, and file drops.

A new text is filled into a document of its own and laid out a slice per event-loop turn
(``fill_some``, ``lay_out_some``, driven by the view), so a book never freezes the window.
"""

from __future__ import annotations

import math
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QMimeData,
    QObject,
    QPoint,
    QRect,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
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
    QResizeEvent,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from retold.engine.model import Side, Span
from retold.gui.display_text import DisplayText, Fold
from retold.gui.drops import SPAN_MIME, dropped_file, dropped_span
from retold.gui.pieces import LONGEST_PIECE, PLAIN, Piece, pieces_within
from retold.gui.styles import Styles
from retold.gui.view_model import Edit


@dataclass(slots=True)
class _Fill:
    """A text being filled in: the cursor at its end, the pieces, the next one."""

    cursor: QTextCursor
    pieces: Sequence[Piece]
    styles: Styles
    pace: float = 0.0  # characters a second, in the last slice (its layout included)
    next: int = 0


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
SHORT_TEXT = 50_000  # characters: a text of no more is shown at once, whole
FIRST_CHARS = 8000  # in the first slice of a longer one
MIN_CHARS = 500  # in a slice, however slow the last one was
MANY_MARKS = 300  # a layer of more spans is marked near the part in view only


class HoldLazyLayout(QObject):
    """Holds a document layout's timer events back: Qt's lazy layout then waits for
    ``lay_out_some``, which lays the text out in slices of bounded time."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._held: QObject | None = None

    def hold(self, layout: QObject) -> None:
        self.release()
        layout.installEventFilter(self)
        self._held = layout

    def release(self) -> None:
        if self._held is not None:
            self._held.removeEventFilter(self)
            self._held = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return watched is self._held and event.type() == QEvent.Type.Timer


class Tops:
    """Heights from the document's top of Qt positions, found a slice at a time: one walk
    over the blocks, each block's lines read once (Qt's own look-up of a position's line scans
    them, which was quadratic in a long paragraph)."""

    def __init__(self, document: QTextDocument, positions: Sequence[int], floor: int) -> None:
        end = document.characterCount() - 1
        self.document, self.positions = document, [min(p, end) for p in positions]
        self.tops = [0.0] * len(positions)
        self.height = 1
        self._floor = floor  # the viewport's height: a short text is not stretched over it
        self._order = sorted(range(len(positions)), key=self.positions.__getitem__)
        self._next = 0
        self._block = document.firstBlock()
        self._lines: tuple[list[int], list[float]] = ([], [])  # the block's line starts, tops

    def some(self, seconds: float) -> bool:
        """Measure for about ``seconds``; True when all are."""
        end = time.monotonic() + seconds
        order, positions, block = self._order, self.positions, self._block
        while self._next < len(order):
            i = order[self._next]
            if self._next % 64 == 0 and time.monotonic() > end:
                self._block = block
                return False
            if not self._lines[0] or not block.contains(positions[i]):
                if time.monotonic() > end:  # a block's lines are read at once: look before
                    self._block = block
                    return False
                while block.next().isValid() and block.position() + block.length() <= positions[i]:
                    block = block.next()
                self.document.documentLayout().blockBoundingRect(block)  # laid out, if not yet
                self._lines = _lines(block)
            starts, tops = self._lines
            at = bisect_right(starts, positions[i] - block.position()) - 1
            self.tops[i] = tops[max(at, 0)]
            self._next += 1
        self._block = block
        size = self.document.documentLayout().documentSize().height()
        self.height = max(round(size), self._floor, 1)
        return True


def _lines(block: QTextBlock) -> tuple[list[int], list[float]]:
    """Where each line of ``block`` starts in it, and its top from the document's top."""
    layout = block.layout()
    origin = layout.position().y()
    lines = [layout.lineAt(k) for k in range(layout.lineCount())]
    return [line.textStart() for line in lines] or [0], [origin + line.y() for line in lines] or [
        origin
    ]


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
    relaidOut = Signal()  # the text is to be laid out again (lay_out_some): a new width

    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"{side}Pane")
        self.setReadOnly(True)
        self.setAcceptDrops(True)  # setReadOnly turned drops off; we take files
        self.setUndoRedoEnabled(False)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        # Always there: a scroll bar coming with a long text narrowed the lines, and Qt laid
        # the whole text out a second time.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        # Lines wrap at the width; a bold letter's overhang at a line's end made the text a
        # pixel wider than that, and a scroll bar came for it.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A caret the keyboard moves, so Enter can open the fold it sits on.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.display = DisplayText("")
        self._unlaid = QTextBlock()  # the first block lay_out_some has not laid out yet
        self._fill: _Fill | None = None  # the text being filled in, while it is
        self._laid_out = True  # by lay_out_some (the empty text is)
        self._marked_near = (0, 0)  # the source range many spans are marked in (set_layer)
        self._hold = HoldLazyLayout(self)
        self._marks: dict[str, tuple[Sequence[Span], tuple[QColor, QColor | None]]] = {
            name: ((), (QColor(), None)) for name in LAYERS
        }
        self.tooltip_for: Callable[[int], str] = lambda _offset: ""
        self.context_actions: list[QAction] = []  # added to the right-click menu (Link, Unlink)
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {name: [] for name in LAYERS}
        self._boxes: list[tuple[Span, QColor]] = []  # the hovered word's box, drawn on top
        self._hovered = -1
        self._mouse: QPoint | None = None  # where the mouse rests on the viewport, if it does
        # Scrolling under a resting mouse brings another word under it.
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._scrolled())

    # Content -----------------------------------------------------------------------------
    def show_text(
        self, display: DisplayText, styles: Styles, pieces: Sequence[Piece] | None = None
    ) -> bool:
        """Start showing ``display``, each of its ``pieces`` (all of it plain if None) in its
        look. The pieces go into a new document a slice at a time (``fill_some``), shown as it
        grows; the first slice is done here, and a short text is complete after it: True then.
        """
        self.display = display
        self._clear_marks()
        document = QTextDocument(self)
        self._adopt(document)
        length = len(display.text)
        whole = [
            (a, min(a + LONGEST_PIECE, length), PLAIN) for a in range(0, length, LONGEST_PIECE)
        ]
        self._fill = _Fill(QTextCursor(document), pieces if pieces is not None else whole, styles)
        return self.fill_some(0.0)

    def _clear_marks(self) -> None:
        for name in LAYERS:
            self._layers[name] = []
            self._marks[name] = ((), (QColor(), None))
        self._boxes = []
        self.setExtraSelections([])

    def edit_text(
        self, display: DisplayText, styles: Styles, edits: Sequence[Edit], pieces: Sequence[Piece]
    ) -> None:
        """Show ``display`` by editing the text shown in place: each edit's old range (of the
        display shown now) is replaced with its new range of ``display``, in the looks of
        ``pieces`` (``display``'s). The rest of the text stays, laid out: opening a fold in a
        book is a short edit, not a new text filled in and laid out again (0.7 s). The marks
        are cleared, as for a new text, and so is a selection (the sentences picked go)."""
        if self._fill is not None:
            raise RuntimeError("a text still filling in cannot be edited")
        old, self.display = self.display, display
        self._clear_marks()
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()  # laid out once, at its end
        for edit in reversed(edits):  # from the end: the positions before an edit stay
            cursor.setPosition(old.qt(edit.old[0]))
            cursor.setPosition(old.qt(edit.old[1]), QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            for start, end, key in pieces_within(pieces, *edit.new):
                cursor.insertText(display.text[start:end], styles.format(key))
        cursor.endEditBlock()
        caret = self.textCursor()
        if caret.hasSelection():
            caret.clearSelection()
            self.setTextCursor(caret)
        if not self._laid_out:  # the block lay_out_some was to go on from may be gone
            self._unlaid = QTextBlock()

    @property
    def filling(self) -> bool:
        return self._fill is not None

    def fill_some(self, seconds: float) -> bool:
        """Insert the next pieces for about ``seconds``; True once the text is complete.

        Qt lays the inserted text out when the slice's edit block ends, so the clock cannot
        stop a slice in time: its size follows the pace of the slices before it."""
        fill = self._fill
        if fill is None:
            return True
        text, pieces, cursor = self.display.text, fill.pieces, fill.cursor
        started = time.monotonic()
        if not fill.next:
            budget = math.inf if len(text) <= SHORT_TEXT else FIRST_CHARS
        elif math.isinf(seconds):
            budget = math.inf
        else:  # half the time: a slice's layout varies with its text, and overruns
            budget = max(fill.pace * seconds / 2, MIN_CHARS)
        stop, filled = fill.next, 0
        cursor.beginEditBlock()  # laid out once, at its end
        while stop < len(pieces) and filled < budget:
            start, finish, key = pieces[stop]
            cursor.insertText(text[start:finish], fill.styles.format(key))
            filled += finish - start
            stop += 1
        cursor.endEditBlock()
        fill.pace = filled / max(time.monotonic() - started, 1e-4)
        fill.next = stop
        if fill.next < len(pieces):
            return False
        self._fill = None
        for name in LAYERS:  # marked while it filled: now on the whole text
            self.set_layer(name, *self._marks[name])
        return True

    def _adopt(self, document: QTextDocument) -> None:
        old = self.document()
        mine = old.parent() is self  # else the text edit's own, which it deletes itself
        document.setDefaultFont(self.font())
        document.setUndoRedoEnabled(False)
        self.setDocument(document)
        self._lay_out_again()
        if mine:
            old.deleteLater()

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
        self._lay_out_again()  # Qt lays it all out again, lazily
        return True

    def place_caret(self, offset: int) -> None:
        self.setTextCursor(self._cursor(offset, offset))

    def highlight(self, spans: Sequence[Span], colours: tuple[QColor, QColor]) -> None:
        """Mark the selected link's spans (an extra selection, so formats stay untouched)."""
        self.set_layer("link", spans, colours)

    def set_layer(
        self, name: str, spans: Sequence[Span], colours: tuple[QColor, QColor | None]
    ) -> None:
        """Replace one layer of extra selections (background, text colour); the others stay.

        Of many spans (Find's matches of one letter in a book) only those near the part in view
        are made selections, again as it scrolls: Qt takes ~10 µs to place each one's cursor."""
        self._marks[name] = (
            tuple(sorted(spans)) if len(spans) > MANY_MARKS else tuple(spans),
            colours,
        )
        self._build_layer(name)

    def _build_layer(self, name: str) -> None:
        spans, colours = self._marks[name]
        if self._fill is not None:
            spans = ()  # marked once the text is shown
        elif len(spans) > MANY_MARKS:
            low, high = self._marked_near = self._near_view
            ends = [end for _start, end in spans]  # sorted too: the spans do not overlap
            spans = spans[bisect_right(ends, low) : bisect_left(spans, (high, high))]
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

    @property
    def _near_view(self) -> tuple[int, int]:
        """The source range from a screen above the part in view to a screen below it."""
        height = self.viewport().height()
        return self.offset_at_y(-height), self.offset_at_y(2 * height)

    def _scrolled(self) -> None:
        """Many spans marked near the view only: mark those near the new view."""
        self._rehover()
        many = [name for name in LAYERS if len(self._marks[name][0]) > MANY_MARKS]
        if many:
            low, high = self._near_view
            if not (self._marked_near[0] <= low and high <= self._marked_near[1]):
                self._marked_near = (low, high)
                for name in many:
                    self._build_layer(name)

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
        start, end = (min(self.display.to_qt(x), self.qt_end) for x in span)
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
    @property
    def qt_end(self) -> int:
        """The end of the text shown (none while a new one fills), in Qt positions."""
        return self.document().characterCount() - 1

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(self.display.to_qt(start), self.qt_end))
        cursor.setPosition(
            min(self.display.to_qt(end), self.qt_end), QTextCursor.MoveMode.KeepAnchor
        )
        return cursor

    def offset_rect(self, offset: int) -> QRect:
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(self.display.to_qt(offset), self.qt_end))
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
        position = min(self.display.to_qt(offset), self.qt_end)
        document = self.document()
        block = document.findBlock(position)  # not a cursor: placing one lays its line out
        document.documentLayout().blockBoundingRect(block)  # lays the block out
        layout = block.layout()
        line = layout.lineForTextPosition(position - block.position())
        if not line.isValid():
            rect = self.cursorRect(self._cursor(offset, offset))
            return LineBox(rect.top(), rect.height(), offset, offset + 1)
        top = layout.position().y() + line.y() - self.verticalScrollBar().value()
        start = block.position() + line.textStart()
        end = self.display.from_qt(start + line.textLength())
        return LineBox(top, line.height(), self.display.from_qt(start), end)

    def lay_out_some(self, seconds: float) -> bool:
        """Lay the next blocks of the text out for about ``seconds``; True once all are."""
        if self._laid_out:
            return True
        document = self.document()
        block = self._unlaid if self._unlaid.isValid() else document.firstBlock()
        end = time.monotonic() + seconds
        layout = document.documentLayout()
        while block.isValid() and time.monotonic() < end:
            layout.blockBoundingRect(block)  # lays it (and any before it) out
            block = block.next()
        self._unlaid = block
        if block.isValid():
            return False
        self._laid_out = True
        self._hold.release()
        return True

    def _lay_out_again(self) -> None:
        """The text is laid out anew (a new one, a new width): by ``lay_out_some``, from the
        top. Qt's own lazy layout waits meanwhile: it doubles its step at each turn, up to
        200,000 characters (a tenth of a second) in one go."""
        self._unlaid = QTextBlock()
        self._laid_out = False
        self._hold.hold(self.document().documentLayout())

    def resizeEvent(self, event: QResizeEvent) -> None:
        width = self.viewport().width()
        super().resizeEvent(event)
        if self.viewport().width() != width:
            self._lay_out_again()  # Qt lays it all out again, lazily
            self.relaidOut.emit()

    def document_tops(self, offsets: Sequence[int]) -> tuple[list[float], int]:
        """Heights of many ``offsets`` from the document's top, and the height to scale them
        by (the text laid out: ``lay_out_some``), measured at once."""
        tops = self.measure_tops([self.display.to_qt(offset) for offset in offsets])
        tops.some(math.inf)
        return tops.tops, tops.height

    def measure_tops(self, positions: Sequence[int]) -> Tops:
        """A measure of Qt ``positions``' heights from the document's top, a slice at a time."""
        return Tops(self.document(), positions, self.viewport().height())

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
        if position < 0 or position >= self.qt_end:
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
