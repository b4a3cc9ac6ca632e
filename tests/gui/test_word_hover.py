"""Hovering a word marks it and its counterpart on the other side; the tooltip says what became
of a word with none."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from retold.engine.compare import compare
from retold.engine.model import Comparison, Side
from retold.gui.compare_view import CompareView
from retold.gui.pane import Pane
from tests.gui.test_compare_view import make_view

ORIGINAL = "The cat sat on the old mat today, as usual.\n\nA second line stays the same."
REWRITE = "The cat sat on the new mat, as usual.\n\nA second line stays the same."


def edited_pair(original: str = ORIGINAL, rewrite: str = REWRITE) -> Comparison:
    """Compared by the real engine: "old" became "new", "today" was left out."""
    return compare(original, rewrite, original_name="o.txt", rewrite_name="r.txt")


def point_of(pane: Pane, offset: int) -> QPoint:
    """The middle of the character at source ``offset``, in viewport coordinates."""
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.display.to_qt(offset))
    left = pane.cursorRect(cursor)
    cursor.setPosition(pane.display.to_qt(offset) + 1)
    return QPoint((left.left() + pane.cursorRect(cursor).left()) // 2, left.center().y())


def hover(view: CompareView, side: Side, word: str) -> Pane:
    pane = view.panes[side]
    text = pane.display.text
    rest_at(pane.viewport(), point_of(pane, text.index(word) + 1))
    return pane


def rest_at(viewport: QWidget, point: QPoint) -> None:
    """Move the mouse to ``point``, by a pixel beside it first: Qt drops a move to where the
    cursor already is, and an earlier test on this process may have left it there (a new
    view takes the same place on the screen)."""
    QTest.mouseMove(viewport, point + QPoint(1, 1))
    QTest.mouseMove(viewport, point)


def span_of(pane: Pane, word: str) -> tuple[int, int]:
    start = pane.display.text.index(word)
    return start, start + len(word)


@pytest.mark.parametrize(
    ("side", "word", "twin", "note"),
    [
        (Side.ORIGINAL, "sat", "sat", ""),  # a kept word and its twin
        (Side.REWRITE, "new", "old", "“new” was “old”"),  # a replaced word and what it replaced
        (Side.ORIGINAL, "old", "new", "“old” became “new”"),
    ],
)
def test_the_hovered_word_is_marked_with_its_counterpart(  # type: ignore[no-untyped-def]
    qtbot, side: Side, word: str, twin: str, note: str
) -> None:
    view = make_view(qtbot, edited_pair())
    here, there = view.panes[side], view.panes[side.other]
    hover(view, side, word)
    assert here.marked_word == span_of(here, word)
    assert there.marked_word == span_of(there, twin)
    assert here.span_rects(span_of(here, word))  # drawn on one line
    tip = here.tooltip_for(span_of(here, word)[0]).splitlines()
    assert tip[1:] == ([note] if note else [])


def test_a_word_left_out_has_no_counterpart_and_the_tooltip_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, edited_pair())
    left, right = view.panes[Side.ORIGINAL], view.panes[Side.REWRITE]
    hover(view, Side.ORIGINAL, "today")
    assert left.marked_word is not None and "today" in left.display.text[slice(*left.marked_word)]
    assert right.marked_word is None
    assert left.tooltip_for(span_of(left, "today")[0]).endswith("left out of the rewrite")


def test_leaving_the_word_clears_both_marks_and_the_link_highlight_stays(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, edited_pair())
    left, right = view.panes[Side.ORIGINAL], view.panes[Side.REWRITE]
    view.select_link(0)
    highlighted = list(left.extraSelections())
    hover(view, Side.ORIGINAL, "cat")
    assert left.marked_word and right.marked_word
    assert len(left.extraSelections()) == len(highlighted)  # the link highlight is kept
    QTest.mouseMove(left.viewport(), point_of(left, span_of(left, "cat")[1]) + QPoint(0, 0))
    QTest.mouseMove(left.viewport(), QPoint(left.viewport().width() - 3, 3))  # past the line
    assert left.marked_word is None and right.marked_word is None


def test_the_mark_is_drawn_around_the_word(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, edited_pair())
    right = view.panes[Side.REWRITE]
    hover(view, Side.ORIGINAL, "cat")
    rect = right.span_rects(span_of(right, "cat"))[0].toRect()
    image = right.viewport().grab().toImage()
    edge = image.pixelColor(rect.left() - 1, rect.center().y())
    assert edge != QColor(image.pixelColor(2, rect.center().y()))


def test_the_counterpart_out_of_view_is_marked_without_scrolling(qtbot) -> None:  # type: ignore[no-untyped-def]
    filler = "\n\n".join(f"Filler paragraph {i} tells its own story here." for i in range(60))
    pair = edited_pair(ORIGINAL + "\n\n" + filler, filler + "\n\n" + REWRITE)
    assert any(link.moved for link in pair.links)
    view = make_view(qtbot, pair, height=300)
    right = view.panes[Side.REWRITE]
    before = right.verticalScrollBar().value()
    hover(view, Side.ORIGINAL, "sat")
    assert right.marked_word == span_of(right, "sat")
    assert right.verticalScrollBar().value() == before
    tip = view.panes[Side.ORIGINAL].tooltip_for(span_of(view.panes[Side.ORIGINAL], "sat")[0])
    assert tip.endswith("Its counterpart is below, out of view in the rewrite")


def test_on_the_selected_link_the_frame_takes_the_highlighted_text_colour(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, edited_pair())
    right = view.panes[Side.REWRITE]
    hover(view, Side.ORIGINAL, "cat")
    link = view.navigation.link_at(Side.ORIGINAL, 5)
    assert right.marked_colour == view.styles.line(view.navigation.links[link].kind)
    view.select_link(link)
    hover(view, Side.ORIGINAL, "sat")
    assert right.marked_colour == view.styles.selection()[1]  # legible on the highlight


def test_scrolling_under_the_resting_mouse_marks_the_word_now_under_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    filler = "\n\n".join(f"Filler paragraph {i} tells its own story here." for i in range(60))
    view = make_view(qtbot, edited_pair(ORIGINAL + "\n\n" + filler, REWRITE + "\n\n" + filler))
    left = view.panes[Side.ORIGINAL]
    hover(view, Side.ORIGINAL, "cat")
    assert left.marked_word == span_of(left, "cat")
    left.verticalScrollBar().setValue(left.verticalScrollBar().value() + 200)
    assert left.marked_word not in (None, span_of(left, "cat"))
    word = left.display.text[slice(*left.marked_word)]
    assert re.fullmatch(r"\w+", word)


@pytest.mark.qt_log_ignore(r"^This plugin does not support raise\(\)$")  # the tooltip, offscreen
def test_the_tooltip_tells_of_the_framed_word_up_to_its_last_letter(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, edited_pair())
    left = view.panes[Side.ORIGINAL]
    start, end = span_of(left, "old")
    cursor = QTextCursor(left.document())
    cursor.setPosition(end - 1)
    rect = left.cursorRect(cursor)
    cursor.setPosition(end)
    point = QPoint(left.cursorRect(cursor).left() - 1, rect.center().y())  # right of the "d"
    rest_at(left.viewport(), point)
    assert left.marked_word == (start, end)
    help_event = QHelpEvent(QEvent.Type.ToolTip, point, left.viewport().mapToGlobal(point))
    QApplication.sendEvent(left.viewport(), help_event)
    assert QToolTip.text().endswith("“old” became “new”")
    QToolTip.hideText()


def test_the_frame_follows_the_selection_under_a_mouse_that_stays_still(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, edited_pair())
    left, right = view.panes[Side.ORIGINAL], view.panes[Side.REWRITE]
    hover(view, Side.ORIGINAL, "old")
    link = view.navigation.link_at(Side.ORIGINAL, span_of(left, "old")[0])
    kind = view.styles.line(view.navigation.links[link].kind)
    assert left.marked_colour == right.marked_colour == kind
    point = point_of(left, span_of(left, "old")[0] + 1)  # where the mouse rests
    QTest.mouseClick(left.viewport(), Qt.MouseButton.LeftButton, pos=point)  # selects the link
    assert view.selected == link and left.marked_word == span_of(left, "old")
    assert left.marked_colour == right.marked_colour == view.styles.selection()[1]
    view.select_link(-1)  # the selection cleared: back to the kind's colour
    assert left.marked_colour == right.marked_colour == kind
