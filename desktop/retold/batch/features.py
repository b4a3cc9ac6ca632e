"""The evidence that a suspect was derived from an original, as a few numbers in [0, 1].

A rewrite keeps its source's rare words, names, numbers, word pairs in order, sentences one by
one and some verbatim runs; a text written independently on the same subject shares the
subject's words and little else. Each figure below measures one of those, on the pair alone (no
outside corpus), so that a suspect's score never depends on what else is in the batch:

- ``retold``: the engine's view. The share of the suspect's prose that is linked to the
  original, or of the original's prose linked to the suspect, whichever is larger (a suspect may
  retell part of a long original, or embed a short one in a longer page).
- ``rare``: of the suspect's content words that are not the original's topic words (used more
  than ``TOPIC_USES`` times in it), the share the original also has. Topic words are the ones an
  independent writer shares; the rest is what a copy keeps and an independent text lacks.
- ``pairs``: containment of content-word bigrams (function words dropped, so that "the tax on
  imports" and "tax imports" agree): it needs the words in the same order.
- ``run``: the longest verbatim run on a log scale: 0 below ``MIN_RUN_WORDS`` (6) words, rising
  slowly (a six-word run of a set phrase turns up in independent texts too: 0.08), 1.0 from
  ``RUN_SCALE_WORDS`` words.

Containment is taken in both directions and the larger kept, like ``retold``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from retold.engine.model import Comparison, Document
from retold.engine.normalize import STOPWORDS, words
from retold.engine.verbatim import MIN_RUN_WORDS, Verbatim

TOPIC_USES = 3  # a word the original uses more often than this is one of its topic words
RUN_SCALE_WORDS = 50  # a verbatim run this long is full evidence of copying


@dataclass(frozen=True, slots=True)
class Features:
    retold: float
    rare: float
    pairs: float
    run: float

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.retold, self.rare, self.pairs, self.run)


def prose_words(doc: Document) -> list[str]:
    """The document's words, case-folded, boilerplate sentences left out."""
    return [w for s in doc.sentences if not s.boilerplate for w in words(doc.text[s.start : s.end])]


def features(comparison: Comparison, verbatim: Verbatim) -> Features:
    """The evidence of one comparison (``verbatim`` is ``engine.verbatim.verbatim`` of it)."""
    o_words, r_words = prose_words(comparison.original), prose_words(comparison.rewrite)
    stats = comparison.stats
    retold = max(1.0 - stats.new_share, stats.reused_share) if stats.links else 0.0
    return Features(
        retold=retold,
        rare=max(rare_containment(r_words, o_words), rare_containment(o_words, r_words)),
        pairs=max(pair_containment(r_words, o_words), pair_containment(o_words, r_words)),
        run=run_evidence(verbatim.longest_words, verbatim.min_words),
    )


def run_evidence(longest: int, min_words: int = MIN_RUN_WORDS) -> float:
    """0 for no run, log(longest / (N - 1)) scaled so that ``RUN_SCALE_WORDS`` gives 1."""
    if longest < min_words:
        return 0.0
    floor = max(1, min_words - 1)
    return min(1.0, math.log(longest / floor) / math.log(RUN_SCALE_WORDS / floor))


def rare_containment(inner: Sequence[str], outer: Sequence[str]) -> float:
    """Of ``inner``'s content words that are not ``outer``'s topic words, the share in
    ``outer``."""
    uses = Counter(outer)
    candidates = {w for w in inner if w not in STOPWORDS and uses[w] <= TOPIC_USES}
    if not candidates:
        return 0.0
    return sum(1 for w in candidates if uses[w]) / len(candidates)


def pair_containment(inner: Sequence[str], outer: Sequence[str]) -> float:
    """The share of ``inner``'s content-word bigrams that ``outer`` has too."""
    mine, theirs = _content_pairs(inner), _content_pairs(outer)
    return len(mine & theirs) / len(mine) if mine else 0.0


def _content_pairs(tokens: Sequence[str]) -> set[tuple[str, str]]:
    content = [w for w in tokens if w not in STOPWORDS]
    return set(pairwise(content))
