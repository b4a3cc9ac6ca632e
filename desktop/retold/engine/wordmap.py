"""Word-level correspondence inside a link: which words each word became.

A link's kept runs hold the same words on both sides (after normalising whitespace and quote
marks), so the k-th word of a run on one side is the k-th word of its twin; a replacement maps
its passage to the other passage as a whole; inserted and deleted words map to nothing.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from retold.engine.inline import WORD
from retold.engine.model import Link, Side, Span
from retold.engine.normalize import normalize_quotes


@dataclass(frozen=True, slots=True)
class WordPartner:
    """The passage found at an offset and what it became on the other side (None: nothing)."""

    here: Span
    there: Span | None


def _words(text: str, span: Span) -> list[Span]:
    """Word spans as the word diff splits them: after quote marks are normalised."""
    start, end = span
    plain = normalize_quotes(text[start:end])  # same length: offsets carry over
    return [(start + m.start(), start + m.end()) for m in WORD.finditer(plain)]


def kept_word_pairs(link: Link, original: str, rewrite: str) -> Iterator[tuple[Span, Span]]:
    """Every kept word of ``link`` with its twin: (original span, rewrite span).

    A run's two sides hold the same words; in a report edited by hand they may not, and then
    words pair up to the shorter side's end rather than failing."""
    for run_o, run_r in link.kept:
        yield from zip(_words(original, run_o), _words(rewrite, run_r), strict=False)


def word_partner(
    link: Link, side: Side, offset: int, original: str, rewrite: str
) -> WordPartner | None:
    """What the word (or changed passage) at ``offset`` on ``side`` of ``link`` became; None
    when the offset falls on neither a word nor a change of the link (a space, another link)."""
    mine = 0 if side is Side.ORIGINAL else 1
    text = original if side is Side.ORIGINAL else rewrite
    for run in link.kept:
        if run[mine][0] <= offset < run[mine][1]:
            words = _words(text, run[mine])
            k = bisect_right([start for start, _ in words], offset) - 1
            if k < 0 or offset >= words[k][1]:
                return None  # the space between two words of the run
            twins = _words(rewrite if mine == 0 else original, run[1 - mine])
            return WordPartner(words[k], twins[k] if k < len(twins) else None)
    for change in link.changes:
        here, there = (
            (change.original, change.rewrite) if mine == 0 else (change.rewrite, change.original)
        )
        if here is not None and here[0] <= offset < here[1]:
            return WordPartner(here, there)
    return None
