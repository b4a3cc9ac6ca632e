"""The seed pair (a real paywalled article and its content-farm paraphrase) as the window shows it:
every highlight and every connector matches the engine's comparison."""

from __future__ import annotations

from pathlib import Path

from retold.api import compare_files
from retold.engine.model import LinkKind, Side
from tests.gui.test_compare_view import check_formats, make_view


def test_seed_pair_highlights_and_connectors_match_the_engine(qtbot, shared: Path) -> None:  # type: ignore[no-untyped-def]
    seeds = shared / "seeds"
    comparison = compare_files(
        seeds / "001_7fbc60f51aee3b8a.txt", seeds / "000_72ccf2e9ff7e7f58.txt"
    )
    view = make_view(qtbot, comparison, width=1400, height=4000)  # tall enough to show it all
    assert view.panes[Side.ORIGINAL].toPlainText() == comparison.original.text
    assert view.panes[Side.REWRITE].toPlainText() == comparison.rewrite.text
    assert check_formats(view, comparison) >= 2 * sum(link.is_match for link in comparison.links)
    connectors = {c.link: c for c in view.link_map.connectors()}
    assert set(connectors) == set(range(len(comparison.links)))
    for number, link in enumerate(comparison.links):
        connector = connectors[number]
        assert (connector.kind, connector.moved) == (link.kind, link.moved)
        assert (connector.left is None) == (link.kind is LinkKind.ADDED)
        assert (connector.right is None) == (link.kind is LinkKind.REMOVED)
    assert any(len(link.original_sentences) == 2 for link in comparison.links)  # the gold merge
