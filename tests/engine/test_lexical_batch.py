"""The lexical scorer's one definition of a score: a pair scored alone, in a batch of many or
as ``SentencePairs`` gets the same score to the last bit, and that score is the formula of
IDF-weighted stems, 3-gram Dice and anchors computed from each sentence's features as strings.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from retold.engine.candidates import candidate_pairs
from retold.engine.normalize import STOPWORDS
from retold.engine.scoring import SentencePairs, score_pairs
from retold.engine.similarity import Features, LexicalOptions, LexicalScorer, features

# Words, numbers, names and quotes enough to make overlaps, conflicts and repeats likely.
WORDS = ["barrier", "ferry", "solar", "roof", "the", "and", "of", "flood", "plan", "funds"]
WORDS += ["Northwind", "Contoso", "Nanjing", "2.52", "410", "1,000", "’s", "talks", "talk"]
TOKENS = st.sampled_from([*WORDS, '"final talks held"', "said.", "Shares", "(Bees"])
SENTENCE = st.lists(TOKENS, min_size=0, max_size=14).map(" ".join)
SIDE = st.lists(SENTENCE, min_size=1, max_size=6)


def _group(draw: st.DrawFn, size: int) -> tuple[int, ...]:
    start = draw(st.integers(0, size - 1))
    length = draw(st.integers(1, min(3, size - start)))
    return tuple(range(start, start + length))


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[str], list[str], list[tuple[tuple[int, ...], ...]]]:
    original, rewrite = draw(SIDE), draw(SIDE)
    pairs = [
        (_group(draw, len(original)), _group(draw, len(rewrite)))
        for _ in range(draw(st.integers(1, 40)))  # from 24 on, counted with arrays
    ]
    return original, rewrite, pairs  # type: ignore[return-value]


def _union(found: list[Features]) -> Features:
    counts: Counter[str] = Counter()
    for f in found:
        counts.update(f.counts)
    sets = [frozenset().union(*(getattr(f, k) for f in found)) for k in Features.__slots__[2:]]
    return Features(frozenset(counts), dict(counts), *sets)


def _reference(
    original: list[str], rewrite: list[str], group_o: tuple[int, ...], group_r: tuple[int, ...]
) -> tuple[float, float]:
    """Score and coverage by the formula, from string features, with exact float sums."""
    opts = LexicalOptions()
    orig = [features(t) for t in original]
    rew = [features(t) for t in rewrite]
    df = Counter(s for f in orig + rew for s in f.stems)
    total = len(orig) + len(rew)
    idf = {
        w: (math.log((total + 1) / (n + 0.5)) + 1.0) * (opts.stop_weight if w in STOPWORDS else 1)
        for w, n in df.items()
    }
    a = _union([orig[i] for i in group_o])
    b = _union([rew[j] for j in group_r])
    wa = {w: idf[w] * n for w, n in a.counts.items()}
    wb = {w: idf[w] * n for w, n in b.counts.items()}
    common = math.fsum(min(wa[w], wb[w]) for w in a.stems & b.stems)
    mass_a, mass_b = math.fsum(wa.values()), math.fsum(wb.values())
    word_sim = 2 * common / (mass_a + mass_b) if mass_a + mass_b else 0.0
    grams = len(a.grams) + len(b.grams)
    gram_sim = 2 * len(a.grams & b.grams) / grams if grams else 0.0
    bonus = 0.0
    for mine, theirs, cost, reward in (
        (a.numbers, b.numbers, opts.number_conflict, opts.number_reward),
        (a.names, b.names, opts.name_conflict, 0.0),
    ):
        if mine and theirs:
            shared = mine & theirs
            bonus += reward * min(len(shared), 2)
            if mine - theirs and theirs - mine:
                share = min(len(mine - theirs), len(theirs - mine)) / max(len(mine), len(theirs))
                bonus -= cost * (0.5 + share) * (0.5 if shared else 1.0)
    if a.quotes & b.quotes:
        bonus += opts.quote_reward
    score = max(0.0, min(1.0, opts.word_weight * word_sim + opts.gram_weight * gram_sim + bonus))
    mass = max(mass_a, mass_b)
    return score, (common / mass if mass else 0.0)


@settings(max_examples=150, deadline=None)
@given(documents())
def test_batched_scores_are_the_single_scores_to_the_bit(
    case: tuple[list[str], list[str], list[tuple[tuple[int, ...], tuple[int, ...]]]],
) -> None:
    original, rewrite, pairs = case
    scorer = LexicalScorer(original, rewrite)
    assert scorer.score_pairs(pairs) == [scorer.score(o, r) for o, r in pairs]
    assert scorer.coverage_pairs(pairs) == [scorer.coverage(o, r) for o, r in pairs]
    singles = [((o[0],), (r[0],)) for o, r in pairs]
    arrays = SentencePairs(*(_column(singles, k) for k in (0, 1)))
    assert scorer.score_pairs(arrays) == scorer.score_pairs(singles)
    assert score_pairs(scorer, arrays) == [scorer.score(o, r) for o, r in singles]


def _column(pairs: list[tuple[tuple[int], tuple[int]]], k: int) -> NDArray[np.int64]:
    return np.array([p[k][0] for p in pairs], dtype=np.int64)


@settings(max_examples=100, deadline=None)
@given(documents())
def test_the_score_is_the_formula_on_string_features(
    case: tuple[list[str], list[str], list[tuple[tuple[int, ...], tuple[int, ...]]]],
) -> None:
    """The integer features give the formula's score; IDF in fixed point moves it < 1e-12."""
    original, rewrite, pairs = case
    scorer = LexicalScorer(original, rewrite)
    for (o, r), score, coverage in zip(
        pairs, scorer.score_pairs(pairs), scorer.coverage_pairs(pairs), strict=True
    ):
        want_score, want_coverage = _reference(original, rewrite, o, r)
        assert abs(score - want_score) < 1e-12
        assert abs(coverage - want_coverage) < 1e-12


def test_a_batch_is_scored_the_same_whatever_else_is_in_it() -> None:
    original = ["The plan funds a ferry terminal.", "Shares of Northwind fell 2.52 points."]
    rewrite = ["A ferry terminal is funded by the plan.", "Northwind shares dropped 2.52."]
    scorer = LexicalScorer(original, rewrite)
    pairs = [((0,), (0,)), ((0, 1), (0, 1)), ((1,), (1,)), ((1,), (0,))]
    alone = [scorer.score_pairs([p])[0] for p in pairs]
    assert scorer.score_pairs(pairs) == alone == scorer.score_pairs(pairs[::-1])[::-1]
    assert alone[0] > 0.5 and alone[2] > 0.5 > alone[3]


@settings(max_examples=60, deadline=None)
@given(documents(), st.integers(1, 50))
def test_candidates_do_not_depend_on_how_many_votes_are_counted_at_once(
    case: tuple[list[str], list[str], list[tuple[tuple[int, ...], tuple[int, ...]]]], block: int
) -> None:
    original, rewrite, _ = case
    scorer = LexicalScorer(original * 3, rewrite * 3)  # repeats: ties between partners
    whole = list(candidate_pairs(scorer.features, 2, 64))
    assert list(candidate_pairs(scorer.features, 2, 64, block=block)) == whole
    assert whole == sorted(set(whole), key=lambda p: (p[1], p[0]))
