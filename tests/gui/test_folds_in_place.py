"""Opening a fold edits the panes' text in place, and they look as if built anew with it open.

A book's fold opened by filling the whole text in again froze the window for 0.7 s; now the fold
line is replaced by what it hid. Each test opens folds in place (a click, Find, a selection) and
compares both panes with those of a second view built from scratch with the same folds open: the
text, each character's format, the blocks, every offset's display and Qt position, the layout
heights, the marks, the link map and the overview's ticks. A real comparison of a pair with runs
of identical sentences, astral characters (two UTF-16 units in Qt), Windows line breaks and one
paragraph long enough to be cut into lines (its cuts move when a fold in it opens).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

import retold
from retold.engine.model import Comparison, Side
from retold.gui.compare_view import CompareView
from retold.gui.display_text import LONGEST_BLOCK, Fold
from retold.gui.pane import LAYERS, Pane
from tests.gui.test_compare_view import make_view

ANIMALS = ["fox 🦊", "owl", "heron", "badger 🦡", "otter", "crane"]


def sentence(p: int, i: int) -> str:
    return f"Paragraph {p} sentence {i} tells of the {ANIMALS[(p + i) % 6]} by the river."


def rewritten(p: int, i: int) -> str:
    return f"In paragraph {p} line {i} speaks about a {ANIMALS[(p + i) % 6]} near the water."


def texts() -> tuple[str, str]:
    """Runs of identical sentences between changed ones; the 6th paragraph is long (cut into
    lines) with changes in it; one sentence moves; the original's breaks are Windows'."""
    original, rewrite = [], []
    for p in range(14):
        count = 400 if p == 6 else 5
        old = [sentence(p, i) for i in range(count)]
        new = list(old)
        for i in range(count):
            if (p * 7 + i) % 11 == 3 or (p == 6 and i % 40 == 20):
                new[i] = rewritten(p, i)
        if p == 9:
            new.append("A sentence added at the end of this paragraph, with a swan 🦢 too.")
        original.append(" ".join(old))
        rewrite.append(" ".join(new))
    moved = rewrite.pop(3)
    rewrite.insert(11, moved)  # a whole identical paragraph moves: its links are moved ones
    return "\r\n\r\n".join(original), "\n\n".join(rewrite)


@pytest.fixture(scope="module")
def pair() -> Comparison:
    original, rewrite = texts()
    assert len(" ".join(sentence(6, i) for i in range(400))) > 2 * LONGEST_BLOCK
    return retold.compare(original, rewrite, retold.CompareOptions(semantic=False))


def folded(qtbot, pair: Comparison) -> CompareView:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, pair, width=900, height=500)
    view.set_view_options(True, False, 11)
    view.settle()
    return view


def labels(pane: Pane) -> list[Fold]:
    return [fold for _shown, fold in pane.display.folds if fold.label]


def fresh_like(qtbot, pair: Comparison, view: CompareView) -> CompareView:  # type: ignore[no-untyped-def]
    """A view of ``pair`` with ``view``'s folds open, its text filled in anew."""
    other = make_view(qtbot, pair, width=view.width(), height=view.height())
    other.set_view_options(True, False, 11)
    other.expanded |= view.expanded
    other._rebuild()  # the full rebuild, which the edit in place must equal
    other.settle()
    return other


def format_runs(pane: Pane) -> list[tuple[int, int, dict[int, object]]]:
    """Each stretch of one character format: Qt start, end, the format's properties (block
    separators included: each block's char format at its end)."""
    runs: list[tuple[int, int, dict[int, object]]] = []

    def add(start: int, end: int, properties: dict[int, object]) -> None:
        if runs and runs[-1][1] == start and runs[-1][2] == properties:
            runs[-1] = (runs[-1][0], end, properties)
        else:
            runs.append((start, end, properties))

    block = pane.document().firstBlock()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            end = fragment.position() + fragment.length()
            add(fragment.position(), end, fragment.charFormat().properties())
            fragments += 1
        if block.next().isValid():  # the separator: the format a cursor after it reports
            cursor = QTextCursor(block.next())
            add(
                block.next().position() - 1,
                block.next().position(),
                cursor.charFormat().properties(),
            )
        block = block.next()
    return runs


