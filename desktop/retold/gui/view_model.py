"""What the window shows of a comparison, as plain data built on the worker thread.

Qt-free. Navigation, each side's looks flattened into pieces, the folds of the view options,
the display text they give and the copy of each text Find searches take a while for a book;
computed with the comparison (off the GUI thread), they leave the GUI thread only the painting.
``CompareView`` builds what it is not given (a view model without one, or other view options:
folds opened by the reader)."""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass, replace

from retold.engine.model import Comparison, Document, LinkKind, Side, Span
from retold.engine.navigate import Navigation, build_navigation, link_spans
from retold.gui.display_text import DisplayText, folds_for, style_runs
from retold.gui.pieces import Piece, display_pieces, flatten
from retold.gui.search_text import SearchText


@dataclass(frozen=True, slots=True)
class Shown:
    """One side as a pane shows it for some view options: the text and its pieces."""

    display: DisplayText
    pieces: list[Piece]  # display ranges covering the whole text, in order
    marked: list[int]  # the links the overview shows a tick for (not identical, or moved)
    ends: list[int]  # Qt positions of each marked link's start and end, two per link


@dataclass(frozen=True, slots=True)
class ViewModel:
    comparison: Comparison
    navigation: Navigation
    styled: Mapping[Side, list[Piece]]  # source ranges and their look, whatever is folded
    folding: tuple[bool, bool]  # (show only changes, hide boilerplate) ``shown`` is built for
    shown: Mapping[Side, Shown]
    search: Mapping[Side, SearchText]  # each side's text as Find searches it

    def side(
        self, side: Side, only_changes: bool, no_boilerplate: bool, expanded: Set[int]
    ) -> Shown:
        """What ``side`` shows with these options: as built if they are the ones it was built
        for, else built now."""
        if (only_changes, no_boilerplate) == self.folding and not (only_changes and expanded):
            return self.shown[side]
        return shown(self.comparison, self.navigation, self.styled[side], side,
                     only_changes, no_boilerplate, expanded)  # fmt: skip

    def with_folding(self, only_changes: bool, no_boilerplate: bool) -> ViewModel:
        """This view model with ``shown`` built for other view options (on the worker)."""
        if (only_changes, no_boilerplate) == self.folding:
            return self
        folded = {side: self.side(side, only_changes, no_boilerplate, frozenset()) for side in Side}
        return replace(self, folding=(only_changes, no_boilerplate), shown=folded)


def fact_spans(comparison: Comparison, side: Side) -> list[Span]:
    """Changed facts' spans on ``side``, marked over the looks of their runs."""
    return [
        span
        for link in comparison.links
        for fact in link.facts
        if (span := fact.original if side is Side.ORIGINAL else fact.rewrite)
    ]


def shown(
    comparison: Comparison,
    navigation: Navigation,
    styled: list[Piece],
    side: Side,
    only_changes: bool,
    no_boilerplate: bool,
    expanded: Set[int] = frozenset(),
) -> Shown:
    document = comparison.original if side is Side.ORIGINAL else comparison.rewrite
    folds = folds_for(document, navigation, side, only_changes, no_boilerplate, expanded)
    display = DisplayText(document.text, folds)
    marked = [
        number
        for number, link in enumerate(navigation.links)
        if link_spans(link, side) and not (link.kind is LinkKind.IDENTICAL and not link.moved)
    ]
    ends = [
        display.to_qt(offset)
        for number in marked
        for spans in (link_spans(navigation.links[number], side),)
        for offset in (spans[0][0], spans[-1][1])
    ]
    return Shown(display, display_pieces(display, styled), marked, ends)


def build_view_model(
    comparison: Comparison, only_changes: bool = False, no_boilerplate: bool = False
) -> ViewModel:
    navigation = build_navigation(comparison)
    styled = {
        side: flatten(style_runs(comparison, side), fact_spans(comparison, side)) for side in Side
    }
    return ViewModel(
        comparison,
        navigation,
        styled,
        (only_changes, no_boilerplate),
        {
            side: shown(comparison, navigation, styled[side], side, only_changes, no_boilerplate)
            for side in Side
        },
        {side: SearchText(document.text) for side, document in _documents(comparison)},
    )


def _documents(comparison: Comparison) -> tuple[tuple[Side, Document], ...]:
    return ((Side.ORIGINAL, comparison.original), (Side.REWRITE, comparison.rewrite))
