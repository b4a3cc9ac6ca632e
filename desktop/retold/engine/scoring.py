"""What the aligner asks of a sentence scorer, and how ``compare()`` makes one.

The aligner talks to a ``SentenceScorer`` only, and ``compare()`` builds it with the
``ScorerFactory`` in its options, so a semantic or other-language scorer plugs in without
touching either. Each scorer has its own similarity scale, so the bars on that scale (when a
pair is linked, when a link counts as edited) are the scorer's, in its ``Thresholds``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, Self, TypeVar, overload, runtime_checkable

import numpy as np
from numpy.typing import NDArray

Group = Sequence[int]  # indices of sentences of one side
_Pair = TypeVar("_Pair")


class _ArrayPairs(Sequence[_Pair]):
    """(original, rewrite) sentence pairs held as two integer arrays: compact for the tens of
    thousands of candidate pairs of a long document, and read as arrays by code that knows
    them; a subclass says what one pair is."""

    def __init__(self, original: NDArray[np.int64], rewrite: NDArray[np.int64]) -> None:
        self.original = original
        self.rewrite = rewrite

    def __len__(self) -> int:
        return len(self.original)

    @overload
    def __getitem__(self, k: int) -> _Pair: ...
    @overload
    def __getitem__(self, k: slice) -> Self: ...
    def __getitem__(self, k: int | slice) -> _Pair | Self:
        if isinstance(k, slice):
            return type(self)(self.original[k], self.rewrite[k])
        return self._pair(int(self.original[k]), int(self.rewrite[k]))

    def _pair(self, i: int, j: int) -> _Pair:
        raise NotImplementedError


class IndexPairs(_ArrayPairs[tuple[int, int]]):
    """Pairs (i, j): what the lexical scorer's ``candidates`` gives, read as arrays by the
    aligner."""

    def _pair(self, i: int, j: int) -> tuple[int, int]:
        return i, j

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.original.tolist(), self.rewrite.tolist(), strict=True)


class SentencePairs(_ArrayPairs[tuple[Group, Group]]):
    """Pairs of single sentences, ((i,), (j,)): read as arrays by a scorer that knows them."""

    def _pair(self, i: int, j: int) -> tuple[Group, Group]:
        return (i,), (j,)


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Bars on a scorer's similarity scale."""

    # A link is made only at or above this similarity; below it sentences are added/removed.
    link: float = 0.35
    # A link is edited (a few words changed) at or above this similarity; else reworded.
    edited: float = 0.75


class SentenceScorer(Protocol):
    """Scores groups of sentences; indices refer to each side's sentence list."""

    @property
    def thresholds(self) -> Thresholds:
        """Where this scorer's scale puts a link and an edit."""
        ...

    def score(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        """Similarity in [0, 1] of the original group with the rewrite group."""
        ...

    def coverage(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        """How much of the less covered group the other one accounts for, in [0, 1]."""
        ...

    def candidates(self, limit: int) -> Iterable[tuple[int, int]]:
        """Pairs (original, rewrite) worth scoring: at most ``limit`` per rewrite sentence."""
        ...


@runtime_checkable
class BatchScorer(SentenceScorer, Protocol):
    """A scorer that also scores many pairs of groups in one call (the lexical scorer does):
    each result is what ``score`` or ``coverage`` gives for that pair, exactly."""

    def score_pairs(self, pairs: Sequence[tuple[Group, Group]]) -> list[float]:
        """``score`` of each (original group, rewrite group)."""
        ...

    def coverage_pairs(self, pairs: Sequence[tuple[Group, Group]]) -> list[float]:
        """``coverage`` of each (original group, rewrite group)."""
        ...


def score_pairs(scorer: SentenceScorer, pairs: Sequence[tuple[Group, Group]]) -> list[float]:
    """``score`` of each pair: in one call if the scorer is a ``BatchScorer``, else one by one
    (so that any ``SentenceScorer`` serves)."""
    if isinstance(scorer, BatchScorer):
        return scorer.score_pairs(pairs)
    return [scorer.score(o, r) for o, r in pairs]


def coverage_pairs(scorer: SentenceScorer, pairs: Sequence[tuple[Group, Group]]) -> list[float]:
    """``coverage`` of each pair, like ``score_pairs``."""
    if isinstance(scorer, BatchScorer):
        return scorer.coverage_pairs(pairs)
    return [scorer.coverage(o, r) for o, r in pairs]


class ScoreCache:
    """Scores and coverages of groups, asked for many at once ahead of a step that needs some
    of them one at a time (the aligner's steps decide one link after another)."""

    def __init__(self, scorer: SentenceScorer) -> None:
        self.scorer = scorer
        self._scores: dict[tuple[Group, Group], float] = {}
        self._coverages: dict[tuple[Group, Group], float] = {}

    def scores(self, pairs: Iterable[tuple[tuple[int, ...], tuple[int, ...]]]) -> None:
        """Score these pairs now, in one call."""
        self._fill(self._scores, pairs, score_pairs)

    def coverages(self, pairs: Iterable[tuple[tuple[int, ...], tuple[int, ...]]]) -> None:
        self._fill(self._coverages, pairs, coverage_pairs)

    def remember(
        self, pairs: list[tuple[tuple[int, ...], tuple[int, ...]]], scores: list[float]
    ) -> None:
        """Scores known already (the scorer's, of these pairs)."""
        self._scores.update(zip(pairs, scores, strict=True))

    def score(self, original: tuple[int, ...], rewrite: tuple[int, ...]) -> float:
        found = self._scores.get((original, rewrite))
        if found is None:
            found = self._scores[original, rewrite] = self.scorer.score(original, rewrite)
        return found

    def coverage(self, original: tuple[int, ...], rewrite: tuple[int, ...]) -> float:
        found = self._coverages.get((original, rewrite))
        if found is None:
            found = self._coverages[original, rewrite] = self.scorer.coverage(original, rewrite)
        return found

    def clear(self) -> None:
        """Forget everything (a step's guesses are of no use to the next one)."""
        self._scores.clear()
        self._coverages.clear()

    def _fill(
        self,
        known: dict[tuple[Group, Group], float],
        pairs: Iterable[tuple[tuple[int, ...], tuple[int, ...]]],
        batch: Callable[[SentenceScorer, Sequence[tuple[Group, Group]]], list[float]],
    ) -> None:
        todo = [p for p in dict.fromkeys(pairs) if p not in known]
        if todo:
            known.update(zip(todo, batch(self.scorer, todo), strict=True))


class ScorerFactory(Protocol):
    """Makes the scorer of one pair of documents from their sentence texts."""

    @property
    def thresholds(self) -> Thresholds:
        """The thresholds of the scorers it makes (reported with the comparison)."""
        ...

    def __call__(self, original: Sequence[str], rewrite: Sequence[str]) -> SentenceScorer: ...
