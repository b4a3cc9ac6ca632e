"""What pairs of single sentences share, counted straight from the two sides' arrays.

Most of the pairs an aligner scores are single sentences: tens of thousands for a book. For
them no group is merged. The 3-grams shared (most of the features) are the bits common to
two bitsets, one per sentence; stems and anchors are looked up in a table where each rewrite
sentence of a block has a row. The counts are the integers ``pair_evidence.Counter.many``
gives for the same pairs (a property test); the bitsets are made only where they are small.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from retold.engine.feature_table import GRAM, KINDS, PairFeatures, SideFeatures, ranges

_Ints = NDArray[np.int64]
_Int32s = NDArray[np.int32]
_Bits = NDArray[np.uint64]
MAX_BITSET_BYTES = 48 << 20  # both sides' gram bitsets; larger, the pairs are counted as groups
_CHUNK = 1024  # pairs whose bitsets are compared at once
_TABLE = 1 << 22  # cells of the look-up tables: a row per rewrite sentence of a block
_MAX_SLOTS = 1024  # rewrite sentences in a block


def fits(features: PairFeatures) -> bool:
    """Whether the gram bitsets of this pair's sentences are small enough to make."""
    words = _words(features)
    return (len(features.original) + len(features.rewrite)) * words * 8 <= MAX_BITSET_BYTES


def _words(features: PairFeatures) -> int:
    return (int(features.kind_starts[GRAM + 1]) + 63) // 64


