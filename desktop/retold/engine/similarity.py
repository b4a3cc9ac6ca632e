"""How alike a group of original sentences is to a group of rewrite sentences.

``LexicalScorer`` is the default ``SentenceScorer`` (see ``scoring.py``), made by ``Lexical``
with its tunables in ``LexicalOptions``. It combines IDF-weighted word-stem overlap, character
3-grams and anchors (numbers, names, quoted phrases): shared numbers and quotes add
evidence, conflicting anchors (other numbers, other names) take it away, so that a sentence on
the same topic that states other facts is not taken for a paraphrase. Shared names add
nothing: related sentences that are not paraphrases share them as often as paraphrases do.

The features live in integer arrays (``feature_table.py``), built once per pair; the shared
parts of two groups are counted by ``pair_evidence.py``, one pair in Python or thousands with
numpy, to the same integers; ``_score_one`` and ``_score_many`` turn counts into the score with
the same operations, so that a score does not depend on how it was asked for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from retold.engine import feature_table
from retold.engine.candidates import candidate_pairs
from retold.engine.feature_table import GRAM, NAME, NUMBER, NUMBER_PATTERN, QUOTE, QUOTED_PATTERN
from retold.engine.normalize import STOPWORDS, normalize_quotes, stem, stemmer_languages, words
from retold.engine.pair_evidence import BATCH, FEW, Evidence, OneEvidence
from retold.engine.pair_evidence import Counter as EvidenceCounter
from retold.engine.scoring import Group, SentencePairs, SentenceScorer, Thresholds

__all__ = ["Features", "Lexical", "LexicalOptions", "LexicalScorer", "SentenceScorer", "features"]


@dataclass(frozen=True, slots=True)
class LexicalOptions:
    """The lexical scorer's tunables."""

    # Language of the stemmer (a Snowball algorithm name) and of the function-word list.
    language: str = "english"
    # The score is word_weight x the stems' weighted overlap + gram_weight x the 3-grams'.
    word_weight: float = 0.65
    gram_weight: float = 0.35
    stop_weight: float = 0.15  # how much a function word counts next to an ordinary word
    number_reward: float = 0.03  # added per shared number (at most two)
    quote_reward: float = 0.05  # added once for a shared quotation
    number_conflict: float = 0.12  # most taken off for other numbers on both sides
    name_conflict: float = 0.06  # ... and for other names (paraphrases often shorten a name)
    max_postings: int = 64  # a word in more sentences than this is not rare: not indexed
    thresholds: Thresholds = field(default_factory=Thresholds)

    def __post_init__(self) -> None:
        if self.language not in stemmer_languages():
            known = ", ".join(sorted(stemmer_languages()))
            raise ValueError(f"no stemmer for language {self.language!r} (known: {known})")


@dataclass(frozen=True, slots=True)
class Lexical:
    """Makes a ``LexicalScorer`` for each pair: the default scorer factory of ``compare()``."""

    options: LexicalOptions = field(default_factory=LexicalOptions)

    @property
    def thresholds(self) -> Thresholds:
        return self.options.thresholds

    def __call__(self, original: Sequence[str], rewrite: Sequence[str]) -> LexicalScorer:
        return LexicalScorer(original, rewrite, self.options)

    def make(
        self, original: Sequence[str], rewrite: Sequence[str], progress: Callable[[float], None]
    ) -> LexicalScorer:
        """As a call, telling ``progress`` the share of its feature table built (it may raise):
        on 50 MB a side, a minute."""
        return LexicalScorer(original, rewrite, self.options, progress=progress)


@dataclass(frozen=True, slots=True)
class Features:
    """What the lexical scorer needs to know about one sentence."""

    stems: frozenset[str]
    counts: dict[str, int]  # stem -> occurrences: a group that repeats itself still adds up
    grams: frozenset[str]
    numbers: frozenset[str]
    names: frozenset[str]
    quotes: frozenset[str]


def features(text: str, language: str = "english") -> Features:
    """One sentence's features as strings (the scorer itself keeps them as integer ids)."""
    plain = normalize_quotes(text)
    tokens = words(plain)
    counts = Counter(stem(w, language) for w in tokens)
    grams = frozenset().union(*(_grams(w) for w in tokens if w not in STOPWORDS))
    numbers = frozenset(n.replace(",", "") for n in NUMBER_PATTERN.findall(plain))
    names = frozenset(feature_table.names([plain], language)[1])
    quotes = frozenset(" ".join(words(q)) for q in QUOTED_PATTERN.findall(plain))
    return Features(frozenset(counts), dict(counts), grams, numbers, names, quotes)


@lru_cache(maxsize=1 << 16)
def _grams(word: str) -> frozenset[str]:
    """Character 3-grams of a word padded with '#' at either end."""
    padded = f"#{word}#"
    return frozenset(map("".join, zip(padded, padded[1:], padded[2:], strict=False)))


