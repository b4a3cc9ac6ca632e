"""The aligner's single pairs: which to score, and once scored, best first and looked up.

The candidate pairs of a long document are tens of thousands: they are held as arrays, with a
key per pair (rewrite sentence first) to find a pair's score again without scoring it twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from retold.engine.feature_table import ranges, unique
from retold.engine.scoring import IndexPairs

Candidate = tuple[float, tuple[int, ...], tuple[int, ...]]


def rank(candidate: Candidate) -> tuple[float, tuple[int, ...], tuple[int, ...]]:
    """Best first, then by indices."""
    return (-candidate[0], candidate[1], candidate[2])


@dataclass(frozen=True, slots=True)
class ScoredPairs:
    """Scored single pairs, best first (ties by indices), and a sorted key of each pair (in
    ``keys``, rewrite sentence first, with its score at the same place in ``by_key``) to
    look pairs up."""

    sims: NDArray[np.float64]
    original: NDArray[np.int64]
    rewrite: NDArray[np.int64]
    keys: NDArray[np.int64]
    by_key: NDArray[np.float64]
    width: int

    def known(
        self, pairs: list[tuple[tuple[int, ...], tuple[int, ...]]]
    ) -> tuple[list[tuple[tuple[int, ...], tuple[int, ...]]], list[float]]:
        """The pairs of single sentences among ``pairs`` already scored, with their scores."""
        singles = [(o[0], r[0]) for o, r in pairs if len(o) == 1 and len(r) == 1]
        if not singles:
            return [], []
        original, rewrite = np.array(singles, dtype=np.int64).T
        sims, found = self.lookup(original, rewrite)
        rows = np.flatnonzero(found).tolist()
        return [((singles[k][0],), (singles[k][1],)) for k in rows], sims[found].tolist()

    def lookup(
        self, original: NDArray[np.int64], rewrite: NDArray[np.int64]
    ) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
        """Scores of these single pairs where scored (0 elsewhere), and where they were."""
        if not len(self.keys):
            return np.zeros(len(original)), np.zeros(len(original), dtype=np.bool_)
        inside = (original < self.width) & (rewrite < self.width)
        wanted = np.where(inside, rewrite * self.width + original, -1)
        at = np.minimum(np.searchsorted(self.keys, wanted), len(self.keys) - 1)
        found = self.keys[at] == wanted
        return np.where(found, self.by_key[at], 0.0), found

    def above(self, bar: float) -> Iterator[Candidate]:
        """(similarity, (i,), (j,)) of the pairs scoring at least ``bar``, in order."""
        count = int(np.count_nonzero(self.sims >= bar))
        for sim, i, j in zip(
            self.sims[:count].tolist(),
            self.original[:count].tolist(),
            self.rewrite[:count].tolist(),
            strict=True,
        ):
            yield sim, (i,), (j,)


def pairs_to_score(
    original: list[int],
    rewrite: list[int],
    free: tuple[list[int], list[int]],
    candidates: Iterable[tuple[int, int]],
    band: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64], int]:
    """The distinct pairs to score, by rewrite sentence then original (so a batch holds few
    rewrite sentences): the scorer's candidates among the ``free`` sentences of each side,
    and the diagonal band of the two orders; and the width of a pair's key."""
    if isinstance(candidates, IndexPairs):
        found = np.stack([candidates.original, candidates.rewrite], axis=1).reshape(-1, 2)
    else:
        found = np.array(list(candidates), dtype=np.int64).reshape(-1, 2)
    o_band, r_band = diagonal_band(original, rewrite, band)
    width = 1 + max([*original, *rewrite, int(found.max(initial=0))])
    ok_o = np.zeros(width, dtype=np.bool_)
    ok_r = np.zeros(width, dtype=np.bool_)
    ok_o[free[0]] = True
    ok_r[free[1]] = True
    inside = (found < width).all(axis=1)  # a scorer's pair of sentences we do not have
    found = found[inside]
    keep = ok_o[found[:, 0]] & ok_r[found[:, 1]]
    i = np.concatenate([found[keep, 0], o_band])
    j = np.concatenate([found[keep, 1], r_band])
    keys = unique(j * width + i)
    return keys % width, keys // width, width


def diagonal_band(
    original: list[int], rewrite: list[int], band: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Pairs at about the same relative place: candidates when no rare word is shared."""
    if not original or not rewrite:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    ratio = len(original) / len(rewrite)
    centre = (np.arange(len(rewrite)) * ratio).astype(np.int64)
    lo = np.maximum(0, centre - band)
    hi = np.minimum(len(original), centre + band + 1)
    lengths = hi - lo
    at = ranges(lo, lengths)
    return np.asarray(original, dtype=np.int64)[at], np.repeat(np.asarray(rewrite), lengths)
