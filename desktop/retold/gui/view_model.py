"""What the window shows of a comparison, as plain data built on the worker thread.

Qt-free. Navigation, each side's style runs and changed-fact spans take a while for a book-length
pair; computed with the comparison (off the GUI thread), they leave the GUI thread only the
painting. ``CompareView.set_comparison`` builds one itself when it is not given one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from retold.engine.model import Comparison, Side, Span
from retold.engine.navigate import Navigation, build_navigation
from retold.gui.display_text import StyleKey, style_runs


@dataclass(frozen=True, slots=True)
class ViewModel:
    comparison: Comparison
    navigation: Navigation
    runs: Mapping[Side, list[tuple[int, int, StyleKey]]]  # paint order, as style_runs gives
    facts: Mapping[Side, list[Span]]  # changed facts' spans, marked over their runs


def build_view_model(comparison: Comparison) -> ViewModel:
    facts = {
        side: [
            span
            for link in comparison.links
            for fact in link.facts
            if (span := fact.original if side is Side.ORIGINAL else fact.rewrite)
        ]
        for side in Side
    }
    return ViewModel(
        comparison,
        build_navigation(comparison),
        {side: style_runs(comparison, side) for side in Side},
        facts,
    )
