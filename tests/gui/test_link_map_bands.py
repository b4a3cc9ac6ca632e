"""Sentences that share a line get bands of their own in the link map, which a pointer finds."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QToolTip

from retold.engine.model import Comparison, LinkKind, Side
from retold.gui.compare_view import CompareView
from retold.gui.link_map import Connector
from retold.gui.styles import tooltip
from tests.gui._builders import LinkSpec, comparison, document
from tests.gui.test_link_map import left_extent, make_view

SHORT = ["Yes.", "No.", "Rain.", "It stopped.", "We left.", "Dogs.", "Fine."]
KINDS = [LinkKind.EDITED, LinkKind.REWORDED, LinkKind.IDENTICAL]


def short_pair(paragraphs: int = 4, kinds: list[LinkKind] = KINDS) -> Comparison:
    """Paragraphs of seven short sentences, each one line wide, every sentence its own link."""
    paras = [list(SHORT) for _ in range(paragraphs)]
    specs: list[LinkSpec] = []
    for n in range(paragraphs * len(SHORT)):
        specs.append((kinds[n % len(kinds)], (n,), (n,), False, []))
    return comparison(document("o.txt", paras), document("r.txt", paras), specs)


def line_of(view: CompareView, link: int) -> tuple[int, int]:
    assert view.comparison is not None
    return left_extent(view, view.comparison.links[link].original)


def test_sentences_sharing_a_line_get_bands_of_their_own(qtbot) -> None:  # type: ignore[no-untyped-def]
    pair = short_pair()
    view = make_view(qtbot, pair)
    connectors = view.link_map.connectors()
    assert [c.link for c in connectors] == list(range(len(pair.links)))
    first_line = [c for c in connectors if line_of(view, c.link) == line_of(view, 0)]
    assert len(first_line) == len(SHORT)  # the whole paragraph sits on one line
    for c in connectors:
        assert c.left and c.right
        top, bottom = line_of(view, c.link)
        assert top <= c.left[0] and c.left[1] <= bottom + 1
        assert c.left[1] - c.left[0] >= 2  # a slice of the line, not a hairline
    for before, after in pairwise(connectors):
        assert before.left and after.left and before.right and after.right
        assert before.left[1] <= after.left[0] and before.right[1] <= after.right[0]


def test_a_merge_on_one_line_spans_its_sentences_slices(qtbot) -> None:  # type: ignore[no-untyped-def]
    words = [["One.", "Two.", "Three.", "Four."]]
    specs: list[LinkSpec] = [
        (LinkKind.IDENTICAL, (0,), (0,), False, []),
        (LinkKind.EDITED, (1, 2), (1,), False, []),
        (LinkKind.IDENTICAL, (3,), (2,), False, []),
    ]
    view = make_view(
        qtbot,
        comparison(document("o", words), document("r", [["One.", "Two Three.", "Four."]]), specs),
    )
    one, merge, four = view.link_map.connectors()
    assert one.left and merge.left and four.left and merge.right
    assert one.left[1] <= merge.left[0] < merge.left[1] <= four.left[0]
    quarter = one.left[1] - one.left[0]
    assert merge.left[1] - merge.left[0] == pytest.approx(2 * quarter)  # two of four sentences
    assert merge.right[1] - merge.right[0] == pytest.approx(quarter * 4 / 3)  # one of three


def band_middle(c: Connector) -> QPointF:
    """A point inside ``c``'s band, near the link map's left edge."""
    assert c.left is not None
    return QPointF(1.0, (c.left[0] + c.left[1]) / 2)


def test_pointing_at_a_band_picks_its_link(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, short_pair())
    link_map = view.link_map
    connectors = link_map.connectors()
    for c in connectors:
        assert link_map.link_at(band_middle(c)) == c.link
    target = connectors[9]
    point = band_middle(target)
    global_point = link_map.mapToGlobal(point)
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        click = QMouseEvent(
            kind,
            point,
            global_point,
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(link_map, click)
    assert view.selected == target.link == link_map.selected
    assert link_map.link_at(QPointF(link_map.width() / 2, link_map.height() - 2)) == -1


@pytest.mark.qt_log_ignore(r"^This plugin does not support raise\(\)$")  # the tooltip, offscreen
def test_hovering_a_band_names_its_link(qtbot) -> None:  # type: ignore[no-untyped-def]
    pair = short_pair()
    view = make_view(qtbot, pair)
    link_map = view.link_map
    target = link_map.connectors()[4]
    point = band_middle(target).toPoint()
    assert link_map.link_at(QPointF(point)) == target.link  # still inside once rounded
    event = QHelpEvent(QEvent.Type.ToolTip, point, link_map.mapToGlobal(point))
    QApplication.sendEvent(link_map, event)
    link = pair.links[target.link]
    assert QToolTip.text() == tooltip(link.kind, link.similarity, link.moved)
    QToolTip.hideText()


def test_links_folded_into_one_line_share_one_band(qtbot) -> None:  # type: ignore[no-untyped-def]
    # Each paragraph: an edited sentence, five identical ones, a reworded one.
    pair = short_pair(kinds=[LinkKind.EDITED, *[LinkKind.IDENTICAL] * 5, LinkKind.REWORDED])
    view = make_view(qtbot, pair)
    view.set_view_options(True, False, 11)
    connectors = view.link_map.connectors()
    assert len(connectors) == 4 * 3  # a band per fold line, not one per folded sentence
    shown = [c for c in connectors if c.left and c.right]
    for before, after in pairwise(shown):
        assert before.left and after.left
        assert before.left[1] <= after.left[0]
    assert view.panes[Side.ORIGINAL].toPlainText().count("⋯ 5 identical sentences ⋯") == 4


def test_thin_bands_stand_out_from_the_strip(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = make_view(qtbot, short_pair())
    image = view.link_map.grab().toImage()
    ratio = image.devicePixelRatio()
    strip = image.pixelColor(1, round((view.link_map.height() - 3) * ratio)).lightness()
    connectors = view.link_map.connectors()
    assert {c.kind for c in connectors} == set(KINDS)  # identical bands, the palest, too
    for c in connectors:
        middle = band_middle(c)
        band = image.pixelColor(round(middle.x() * ratio), round(middle.y() * ratio))
        assert strip - band.lightness() > 20, c


def _fresh_connectors(view: CompareView) -> list[Connector]:
    """The bands a new link map on the same panes draws: nothing measured before."""
    from retold.gui.link_map import LinkMap

    fresh = LinkMap(view.panes[Side.ORIGINAL], view.panes[Side.REWRITE], view)
    fresh.setGeometry(view.link_map.geometry())
    fresh.set_navigation(view.navigation, view.styles)
    try:
        return fresh.connectors()
    finally:
        fresh.deleteLater()


def test_bands_measured_once_follow_scrolling_and_a_new_layout(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The map keeps the ends it measured while the text keeps its layout; scrolled, it draws
    what a map measuring afresh draws, and so after the text reflows or is folded."""
    pair = short_pair(paragraphs=60)
    view = make_view(qtbot, pair)
    view.settle()
    bar = view.panes[Side.ORIGINAL].verticalScrollBar()
    assert bar.maximum() > 0

    def same_as_fresh() -> None:
        for value in range(0, bar.maximum() + 1, max(bar.pageStep() // 3, 1)):
            bar.setValue(value)
            assert view.link_map.connectors() == _fresh_connectors(view)

    same_as_fresh()
    view.set_view_options(False, False, 15)  # a bigger font: laid out again
    view.settle()
    same_as_fresh()
    width = view.panes[Side.ORIGINAL].viewport().width()
    view.resize(600, 500)  # narrower: the lines wrap elsewhere
    qtbot.waitUntil(lambda: view.panes[Side.ORIGINAL].viewport().width() < width)
    view.settle()
    same_as_fresh()
    view.set_view_options(True, False, 15)  # identical links folded away
    view.settle()
    same_as_fresh()