def blocks(pane: Pane) -> list[tuple[int, int, dict[int, object], dict[int, object]]]:
    found, block = [], pane.document().firstBlock()
    while block.isValid():
        found.append(
            (
                block.position(),
                block.length(),
                block.blockFormat().properties(),
                block.charFormat().properties(),
            )
        )
        block = block.next()
    return found


def selections(pane: Pane) -> dict[str, list[tuple[int, int, dict[int, object]]]]:
    return {
        name: [
            (s.cursor.selectionStart(), s.cursor.selectionEnd(), s.format.properties())
            for s in pane.layer(name)
        ]
        for name in LAYERS
    }


def assert_same(view: CompareView, fresh: CompareView, pair: Comparison) -> None:
    """Both panes of ``view`` look and map as ``fresh``'s do."""
    view.settle()
    for side in Side:
        pane, other = view.panes[side], fresh.panes[side]
        document = pair.original if side is Side.ORIGINAL else pair.rewrite
        assert pane.display.text == other.display.text
        assert pane.display.folds == other.display.folds
        assert pane.document().toRawText() == other.document().toRawText()
        assert pane.qt_end == other.qt_end == pane.display.qt_length
        assert blocks(pane) == blocks(other)
        assert format_runs(pane) == format_runs(other)
        offsets = range(len(document.text) + 1)
        assert [pane.display.to_qt(x) for x in offsets] == [other.display.to_qt(x) for x in offsets]
        positions = range(pane.qt_end + 1)
        assert [pane.display.from_qt(q) for q in positions] == [
            other.display.from_qt(q) for q in positions
        ]
        assert [pane.display.fold_at(q) for q in positions] == [
            other.display.fold_at(q) for q in positions
        ]
        ours, theirs = view._shown[side], fresh._shown[side]
        assert (ours.marked, ours.ends) == (theirs.marked, theirs.ends)
        starts = [s.start for s in document.sentences] + [s.end for s in document.sentences]
        assert pane.viewport().width() == other.viewport().width()
        assert pane.document_tops(starts) == other.document_tops(starts)  # laid out alike
        assert selections(pane) == selections(other)
        assert view.overviews[side].ticks == fresh.overviews[side].ticks
    assert view.expanded == fresh.expanded
    fresh._syncing = True  # both panes scrolled as this view's are, neither following the other
    try:
        for side in Side:
            value = view.panes[side].verticalScrollBar().value()
            fresh.panes[side].verticalScrollBar().setValue(value)
    finally:
        fresh._syncing = False
    bands = view.link_map.connectors()
    assert bands and bands == fresh.link_map.connectors()
    for side in Side:  # what the mouse is over, and what its tooltip says
        pane, other = view.panes[side], fresh.panes[side]
        assert pane.verticalScrollBar().value() == other.verticalScrollBar().value()
        points = [QPoint(x, y) for x in range(4, 400, 37) for y in range(2, 480, 9)]
        under = [pane.offset_under(point) for point in points]
        assert under == [other.offset_under(point) for point in points]
        assert [pane.fold_under(point) for point in points] == [
            other.fold_under(point) for point in points
        ]
        assert [pane.tooltip_for(x) for x in under] == [other.tooltip_for(x) for x in under]


def label_point(pane: Pane, fold: Fold) -> QPoint:
    pane.ensure_spans_visible([(fold.source_start, fold.source_start + 1)])
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.display.to_qt(fold.source_start) + 2)
    return pane.cursorRect(cursor).center()


def click_fold(view: CompareView, side: Side, number: int) -> Fold:
    """Click the label of ``side``'s fold ``number`` (-1: the last), its text edited in place."""
    pane = view.panes[side]
    document = pane.document()
    fold = labels(pane)[number]
    QTest.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=label_point(pane, fold))
    assert pane.document() is document  # edited, not filled in anew
    assert fold not in labels(pane)
    return fold


