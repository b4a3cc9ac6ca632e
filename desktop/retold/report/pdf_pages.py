"""Where the PDF's pages start and end, worked out from one layout of the whole report.

The report is laid out once as a single long page; this module cuts it into pages between
rows, so that no row is split, and the PDF writer draws each page's slice with the column
header above it. (Letting Qt paginate meant moving each row that straddled a page break by
editing the document, and Qt laid out everything after an edit again: once a page, so the
cost grew with the square of the length.) No Qt import here: the geometry is plain numbers.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import NamedTuple

TALL = 0.8  # a row taller than this share of a page is split between lines instead of moved


class Box(NamedTuple):
    """A vertical extent in the laid-out document, in device pixels from its top."""

    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


class Page(NamedTuple):
    """One page: the slice of the document it shows, and whether the header goes above it."""

    top: float
    bottom: float
    header: bool


class Layout(NamedTuple):
    """What the planner needs to know of the laid-out report."""

    intro: Box  # from the top of the document to the first row: title, details, legend, header
    header: Box  # the column header table, the last part of the intro
    rows: Sequence[Box]  # one per row, in order, each starting where the one before ends
    lines: Callable[[int], Sequence[Box]]  # the lines of text of the intro (0) or row i (1…)
    # Stretches of the intro a page should not end inside: a short section (the legend) and
    # each heading with the line after it. One taller than half a page is cut as text is.
    keeps: Sequence[Box] = ()


def plan_pages(layout: Layout, page_height: float, margin: float) -> list[Page]:
    """The pages, in order, covering the document from its top to the end of the last row.

    A page after the first leaves ``margin`` above its content, and every page leaves it
    below. A row that does not fit on what is left of a page starts the next one, under the
    header, unless it is too tall to fit on any page: then it is cut between lines of text
    in the lower half of the page, as is an introduction longer than a page.
    """

    def room(top: float) -> float:
        """The height a page whose slice starts at ``top`` has for it."""
        if top == 0:  # the first page: the document's own top margin is in the slice
            return page_height - margin
        header = layout.header.height if top >= layout.header.bottom else 0.0
        return page_height - 2 * margin - header

    fresh_room = page_height - 2 * margin - layout.header.height
    pages: list[Page] = []
    top = 0.0
    for index, part in enumerate([layout.intro, *layout.rows]):
        lines: Lines | None = None  # measured once, for a part that needs cutting
        while part.bottom - top > room(top):
            if index and part.top > top and part.height < TALL * fresh_room:
                cut = part.top  # the row moves to the next page, whole
            else:  # cut low on the page, between lines if it can, else through the fewest
                lines = lines if lines is not None else Lines(layout.lines(index))
                low, high = top + room(top) / 2, top + room(top)
                starts = [part.top, *lines.later_tops(low, high), high]
                candidates = [y for y in starts if low <= y <= high]
                if not index:
                    candidates = _kept_together(candidates, layout.keeps, top, high, fresh_room)
                cut = line_break(lines, candidates)
            pages.append(Page(top, cut, top >= layout.header.bottom))
            top = cut
    end = layout.rows[-1].bottom if layout.rows else layout.intro.bottom
    pages.append(Page(top, end, top >= layout.header.bottom))
    return pages


def _kept_together(
    candidates: list[float], keeps: Sequence[Box], top: float, high: float, room: float
) -> list[float]:
    """The cuts that end no page inside a stretch kept together, with the tops of those
    stretches that start on the page: a section may move to the next page whole, though it
    leaves more than half of this one blank. All of them if every cut falls inside one."""
    keeps = [keep for keep in keeps if keep.height <= room / 2 and keep.bottom > top]
    tops = [k.top for k in keeps if top < k.top <= high]
    kept = [y for y in [*candidates, *tops] if not any(k.top < y < k.bottom for k in keeps)]
    return kept or candidates


class Lines:
    """The lines of one part, sorted once, so that each cut of a part many pages long looks
    only at the lines near it: the cost of planning grows with the length, not its square."""

    def __init__(self, lines: Sequence[Box]) -> None:
        self.tops = sorted(line.top for line in lines)
        self.bottoms = sorted(line.bottom for line in lines)

    def later_tops(self, low: float, high: float) -> list[float]:
        """The tops from ``low`` to ``high`` of the lines below the part's first ones."""
        first = bisect_right(self.tops, self.tops[0]) if self.tops else 0
        start = max(bisect_left(self.tops, low), first)
        return self.tops[start : bisect_right(self.tops, high)]

    def crossed(self, y: float) -> int:
        """How many lines ``y`` cuts through."""
        return bisect_left(self.tops, y) - bisect_right(self.bottoms, y)


def line_break(lines: Lines | Sequence[Box], candidates: Sequence[float]) -> float:
    """The lowest of ``candidates`` that cuts through the fewest ``lines``: none, if it can.

    Lines of cells side by side can overlap without lining up (a line in a taller fallback
    font shifts the rest of its cell), and then every point of a stretch cuts through one.
    """
    index = lines if isinstance(lines, Lines) else Lines(lines)
    return min(candidates, key=lambda y: (index.crossed(y), -y))
