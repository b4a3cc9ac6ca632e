"""A pane's text cut into pieces of one look each, in display order, built off the GUI thread.

Qt-free. Style runs come in paint order (a later run overrides an earlier one where they
overlap) and changed facts are marked over whatever look they fall in. Flattened here once, the
pane only inserts each piece with its format, a slice of them per event-loop turn, instead of
painting formats over a laid-out text (which lays it out again).
"""

from __future__ import annotations

import heapq
import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace
from operator import itemgetter

from retold.engine.model import Span
from retold.gui.display_text import DisplayText, StyleKey

Piece = tuple[int, int, StyleKey]  # display start, display end, look
LONGEST_PIECE = 2000  # characters: a pane fills slices of a few thousand, a piece at a time
PLAIN = StyleKey()
FOLD = StyleKey(fold=True)
START_END = (itemgetter(0), itemgetter(1))


def flatten(runs: Sequence[tuple[int, int, StyleKey]], facts: Iterable[Span] = ()) -> list[Piece]:
    """Non-overlapping source ranges with the look that shows there: the last run painted over
    each character, with ``fact`` set inside a changed fact. Gaps between runs are left out."""
    cuts: dict[int, list[tuple[int, int]]] = {}  # position -> (+1 start / -1 end, run number)
    for number, (start, end, _key) in enumerate(runs):
        if start < end:
            cuts.setdefault(start, []).append((1, number))
            cuts.setdefault(end, []).append((-1, number))
    fact_cuts: dict[int, int] = {}
    for start, end in facts:
        if start < end:
            fact_cuts[start] = fact_cuts.get(start, 0) + 1
            fact_cuts[end] = fact_cuts.get(end, 0) - 1
    active: list[int] = []  # a max-heap of run numbers (negated), ended ones dropped lazily
    ended: set[int] = set()
    in_fact = 0
    pieces: list[Piece] = []
    positions = sorted(cuts.keys() | fact_cuts.keys())
    for here, there in itertools.pairwise(positions):
        for sign, number in cuts.get(here, ()):
            if sign > 0:
                heapq.heappush(active, -number)
            else:
                ended.add(number)
        in_fact += fact_cuts.get(here, 0)
        while active and -active[0] in ended:
            ended.discard(-heapq.heappop(active))
        if not active and not in_fact:
            continue
        key = runs[-active[0]][2] if active else PLAIN
        if in_fact:
            key = replace(key, fact=True)
        if pieces and pieces[-1][1] == here and pieces[-1][2] == key:
            pieces[-1] = (pieces[-1][0], there, key)
        else:
            pieces.append((here, there, key))
    return pieces


def display_pieces(
    display: DisplayText, styled: Sequence[Piece], within: tuple[int, int] | None = None
) -> list[Piece]:
    """``styled`` (source ranges from ``flatten``) on ``display``: the whole display text, in
    order, folded parts left out, fold labels in the fold look, unstyled gaps plain; no piece
    longer than ``LONGEST_PIECE``. ``within`` (a display range): only the pieces there, cut at
    its ends (a fold opened in place: the rest of the text is shown already)."""
    lo, hi = within if within is not None else (0, len(display.text))
    pieces: list[Piece] = []

    def add(start: int, end: int, key: StyleKey) -> None:
        if start >= end:
            return
        if pieces and pieces[-1][1] == start and pieces[-1][2] == key:
            start = pieces.pop()[0]
        while start < end:
            pieces.append((start, min(end, start + LONGEST_PIECE), key))
            start += LONGEST_PIECE

    k = 0  # the first styled piece that may still reach into the kept segment
    for source, shown, length, label in display.segments():
        if within is not None:
            if shown + length + len(label) <= lo or shown >= hi:
                continue
            k = max(k, bisect_right(styled, source, key=START_END[1]))
        end = source + length
        while k < len(styled) and styled[k][1] <= source:
            k += 1
        at = source
        j = k
        while j < len(styled) and styled[j][0] < end:
            start, stop, key = styled[j]
            start, stop = max(start, source), min(stop, end)
            add(shown + at - source, shown + start - source, PLAIN)
            add(shown + start - source, shown + stop - source, key)
            at = stop
            j += 1
        add(shown + at - source, shown + length, PLAIN)
        if label:
            add(shown + length, shown + length + len(label), FOLD)
    return pieces if within is None else pieces_within(pieces, lo, hi)


def pieces_within(pieces: Sequence[Piece], lo: int, hi: int, shift: int = 0) -> list[Piece]:
    """The parts of ``pieces`` (in order, not overlapping) in display range ``lo``–``hi``,
    moved by ``shift``."""
    part = list(
        pieces[
            bisect_right(pieces, lo, key=START_END[1]) : bisect_left(pieces, hi, key=START_END[0])
        ]
    )
    if not part:
        return part
    if shift:
        part = [(start + shift, end + shift, key) for start, end, key in part]
    start, end, key = part[0]
    part[0] = (max(start, lo + shift), end, key)
    start, end, key = part[-1]
    part[-1] = (start, min(end, hi + shift), key)
    return part
