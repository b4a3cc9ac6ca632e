"""What the aligner asks of a sentence scorer, and how ``compare()`` makes one.

The aligner talks to a ``SentenceScorer`` only, and ``compare()`` builds it with the
``ScorerFactory`` in its options, so a semantic or other-language scorer plugs in without
touching either. Each scorer has its own similarity scale, so the bars on that scale (when a
pair is linked, when a link counts as edited) are the scorer's, in its ``Thresholds``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol


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


class ScorerFactory(Protocol):
    """Makes the scorer of one pair of documents from their sentence texts."""

    @property
    def thresholds(self) -> Thresholds:
        """The thresholds of the scorers it makes (reported with the comparison)."""
        ...

    def __call__(self, original: Sequence[str], rewrite: Sequence[str]) -> SentenceScorer: ...
