"""A sentence scorer that adds embedding evidence to the lexical scorer's.

The similarity stays on the lexical scale: both were calibrated on the same gold pairs as
logistic models of "this pair is a true link", ``p = σ(a₀ + a₁·lex)`` and
``p = σ(b₀ + b₁·lex + b₂·cos)``; a pair's semantic similarity is the lexical score that carries
the same probability, ``(b₀ − a₀ + b₁·lex + b₂·cos) / a₁``, which is linear in both signals.
So ``link_threshold`` and ``edited_threshold`` mean the same with either scorer.

Property: the combined score is never below the lexical score (``max`` of the two). Evidence
from the model can only lift a pair, so it adds links where words were all replaced, or moves
a sentence to a partner it fits better; it never drops a link for lack of embedding agreement.

Candidates come from the embedding too (a sentence with no word in common is never a lexical
candidate), near-linearly: the nearest few originals by cosine within a band around the
diagonal, and for sentences the lexical pass leaves without a partner above the threshold,
the nearest few among all sentences of the other side. No all-pairs matrix over both sides.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from retold.engine.similarity import LexicalScorer
from retold.semantic.encoder import SentenceEncoder

_CHUNK = 512  # rows of the other side scored at once when searching all of it


@dataclass(frozen=True, slots=True)
class Combination:
    """``max(lex, bias + lexical·lex + semantic·cos)``, clipped to [0, 1]."""

    bias: float
    lexical: float
    semantic: float
    fitted_on: str


# Fitted by benchmarks/fit_semantic.py; see ``fitted_on``.
FITTED = Combination(
    bias=-0.0705,
    lexical=0.8043,
    semantic=0.2374,
    fitted_on="msrp_docs + iterater_human_doc (../shared/eval) + our fixtures bridge + drought",
)


@dataclass(frozen=True, slots=True)
class Search:
    """Where the scorer looks for embedding candidates."""

    band: int = 8  # sentences either side of the diagonal
    neighbours: int = 3  # nearest sentences kept per sentence
    link_threshold: float = 0.35  # a sentence whose best lexical pair is below has no partner


@functools.cache
def shared_encoder() -> SentenceEncoder:
    """The encoder, loaded once a process (reading the model file takes a fraction of a second)."""
    return SentenceEncoder()


class SemanticScorer:
    """Lexical similarity lifted by the cosine of sentence embeddings (``SentenceScorer``)."""

    def __init__(
        self,
        original: Sequence[str],
        rewrite: Sequence[str],
        *,
        encoder: SentenceEncoder | None = None,
        combination: Combination = FITTED,
        search: Search | None = None,
    ) -> None:
        self.lexical = LexicalScorer(original, rewrite)
        model = encoder or shared_encoder()
        self.model_name = model.name
        self._orig = model.embed(original)
        self._rew = model.embed(rewrite)
        self._combination = combination
        self._search = search or Search()

    def cosine(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        """Cosine of the two groups' mean embeddings."""
        a = self._orig[list(original)].sum(axis=0)
        b = self._rew[list(rewrite)].sum(axis=0)
        norm = float(np.linalg.norm(a) * np.linalg.norm(b))
        return float(a @ b) / norm if norm else 0.0

    def score(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        lexical = self.lexical.score(original, rewrite)
        c = self._combination
        combined = c.bias + c.lexical * lexical + c.semantic * self.cosine(original, rewrite)
        return max(lexical, min(1.0, combined))

    def coverage(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        return self.lexical.coverage(original, rewrite)

    def candidates(self, limit: int) -> Iterable[tuple[int, int]]:
        lexical = list(self.lexical.candidates(limit))
        pairs = set(lexical) | self._band_pairs()
        best_o = np.zeros(len(self._orig))
        best_r = np.zeros(len(self._rew))
        for i, j in lexical:
            s = self.lexical.score((i,), (j,))
            best_o[i], best_r[j] = max(best_o[i], s), max(best_r[j], s)
        bar = self._search.link_threshold
        pairs |= {(i, j) for j, i in self._nearest(self._rew, self._orig, best_r < bar)}
        pairs |= set(self._nearest(self._orig, self._rew, best_o < bar))
        return sorted(pairs)

    def _band_pairs(self) -> set[tuple[int, int]]:
        """The nearest originals of each rewrite sentence near its place on the diagonal."""
        n_o, n_r = len(self._orig), len(self._rew)
        if not n_o or not n_r:
            return set()
        band, keep = self._search.band, self._search.neighbours
        pairs: set[tuple[int, int]] = set()
        for j in range(n_r):
            centre = j * n_o // n_r
            lo, hi = max(0, centre - band), min(n_o, centre + band + 1)
            cosines = self._orig[lo:hi] @ self._rew[j]
            for k in _top(cosines, keep):
                pairs.add((lo + k, j))
        return pairs

    def _nearest(
        self, side: NDArray[np.float32], other: NDArray[np.float32], wanted: NDArray[np.bool_]
    ) -> list[tuple[int, int]]:
        """(s, t): the nearest ``neighbours`` sentences t of the other side for each wanted s."""
        rows = np.flatnonzero(wanted)
        if not len(rows) or not len(other):
            return []
        out: list[tuple[int, int]] = []
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            cosines = side[chunk] @ other.T
            for s, row in zip(chunk, cosines, strict=True):
                out.extend((int(s), t) for t in _top(row, self._search.neighbours))
        return out


def _top(values: NDArray[np.float32], keep: int) -> list[int]:
    """Indices of the ``keep`` largest values, ties to the lower index (stable, deterministic)."""
    order = np.argsort(-values, kind="stable")
    return [int(k) for k in order[:keep]]
