"""Find: Ctrl+F opens the bar, matches are marked in the panes, Enter/F3 step through them, a
match in a fold opens it, Escape closes; Edit > Copy copies a pane's selection."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtTest import QTest

from retold.engine.model import Side
from retold.gui.find_bar import TYPING_DELAY_MS, find_spans
from retold.gui.pane import Pane
from tests.gui.test_folds_expand import folded_view, runs_pair

SHIFT = Qt.KeyboardModifier.ShiftModifier


def open_find(qtbot, window, needle: str):  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    typed(qtbot, bar, needle)
    return bar


def typed(qtbot, bar, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` into the field and wait for the search that typing puts off."""
    QTest.keyClicks(bar.field, text)
    qtbot.waitUntil(lambda: not bar.typing.isActive())


def marks(pane: Pane, layer: str) -> list[str]:
    text = pane.display.text
    return [text[s.cursor.selectionStart() : s.cursor.selectionEnd()] for s in pane._layers[layer]]


def in_view(pane: Pane, span: tuple[int, int]) -> bool:
    top, bottom = pane.spans_extent([span]) or (-1, -1)
    return top >= 0 and bottom <= pane.viewport().height()


def test_find_marks_every_match_and_steps_through_them(qtbot, compared) -> None:  # type: ignore[no-untyped-def]
    window, controller = compared
    bar = open_find(qtbot, window, "barrier")
    texts = {s: window.compare_view.source_text(s) for s in Side}
    total = sum(len(re.findall("barrier", t, re.IGNORECASE)) for t in texts.values())
    assert total > 3
    assert bar.count.text() == f"1 of {total}"
    panes = window.compare_view.panes
    assert all(m.lower() == "barrier" for p in panes.values() for m in marks(p, "find"))
    assert sum(len(marks(p, "find")) for p in panes.values()) == total
    finder = controller.finder
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == f"2 of {total}"
    side, span = finder.matches[finder.current]
    assert marks(panes[side], "current") == ["barrier"] and in_view(panes[side], span)
    QTest.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)
    QTest.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)  # wraps round to the last
    assert bar.count.text() == f"{total} of {total}"
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert bar.count.text() == f"1 of {total}"
    qtbot.keyClick(window, Qt.Key.Key_F3, SHIFT)
    assert bar.count.text() == f"{total} of {total}"
    side, span = finder.matches[-1]
    assert in_view(panes[side], span)  # the last match, far down, was scrolled to


def test_scope_and_match_case_narrow_the_search(qtbot, compared) -> None:  # type: ignore[no-untyped-def]
    window, _controller = compared
    bar = open_find(qtbot, window, "Barrier")
    rewrite = window.compare_view.source_text(Side.REWRITE)
    bar.scope.setCurrentText("in rewrite")
    expected = len(re.findall("barrier", rewrite, re.IGNORECASE))
    assert bar.count.text() == f"1 of {expected}"
    assert marks(window.compare_view.panes[Side.ORIGINAL], "find") == []
    bar.match_case.setChecked(True)
    assert bar.count.text() == f"1 of {rewrite.count('Barrier')}"
    typed(qtbot, bar, "zzz")
    assert bar.count.text() == "No matches" and not bar.next.isEnabled()


def test_escape_closes_the_bar_and_clears_the_marks_but_not_the_link(qtbot, compared) -> None:  # type: ignore[no-untyped-def]
    window, _controller = compared
    view = window.compare_view
    view.next_change()
    left = view.panes[Side.ORIGINAL]
    highlighted = len(left._layers["link"])
    bar = open_find(qtbot, window, "the")
    assert marks(left, "find") and len(left._layers["link"]) == highlighted  # both layers
    QTest.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert marks(left, "find") == [] and marks(left, "current") == []
    assert len(left._layers["link"]) == highlighted


def test_a_match_in_a_fold_opens_that_fold(qtbot) -> None:  # type: ignore[no-untyped-def]
    from retold.gui.find_bar import FindBar, Finder

    pair = runs_pair()
    view = folded_view(qtbot, pair)
    bar = FindBar()
    qtbot.addWidget(bar)
    finder = Finder(bar, view)
    left = view.panes[Side.ORIGINAL]
    needle = "Paragraph 4 sentence 2"  # identical, folded away
    assert left.display.hidden(pair.original.text.index(needle))
    bar.open_bar()
    typed(qtbot, bar, needle)
    assert bar.count.text() == "1 of 2"
    side, span = finder.matches[finder.current]
    pane = view.panes[side]
    assert not pane.display.hidden(span[0])  # opened
    assert marks(pane, "current") == [needle] and in_view(pane, span)
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    side, span = finder.matches[finder.current]
    assert not view.panes[side].display.hidden(span[0]) and side is Side.REWRITE


def test_hidden_boilerplate_is_not_found(qtbot, compared) -> None:  # type: ignore[no-untyped-def]
    window, controller = compared
    window.commands.hide_boilerplate.setChecked(True)
    bar = open_find(qtbot, window, "Subscribe to keep reading")  # page furniture
    assert bar.count.text() == "No matches"
    window.commands.hide_boilerplate.setChecked(False)  # the panes are rebuilt: found again
    assert controller.finder.matches and bar.count.text().endswith("matches")


