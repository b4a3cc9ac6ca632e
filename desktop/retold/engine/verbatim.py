"""Verbatim figures: what a rewrite keeps word for word, in runs long enough to be copying.

The word diff gives each link's kept runs, cut at sentence ends. A copied passage often runs on
over several sentences (and links), so runs that follow each other on both sides with nothing
but whitespace between them are joined first. A run counts as verbatim from ``MIN_RUN_WORDS``
words: shorter shared stretches ("one of the", "said on Tuesday") turn up in any two texts on one
subject, while six identical words in a row rarely do by chance (the figure plagiarism checkers
commonly use lies between five and eight).

Words are ``\\w+`` tokens after quote marks are normalised (punctuation is not counted), on the
prose only: boilerplate sentences have no links, so no run, and are left out of the totals.
Spans are code-point offsets into each side's ``Document.text``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from retold.engine.model import Comparison, Document, KeptRun, Span
from retold.engine.normalize import normalize_quotes

MIN_RUN_WORDS = 6
_WORDS = re.compile(r"\w+")
_SPACES = re.compile(r"\s*")
_WORD_QUOTE = "\u02bc"  # ʼ, the one quote mark that \w matches
_REPORT_EVERY = 1 << 16  # runs joined between two reports of progress


@dataclass(frozen=True, slots=True)
class VerbatimRun:
    """A passage kept word for word: its span on each side and its length in words."""

    original: Span
    rewrite: Span
    words: int


@dataclass(frozen=True, slots=True)
class Verbatim:
    """The verbatim figures of one comparison (``min_words`` is the N they were counted with)."""

    min_words: int
    original_words: int  # prose words of the original
    rewrite_words: int  # prose words of the rewrite
    kept_words: int  # words in verbatim runs (the same count on both sides)
    share: float  # kept_words / original_words: the share of the original kept verbatim
    rewrite_share: float  # kept_words / rewrite_words: the share of the rewrite copied verbatim
    longest: VerbatimRun | None  # the longest run (the first of equals), None when there is none
    runs: tuple[VerbatimRun, ...]  # every run of at least min_words, in the original's order

    @property
    def longest_words(self) -> int:
        return self.longest.words if self.longest is not None else 0


@dataclass(frozen=True, slots=True)
class Prose:
    """Both sides as the verbatim figures count words: quote marks normalised where that
    changes a count (``_counted_text``), and the words of each sentence (boilerplate too: the
    figures leave it out)."""

    original_text: str
    rewrite_text: str
    original_words: list[int]
    rewrite_words: list[int]

    @classmethod
    def of(cls, comparison: Comparison) -> Prose:
        o_text = _counted_text(comparison.original.text)
        r_text = _counted_text(comparison.rewrite.text)
        return cls(
            o_text,
            r_text,
            _sentence_words(comparison.original, o_text),
            _sentence_words(comparison.rewrite, r_text),
        )


def _counted_text(text: str) -> str:
    """``text`` with its quote marks normalised, as far as the figures can tell: they count
    ``\\w+`` words and look for whitespace, and of the marks only the modifier letter
    apostrophe (ʼ) is a word character (the rest are neither, in either form). Without it,
    the text itself: on 50 MB a side, no copy of each text."""
    return normalize_quotes(text) if _WORD_QUOTE in text else text


def verbatim(
    comparison: Comparison,
    min_words: int = MIN_RUN_WORDS,
    prose: Prose | None = None,
    *,
    progress: Callable[[float], None] | None = None,
) -> Verbatim:
    """The verbatim runs of ``comparison`` of at least ``min_words`` words (``min_words`` >= 1);
    ``prose`` is ``Prose.of(comparison)`` when the caller has it already; ``progress`` is told
    the share of the runs joined now and then (and may raise)."""
    if min_words < 1:
        raise ValueError("min_words must be at least 1")
    original, rewrite = comparison.original, comparison.rewrite
    prose = prose or Prose.of(comparison)
    o_text, r_text = prose.original_text, prose.rewrite_text
    kept = [run for link in comparison.links for run in link.kept]
    joined = _joined_runs(kept, o_text, r_text, progress)
    runs = tuple(
        VerbatimRun(o, r, n)
        for o, r in joined
        if (n := len(_WORDS.findall(o_text, o[0], o[1]))) >= min_words
    )
    kept_words = sum(run.words for run in runs)
    o_total = _prose_words(original, prose.original_words)
    r_total = _prose_words(rewrite, prose.rewrite_words)
    longest = max(runs, key=lambda run: run.words, default=None)  # max keeps the first of equals
    return Verbatim(
        min_words=min_words,
        original_words=o_total,
        rewrite_words=r_total,
        kept_words=kept_words,
        share=kept_words / o_total if o_total else 0.0,
        rewrite_share=kept_words / r_total if r_total else 0.0,
        longest=longest,
        runs=runs,
    )


def _joined_runs(
    kept: Iterable[KeptRun],
    o_text: str,
    r_text: str,
    progress: Callable[[float], None] | None = None,
) -> list[KeptRun]:
    """Kept runs in the original's order, a run joined to the one before it when both sides
    follow on with only whitespace between (a passage copied across sentences)."""
    out: list[KeptRun] = []
    ordered = sorted(kept)
    for k, (o, r) in enumerate(ordered):
        if progress is not None and k % _REPORT_EVERY == _REPORT_EVERY - 1:
            progress(k / len(ordered))
        if out:
            (o0, o1), (r0, r1) = out[-1]
            if _follows(o_text, o1, o[0]) and _follows(r_text, r1, r[0]):
                out[-1] = ((o0, o[1]), (r0, r[1]))
                continue
        out.append((o, r))
    return out


def _follows(text: str, end: int, start: int) -> bool:
    """Only whitespace (``str.isspace``, as ``\\s``) from ``end`` to ``start``: looked at in
    place, and only up to the first other character (the gap may be a long passage)."""
    return end <= start and _SPACES.fullmatch(text, end, start) is not None


def _sentence_words(doc: Document, text: str) -> list[int]:
    findall = _WORDS.findall
    return [len(findall(text, s.start, s.end)) for s in doc.sentences]


def _prose_words(doc: Document, words: list[int]) -> int:
    return sum(n for s, n in zip(doc.sentences, words, strict=True) if not s.boilerplate)
