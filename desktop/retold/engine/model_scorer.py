"""What the engine asks of a scorer that adds a model's evidence to the words'.

Such a scorer (and its factory) names its evidence in ``evidence`` ("lexical + <model>
<version>"), says which pairs the model, not the words, linked, and, being slow to make (the
model reads every sentence), reports its progress and stops when asked. The engine knows no
model: it asks these questions of whatever scorer it is given; a lexical one answers none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from retold.engine.scoring import ScorerFactory, SentenceScorer

LEXICAL = "lexical"


@runtime_checkable
class NamesEvidence(Protocol):
    """A scorer, or a scorer factory, that says what evidence it weighs."""

    @property
    def evidence(self) -> str: ...


@runtime_checkable
class ModelEvidence(Protocol):
    """A scorer that can tell the pairs its model linked where the words alone would not."""

    def found_by_model(self, original: Sequence[int], rewrite: Sequence[int]) -> bool: ...


def evidence_of(scorer: object) -> str:
    """The evidence a scorer names ("lexical + all-MiniLM-L6-v2 int8 1e5558ea onnxruntime"),
    or lexical."""
    return scorer.evidence if isinstance(scorer, NamesEvidence) else LEXICAL


@runtime_checkable
class SlowToMake(Protocol):
    """A scorer factory whose scorers take a while to make; ``progress`` gets the share done
    and may raise (``Cancelled``) to stop it."""

    def make(
        self, original: Sequence[str], rewrite: Sequence[str], progress: Callable[[float], None]
    ) -> SentenceScorer: ...


def make_scorer(
    factory: ScorerFactory,
    original: Sequence[str],
    rewrite: Sequence[str],
    progress: Callable[[float], None],
) -> SentenceScorer:
    """The factory's scorer of these sentences, with progress where it is slow to make."""
    if isinstance(factory, SlowToMake):
        return factory.make(original, rewrite, progress)
    return factory(original, rewrite)
