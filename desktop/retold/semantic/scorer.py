"""A sentence scorer that adds embedding evidence to the lexical scorer's.

The similarity stays on the lexical scale: both were calibrated on the same gold pairs as
logistic models of "this pair is a true link", ``p = σ(a₀ + a₁·lex)`` and
``p = σ(b₀ + b₁·lex + b₂·cos)``; a pair's semantic similarity is the lexical score that carries
the same probability, ``(b₀ − a₀ + b₁·lex + b₂·cos) / a₁``, which is linear in both signals.
So ``link_threshold`` and ``edited_threshold`` mean the same with either scorer.

Property: the combined score is never below the lexical score (``max`` of the two). Evidence
from the model can only lift a pair, so it adds links where words were all replaced, or moves
a sentence to a partner it fits better; it never drops a link for lack of embedding agreement.
It lifts a pair only to or past the link threshold: below it, the aligner's own evidence of
place (gap filling, orphans) would count the band-local margin twice, and on independently
written texts on one topic (Clough's "non" answers) such lifts linked sentences that were not
derived from each other.

Candidates come from the embedding too (a sentence with no word in common is never a lexical
candidate), near-linearly: the nearest few originals by cosine within a band around the
diagonal, and for sentences the lexical pass leaves without a partner above the threshold,
the nearest few among all sentences of the other side. No all-pairs matrix over both sides.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from retold.engine.scoring import Thresholds
from retold.engine.similarity import Features, LexicalOptions, LexicalScorer, features
from retold.semantic.encoder import SentenceEncoder

_CHUNK = 512  # rows of the other side scored at once when searching all of it


@dataclass(frozen=True, slots=True)
class Combination:
    """``max(lex, bias + lexical·lex + semantic·cos + margin·m)``, clipped to [0, 1].

    ``m`` is the cosine's margin over the best rival: how much closer the two groups are to
    each other than either is to any other sentence near it. Sentences of one article (or of
    one abstract) are all about the same thing, so a cosine alone says little; being each
    other's nearest neighbours says more.
    """

    bias: float
    lexical: float
    semantic: float
    margin: float
    fitted_on: str


# Fitted by benchmarks/fit_semantic.py; see ``fitted_on``. As probabilities of a true link:
# σ(-5.317 + 16.198·lex) for the lexical score alone and
# σ(-1.022 + 5.297·lex - 1.244·cos + 7.204·margin) with the model: the margin carries it.
FITTED = Combination(
    bias=0.2652,
    lexical=0.3270,
    semantic=-0.0768,
    margin=0.4448,
    fitted_on="msrp_docs + iterater_human_doc (../shared/eval) + our fixtures bridge + drought, "
    "each source weighted equally",
)


@dataclass(frozen=True, slots=True)
class Search:
    """Where the scorer looks for embedding candidates."""

    band: int = 8  # sentences either side of the diagonal
    neighbours: int = 3  # nearest sentences kept per sentence as candidates
    rivals: int = 4  # nearest sentences kept per sentence for the margin (> largest group)


@dataclass(frozen=True, slots=True)
class Semantic:
    """Makes a ``SemanticScorer`` for each pair: ``CompareOptions(scorer=Semantic())``.

    Its thresholds are the lexical scorer's: the combination is calibrated onto that scale.
    """

    lexical: LexicalOptions = field(default_factory=LexicalOptions)
    combination: Combination = FITTED
    search: Search = field(default_factory=Search)

    @property
    def thresholds(self) -> Thresholds:
        return self.lexical.thresholds

    def __call__(self, original: Sequence[str], rewrite: Sequence[str]) -> SemanticScorer:
        return SemanticScorer(original, rewrite, factory=self)


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
        factory: Semantic | None = None,
        encoder: SentenceEncoder | None = None,
    ) -> None:
        factory = factory or Semantic()
        self.lexical = LexicalScorer(original, rewrite, factory.lexical)
        self.thresholds = factory.thresholds
        model = encoder or shared_encoder()
        self.model_name = model.name
        self._orig = model.embed(original)
        self._rew = model.embed(rewrite)
        self._combination = factory.combination
        self._search = factory.search
        self._near_o = _band_neighbours(self._orig, self._rew, self._search)
        language = factory.lexical.language
        self._facts_o = [_facts(features(t, language)) for t in original]
        self._facts_r = [_facts(features(t, language)) for t in rewrite]
        self._near_r = _band_neighbours(self._rew, self._orig, self._search)

    def cosine(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        """Cosine of the two groups' mean embeddings."""
        a = self._orig[list(original)].sum(axis=0)
        b = self._rew[list(rewrite)].sum(axis=0)
        norm = float(np.linalg.norm(a) * np.linalg.norm(b))
        return float(a @ b) / norm if norm else 0.0

    def margin(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        """The groups' cosine less the best cosine of a member with a sentence outside; 0
        when there is no sentence outside (a pair of one-sentence texts has no rival)."""
        rivals = [_best_outside(self._near_o[i], rewrite) for i in original]
        rivals += [_best_outside(self._near_r[j], original) for j in rewrite]
        known = [r for r in rivals if r is not None]
        return self.cosine(original, rewrite) - max(known) if known else 0.0

    def score(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        lexical = self.lexical.score(original, rewrite)
        c = self._combination
        cosine = self.cosine(original, rewrite)
        combined = c.bias + c.lexical * lexical + c.semantic * cosine
        if c.margin:
            combined += c.margin * self.margin(original, rewrite)
        if combined < self.thresholds.link or self._conflict(original, rewrite):
            # Below the link bar the aligner adds evidence of place (gaps between links,
            # neighbours of a link); the margin already holds it, being measured in the band.
            return lexical
        return max(lexical, min(1.0, combined))

    def coverage(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        return self.lexical.coverage(original, rewrite)

    def _conflict(self, original: Sequence[int], rewrite: Sequence[int]) -> bool:
        """Both sides state numbers or names the other does not: other facts on one topic,
        which sentence embeddings place close together. The model lifts no such pair."""
        a = [frozenset().union(*(self._facts_o[i][k] for i in original)) for k in (0, 1)]
        b = [frozenset().union(*(self._facts_r[j][k] for j in rewrite)) for k in (0, 1)]
        return any(bool(x - y) and bool(y - x) for x, y in zip(a, b, strict=True))

    def candidates(self, limit: int) -> Iterable[tuple[int, int]]:
        lexical = list(self.lexical.candidates(limit))
        pairs = set(lexical) | self._band_pairs()
        best_o = np.zeros(len(self._orig))
        best_r = np.zeros(len(self._rew))
        for i, j in lexical:
            s = self.lexical.score((i,), (j,))
            best_o[i], best_r[j] = max(best_o[i], s), max(best_r[j], s)
        bar = self.thresholds.link
        pairs |= {(i, j) for j, i in self._nearest(self._rew, self._orig, best_r < bar)}
        pairs |= set(self._nearest(self._orig, self._rew, best_o < bar))
        return sorted(pairs)

    def _band_pairs(self) -> set[tuple[int, int]]:
        """The nearest originals of each rewrite sentence near its place on the diagonal."""
        keep = self._search.neighbours
        return {(i, j) for j, near in enumerate(self._near_r) for _, i in near[:keep]}

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


def _band_neighbours(
    side: NDArray[np.float32], other: NDArray[np.float32], search: Search
) -> list[list[tuple[float, int]]]:
    """For each sentence, its nearest sentences of the other side within the diagonal band,
    as (cosine, index), nearest first."""
    if not len(side) or not len(other):
        return [[] for _ in side]
    out: list[list[tuple[float, int]]] = []
    for s in range(len(side)):
        centre = s * len(other) // len(side)
        lo, hi = max(0, centre - search.band), min(len(other), centre + search.band + 1)
        cosines = other[lo:hi] @ side[s]
        keep = _top(cosines, max(search.rivals, search.neighbours))
        out.append([(float(cosines[k]), lo + k) for k in keep])
    return out


def _best_outside(near: list[tuple[float, int]], group: Sequence[int]) -> float | None:
    return next((c for c, t in near if t not in group), None)


def _facts(f: Features) -> tuple[frozenset[str], frozenset[str]]:
    return f.numbers, f.names


def _top(values: NDArray[np.float32], keep: int) -> list[int]:
    """Indices of the ``keep`` largest values, ties to the lower index (stable, deterministic)."""
    order = np.argsort(-values, kind="stable")
    return [int(k) for k in order[:keep]]
