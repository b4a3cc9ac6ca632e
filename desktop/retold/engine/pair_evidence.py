"""What two groups of sentences share, counted over the feature table: for one pair of groups
in Python, or for thousands at once with numpy. Both count in integers, so that they agree
exactly; ``similarity.py`` turns the counts into a score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

import numpy as np
from numpy.typing import NDArray

from retold.engine.feature_table import KINDS, PairFeatures, SideFeatures, ranges
from retold.engine.scoring import Group, SentencePairs
from retold.engine.single_pairs import SingleCounter, fits

_Ints = NDArray[np.int64]
# How pairs are counted, not what: any batch gives the same counts (a property test).
FEW = 24  # fewer pairs than this are counted one by one, in Python
BATCH = 4096  # more pairs than this are counted a batch at a time (bounded memory)
_SLOTS = 64  # rewrite groups looked up at once: a table row of this many slots per feature
_TABLE = 1 << 22  # most cells of a table (fewer slots for a vocabulary too large)
_CACHED = 4096  # sentences whose features ``one`` keeps as Python sets


@dataclass(frozen=True, slots=True)
class Evidence:
    """Counts for a batch of (original group, rewrite group) pairs, one row each."""

    common: _Ints  # word weight of the shared stems, each at the smaller side's count
    mass: _Ints  # (pairs, 2): each side's word weight
    shared: _Ints  # (pairs, KINDS): set features found on both sides, per kind
    sizes: _Ints  # (pairs, 2, KINDS): set features of each side, per kind


@dataclass(frozen=True, slots=True)
class OneEvidence:
    """The same counts for one pair, as Python integers."""

    common: int
    mass: tuple[int, int]
    shared: list[int]
    sizes: tuple[list[int], list[int]]


_Sentence = tuple[dict[int, int], tuple[frozenset[int], ...], int]


class Counter:
    """Counts shared features of groups over one pair's feature table."""

    def __init__(self, features: PairFeatures) -> None:
        self.features = features
        self._idf: list[int] = features.idf.tolist()
        # One row of slots per feature id: a rewrite group's slot holds its count there.
        widest = max(len(features.idf), int(features.kind_starts[-1]), 1)
        self._slots = max(1, min(_SLOTS, _TABLE // widest))
        self._stem_table = np.zeros(0, dtype=np.int32)
        self._set_table = np.zeros(0, dtype=np.int8)
        # Over the features, not a method of this counter: a cache holding its owner would be
        # a cycle, which the command line (its collector paused) would never free.
        self._sentence = lru_cache(maxsize=_CACHED)(partial(_python_sentence, features))
        self._singles: SingleCounter | None = None
        self._bitsets = fits(features)  # pairs of single sentences counted by SingleCounter

    def one(self, original: Group, rewrite: Group) -> OneEvidence:
        """Counts of one pair, in Python (for a pair asked alone, no batch pays)."""
        sa, ga, ma = self._union(0, original)
        sb, gb, mb = self._union(1, rewrite)
        if len(sb) < len(sa):
            sa, sb = sb, sa
        idf = self._idf
        common = 0
        for stem, count in sa.items():
            other = sb.get(stem)
            if other is not None:
                common += idf[stem] * (count if count < other else other)
        shared = [len(x & y) for x, y in zip(ga, gb, strict=True)]
        sizes = ([len(x) for x in ga], [len(y) for y in gb])
        return OneEvidence(common, (ma, mb), shared, sizes)

    def _union(self, side: int, group: Group) -> _Sentence:
        if len(group) == 1:
            return self._sentence(side, group[0])
        stems: dict[int, int] = {}
        kinds: list[set[int]] = [set() for _ in range(KINDS)]
        mass = 0
        for s in group:
            found, sets, weight = self._sentence(side, s)
            for stem, count in found.items():
                stems[stem] = stems.get(stem, 0) + count
            for into, more in zip(kinds, sets, strict=True):
                into.update(more)
            mass += weight
        return stems, tuple(map(frozenset, kinds)), mass

    def many(self, pairs: Sequence[tuple[Group, Group]]) -> Evidence:
        """Counts of many pairs: each distinct group is merged once; the rewrite groups fill
        slots of a table, ``_SLOTS`` groups at a time, where the original groups' features
        look up their own pair's rewrite group. Pairs of single sentences go to
        ``SingleCounter`` when its bitsets are small enough."""
        if isinstance(pairs, SentencePairs) and self._bitsets:
            return self._many_singles(pairs.original, pairs.rewrite)
        if isinstance(pairs, SentencePairs) or not self._bitsets:
            return self._many_groups(pairs)
        # The pairs of single sentences among groups, counted as such.
        single = np.fromiter((len(o) == 1 == len(r) for o, r in pairs), np.bool_, len(pairs))
        if not single.any():
            return self._many_groups(pairs)
        ones, rest = np.flatnonzero(single).tolist(), np.flatnonzero(~single).tolist()
        original = np.fromiter((pairs[k][0][0] for k in ones), np.int64, len(ones))
        rewrite = np.fromiter((pairs[k][1][0] for k in ones), np.int64, len(ones))
        parts = [(ones, self._many_singles(original, rewrite))]
        if rest:
            parts.append((rest, self._many_groups([pairs[k] for k in rest])))
        return _joined(parts, len(pairs))

    def _many_groups(self, pairs: Sequence[tuple[Group, Group]]) -> Evidence:
        n = len(pairs)
        slots = self._slots
        if not len(self._stem_table):  # made at the first batch: a short pair may need none
            self._stem_table = np.zeros(len(self.features.idf) * slots + 1, dtype=np.int32)
            self._set_table = np.zeros(int(self.features.kind_starts[-1]) * slots + 1, np.int8)
        if isinstance(pairs, SentencePairs):
            a_groups, b_groups = _singles(pairs.original), _singles(pairs.rewrite)
        else:
            a_groups = _distinct([p[0] for p in pairs])
            b_groups = _distinct([p[1] for p in pairs])
        a = _Union(self.features.original, a_groups[0], self.features.kind_starts)
        b = _Union(self.features.rewrite, b_groups[0], self.features.kind_starts)
        order = np.argsort(b_groups[1], kind="stable")  # by rewrite group, so by chunk
        a_of, b_of = a_groups[1][order], b_groups[1][order]
        common = np.zeros(n, dtype=np.int64)
        shared = np.zeros((n, KINDS), dtype=np.int64)
        a_stems = _PairRows(a.stems, a_of)
        a_sets = _PairRows(a.sets, a_of)
        kind_bounds = np.cumsum(np.concatenate([np.zeros((n, 1), np.int64), a.sizes[a_of]], 1), 1)
        idf = self.features.idf
        for g0 in range(0, len(b.stems.starts) - 1, slots):
            g1 = min(len(b.stems.starts) - 1, g0 + slots)
            p0, p1 = np.searchsorted(b_of, [g0, g1]).tolist()
            if p0 == p1:
                continue
            slot = b_of[p0:p1] - g0
            # Word weight shared: each stem at the smaller count of the two groups.
            filled = _fill(self._stem_table, b.stems, g0, g1, slots, b.stems.counts)
            ids, rows = a_stems.ids(p0, p1, slot, slots)
            theirs = self._stem_table[rows]
            mine = a.stems.counts[a_stems.rows[a_stems.starts[p0] : a_stems.starts[p1]]]
            weights = idf[ids] * np.minimum(mine, theirs)
            common[p0:p1] = _segment_sums(weights, a_stems.starts[p0 : p1 + 1], None)
            self._stem_table[filled] = 0
            # Set features shared, per kind (a group's sets are in order of kind).
            filled = _fill(self._set_table, b.sets, g0, g1, slots, None)
            ids, rows = a_sets.ids(p0, p1, slot, slots)
            hits = self._set_table[rows]
            bounds = a_sets.starts[p0:p1, None] + kind_bounds[p0:p1]
            shared[p0:p1] = _segment_sums(hits, bounds, a_sets.starts[p0])
            self._set_table[filled] = 0
        back = np.empty(n, dtype=np.int64)
        back[order] = np.arange(n)
        mass = np.stack([a.mass[a_of], b.mass[b_of]], axis=1)[back]
        sizes = np.stack([a.sizes[a_of], b.sizes[b_of]], axis=1)[back]
        return Evidence(common[back], mass, shared[back], sizes)

    def _many_singles(self, original: _Ints, rewrite: _Ints) -> Evidence:
        if self._singles is None:  # made at the first batch of single pairs
            self._singles = SingleCounter(self.features)
        common, shared = self._singles.many(original, rewrite)
        o_side, r_side = self.features.original, self.features.rewrite
        mass = np.stack([o_side.mass[original], r_side.mass[rewrite]], axis=1)
        sizes = np.stack([o_side.sizes[original], r_side.sizes[rewrite]], axis=1)
        return Evidence(common, mass, shared, sizes.astype(np.int64))


def _python_sentence(features: PairFeatures, side: int, s: int) -> _Sentence:
    """One sentence's stems with their occurrences, its set features by kind, its mass."""
    table = features.original if side == 0 else features.rewrite
    lo, hi = table.stem_offsets[s : s + 2].tolist()
    ids, counts = table.stem_ids[lo:hi].tolist(), table.stem_counts[lo:hi].tolist()
    stems = dict(zip(ids, counts, strict=True))
    at = int(table.set_offsets[s])
    kinds = []
    for size in table.sizes[s].tolist():
        kinds.append(frozenset(table.set_ids[at : at + size].tolist()))
        at += size
    return stems, tuple(kinds), int(table.mass[s])


def _joined(parts: list[tuple[list[int], Evidence]], n: int) -> Evidence:
    """The rows of evidence counted in parts, each part for the pairs at its positions."""
    joined = Evidence(
        np.zeros(n, np.int64),
        np.zeros((n, 2), np.int64),
        np.zeros((n, KINDS), np.int64),
        np.zeros((n, 2, KINDS), np.int64),
    )
    for rows, found in parts:
        for name in Evidence.__slots__:
            getattr(joined, name)[rows] = getattr(found, name)
    return joined


@dataclass(slots=True)
class _Entries:
    """Features of a batch's distinct groups, group after group."""

    owner: _Ints  # the group of each entry
    ids: NDArray[np.int32]
    counts: _Ints  # occurrences (stems only)
    starts: _Ints  # group r's entries are [starts[r], starts[r + 1])


class _Union:
    """One side's distinct groups of a batch, each merged into one bag of features."""

    def __init__(self, side: SideFeatures, groups: tuple[_Ints, _Ints], kind_starts: _Ints) -> None:
        members, lengths = groups
        n = len(lengths)
        singles = not n or int(lengths.max()) == 1
        group_of = np.arange(n, dtype=np.int64) if singles else np.repeat(np.arange(n), lengths)
        self.mass = side.mass[members]
        if not singles:
            self.mass = np.zeros(n, dtype=np.int64)
            np.add.at(self.mass, group_of, side.mass[members])
        self.stems = _gather(
            side.stem_offsets, members, group_of, n, side.stem_ids, side.stem_counts
        )
        self.sets = _gather(side.set_offsets, members, group_of, n, side.set_ids, None)
        if singles:
            self.sizes = side.sizes[members].astype(np.int64)
        else:
            self.stems = _merge(self.stems, n, summed=True)
            self.sets = _merge(self.sets, n, summed=False)
            kind = np.searchsorted(kind_starts, self.sets.ids, side="right") - 1
            counted = np.bincount(self.sets.owner * KINDS + kind, minlength=n * KINDS)
            self.sizes = counted.reshape(n, KINDS).astype(np.int64)


class _PairRows:
    """The entries of each pair's side-a group, pair after pair (pairs by rewrite group)."""

    def __init__(self, entries: _Entries, a_of: _Ints) -> None:
        self.entries = entries
        lengths = entries.starts[a_of + 1] - entries.starts[a_of]
        self.lengths = lengths
        self.rows = ranges(entries.starts[a_of], lengths)
        self.starts = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)

    def ids(
        self, p0: int, p1: int, slot: _Ints, slots: int
    ) -> tuple[NDArray[np.int32], NDArray[np.int32]]:
        """Feature ids of pairs p0..p1's entries and their cells in the table (32-bit: half
        the memory traffic)."""
        ids = self.entries.ids[self.rows[self.starts[p0] : self.starts[p1]]]
        cells = ids * np.int32(slots)
        cells += np.repeat(slot.astype(np.int32), self.lengths[p0:p1])
        return ids, cells


def _fill(
    table: NDArray[np.generic], b: _Entries, g0: int, g1: int, slots: int, counts: _Ints | None
) -> NDArray[np.int32]:
    """Put rewrite groups g0..g1's entries in their slots; returns the cells filled."""
    lo, hi = int(b.starts[g0]), int(b.starts[g1])
    cells = b.ids[lo:hi] * np.int32(slots) + (b.owner[lo:hi] - g0).astype(np.int32)
    table[cells] = counts[lo:hi] if counts is not None else 1
    return cells


def _segment_sums(values: NDArray[np.integer], bounds: _Ints, base: int | None) -> _Ints:
    """Sums of ``values`` between consecutive bounds (rows of bounds, offset by ``base``).

    Differences of a running sum: exact for integers even where the running sum itself wraps
    around, as each segment's true sum fits in 64 bits.
    """
    running = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(values, out=running[1:])
    if base is None:
        sums: _Ints = running[bounds[1:] - bounds[0]] - running[bounds[:-1] - bounds[0]]
        return sums
    local = bounds - base
    sums = running[local[:, 1:]] - running[local[:, :-1]]
    return sums


def _gather(
    offsets: _Ints,
    members: _Ints,
    group_of: _Ints,
    n_groups: int,
    ids: NDArray[np.int32],
    counts: NDArray[np.int32] | None,
) -> _Entries:
    starts, stops = offsets[members], offsets[members + 1]
    lengths = stops - starts
    rows = ranges(starts, lengths)
    owner = np.repeat(group_of, lengths)
    found = ids[rows]  # 32-bit ids: the table has fewer than 2**31 cells
    weights = counts[rows].astype(np.int64) if counts is not None else np.ones(0, np.int64)
    return _Entries(owner, found, weights, _bounds(owner, n_groups))


def _merge(entries: _Entries, n_groups: int, *, summed: bool) -> _Entries:
    """Each feature once per group (its occurrences summed, for stems)."""
    width = int(entries.ids.max()) + 1 if len(entries.ids) else 1
    keys = entries.owner * width + entries.ids
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    first = np.ones(len(keys), dtype=np.bool_)
    first[1:] = keys[1:] != keys[:-1]
    starts = np.flatnonzero(first)
    owner, ids = keys[starts] // width, (keys[starts] % width).astype(np.int32)
    counts = np.ones(0, np.int64)
    if summed:
        counts = np.add.reduceat(entries.counts[order], starts) if len(starts) else counts
    return _Entries(owner, ids, counts, _bounds(owner, n_groups))


def _bounds(owner: _Ints, n_groups: int) -> _Ints:
    return np.searchsorted(owner, np.arange(n_groups + 1)).astype(np.int64)


def _singles(members: _Ints) -> tuple[tuple[_Ints, _Ints], _Ints]:
    """Distinct single-sentence groups (members and lengths) and each pair's index among
    them."""
    order = np.argsort(members, kind="stable")
    ordered = members[order]
    first = np.concatenate([[True], ordered[1:] != ordered[:-1]]) if len(ordered) else order > 0
    of = np.empty(len(members), dtype=np.int64)
    of[order] = np.cumsum(first) - 1
    distinct = ordered[first]
    return (distinct, np.ones(len(distinct), dtype=np.int64)), of


def _distinct(groups: list[Group]) -> tuple[tuple[_Ints, _Ints], _Ints]:
    """Distinct groups (members and lengths) and the index of each group among them."""
    index: dict[tuple[int, ...], int] = {}
    of = np.fromiter(
        (index.setdefault(tuple(g), len(index)) for g in groups), dtype=np.int64, count=len(groups)
    )
    lengths = np.fromiter(map(len, index), dtype=np.int64, count=len(index))
    members = np.fromiter((s for g in index for s in g), dtype=np.int64, count=int(lengths.sum()))
    return (members, lengths), of
