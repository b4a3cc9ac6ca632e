"""Moving through the comparison: next/previous change, aligned scrolling, the overview."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from retold.engine.model import Side
from retold.engine.navigate import build_navigation
from retold.gui.compare_view import CompareView
from tests.gui._builders import sample, with_additions


def make_view(qtbot, comparison, height: int = 400) -> CompareView:  # type: ignore[no-untyped-def]
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(900, height)
    view.show()
    qtbot.waitExposed(view)
    view.set_comparison(comparison)
    return view


def in_view(view: CompareView, link: int) -> bool:
    found = view.navigation.links[link]  # type: ignore[union-attr]
    for side, pane in view.panes.items():
        spans = found.original if side is Side.ORIGINAL else found.rewrite
        extent = pane.spans_extent(spans)
        if extent is not None and not (extent[0] >= 0 and extent[1] <= pane.viewport().height()):
            return False
    return True


def test_next_and_previous_change_follow_the_stops(qtbot) -> None:  # type: ignore[no-untyped-def]
    comparison = with_additions(40)
    view = make_view(qtbot, comparison)
    stops = build_navigation(comparison).stops
    assert len(stops) == 10
    seen = []
    for _ in stops:
        with qtbot.waitSignal(view.linkSelected) as signal:
            view.next_change()
        seen.append(signal.args[0])
        assert in_view(view, seen[-1])
    assert seen == list(stops)
    view.next_change()  # past the last: stays
    assert view.selected == stops[-1]
    view.previous_change()
    assert view.selected == stops[-2]
    assert in_view(view, stops[-2])


def test_scrolling_one_pane_aligns_the_other(qtbot) -> None:  # type: ignore[no-untyped-def]
    comparison = with_additions(60)
    view = make_view(qtbot, comparison)
    left, right = view.panes[Side.ORIGINAL], view.panes[Side.REWRITE]
    nav = view.navigation
    assert nav is not None
    middle = left.viewport().height() // 2
    for value in (300, 900, 1500):
        left.verticalScrollBar().setValue(value)
        link = nav.anchor_link(Side.ORIGINAL, left.offset_at_y(middle))
        here = left.spans_extent(comparison.links[link].original)
        there = right.spans_extent(comparison.links[link].rewrite)
        assert here and there
        # The partner sits at the same height (within a line), although the rewrite is longer.
        assert abs(there[0] - here[0]) <= left.fontMetrics().height()
    # And back: scrolling the rewrite moves the original.
    right.verticalScrollBar().setValue(right.verticalScrollBar().value() + 400)
    link = nav.anchor_link(Side.REWRITE, right.offset_at_y(middle))
    here = right.spans_extent(comparison.links[link].rewrite)
    there = left.spans_extent(comparison.links[link].original)
    assert here and there and abs(there[0] - here[0]) <= left.fontMetrics().height()
    assert right.verticalScrollBar().value() != left.verticalScrollBar().value()


def test_overview_ticks_mark_changes_and_jump(qtbot) -> None:  # type: ignore[no-untyped-def]
    comparison = with_additions(60)
    view = make_view(qtbot, comparison)
    overview = view.overviews[Side.REWRITE]
    qtbot.waitUntil(lambda: bool(overview.ticks))  # measured once Qt has laid the text out
    assert [t.link for t in overview.ticks] == list(build_navigation(comparison).stops)
    assert view.overviews[Side.ORIGINAL].ticks == []  # added links have no original side
    starts = [t.start for t in overview.ticks]
    assert starts == sorted(starts) and starts[0] >= 0 and starts[-1] < 1
    last = overview.ticks[-1]
    y = (last.start + last.end) / 2 * overview.height()
    with qtbot.waitSignal(view.linkSelected) as signal:
        QTest.mouseClick(overview, Qt.MouseButton.LeftButton, pos=QPointF(5, y).toPoint())
    assert signal.args == [last.link]
    assert in_view(view, last.link)


def test_tooltip_names_kind_similarity_and_move(qtbot) -> None:  # type: ignore[no-untyped-def]
    comparison = sample()
    view = make_view(qtbot, comparison)
    pane = view.panes[Side.REWRITE]
    offset = comparison.rewrite.text.index("Officials")
    first, *words = pane.tooltip_for(offset).splitlines()
    assert first == "Reworded · similarity 0.55 · moved"
    assert words == ["“Officials” was “The mayor”"]  # what the hovered word replaced
    assert pane.tooltip_for(comparison.rewrite.text.index("Readers")) == "Added"