class LexicalScorer:
    """Word, character and anchor evidence, with IDF over both documents' sentences.

    ``score`` and ``coverage`` count one pair of groups in Python; ``score_pairs`` and
    ``coverage_pairs`` count many with numpy. Both count the same integers and turn them into
    a score with the same operations, so they agree to the last bit.
    """

    def __init__(
        self,
        original: Sequence[str],
        rewrite: Sequence[str],
        options: LexicalOptions | None = None,
        *,
        progress: Callable[[float], None] | None = None,
    ) -> None:
        self.options = options = options or LexicalOptions()
        self.features = feature_table.build(
            original, rewrite, options.language, options.stop_weight, progress
        )
        self._counter = EvidenceCounter(self.features)

    @property
    def thresholds(self) -> Thresholds:
        return self.options.thresholds

    def score(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        return _score_one(self._counter.one(original, rewrite), self.options)

    def coverage(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        """The smaller of the two shares of word weight (IDF) that the other group matches."""
        found = self._counter.one(original, rewrite)
        mass = max(found.mass)
        return float(found.common) / float(mass) if mass else 0.0

    def score_pairs(self, pairs: Sequence[tuple[Group, Group]]) -> list[float]:
        """``score`` of each pair of groups, counted all at once (a few, one by one: the
        same numbers, without the arrays' fixed cost)."""
        if len(pairs) < FEW:
            return [self.score(o, r) for o, r in pairs]
        scores: list[float] = []
        for start in range(0, len(pairs), BATCH):  # bounded memory, whatever the batch
            found = self._counter.many(_compact(pairs[start : start + BATCH]))
            scores += _score_many(found, self.options).tolist()
        return scores

    def coverage_pairs(self, pairs: Sequence[tuple[Group, Group]]) -> list[float]:
        """``coverage`` of each pair of groups, counted all at once."""
        if len(pairs) < FEW:
            return [self.coverage(o, r) for o, r in pairs]
        coverages: list[float] = []
        for start in range(0, len(pairs), BATCH):
            found = self._counter.many(_compact(pairs[start : start + BATCH]))
            mass = found.mass.max(axis=1).astype(np.float64)
            common = found.common.astype(np.float64)
            coverages += np.divide(common, mass, out=np.zeros(len(mass)), where=mass > 0).tolist()
        return coverages

    def candidates(self, limit: int) -> Iterable[tuple[int, int]]:
        return candidate_pairs(self.features, limit, self.options.max_postings)


def _compact(pairs: Sequence[tuple[Group, Group]]) -> Sequence[tuple[Group, Group]]:
    """Pairs of single sentences as ``SentencePairs`` (counted faster), others as given."""
    if isinstance(pairs, SentencePairs) or any(len(o) != 1 or len(r) != 1 for o, r in pairs):
        return pairs
    count = len(pairs)
    original = np.fromiter((o[0] for o, _ in pairs), dtype=np.int64, count=count)
    rewrite = np.fromiter((r[0] for _, r in pairs), dtype=np.int64, count=count)
    return SentencePairs(original, rewrite)


def _score_one(found: OneEvidence, opts: LexicalOptions) -> float:
    """The score of one pair's counts: the operations of ``_score_many``, on Python numbers."""
    total = found.mass[0] + found.mass[1]
    word_sim = float(2 * found.common) / float(total) if total else 0.0
    gram_total = found.sizes[0][GRAM] + found.sizes[1][GRAM]
    gram_sim = float(2 * found.shared[GRAM]) / float(gram_total) if gram_total else 0.0
    base = opts.word_weight * word_sim + opts.gram_weight * gram_sim
    bonus = 0.0
    for kind, conflict_cost, reward in (
        (NUMBER, opts.number_conflict, opts.number_reward),
        (NAME, opts.name_conflict, 0.0),
    ):
        mine, theirs, shared = found.sizes[0][kind], found.sizes[1][kind], found.shared[kind]
        if not mine or not theirs:
            continue  # nothing shared, nothing in conflict: most sentences have no anchors
        bonus += reward * min(shared, 2)
        only_a, only_b = mine - shared, theirs - shared
        if only_a and only_b:
            # Both sides name something the other does not: other facts, not a rewording.
            share = float(min(only_a, only_b)) / float(max(mine, theirs))
            bonus -= conflict_cost * (0.5 + share) * (0.5 if shared else 1.0)
    if found.shared[QUOTE]:
        bonus += opts.quote_reward
    return max(0.0, min(1.0, base + bonus))


def _score_many(found: Evidence, opts: LexicalOptions) -> NDArray[np.float64]:
    """``_score_one`` of many pairs' counts, operation for operation (so bit for bit)."""
    n = len(found.common)
    total = (found.mass[:, 0] + found.mass[:, 1]).astype(np.float64)
    word_sim = _ratio((2 * found.common).astype(np.float64), total, n)
    gram_total = (found.sizes[:, 0, GRAM] + found.sizes[:, 1, GRAM]).astype(np.float64)
    gram_sim = _ratio((2 * found.shared[:, GRAM]).astype(np.float64), gram_total, n)
    base = opts.word_weight * word_sim + opts.gram_weight * gram_sim
    bonus = np.zeros(n)
    for kind, conflict_cost, reward in (
        (NUMBER, opts.number_conflict, opts.number_reward),
        (NAME, opts.name_conflict, 0.0),
    ):
        mine, theirs = found.sizes[:, 0, kind], found.sizes[:, 1, kind]
        shared = found.shared[:, kind]
        both = (mine > 0) & (theirs > 0)
        bonus = bonus + np.where(both, reward * np.minimum(shared, 2), 0.0)
        only_a, only_b = mine - shared, theirs - shared
        conflict = both & (only_a > 0) & (only_b > 0)
        least = np.minimum(only_a, only_b).astype(np.float64)
        share = _ratio(least, np.maximum(mine, theirs).astype(np.float64), n)
        cost = conflict_cost * (0.5 + share) * np.where(shared > 0, 0.5, 1.0)
        bonus = bonus - np.where(conflict, cost, 0.0)
    bonus = bonus + np.where(found.shared[:, QUOTE] > 0, opts.quote_reward, 0.0)
    return np.maximum(0.0, np.minimum(1.0, base + bonus))


def _ratio(top: NDArray[np.float64], bottom: NDArray[np.float64], n: int) -> NDArray[np.float64]:
    return np.divide(top, bottom, out=np.zeros(n), where=bottom > 0)
