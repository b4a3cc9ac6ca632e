"""What two groups of sentences share, counted over the feature table: for one pair of groups
in Python, or for thousands at once with numpy. Both count in integers, so that they agree
exactly; ``similarity.py`` turns the counts into a score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from retold.engine.feature_table import GRAM, KINDS, PairFeatures, SideFeatures, ranges

Group = Sequence[int]
_Ints = NDArray[np.int64]
_CHUNK = 64  # groups of one batch looked up at once: one bit each in a 64-bit table
_BITS = np.left_shift(np.uint64(1), np.arange(_CHUNK, dtype=np.uint64))


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


class Counter:
    """Counts shared features of groups over one pair's feature table."""

    def __init__(self, features: PairFeatures) -> None:
        self.features = features
        self._idf: list[int] = features.idf.tolist()
        n_stems = len(features.idf)
        self._stem_table = np.zeros(n_stems, dtype=np.uint64)
        self._set_table = np.zeros(int(features.kind_starts[-1]), dtype=np.uint64)

    def one(self, original: Group, rewrite: Group) -> OneEvidence:
        sa, ga, ma, za = _python_union(self.features.original, original)
        sb, gb, mb, zb = _python_union(self.features.rewrite, rewrite)
        idf = self._idf
        if len(sb) < len(sa):
            sa, sb = sb, sa
        common = 0
        for stem, count in sa.items():
            other = sb.get(stem)
            if other is not None:
                common += idf[stem] * (count if count < other else other)
        shared = [len(x & y) for x, y in zip(ga, gb, strict=True)]
        return OneEvidence(common, (ma, mb), shared, (za, zb))

    def many(self, pairs: Sequence[tuple[Group, Group]]) -> Evidence:
        """Counts of many pairs: each distinct group is merged once; the rewrite groups set
        bits in a table, 64 groups at a time, that the original groups' features look up."""
        n = len(pairs)
        kind_starts = self.features.kind_starts
        a_groups, a_of = _distinct([p[0] for p in pairs])
        b_groups, b_of = _distinct([p[1] for p in pairs])
        a = _Union(self.features.original, a_groups, kind_starts)
        b = _Union(self.features.rewrite, b_groups, kind_starts)
        order = np.argsort(b_of, kind="stable")  # pairs by rewrite group, so by chunk
        a_of, b_of = a_of[order], b_of[order]
        common = np.zeros(n, dtype=np.int64)
        shared = np.zeros((n, KINDS), dtype=np.int64)
        stem_rows, stem_pairs = _matches(self._stem_table, a.stems, b.stems, a_of, b_of, None)
        if len(stem_rows):
            width = max(1, len(self._idf))
            b_keys = b.stems.owner * width + b.stems.ids  # sorted: by group, then by stem
            stem = a.stems.ids[stem_rows]
            where = np.searchsorted(b_keys, b_of[stem_pairs] * width + stem)
            least = np.minimum(a.stems.counts[stem_rows], b.stems.counts[where])
            np.add.at(common, stem_pairs, self.features.idf[stem] * least)
        grams_end = int(kind_starts[GRAM + 1])
        set_rows, set_pairs = _matches(self._set_table, a.sets, b.sets, a_of, b_of, grams_end)
        shared[:, GRAM] = np.bincount(set_pairs[0], minlength=n) if n else 0
        if len(set_rows):
            kind = np.searchsorted(kind_starts, a.sets.ids[set_rows], side="right") - 1
            np.add.at(shared, (set_pairs[1], kind), 1)
        back = np.empty(n, dtype=np.int64)
        back[order] = np.arange(n)
        mass = np.stack([a.mass[a_of], b.mass[b_of]], axis=1)[back]
        sizes = np.stack([a.sizes[a_of], b.sizes[b_of]], axis=1)[back]
        return Evidence(common[back], mass, shared[back], sizes)


@dataclass(slots=True)
class _Entries:
    """Features of a batch's groups, group after group: ``owner`` is the group's row."""

    owner: _Ints
    ids: _Ints
    counts: _Ints
    starts: _Ints  # group r's entries are [starts[r], starts[r + 1])


class _Union:
    """One side's groups of a batch, each merged into one bag of features."""

    def __init__(self, side: SideFeatures, groups: Sequence[Group], kind_starts: _Ints) -> None:
        n = len(groups)
        lengths = np.fromiter(map(len, groups), dtype=np.int64, count=n)
        total = int(lengths.sum())
        members = np.fromiter((s for g in groups for s in g), dtype=np.int64, count=total)
        group_of = np.repeat(np.arange(n, dtype=np.int64), lengths)
        self.mass = np.zeros(n, dtype=np.int64)
        np.add.at(self.mass, group_of, side.mass[members])
        self.stems = _gather(
            side.stem_offsets, members, group_of, n, side.stem_ids, side.stem_counts
        )
        self.sets = _gather(side.set_offsets, members, group_of, n, side.set_ids, None)
        if n and int(lengths.max()) > 1:
            self.stems = _merge(self.stems, n, summed=True)
            self.sets = _merge(self.sets, n, summed=False)
            kind = np.searchsorted(kind_starts, self.sets.ids, side="right") - 1
            counted = np.bincount(self.sets.owner * KINDS + kind, minlength=n * KINDS)
            self.sizes = counted.reshape(n, KINDS).astype(np.int64)
        else:
            self.sizes = side.sizes[members].astype(np.int64)


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
    found = ids[rows].astype(np.int64)
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
    owner, ids = keys[starts] // width, keys[starts] % width
    counts = np.ones(0, np.int64)
    if summed:
        counts = np.add.reduceat(entries.counts[order], starts) if len(starts) else counts
    return _Entries(owner, ids, counts, _bounds(owner, n_groups))


