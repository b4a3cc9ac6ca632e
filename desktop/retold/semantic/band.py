"""Where the semantic scorer looks: each sentence's place on the other side's diagonal, its
nearest sentences in a band around it (candidates, and rivals for a pair's margin), and
cosines of many rows at once."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray


def inverse(diagonal: NDArray[np.float64], n_o: int) -> NDArray[np.float64]:
    """For each original sentence, its place on the rewrite's side of the diagonal."""
    if not len(diagonal):
        return np.zeros(n_o)
    order = np.argsort(diagonal, kind="stable")
    return np.interp(np.arange(n_o), diagonal[order], order.astype(np.float64))


def band_neighbours(
    side: NDArray[np.float32],
    other: NDArray[np.float32],
    centre: NDArray[np.float64],
    band: int,
    keep: int,
) -> list[list[tuple[float, int]]]:
    """For each sentence, its nearest sentences of the other side within the band around its
    place ``centre[s]`` on the diagonal, as (cosine, index), nearest first."""
    if not len(side) or not len(other):
        return [[] for _ in side]
    out: list[list[tuple[float, int]]] = []
    for s in range(len(side)):
        middle = round(float(centre[s]))
        lo, hi = max(0, middle - band), min(len(other), middle + band + 1)
        if lo >= hi:  # the diagonal ran past the other side's end
            lo, hi = max(0, len(other) - band - 1), len(other)
        cosines = other[lo:hi] @ side[s]
        out.append([(float(cosines[k]), lo + k) for k in top(cosines, keep)])
    return out


class Rivals:
    """A side's band neighbours (``band_neighbours``) as arrays, nearest first, padded."""

    def __init__(self, near: list[list[tuple[float, int]]]) -> None:
        width = max(1, max(map(len, near), default=0))
        self.cosines = np.full((len(near), width), -np.inf)
        self.indices = np.full((len(near), width), -1, dtype=np.int64)
        for s, row in enumerate(near):
            self.cosines[s, : len(row)] = [c for c, _ in row]
            self.indices[s, : len(row)] = [t for _, t in row]

    def outside(
        self, rows: NDArray[np.int64], partners: NDArray[np.int64]
    ) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
        """For each ``rows[k]``, the cosine of its nearest neighbour other than
        ``partners[k]`` (``best_outside`` of a one-sentence group), and whether it has one."""
        indices = self.indices[rows]
        other = (indices != partners[:, None]) & (indices >= 0)
        first = other.argmax(axis=1)
        return self.cosines[rows, first], other.any(axis=1)


def cosines(a: NDArray[np.float32], b: NDArray[np.float32]) -> NDArray[np.float64]:
    """Cosine of each row of ``a`` with the same row of ``b``, 0 where one is all zeros. In
    float64, a row at a time, so that a row's cosine does not depend on the others."""
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    dot = np.einsum("ij,ij->i", a64, b64)
    norm = np.sqrt(np.einsum("ij,ij->i", a64, a64)) * np.sqrt(np.einsum("ij,ij->i", b64, b64))
    found: NDArray[np.float64] = np.divide(dot, norm, out=np.zeros(len(dot)), where=norm > 0)
    return found


def best_outside(near: list[tuple[float, int]], group: Sequence[int]) -> float | None:
    return next((c for c, t in near if t not in group), None)


def top(values: NDArray[np.float32], keep: int) -> list[int]:
    """Indices of the ``keep`` largest values, ties to the lower index (stable, deterministic)."""
    order = np.argsort(-values, kind="stable")
    return [int(k) for k in order[:keep]]
