"""Find in the panes: the bar under them and the search that marks every match.

``FindBar`` only lays out the field and buttons and says what was asked; ``Finder`` searches the
shown texts, marks the matches in the panes (their "find" layer of extra selections) and brings
the current one into view, opening the fold of "show only changes" that hides it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from retold.engine.model import Side, Span
from retold.gui.compare_view import CompareView
from retold.gui.styles import blend

NOT_FOUND = QColor(220, 40, 40)  # the count's colour when nothing matches
MAX_QUERY = 200  # a longer selection is not taken as what to find
MAX_MATCHES = 5000  # more are counted as "5000+" and not marked: one letter in a book
TYPING_DELAY_MS = 150  # a search waits this long after a keystroke: one per burst of typing
SCOPES = {  # what the scope box offers, in order
    "in both": (Side.ORIGINAL, Side.REWRITE),
    "in original": (Side.ORIGINAL,),
    "in rewrite": (Side.REWRITE,),
}
# Keys the bar handles itself, for the shortcuts list (the menu's actions list theirs).
BAR_KEYS = (
    ("Next match (in the find bar)", "Enter"),
    ("Previous match (in the find bar)", "Shift+Enter"),
    ("Close the find bar", "Escape"),
)


def find_spans(text: str, needle: str, match_case: bool, limit: int = MAX_MATCHES) -> list[Span]:
    """Code-point spans of ``needle`` in ``text``, left to right, not overlapping: the plain
    way (``Finder`` searches a ``SearchText``, made once per text, for the same spans)."""
    if not needle:
        return []
    flags = 0 if match_case else re.IGNORECASE
    spans = []
    for match in re.finditer(re.escape(needle), text, flags):
        spans.append(match.span())
        if len(spans) > limit:
            break
    return spans


@dataclass(frozen=True, slots=True)
class Query:
    needle: str = ""
    sides: tuple[Side, ...] = (Side.ORIGINAL, Side.REWRITE)
    match_case: bool = False


class FindBar(QWidget):
    """The field, the scope, match case, previous/next, the count and a close button."""

    queryChanged = Signal(object)  # Query
    nextRequested = Signal()
    previousRequested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Find")
        self.scope = QComboBox(self)
        self.scope.addItems(list(SCOPES))
        self.scope.setAccessibleName("Where to find")
        self.match_case = QCheckBox("Match &case", self)
        self.previous = self._button("↑", "Previous match (Shift+Enter)")
        self.next = self._button("↓", "Next match (Enter)")
        self.count = QLabel(self)
        self.count.setMinimumWidth(self.fontMetrics().horizontalAdvance("No matches") + 8)
        close = self._button("✕", "Close the find bar (Escape)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        for widget in (self.field, self.scope, self.match_case, self.previous, self.next):
            layout.addWidget(widget)
        layout.addWidget(self.count, 1)
        layout.addWidget(close)
        # One letter in a long pair takes ~100 ms to search and mark: wait for typing to pause.
        self.typing = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self.typing.timeout.connect(self._changed)
        self.field.textChanged.connect(self._typed)
        self.scope.currentIndexChanged.connect(self._changed)
        self.match_case.toggled.connect(self._changed)
        self.previous.clicked.connect(self.previousRequested)
        self.next.clicked.connect(self.nextRequested)
        close.clicked.connect(self.close_bar)
        self.hide()

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setAutoRaise(True)
        return button

    def query(self) -> Query:
        sides = SCOPES[self.scope.currentText()]
        return Query(self.field.text(), sides, self.match_case.isChecked())

    def open_bar(self, text: str = "") -> None:
        """Show the bar with the field's text selected, ready to type over; ``text`` (a pane's
        selection) replaces it when it is one short line."""
        text = text.replace("\u2029", "\n").strip()
        if text and "\n" not in text and len(text) <= MAX_QUERY:
            self.field.setText(text)
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self._changed()

    def close_bar(self) -> None:
        self.typing.stop()
        self.hide()
        self.closed.emit()

    def set_count(self, current: int, total: int, more: bool) -> None:
        """``current`` is 1-based (0: none chosen); ``more``: the search stopped at ``total``."""
        shown = f"{total}+" if more else str(total)
        if total:
            self.count.setText(f"{current} of {shown}" if current else f"{shown} matches")
        else:
            self.count.setText("No matches" if self.field.text() else "")
        colour = self.palette().color(QPalette.ColorRole.Text)
        if self.field.text() and not total:
            colour = blend(colour, NOT_FOUND, 0.7)
        self.count.setStyleSheet(f"color: {colour.name()}")
        for button in (self.previous, self.next):
            button.setEnabled(total > 0)

    def search_now(self) -> bool:
        """Run the search that typing put off, if there is one (True: there was)."""
        if not self.typing.isActive():
            return False
        self._changed()
        return True

    def _typed(self, text: str) -> None:
        if text:
            self.typing.start()  # restarted by each keystroke
        else:
            self._changed()  # nothing to search: the marks go at once

    def _changed(self) -> None:
        self.typing.stop()
        self.queryChanged.emit(self.query())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.search_now():
                return  # the first match of what was just typed, not the one after it
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            (self.previousRequested if shift else self.nextRequested).emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)


class Finder(QObject):
    """Searches what the panes show and keeps one match current; the bar shows the count."""

    def __init__(self, bar: FindBar, view: CompareView) -> None:
        super().__init__(bar)
        self.bar, self.view = bar, view
        self.query = Query()
        self.matches: list[tuple[Side, Span]] = []
        self.current = -1
        self.more = False
        bar.queryChanged.connect(self.set_query)
        bar.nextRequested.connect(lambda: self.step(+1))
        bar.previousRequested.connect(lambda: self.step(-1))
        bar.closed.connect(self._closed)
        view.rebuilt.connect(self._refresh)
        for pane in view.panes.values():
            pane.installEventFilter(self)  # Escape in a pane closes the bar too

    def set_query(self, query: Query) -> None:
        self.query = query
        self.current = -1
        self._refresh()
        if self.matches:
            self.step(+1, from_view=True)

    def step(self, direction: int, from_view: bool = False) -> None:
        """Make the next (+1) or previous (-1) match current, wrapping round, and show it.

        ``from_view``: start from the top of what the first searched pane shows.
        """
        if not self.bar.isVisible():
            self.bar.open_bar()  # F3 with the bar closed opens it on the last query
            return
        if self.bar.search_now():
            return  # F3 straight after typing: the first match of what was typed
        if not self.matches:
            return
        if from_view:
            side = self.query.sides[0]
            top = self.view.panes[side].offset_at_y(0)
            starts = [n for n, (s, span) in enumerate(self.matches) if s is side and span[0] >= top]
            self.current = starts[0] if starts else 0
        else:
            self.current = (self.current + direction) % len(self.matches)
        side, span = self.matches[self.current]
        self.view.reveal(side, span)  # may open a fold: the panes are rebuilt and marked again
        self._mark_current()
        self.view.panes[side].ensure_spans_visible([span])

    def _refresh(self) -> None:
        """Search again (the text or the query changed); the current match stays current."""
        was = self.matches[self.current] if 0 <= self.current < len(self.matches) else None
        self.matches, self.more = [], False
        if self.bar.isVisible():
            for side in self.query.sides:
                query, text = self.query, self.view.search_text(side)
                spans = text.find(query.needle, query.match_case, MAX_MATCHES)
                self.more = self.more or len(spans) > MAX_MATCHES
                self.matches.extend(
                    (side, s) for s in spans[:MAX_MATCHES] if self.view.findable(side, s)
                )
        self.current = self.matches.index(was) if was in self.matches else -1
        self._mark()

    def _mark(self) -> None:
        """Mark every match, then the current one."""
        colours = self.view.styles.match()
        for side, pane in self.view.panes.items():
            pane.set_layer("find", [span for s, span in self.matches if s is side], colours)
        self._mark_current()

    def _mark_current(self) -> None:
        """Only the current match's layer changes when stepping (thousands of marks stay)."""
        colours = self.view.styles.match(current=True)
        current = self.matches[self.current] if self.current >= 0 else None
        for side, pane in self.view.panes.items():
            pane.set_layer(
                "current", [current[1]] if current and current[0] is side else [], colours
            )
        self.bar.set_count(self.current + 1, len(self.matches), self.more)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Escape in a pane closes the open bar, and the pane keeps the focus. With the bar
        closed the key goes on as usual; a shortcut on Escape would come before this."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self.bar.isVisible()
        ):
            self.bar.close_bar()
            return True
        return False

    def _closed(self) -> None:
        self.matches, self.current = [], -1
        self._mark()
        panes = self.view.panes
        if not any(pane.hasFocus() for pane in panes.values()):  # closed from the bar
            panes[self.query.sides[0]].setFocus()