def test_find_spans_ignores_case_without_moving_offsets() -> None:
    text = "İstanbul, istanbul and ISTANBUL"  # İ lower-cases to two code points
    assert [text[a:b] for a, b in find_spans(text, "istanbul", False)][-2:] == [
        "istanbul",
        "ISTANBUL",
    ]
    assert find_spans(text, "ISTANBUL", True) == [(23, 31)]
    assert find_spans(text, "", False) == []


def test_copy_is_enabled_by_a_selection_and_copies_it(qtbot, compared) -> None:  # type: ignore[no-untyped-def]
    window, _controller = compared
    copy = window.commands.copy
    assert copy in window.menuBar().actions()[1].menu().actions()  # Edit
    assert not copy.isEnabled()
    right = window.compare_view.panes[Side.REWRITE]
    right.setFocus()
    QTest.keyClick(right, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(9):
        QTest.keyClick(right, Qt.Key.Key_Right, SHIFT)
    assert copy.isEnabled()
    copy.trigger()
    assert QGuiApplication.clipboard().text() == right.display.text[:9]


def test_find_starts_from_a_selected_word_in_a_pane(qtbot, compared) -> None:  # type: ignore[no-untyped-def]
    window, _controller = compared
    right = window.compare_view.panes[Side.REWRITE]
    right.setFocus()
    QTest.keyClick(right, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(right, Qt.Key.Key_Right, SHIFT | Qt.KeyboardModifier.ControlModifier)
    word = right.textCursor().selectedText().strip()
    assert word
    bar = open_find(qtbot, window, "")
    assert bar.field.text() == word and bar.count.text().startswith("1 of ")


def test_copy_across_a_fold_line_gives_the_sentences_it_hides(qtbot) -> None:  # type: ignore[no-untyped-def]
    pair = runs_pair()
    view = folded_view(qtbot, pair)
    left = view.panes[Side.ORIGINAL]
    fold = next(f for _shown, f in left.display.folds if f.label)
    right_after = left.display.to_qt(fold.source_end) + 5
    cursor = left.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(right_after, cursor.MoveMode.KeepAnchor)
    left.setTextCursor(cursor)
    left.copy()
    copied = QGuiApplication.clipboard().text()
    assert "⋯" not in copied
    assert copied == pair.original.text[: fold.source_end + 5]


def test_a_burst_of_typing_searches_once_and_enter_searches_at_once(qtbot, compared) -> None:  # type: ignore[no-untyped-def]
    window, _controller = compared
    bar = open_find(qtbot, window, "")
    searched: list[str] = []
    bar.queryChanged.connect(lambda query: searched.append(query.needle))
    QTest.keyClicks(bar.field, "barrier")
    assert searched == [] and bar.count.text() == ""  # not yet: typing goes on
    qtbot.waitUntil(lambda: bool(searched))
    qtbot.wait(2 * TYPING_DELAY_MS)
    texts = [window.compare_view.source_text(s) for s in Side]
    total = sum(len(re.findall("barrier", t, re.IGNORECASE)) for t in texts)
    assert searched == ["barrier"] and bar.count.text() == f"1 of {total}"
    panes = window.compare_view.panes.values()
    assert sum(len(marks(p, "find")) for p in panes) == total
    QTest.keyClicks(bar.field, "s")  # "barriers"
    QTest.keyClick(bar.field, Qt.Key.Key_Return)  # at once, on the first match of the new text
    total = sum(len(re.findall("barriers", t, re.IGNORECASE)) for t in texts)
    assert searched == ["barrier", "barriers"] and bar.count.text() == f"1 of {total}"
    assert all(m.lower() == "barriers" for p in panes for m in marks(p, "find"))


def test_escape_in_a_pane_closes_the_bar_and_the_pane_keeps_the_focus(qtbot, compared) -> None:  # type: ignore[no-untyped-def]
    window, _controller = compared
    view = window.compare_view
    escapes: list[QObject] = []
    spy = KeySpy(escapes)
    view.installEventFilter(spy)  # Escape the pane leaves alone goes on to its parent
    bar = open_find(qtbot, window, "the")
    right = view.panes[Side.REWRITE]  # not the first side searched, where closing would go
    right.setFocus()
    qtbot.waitUntil(right.hasFocus)
    QTest.keyClick(right, Qt.Key.Key_Escape)
    assert not bar.isVisible() and right.hasFocus()
    assert marks(right, "find") == [] and marks(view.panes[Side.ORIGINAL], "find") == []
    assert escapes == []  # taken: it closed the bar
    QTest.keyClick(right, Qt.Key.Key_Escape)  # the bar is closed: left to others
    assert escapes == [view] and not bar.isVisible()


class KeySpy(QObject):
    """Notes which object an Escape key press reached."""

    def __init__(self, seen: list[QObject]) -> None:
        super().__init__()
        self.seen = seen

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        key = event.key() if isinstance(event, QKeyEvent) else None
        if event.type() == QEvent.Type.KeyPress and key == Qt.Key.Key_Escape:
            self.seen.append(watched)
        return False
