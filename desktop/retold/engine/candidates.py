"""Pairs of sentences worth scoring: those that share rare words, through an inverted index.

Words found in many sentences are left out of the index (they cannot tell sentences apart),
which keeps the cost near-linear in the length of the documents. All of it is array work:
postings of each rare stem, votes (the summed IDF of the rare stems a pair shares) by sorting,
and the best few partners of each sentence by one sort per side.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from retold.engine.feature_table import PairFeatures, SideFeatures, ranges, unique
from retold.engine.scoring import IndexPairs

_Ints = NDArray[np.int64]
_BLOCK = 1 << 20  # (original, rewrite) votes counted at once


def candidate_pairs(
    features: PairFeatures, limit: int, max_postings: int, block: int = _BLOCK
) -> IndexPairs:
    """(original, rewrite) pairs: the ``limit`` best originals of each rewrite sentence by
    votes (ties to the lower index), and the ``limit`` best rewrite sentences of each original
    one, so that neither side's candidates are crowded out by the other's. About ``block``
    votes are counted at once (the result does not depend on it)."""
    n_o, n_r = len(features.original), len(features.rewrite)
    none = IndexPairs(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    if not n_o or not n_r or limit <= 0:
        return none
    max_df = min(max_postings, max(8, int(4 * math.sqrt(n_o + n_r))))
    rare = (features.df <= max_df) & ~features.stop
    o_sent, o_stem = _entries(features.original, rare)
    r_sent, r_stem = _entries(features.rewrite, rare)
    # Postings: the original sentences of each rare stem, in order.
    order = np.argsort(o_stem, kind="stable")
    posted = o_sent[order]
    starts = np.searchsorted(o_stem[order], np.arange(len(features.df) + 1))
    lengths = (starts[1:] - starts[:-1])[r_stem]
    # Rewrite sentences a block at a time, so that the (original, rewrite) votes of a long
    # pair are never all held at once. A block has all of a rewrite sentence's votes, so its
    # best originals; an original's best are the best of its best in each block.
    per_sentence = np.bincount(r_sent, weights=lengths, minlength=n_r).cumsum()
    cuts = np.searchsorted(per_sentence, np.arange(block, per_sentence[-1], block))
    edges = np.searchsorted(r_sent, unique(np.concatenate([[0], cuts + 1, [n_r]])))
    rewrite_best, kept = [], []
    for e0, e1 in zip(edges[:-1].tolist(), edges[1:].tolist(), strict=True):
        if e0 == e1:
            continue
        part = slice(e0, e1)
        i, j, votes = _votes(
            posted[ranges(starts[r_stem[part]], lengths[part])],
            np.repeat(r_sent[part], lengths[part]),
            np.repeat(features.idf[r_stem[part]], lengths[part]),
            n_o,
        )
        if not len(votes):
            continue  # no rare stem of these rewrite sentences is in an original one
        by_vote = np.argsort(-votes, kind="stable")
        best_r, best_o = _best(j, by_vote, limit), _best(i, by_vote, limit)
        rewrite_best.append(np.stack([i[best_r], j[best_r]], axis=1))
        rows = unique(best_o)  # in the order of the rows: by rewrite, then original
        kept.append(np.stack([i[rows], j[rows], votes[rows]], axis=1))
    if not kept:
        return none
    i, j, votes = np.concatenate(kept).T
    best_o = _best(i, np.argsort(-votes, kind="stable"), limit)
    found = np.concatenate([*rewrite_best, np.stack([i[best_o], j[best_o]], axis=1)])
    keys = unique(found[:, 1] * n_o + found[:, 0])
    return IndexPairs(keys % n_o, keys // n_o)


def _votes(i: _Ints, j: _Ints, weight: _Ints, n_o: int) -> tuple[_Ints, _Ints, _Ints]:
    """(original, rewrite, summed weight) of each distinct pair, by rewrite then original."""
    keys = j * n_o + i
    if not len(keys):
        return keys, keys, keys
    order = np.argsort(keys)  # the order of equal keys does not matter: integer sums
    keys = keys[order]
    first = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    votes = np.add.reduceat(weight[order], first)
    return keys[first] % n_o, keys[first] // n_o, votes


def _entries(side: SideFeatures, rare: NDArray[np.bool_]) -> tuple[_Ints, _Ints]:
    """(sentence, stem) of each rare stem of each sentence."""
    lengths = np.diff(side.stem_offsets)
    sentence = np.repeat(np.arange(len(side), dtype=np.int64), lengths)
    stems = side.stem_ids.astype(np.int64)
    keep = rare[stems]
    return sentence[keep], stems[keep]


def _best(owner: _Ints, by_vote: _Ints, limit: int) -> _Ints:
    """Rows of the ``limit`` most voted partners of each owner; ``by_vote`` is the rows by
    falling vote, ties in the order of the rows (by index of the partner)."""
    # A stable sort by owner of the rows by vote: by owner, then vote, then partner.
    owners = owner[by_vote]
    small = owners.astype(np.uint16) if len(owner) and owners.max() < 1 << 16 else owners
    order = by_vote[np.argsort(small, kind="stable")]
    owners = owner[order]
    first = np.concatenate([[True], owners[1:] != owners[:-1]])
    group_start = np.maximum.accumulate(np.where(first, np.arange(len(order)), 0))
    rank = np.arange(len(order)) - group_start
    return order[rank < limit]
