"""Fold lines of "show only changes": a click or Enter opens one fold, on both sides."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from retold.engine.model import Comparison, LinkKind, Side
from retold.gui.compare_view import CompareView
from retold.gui.display_text import Fold
from retold.gui.pane import Pane
from tests.gui._builders import LinkSpec, comparison, document
from tests.gui.test_compare_view import make_view
from tests.gui.test_word_hover import rest_at


def runs_pair(paragraphs: int = 12) -> Comparison:
    """Identical paragraphs but for one edited sentence in every third: runs of identical ones.

    Folded, the original shows 9, 11, 11, 11 and 2 identical sentences between the edits.
    """
    oparas, rparas, specs = [], [], list[LinkSpec]()
    for p in range(paragraphs):
        sentences = [f"Paragraph {p} sentence {i} reads the same on both sides." for i in range(4)]
        oparas.append(sentences)
        rparas.append(list(sentences))
        for i in range(4):
            n = len(specs)
            if i == 1 and p % 3 == 2:
                rparas[-1][i] = sentences[i].replace("reads", "is")
                specs.append((LinkKind.EDITED, (n,), (n,), False, [("replace", "reads", "is")]))
            else:
                specs.append((LinkKind.IDENTICAL, (n,), (n,), False, []))
    return comparison(document("o.txt", oparas), document("r.txt", rparas), specs)


def folded_view(qtbot, pair: Comparison) -> CompareView:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, pair, height=400)
    view.set_view_options(True, False, 11)
    return view


def labels(pane: Pane) -> list[Fold]:
    return [fold for _shown, fold in pane.display.folds if fold.label]


def label_point(pane: Pane, fold: Fold) -> QPoint:
    """The middle of the third character of ``fold``'s label, in viewport coordinates."""
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.display.to_qt(fold.source_start) + 2)
    return pane.cursorRect(cursor).center()


def text_of(pair: Comparison, link: int, side: Side) -> str:
    document = pair.original if side is Side.ORIGINAL else pair.rewrite
    start, end = (pair.links[link].original if side is Side.ORIGINAL else pair.links[link].rewrite)[
        0
    ]
    return document.text[start:end]


def test_a_click_on_a_fold_line_opens_that_fold_only(qtbot) -> None:  # type: ignore[no-untyped-def]
    pair = runs_pair()
    view = folded_view(qtbot, pair)
    left, right = view.panes[Side.ORIGINAL], view.panes[Side.REWRITE]
    folds = labels(left)
    assert len(folds) == 5 and len(labels(right)) == 5
    target = folds[1]  # 11 identical sentences between two edited ones
    assert target.sentences == 11
    before = left.offset_rect(target.source_start).top()
    QTest.mouseClick(left.viewport(), Qt.MouseButton.LeftButton, pos=label_point(left, target))
    shown = [
        n
        for n, link in enumerate(pair.links)
        if target.source_start <= link.original[0][0] < target.source_end
    ]
    assert len(shown) == 11
    for side, pane in view.panes.items():
        for n in shown:
            assert text_of(pair, n, side) in pane.toPlainText()
        assert pane.toPlainText().count("⋯ 11 identical sentences ⋯") == 2
        assert len(labels(pane)) == 4  # the other folds stay folded
    assert view.selected == -1  # opening a fold selects nothing
    # The opened text starts where its fold line was, and the other side lines up with it.
    assert left.offset_rect(target.source_start).top() == before
    first = pair.links[shown[0]]
    assert left.spans_extent(first.original) == right.spans_extent(first.rewrite)
    # The link map joins every opened sentence to its partner at the same height.
    connectors = {c.link: c for c in view.link_map.connectors()}
    in_view = [connectors[n] for n in shown if n in connectors]
    assert len(in_view) > 5
    assert all(c.left == c.right for c in in_view)
    assert len({c.left for c in in_view}) > 5  # not all drawn on the fold line