class SingleCounter:
    """Shared word weight and set features of pairs of single sentences of one pair's table."""

    def __init__(
        self, features: PairFeatures, slots: int = _MAX_SLOTS, chunk: int = _CHUNK
    ) -> None:
        """``slots`` and ``chunk`` bound how many rewrite sentences fill the tables at once
        and how many pairs' bitsets are compared at once (the counts do not depend on them)."""
        self.features = features
        self.chunk = chunk
        original, rewrite = features.original, features.rewrite
        self.stem_width = np.int32(len(features.idf))
        self.anchor_base = int(features.kind_starts[GRAM + 1])
        self.anchor_width = np.int32(int(features.kind_starts[-1]) - self.anchor_base)
        widest = max(1, int(self.stem_width), int(self.anchor_width))
        self.slots = max(1, min(slots, _TABLE // widest))
        # Zero between calls: the cells a block fills are cleared after it.
        self.stem_table = np.zeros(self.slots * int(self.stem_width), dtype=np.int32)
        self.anchor_table = np.zeros(self.slots * int(self.anchor_width), dtype=np.int8)
        self.entry_idf = features.idf[original.stem_ids]  # each stem entry's weight of one
        words = _words(features)
        self.bits = (_bitsets(original, words), _bitsets(rewrite, words))
        self.anchors = (_Anchors(original, self.anchor_base), _Anchors(rewrite, self.anchor_base))

    def many(self, original: _Ints, rewrite: _Ints) -> tuple[_Ints, _Ints]:
        """Per pair (``original[k]``, ``rewrite[k]``): the word weight shared (each stem at
        the smaller count) and the set features shared, per kind."""
        n = len(original)
        order = np.argsort(rewrite, kind="stable")  # by rewrite sentence, so by block
        a_of, b_of = original[order], rewrite[order]
        common = np.zeros(n, dtype=np.int64)
        shared = np.zeros((n, KINDS), dtype=np.int64)
        o_bits, r_bits = self.bits
        for p0 in range(0, n, self.chunk):
            a, b = a_of[p0 : p0 + self.chunk], b_of[p0 : p0 + self.chunk]
            both = np.bitwise_count(o_bits[a] & r_bits[b])
            shared[p0 : p0 + self.chunk, GRAM] = both.sum(axis=1, dtype=np.int64)
        # Each distinct rewrite sentence's slot: its rank among them, within its block.
        first = np.ones(n, dtype=np.bool_)
        first[1:] = b_of[1:] != b_of[:-1]
        rank = np.cumsum(first) - 1
        distinct = b_of[first]
        stems = _Rows(self.features.original.stem_offsets, a_of)
        anchors = _Rows(self.anchors[0].offsets, a_of)
        for g0 in range(0, len(distinct), self.slots):
            p0, p1 = np.searchsorted(rank, [g0, g0 + self.slots]).tolist()
            slot = (rank[p0:p1] - g0).astype(np.int32)
            members = distinct[g0 : g0 + self.slots]
            common[p0:p1] = self._common(stems, p0, p1, slot, members)
            shared[p0:p1, GRAM + 1 :] = self._anchors(anchors, a_of[p0:p1], p0, p1, slot, members)
        back = np.empty(n, dtype=np.int64)
        back[order] = np.arange(n)
        return common[back], shared[back]

    def _common(self, stems: _Rows, p0: int, p1: int, slot: _Int32s, members: _Ints) -> _Ints:
        """The word weight pairs p0..p1 share: each stem at the smaller count of the two."""
        o_side, r_side = self.features.original, self.features.rewrite
        filled, found = _fill(r_side.stem_offsets, r_side.stem_ids, members, self.stem_width)
        self.stem_table[filled] = r_side.stem_counts[found]
        rows = stems.rows(p0, p1)
        theirs = self.stem_table[o_side.stem_ids[rows] + stems.spread(slot * self.stem_width)]
        self.stem_table[filled] = 0
        weights = self.entry_idf[rows] * np.minimum(o_side.stem_counts[rows], theirs)
        return _segment_sums(weights, stems.bounds(p0, p1))

    def _anchors(
        self, anchors: _Rows, a: _Ints, p0: int, p1: int, slot: _Int32s, members: _Ints
    ) -> _Ints:
        """The anchors pairs p0..p1 share, per kind (a sentence's are in order of kind)."""
        mine, theirs = self.anchors
        filled, _ = _fill(theirs.offsets, theirs.ids, members, self.anchor_width)
        self.anchor_table[filled] = 1
        rows = anchors.rows(p0, p1)
        hits = self.anchor_table[mine.ids[rows] + anchors.spread(slot * self.anchor_width)]
        self.anchor_table[filled] = 0
        bounds = anchors.bounds(p0, p1)
        kinds = np.cumsum(self.features.original.sizes[a, GRAM + 1 : -1], axis=1)
        at = np.concatenate([bounds[:-1, None], bounds[:-1, None] + kinds, bounds[1:, None]], 1)
        return _segment_sums(hits, at)


class _Anchors:
    """One side's set features other than grams, in CSR arrays like ``SideFeatures``', their
    ids less ``base`` (the first anchor id)."""

    def __init__(self, side: SideFeatures, base: int) -> None:
        grams = side.sizes[:, GRAM].astype(np.int64)
        lengths = np.diff(side.set_offsets) - grams
        self.offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        rows = ranges(side.set_offsets[:-1] + grams, lengths)
        self.ids: _Int32s = side.set_ids[rows] - np.int32(base)


class _Rows:
    """The entries (in a side's CSR arrays) of the sentences of pairs, pair after pair."""

    def __init__(self, offsets: _Ints, sentences: _Ints) -> None:
        self.first = offsets[sentences]
        self.lengths = offsets[sentences + 1] - self.first
        self.ends = np.cumsum(self.lengths)
        self.p0 = self.p1 = 0

    def rows(self, p0: int, p1: int) -> _Ints:
        self.p0, self.p1 = p0, p1
        return ranges(self.first[p0:p1], self.lengths[p0:p1])

    def bounds(self, p0: int, p1: int) -> _Ints:
        """Where each of pairs p0..p1's entries start among their rows, and where the last
        ends."""
        ends = self.ends[p0:p1] - (self.ends[p0 - 1] if p0 else 0)
        return np.concatenate([[0], ends])

    def spread(self, value: _Int32s) -> _Int32s:
        """Each of the last rows' pairs' value, once per entry."""
        return np.repeat(value, self.lengths[self.p0 : self.p1])


def _bitsets(side: SideFeatures, words: int) -> _Bits:
    """(sentences, words): bit g of sentence s's row is set where it holds gram g."""
    grams = side.sizes[:, GRAM].astype(np.int64)
    rows = ranges(side.set_offsets[:-1], grams)
    gram = side.set_ids[rows].astype(np.int64)
    owner = np.repeat(np.arange(len(side), dtype=np.int64), grams)
    bits = np.zeros(len(side) * words, dtype=np.uint64)
    # Each (sentence, gram) once: adding the bits of a word is or-ing them.
    np.add.at(
        bits, owner * words + gram // 64, np.left_shift(np.uint64(1), (gram % 64).astype(np.uint64))
    )
    return bits.reshape(len(side), words)


def _fill(offsets: _Ints, ids: _Int32s, members: _Ints, width: np.int32) -> tuple[_Int32s, _Ints]:
    """The cells of sentences ``members``' entries, the k-th sentence's in row k, and their
    rows in the side's arrays."""
    starts = offsets[members]
    lengths = offsets[members + 1] - starts
    rows = ranges(starts, lengths)
    slot = np.repeat(np.arange(len(members), dtype=np.int32) * width, lengths)
    cells: _Int32s = ids[rows] + slot
    return cells, rows


def _segment_sums(values: NDArray[np.integer], bounds: _Ints) -> _Ints:
    """Sums of ``values`` between consecutive ``bounds`` (along the last axis). Differences of
    a running sum: exact for integers even where the running sum wraps around."""
    running = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(values, out=running[1:])
    sums: _Ints = running[bounds[..., 1:]] - running[bounds[..., :-1]]
    return sums
