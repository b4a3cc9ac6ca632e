"""What the window shows of a comparison, as plain data built on the worker thread.

Qt-free. Navigation, each side's looks flattened into pieces, the folds of the view options,
the display text they give and the copy of each text Find searches take a while for a book;
computed with the comparison (off the GUI thread), they leave the GUI thread only the painting.
``CompareView`` builds what it is not given (a view model without one, or other view options:
folds opened by the reader)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Set
from dataclasses import dataclass, replace

from retold.engine.model import Comparison, Document, LinkKind, Side, Span
from retold.engine.navigate import Navigation, build_navigation, link_spans
from retold.gui.display_text import DisplayText, folds_for, style_runs
from retold.gui.pieces import Piece, display_pieces, flatten, pieces_within
from retold.gui.search_text import SearchText


@dataclass(frozen=True, slots=True)
class Shown:
    """One side as a pane shows it for some view options: the text and its pieces."""

    display: DisplayText
    pieces: list[Piece]  # display ranges covering the whole text, in order
    marked: list[int]  # the links the overview shows a tick for (not identical, or moved)
    ends: list[int]  # Qt positions of each marked link's start and end, two per link


@dataclass(frozen=True, slots=True)
class Edit:
    """Display range ``old`` of the text shown before becomes range ``new`` of the new one."""

    old: tuple[int, int]
    new: tuple[int, int]


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

    def opened(
        self,
        before: Shown,
        side: Side,
        only_changes: bool,
        no_boilerplate: bool,
        expanded: Set[int],
    ) -> tuple[Shown, list[Edit]] | None:
        """What ``side`` shows once more folds are open, and the edits that turn ``before``'s
        text into it; None when they cannot (``before`` is not of these options)."""
        return opened(self.comparison, self.navigation, self.styled[side], before, side,
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
    display = _display(comparison, navigation, side, only_changes, no_boilerplate, expanded)
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


def opened(
    comparison: Comparison,
    navigation: Navigation,
    styled: list[Piece],
    before: Shown,
    side: Side,
    only_changes: bool,
    no_boilerplate: bool,
    expanded: Set[int],
) -> tuple[Shown, list[Edit]] | None:
    """``shown`` with folds opened (``expanded`` holds more links than ``before`` was built
    with), made from ``before``: only the opened folds' text is flattened into pieces again
    (the whole of a book's took 80 ms), and the edits say what changed, so a pane can edit the
    text it shows instead of filling it anew. None if ``before`` does not fit: a fold of the
    new options that is not one of its own or within one it opens."""
    display = _display(comparison, navigation, side, only_changes, no_boilerplate, expanded)
    old = before.display
    kept = {fold for _shown, fold in display.folds}
    gone = [fold for _shown, fold in old.folds if fold not in kept]
    had = {fold for _shown, fold in old.folds}
    starts = [fold.source_start for fold in gone]
    for _shown, fold in display.folds:
        i = bisect_right(starts, fold.source_start) - 1
        if fold not in had and (i < 0 or fold.source_end > gone[i].source_end):
            return None  # a new fold, not within one that opened
    spans = [(fold.source_start, fold.source_end) for fold in gone]
    edits = _between_edits(
        old.text,
        display.text,
        [
            Edit(
                (old.display_from_source(start), old.display_from_source(end)),
                (display.display_from_source(start), display.display_from_source(end)),
            )
            for start, end in spans
        ],
    )
    if edits is None:
        return None
    pieces: list[Piece] = []
    at, shift = 0, 0  # copied from ``before`` up to old position ``at``; moved by ``shift``
    for edit in edits:
        pieces += pieces_within(before.pieces, at, edit.old[0], shift)
        pieces += display_pieces(display, styled, edit.new)
        at, shift = edit.old[1], edit.new[1] - edit.old[1]
    pieces += pieces_within(before.pieces, at, len(old.text), shift)
    ends = _moved_ends(navigation, side, before, display, edits)
    return Shown(display, pieces, before.marked, ends), edits


def _display(
    comparison: Comparison,
    navigation: Navigation,
    side: Side,
    only_changes: bool,
    no_boilerplate: bool,
    expanded: Set[int],
) -> DisplayText:
    """The text ``side`` shows with these view options and these folds open."""
    document = comparison.original if side is Side.ORIGINAL else comparison.rewrite
    folds = folds_for(document, navigation, side, only_changes, no_boilerplate, expanded)
    return DisplayText(document.text, folds)


def _between_edits(old: str, new: str, edits: list[Edit]) -> list[Edit] | None:
    """``edits`` with the text between them checked: the same in both but where a long
    paragraph was cut elsewhere (an edit more there); None if the lengths do not fit."""
    checked: list[Edit] = []
    at_old, at_new = 0, 0
    for edit in [*edits, Edit((len(old), len(old)), (len(new), len(new)))]:
        if edit.old[0] - at_old != edit.new[0] - at_new or edit.old[0] < at_old:
            return None
        gap_old, gap_new = old[at_old : edit.old[0]], new[at_new : edit.new[0]]
        if gap_old != gap_new:
            first = _common_prefix(gap_old, gap_new)
            last = len(gap_old) - _common_prefix(gap_old[::-1], gap_new[::-1])
            checked.append(Edit((at_old + first, at_old + last), (at_new + first, at_new + last)))
        checked.append(edit)
        at_old, at_new = edit.old[1], edit.new[1]
    return [e for e in checked[:-1] if e.old[0] < e.old[1] or e.new[0] < e.new[1]]


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common start of ``a`` and ``b`` (a binary search: C compares)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _moved_ends(
    navigation: Navigation, side: Side, before: Shown, display: DisplayText, edits: list[Edit]
) -> list[int]:
    """``before.ends`` on the new text: moved past the edits before them, found again in one."""
    old = before.display
    starts = [old.qt(edit.old[0]) for edit in edits]
    stops = [old.qt(edit.old[1]) for edit in edits]
    shifts = [display.qt(edit.new[1]) - stop for edit, stop in zip(edits, stops, strict=True)]
    ends = list(before.ends)
    first = starts[0] if starts else old.qt_length + 1
    for k, position in enumerate(ends):
        if position < first:
            continue
        i = bisect_right(starts, position) - 1
        if position > stops[i]:
            ends[k] = position + shifts[i]
        else:  # in the edit or at an end of it: where it is now
            spans = link_spans(navigation.links[before.marked[k // 2]], side)
            ends[k] = display.to_qt(spans[0][0] if k % 2 == 0 else spans[-1][1])
    return ends


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