def test_the_overview_follows_the_opened_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    pair = runs_pair()
    view = folded_view(qtbot, pair)
    left, overview = view.panes[Side.ORIGINAL], view.overviews[Side.ORIGINAL]
    qtbot.waitUntil(lambda: bool(overview.ticks))  # measured once Qt has laid the text out
    before = {t.link: t.start for t in overview.ticks}
    fold = labels(left)[0]
    QTest.mouseClick(left.viewport(), Qt.MouseButton.LeftButton, pos=label_point(left, fold))
    qtbot.waitUntil(lambda: bool(overview.ticks))
    after = {t.link: t.start for t in overview.ticks}
    assert set(after) == set(before)
    first_change = min(before)
    assert after[first_change] > before[first_change] + 0.05  # pushed down by the opened text


def test_enter_on_a_fold_line_opens_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = folded_view(qtbot, runs_pair())
    right = view.panes[Side.REWRITE]
    fold = labels(right)[2]
    cursor = right.textCursor()
    cursor.setPosition(right.display.to_qt(fold.source_start) + 1)
    right.setTextCursor(cursor)
    right.setFocus()
    QTest.keyClick(right, Qt.Key.Key_Return)
    assert fold not in labels(right)
    assert len(labels(right)) == 4
    QTest.keyClick(right, Qt.Key.Key_Return)  # the caret is on text now: nothing more opens
    assert len(labels(right)) == 4


@pytest.mark.qt_log_ignore(r"^This plugin does not support raise\(\)$")  # the tooltip, offscreen
def test_a_fold_line_looks_clickable(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = folded_view(qtbot, runs_pair())
    left = view.panes[Side.ORIGINAL]
    fold = labels(left)[1]
    point = label_point(left, fold)
    rest_at(left.viewport(), point)
    qtbot.waitUntil(lambda: left.viewport().cursor().shape() == Qt.CursorShape.PointingHandCursor)
    text_point = left.offset_rect(fold.source_end + 5).center()
    QTest.mouseMove(left.viewport(), text_point)
    qtbot.waitUntil(lambda: left.viewport().cursor().shape() == Qt.CursorShape.IBeamCursor)
    help_event = QHelpEvent(QEvent.Type.ToolTip, point, left.viewport().mapToGlobal(point))
    QApplication.sendEvent(left.viewport(), help_event)
    assert QToolTip.text() == "Click (or press Enter) to show 11 identical sentences"
    QToolTip.hideText()


def test_opened_folds_stay_open_until_the_comparison_or_the_option_changes(qtbot) -> None:  # type: ignore[no-untyped-def]
    pair = runs_pair()
    view = folded_view(qtbot, pair)
    left = view.panes[Side.ORIGINAL]
    QTest.mouseClick(
        left.viewport(), Qt.MouseButton.LeftButton, pos=label_point(left, labels(left)[0])
    )
    assert len(labels(left)) == 4
    view.set_view_options(True, False, 14)  # a new font size keeps them open
    assert len(labels(left)) == 4
    view.set_view_options(False, False, 14)
    view.set_view_options(True, False, 14)
    assert len(labels(left)) == 5
    QTest.mouseClick(
        left.viewport(), Qt.MouseButton.LeftButton, pos=label_point(left, labels(left)[0])
    )
    assert len(labels(left)) == 4
    view.set_comparison(pair)
    assert len(labels(left)) == 5


def test_selecting_a_folded_link_shows_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    pair = runs_pair()
    view = folded_view(qtbot, pair)
    left, right = view.panes[Side.ORIGINAL], view.panes[Side.REWRITE]
    fold_band = view.link_map.connectors()[0]  # the first fold line's band
    assert fold_band.left is not None and fold_band.link == 0
    middle = QPoint(2, round(sum(fold_band.left) / 2))
    with qtbot.waitSignal(view.linkSelected) as signal:
        QTest.mouseClick(view.link_map, Qt.MouseButton.LeftButton, pos=middle)
    assert signal.args == [0] and view.selected == 0
    for side, pane in view.panes.items():
        assert text_of(pair, 0, side) in pane.toPlainText()  # shown, and only it
        assert "⋯ 8 identical sentences ⋯" in pane.toPlainText()
    spans = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in left.extraSelections()]
    assert spans == [tuple(left.display.to_qt(o) for o in pair.links[0].original[0])]
    assert right.extraSelections()
