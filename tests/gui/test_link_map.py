"""The link map draws one band per visible link, at both groups' heights."""

from __future__ import annotations

from retold.engine.model import LinkKind, Side
from retold.gui.compare_view import CompareView
from retold.gui.link_map import Connector
from tests.gui._builders import long_pair, sample


def make_view(qtbot, comparison) -> CompareView:  # type: ignore[no-untyped-def]
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    view.set_comparison(comparison)
    return view


def left_extent(view: CompareView, spans) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    pane = view.panes[Side.ORIGINAL]
    top, bottom = pane.spans_extent(spans)  # type: ignore[misc]
    origin = pane.viewport().rect().topLeft()
    shift = pane.viewport().mapTo(view, origin).y() - view.link_map.mapTo(view, origin).y()
    return top + shift, bottom + shift


def inside(band: tuple[float, float], lines: tuple[int, int]) -> bool:
    """A band keeps to the lines its sentences are on (it gets a slice of a shared line)."""
    return lines[0] <= band[0] < band[1] <= lines[1] + 1


def test_connectors_follow_the_links(qtbot) -> None:  # type: ignore[no-untyped-def]
    comparison = sample()
    view = make_view(qtbot, comparison)
    connectors = {c.link: c for c in view.link_map.connectors()}
    assert set(connectors) == set(range(len(comparison.links)))  # all in view
    for number, link in enumerate(comparison.links):
        c = connectors[number]
        assert (c.kind, c.moved) == (link.kind, link.moved)
        assert (c.left is None) == (link.kind is LinkKind.ADDED)
        assert (c.right is None) == (link.kind is LinkKind.REMOVED)
        if c.left:
            assert inside(c.left, left_extent(view, link.original))
    # The merge: two original sentences join one rewrite sentence in a single band.
    merge = connectors[5]
    assert merge.left and merge.right
    assert len(comparison.links[5].original_sentences) == 2
    assert inside(merge.left, left_extent(view, comparison.links[5].original))
    # The moved link crosses the merge: above it on the left, below it on the right.
    moved = connectors[3]
    assert moved.left and moved.right
    assert moved.left[0] < merge.left[0] and moved.right[0] > merge.right[0]


def test_only_visible_links_are_drawn_and_follow_scrolling(qtbot) -> None:  # type: ignore[no-untyped-def]
    comparison = long_pair(200)
    view = make_view(qtbot, comparison)
    first = view.link_map.connectors()
    assert 5 < len(first) < 100
    view.panes[Side.ORIGINAL].verticalScrollBar().setValue(2000)
    later: list[Connector] = view.link_map.connectors()
    assert min(c.link for c in later) > max(c.link for c in first)
    height = view.link_map.height()

    def shown(extent: tuple[int, int] | None) -> bool:
        return extent is not None and extent[1] >= 0 and extent[0] <= height

    assert all(shown(c.left) or shown(c.right) for c in later)