def _bounds(owner: _Ints, n_groups: int) -> _Ints:
    return np.searchsorted(owner, np.arange(n_groups + 1)).astype(np.int64)


def _distinct(groups: list[Group]) -> tuple[list[Group], _Ints]:
    """The distinct groups and the index of each group among them."""
    if groups and all(len(g) == 1 for g in groups):  # single sentences: found by sorting
        members = np.fromiter((g[0] for g in groups), dtype=np.int64, count=len(groups))
        order = np.argsort(members, kind="stable")
        ordered = members[order]
        first = np.concatenate([[True], ordered[1:] != ordered[:-1]])
        rank = np.cumsum(first) - 1
        of = np.empty(len(groups), dtype=np.int64)
        of[order] = rank
        return [(int(s),) for s in ordered[first].tolist()], of
    index: dict[tuple[int, ...], int] = {}
    of = np.fromiter(
        (index.setdefault(tuple(g), len(index)) for g in groups), dtype=np.int64, count=len(groups)
    )
    return list(index), of


def _matches(
    table: NDArray[np.uint64],
    a: _Entries,
    b: _Entries,
    a_of: _Ints,
    b_of: _Ints,
    split: int | None,
) -> tuple[_Ints, _Ints] | tuple[_Ints, tuple[_Ints, _Ints]]:
    """Side-a entries of each pair (pairs sorted by b group) that the pair's b group holds.

    Returns the a rows and the pair of each match; with ``split``, matches of ids below it
    (grams) are only counted: (rows of the others, (pairs of the first, pairs of the others)).
    """
    lengths = a.starts[a_of + 1] - a.starts[a_of]
    rows = ranges(a.starts[a_of], lengths)
    pair_starts = np.concatenate([[0], np.cumsum(lengths)])
    found_rows, found_pairs, counted = [], [], []
    for g0 in range(0, len(b.starts) - 1, _CHUNK):
        g1 = min(len(b.starts) - 1, g0 + _CHUNK)
        p0, p1 = np.searchsorted(b_of, [g0, g1])
        if p0 == p1:
            continue
        b_lo, b_hi = int(b.starts[g0]), int(b.starts[g1])
        b_ids = b.ids[b_lo:b_hi]
        np.bitwise_or.at(table, b_ids, _BITS[b.owner[b_lo:b_hi] - g0])
        e0, e1 = int(pair_starts[p0]), int(pair_starts[p1])
        ids = a.ids[rows[e0:e1]]
        bits = np.repeat(_BITS[b_of[p0:p1] - g0], lengths[p0:p1])
        hit = (table[ids] & bits) != 0
        table[b_ids] = 0
        where = np.flatnonzero(hit)
        local = pair_starts[p0 : p1 + 1] - e0  # a short array: the search stays in cache
        owner = p0 + np.searchsorted(local, where, side="right") - 1
        if split is not None:
            low = ids[where] < split
            counted.append(owner[low])
            where, owner = where[~low], owner[~low]
        found_rows.append(rows[e0:e1][where])
        found_pairs.append(owner)
    empty = np.zeros(0, dtype=np.int64)
    found = np.concatenate(found_rows) if found_rows else empty
    pairs = np.concatenate(found_pairs) if found_pairs else empty
    if split is None:
        return found, pairs
    return found, (np.concatenate(counted) if counted else empty, pairs)


def _python_union(
    side: SideFeatures, group: Group
) -> tuple[dict[int, int], list[set[int]], int, list[int]]:
    """A group's stems (with occurrences), set features per kind, word weight and sizes."""
    stems: dict[int, int] = {}
    kinds: list[set[int]] = [set() for _ in range(KINDS)]
    mass = 0
    for s in group:
        lo, hi = int(side.stem_offsets[s]), int(side.stem_offsets[s + 1])
        ids, counts = side.stem_ids[lo:hi].tolist(), side.stem_counts[lo:hi].tolist()
        if not stems:
            stems = dict(zip(ids, counts, strict=True))
        else:
            for stem, count in zip(ids, counts, strict=True):
                stems[stem] = stems.get(stem, 0) + count
        mass += int(side.mass[s])
        at = int(side.set_offsets[s])
        for kind, size in enumerate(side.sizes[s].tolist()):
            kinds[kind].update(side.set_ids[at : at + size].tolist())
            at += size
    return stems, kinds, mass, [len(k) for k in kinds]
