"""Which evidence a comparison rests on: the words alone, or the words and a sentence model.

A scorer (and its factory) that adds a model's evidence names it in ``evidence`` ("lexical +
<model> <version>"), and says which pairs the model, not the words, linked. The engine knows
no model: it asks these two questions of whatever scorer it is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

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
    """The evidence a scorer names ("lexical + all-MiniLM-L6-v2 (int8) 72abb1cd"), or lexical."""
    return scorer.evidence if isinstance(scorer, NamesEvidence) else LEXICAL
