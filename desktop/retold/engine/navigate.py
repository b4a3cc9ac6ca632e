"""Precomputed navigation over a comparison, so a view can answer queries without searching.

Built once per comparison: the reading order of the links, the change stops (every link that is
not identical) in that order, and per side a sentence → link map with sentence boundaries for
offset look-ups (bisect, no scans).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from retold.engine.model import Comparison, Document, Link, LinkKind, Side, Span


def link_sentences(link: Link, side: Side) -> tuple[int, ...]:
    return link.original_sentences if side is Side.ORIGINAL else link.rewrite_sentences


def link_spans(link: Link, side: Side) -> tuple[Span, ...]:
    return link.original if side is Side.ORIGINAL else link.rewrite


@dataclass(frozen=True, slots=True)
class SideIndex:
    """One side's sentence boundaries and the link each sentence belongs to (-1 for none)."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    links: tuple[int, ...]

    def sentence_at(self, offset: int) -> int:
        """The sentence containing ``offset`` (its end counts as inside), or -1."""
        i = bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset <= self.ends[i] else -1

    def sentence_before(self, offset: int) -> int:
        """The last sentence starting at or before ``offset``; the first one before any; -1."""
        if not self.starts:
            return -1
        return max(bisect_right(self.starts, offset) - 1, 0)


@dataclass(frozen=True, slots=True)
class Partner:
    """The link found at an offset and its spans on the other side (empty if it has none)."""

    link: int
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Navigation:
    links: tuple[Link, ...]
    order: tuple[int, ...]  # every link index, in reading order
    rank: tuple[int, ...]  # link index -> its place in ``order``
    stops: tuple[int, ...]  # the links that are not identical, in reading order
    stop_ranks: tuple[int, ...]
    original: SideIndex
    rewrite: SideIndex

    def side(self, side: Side) -> SideIndex:
        return self.original if side is Side.ORIGINAL else self.rewrite

    def link_at(self, side: Side, offset: int) -> int:
        """The link whose sentence contains ``offset`` on ``side``, or -1."""
        index = self.side(side)
        sentence = index.sentence_at(offset)
        return index.links[sentence] if sentence >= 0 else -1

    def partner(self, side: Side, offset: int) -> Partner | None:
        link = self.link_at(side, offset)
        if link < 0:
            return None
        return Partner(link, link_spans(self.links[link], side.other))

    def anchor_link(self, side: Side, offset: int) -> int:
        """The nearest link joining both sides at or before ``offset`` (else after it), or -1.

        Scroll sync anchors on these: an added or removed sentence has no partner to align.
        """
        index = self.side(side)
        start = index.sentence_before(offset)
        if start < 0:
            return -1
        candidates = [*range(start, -1, -1), *range(start + 1, len(index.links))]
        for sentence in candidates:
            link: int = index.links[sentence]
            if link >= 0 and self.links[link].is_match:
                return link
        return -1

    def next_stop(self, current: int) -> int:
        """The first change after link ``current`` in reading order (-1: from the start)."""
        if not self.stops:
            return -1
        if current < 0:
            return self.stops[0]
        i = bisect_right(self.stop_ranks, self.rank[current])
        return self.stops[i] if i < len(self.stops) else -1

    def previous_stop(self, current: int) -> int:
        """The last change before link ``current`` (-1: from the end)."""
        if not self.stops:
            return -1
        if current < 0:
            return self.stops[-1]
        i = bisect_left(self.stop_ranks, self.rank[current]) - 1
        return self.stops[i] if i >= 0 else -1


def _side_index(document: Document, links: tuple[Link, ...], side: Side) -> SideIndex:
    owner = [-1] * len(document.sentences)
    for number, link in enumerate(links):
        for sentence in link_sentences(link, side):
            if 0 <= sentence < len(owner):
                owner[sentence] = number
    return SideIndex(
        starts=tuple(s.start for s in document.sentences),
        ends=tuple(s.end for s in document.sentences),
        links=tuple(owner),
    )


def reading_keys(links: Sequence[Link], primary: Side = Side.REWRITE) -> list[tuple[int, int, int]]:
    """Each link's place in ``primary``'s reading order, the one ``compare()`` gives its links
    and the view steps through: by its first sentence on ``primary``; a link with none there
    (removed, for the rewrite) goes after the link of the nearest sentence before it on the other
    side that has a partner. One pass and a bisect per link: searching back from each one was
    quadratic in a run of removed sentences."""
    partner: dict[int, int] = {}  # other side's sentence -> its link's first on ``primary``
    for link in links:
        own = link_sentences(link, primary)
        if own:
            for i in link_sentences(link, primary.other):
                partner[i] = own[0]
    linked = sorted(partner)
    keys = []
    for link in links:
        own, other = link_sentences(link, primary), link_sentences(link, primary.other)
        if own:
            keys.append((own[0], 0, other[0] if other else -1))
        else:
            first = other[0] if other else -1
            k = bisect_left(linked, first)  # the nearest linked sentence before it
            keys.append((partner[linked[k - 1]] if k else -1, 1, first))
    return keys


def in_reading_order(links: Sequence[Link]) -> tuple[Link, ...]:
    """``links`` sorted into the rewrite's reading order (ties keep their order)."""
    keys = reading_keys(links)
    return tuple(links[n] for n in sorted(range(len(links)), key=keys.__getitem__))


def build_navigation(comparison: Comparison, order: Side = Side.REWRITE) -> Navigation:
    """Index ``comparison`` for look-ups; changes are visited in ``order``'s reading order."""
    links = comparison.links
    original = _side_index(comparison.original, links, Side.ORIGINAL)
    rewrite = _side_index(comparison.rewrite, links, Side.REWRITE)
    keys = reading_keys(links, order)
    ordered = tuple(sorted(range(len(links)), key=lambda n: (keys[n], n)))
    rank = [0] * len(links)
    for place, number in enumerate(ordered):
        rank[number] = place
    stops = tuple(n for n in ordered if links[n].kind is not LinkKind.IDENTICAL)
    return Navigation(
        links=links,
        order=ordered,
        rank=tuple(rank),
        stops=stops,
        stop_ranks=tuple(rank[n] for n in stops),
        original=original,
        rewrite=rewrite,
    )