@pytest.mark.parametrize(
    ("side", "numbers"),
    [
        (Side.ORIGINAL, ["first"]),
        (Side.ORIGINAL, ["middle"]),
        (Side.REWRITE, ["last"]),
        (Side.ORIGINAL, ["middle", "middle"]),  # adjacent: the one after the opened one
        (Side.REWRITE, ["last", "first", "middle", "last"]),
    ],
)
def test_opened_folds_look_as_if_built_open(
    qtbot, pair: Comparison, side: Side, numbers: list[str]
) -> None:  # type: ignore[no-untyped-def]
    view = folded(qtbot, pair)
    assert len(labels(view.panes[side])) >= 5
    for name in numbers:
        count = len(labels(view.panes[side]))
        click_fold(view, side, {"first": 0, "middle": count // 2, "last": -1}[name])
    assert_same(view, fresh_like(qtbot, pair, view), pair)


def test_folds_in_the_long_paragraph_open_and_its_lines_are_cut_anew(
    qtbot, pair: Comparison
) -> None:  # type: ignore[no-untyped-def]
    """Its folds opened from its end: once it is long enough it is cut into lines, and each
    fold opened before the cuts moves them (the edit takes the changed cuts in)."""
    view = folded(qtbot, pair)
    pane = view.panes[Side.ORIGINAL]
    text = pair.original.text
    start, end = text.index(sentence(6, 0)), text.index(sentence(7, 0))

    def cut() -> int:
        """The lines the pane's paragraphs were cut into: breaks shown for spaces."""
        display = pane.display
        return sum(
            display.source[display.source_from_display(i)] == " "
            for i, letter in enumerate(display.text)
            if letter == "\n"
        )

    cuts = []
    while inside := [k for k, fold in enumerate(labels(pane)) if start <= fold.source_start < end]:
        click_fold(view, Side.ORIGINAL, inside[-1])
        cuts.append(cut())
        if cuts[-1] == 1 and cuts.count(1) == 2:  # cut, and cut again elsewhere
            assert_same(view, fresh_like(qtbot, pair, view), pair)
    assert cuts[0] == 0 and cuts[-1] >= 2
    assert_same(view, fresh_like(qtbot, pair, view), pair)


def test_selecting_a_folded_link_opens_it_in_place(qtbot, pair: Comparison) -> None:  # type: ignore[no-untyped-def]
    """The overview or the link map may select a moved identical link, folded away."""
    view = folded(qtbot, pair)
    documents = {side: view.panes[side].document() for side in Side}
    navigation = view.navigation
    assert navigation is not None
    link = next(
        n
        for n, found in enumerate(navigation.links)
        if found.moved and view.panes[Side.REWRITE].display.hidden(found.rewrite[0][0])
    )
    view.select_link(link)
    assert {side: view.panes[side].document() for side in Side} == documents
    assert view.selected == link
    fresh = fresh_like(qtbot, pair, view)
    fresh.select_link(link)
    assert_same(view, fresh, pair)
    view.next_change()  # F8 goes on from it as it would there
    fresh.next_change()
    assert view.selected == fresh.selected
    assert_same(view, fresh, pair)


def test_find_opens_the_fold_holding_a_match_in_place(qtbot, app_window, pair: Comparison) -> None:  # type: ignore[no-untyped-def]
    """Find lands on a match inside a fold: the fold opens in place, the marks are as if the
    text had been built open."""
    window, _controller = app_window
    view = window.compare_view
    view.set_comparison(pair)
    view.set_view_options(True, False, 11)
    view.settle()
    pane = view.panes[Side.ORIGINAL]
    fold = labels(pane)[-2]
    phrase = next(
        text
        for s in pair.original.sentences
        if fold.source_start <= s.start < fold.source_end
        and pair.original.text.count(text := pair.original.text[s.start : s.end]) == 1
    )
    document = pane.document()
    window.commands.find.trigger()
    window.find_bar.field.setText(phrase)
    QTest.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert pane.document() is document
    assert fold not in labels(pane)
    finder_marks = selections(pane)["current"]
    assert len(finder_marks) == 1
    start = pair.original.text.index(phrase)
    assert finder_marks[0][:2] == (
        pane.display.to_qt(start),
        pane.display.to_qt(start + len(phrase)),
    )
    fresh = fresh_like(qtbot, pair, view)
    for side in Side:  # Find marks the fresh view's panes as it marked these
        for name in ("find", "current"):
            layer = view.panes[side]._marks[name]
            fresh.panes[side].set_layer(name, *layer)
    fresh.select_link(view.selected)
    assert_same(view, fresh, pair)
