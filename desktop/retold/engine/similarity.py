"""How alike a group of original sentences is to a group of rewrite sentences.

``LexicalScorer`` is the default ``SentenceScorer`` (see ``scoring.py``), made by ``Lexical``
with its tunables in ``LexicalOptions``. It combines IDF-weighted word-stem overlap, character
3-grams and anchors (numbers, names, quoted phrases): shared numbers and quotes add
evidence, conflicting anchors (other numbers, other names) take it away, so that a sentence on
the same topic that states other facts is not taken for a paraphrase. Shared names add
nothing: related sentences that are not paraphrases share them as often as paraphrases do.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from retold.engine.normalize import STOPWORDS, normalize_quotes, stem, stemmer_languages, words
from retold.engine.scoring import SentenceScorer, Thresholds

__all__ = ["Features", "Lexical", "LexicalOptions", "LexicalScorer", "SentenceScorer", "features"]

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CAPITALISED = re.compile(r"(?<![\w'])([A-Z][\w'-]*)")
_QUOTED = re.compile(r'"([^"]{6,}?)"')


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
    plain = normalize_quotes(text)
    tokens = words(plain)
    counts = Counter(stem(w, language) for w in tokens)
    stems = frozenset(counts)
    grams = frozenset().union(*(_grams(w) for w in tokens if w not in STOPWORDS))
    numbers = frozenset(n.replace(",", "") for n in _NUMBER.findall(plain))
    names = frozenset(_names(plain, language))
    quotes = frozenset(" ".join(words(q)) for q in _QUOTED.findall(plain))
    return Features(stems, dict(counts), grams, numbers, names, quotes)


def _grams(word: str) -> frozenset[str]:
    """Character 3-grams of a word padded with '#' at either end."""
    # Articles repeat their words: each is split once, unless it is too long to keep.
    return _word_grams(word) if len(word) <= 64 else _split_grams(word)


def _split_grams(word: str) -> frozenset[str]:
    padded = f"#{word}#"  # built once: a word of a megabyte stays linear
    return frozenset(map("".join, zip(padded, padded[1:], padded[2:], strict=False)))


_word_grams = lru_cache(maxsize=1 << 16)(_split_grams)


def _names(text: str, language: str) -> Iterable[str]:
    """Capitalised words that are not the first word of the sentence nor function words."""
    for match in _CAPITALISED.finditer(text):
        # Back from the word over spaces, quotes and brackets (not a copy of all the text
        # before it, which would be quadratic in a long sentence full of names).
        k = match.start()
        while k and text[k - 1] in " \"'(":
            k -= 1
        if not k or text[k - 1] in ".:!?":
            continue  # a sentence start is capitalised for grammar, not as a name
        word = match.group(1).casefold()
        if word not in STOPWORDS:
            yield stem(word, language)


class LexicalScorer:
    """Word, character and anchor evidence, with IDF over both documents' sentences."""

    def __init__(
        self,
        original: Sequence[str],
        rewrite: Sequence[str],
        options: LexicalOptions | None = None,
    ) -> None:
        self.options = options = options or LexicalOptions()
        self._orig = [features(t, options.language) for t in original]
        self._rew = [features(t, options.language) for t in rewrite]
        df: Counter[str] = Counter()
        for f in self._orig:
            df.update(f.stems)
        for f in self._rew:
            df.update(f.stems)
        total = len(self._orig) + len(self._rew)
        self._df = df
        self._idf = {
            w: (math.log((total + 1) / (n + 0.5)) + 1.0)
            * (options.stop_weight if w in STOPWORDS else 1)
            for w, n in df.items()
        }
        # Each sentence's word weights (IDF x occurrences) and their total, computed once:
        # most scores are of single pairs.
        self._orig_w = [self._weights(f) for f in self._orig]
        self._rew_w = [self._weights(f) for f in self._rew]
        self._orig_mass = [math.fsum(w.values()) for w in self._orig_w]
        self._rew_mass = [math.fsum(w.values()) for w in self._rew_w]

    @property
    def thresholds(self) -> Thresholds:
        return self.options.thresholds

    def _weights(self, f: Features) -> dict[str, float]:
        idf = self._idf
        return {w: idf[w] * n for w, n in f.counts.items()}

    def score(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        if len(original) == 1 and len(rewrite) == 1:
            i, j = original[0], rewrite[0]
            wa, wb = self._orig_w[i], self._rew_w[j]
            total = self._orig_mass[i] + self._rew_mass[j]
            return self._score(self._orig[i], self._rew[j], wa, wb, total)
        a = _union([self._orig[i] for i in original])
        b = _union([self._rew[j] for j in rewrite])
        wa, wb = self._weights(a), self._weights(b)
        return self._score(a, b, wa, wb, math.fsum(wa.values()) + math.fsum(wb.values()))

    def coverage(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        """The smaller of the two shares of word weight (IDF) that the other group matches."""
        a = _union([self._orig[i] for i in original])
        b = _union([self._rew[j] for j in rewrite])
        wa, wb = self._weights(a), self._weights(b)
        mass = max(math.fsum(wa.values()), math.fsum(wb.values()))
        return _common(a, b, wa, wb) / mass if mass else 0.0

    def _score(
        self, a: Features, b: Features, wa: dict[str, float], wb: dict[str, float], total: float
    ) -> float:
        word_sim = 2 * _common(a, b, wa, wb) / total if total else 0.0
        gram_total = len(a.grams) + len(b.grams)
        gram_sim = 2 * len(a.grams & b.grams) / gram_total if gram_total else 0.0
        opts = self.options
        base = opts.word_weight * word_sim + opts.gram_weight * gram_sim
        return max(0.0, min(1.0, base + _anchor_adjustment(a, b, opts)))

    def candidates(self, limit: int) -> Iterable[tuple[int, int]]:
        return candidate_pairs(
            self._orig,
            self._rew,
            self._idf,
            self._df,
            limit,
            self.options.max_postings,
        )


def _common(a: Features, b: Features, wa: dict[str, float], wb: dict[str, float]) -> float:
    """Weight of the shared stems, each at the smaller of its two weights (IDF x count: the
    same as IDF x the smaller count, as the IDF is positive)."""
    shared = a.stems & b.stems
    # fsum: exact whatever the set's iteration order, which varies with the hash seed
    return math.fsum(map(min, map(wa.__getitem__, shared), map(wb.__getitem__, shared)))


def _anchor_adjustment(a: Features, b: Features, opts: LexicalOptions) -> float:
    """Shared numbers and quotes add a little; numbers or names on both sides that disagree
    subtract."""
    bonus = 0.0
    for mine, theirs, conflict_cost, reward in (
        (a.numbers, b.numbers, opts.number_conflict, opts.number_reward),
        (a.names, b.names, opts.name_conflict, 0.0),
    ):
        if not mine or not theirs:
            continue  # nothing shared, nothing in conflict: most sentences have no anchors
        shared = mine & theirs
        bonus += reward * min(len(shared), 2)
        only_a, only_b = mine - theirs, theirs - mine
        if only_a and only_b:
            # Both sides name something the other does not: other facts, not a rewording.
            share = min(len(only_a), len(only_b)) / max(len(mine), len(theirs))
            bonus -= conflict_cost * (0.5 + share) * (0.5 if shared else 1.0)
    if a.quotes & b.quotes:
        bonus += opts.quote_reward
    return bonus


def _union(group: Sequence[Features]) -> Features:
    if len(group) == 1:
        return group[0]
    counts: Counter[str] = Counter()
    for f in group:
        counts.update(f.counts)
    return Features(
        frozenset(counts),
        dict(counts),
        frozenset().union(*(f.grams for f in group)),
        frozenset().union(*(f.numbers for f in group)),
        frozenset().union(*(f.names for f in group)),
        frozenset().union(*(f.quotes for f in group)),
    )


def candidate_pairs(
    orig: Sequence[Features],
    rew: Sequence[Features],
    idf: dict[str, float],
    df: Counter[str],
    limit: int,
    max_postings: int,
) -> list[tuple[int, int]]:
    """Pairs that share rare words, through an inverted index: no all-pairs matrix.

    Words found in many sentences are left out of the index (they cannot tell sentences
    apart), which keeps the cost near-linear in the length of the documents.
    """
    max_df = min(max_postings, max(8, int(4 * math.sqrt(len(orig) + len(rew)))))
    index: dict[str, list[int]] = {}
    for i, f in enumerate(orig):
        for w in f.stems:
            if df[w] <= max_df and w not in STOPWORDS:
                index.setdefault(w, []).append(i)
    pairs: list[tuple[int, int]] = []
    # The best few rewrite sentences of each original one too, so that neither side's
    # candidates are crowded out by the other's.
    best_of_orig: list[list[tuple[float, int]]] = [[] for _ in orig]
    for j, f in enumerate(rew):
        votes: dict[int, float] = {}
        get = votes.get
        for w in f.stems:
            postings = index.get(w)
            if postings:
                weight = idf[w]
                for i in postings:
                    votes[i] = get(i, 0.0) + weight
        # Most votes first, then the lowest index: (-vote, i) orders so without a key function.
        best = heapq.nsmallest(limit, [(-vote, i) for i, vote in votes.items()])
        pairs.extend((i, j) for _, i in best)
        for i, vote in votes.items():
            heap = best_of_orig[i]
            if len(heap) < limit:
                heapq.heappush(heap, (vote, -j))
            elif (vote, -j) > heap[0]:
                heapq.heapreplace(heap, (vote, -j))
    pairs.extend((i, -neg_j) for i, heap in enumerate(best_of_orig) for _, neg_j in heap)
    return pairs
