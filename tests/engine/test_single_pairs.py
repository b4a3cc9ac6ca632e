"""Pairs of single sentences are counted by bitsets and tables read straight from the sides'
arrays: the same integers as the general path that merges groups, however the work is cut."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.engine import single_pairs
from retold.engine.pair_evidence import Counter
from retold.engine.scoring import SentencePairs
from retold.engine.similarity import LexicalScorer
from retold.engine.single_pairs import SingleCounter

WORDS = ["barrier", "ferry", "solar", "roof", "the", "and", "of", "flood", "plan", "funds"]
WORDS += ["Northwind", "Contoso", "Nanjing", "2.52", "410", "1,000", "’s", "talks", "talk"]
TOKENS = st.sampled_from([*WORDS, '"final talks held"', "said.", "Shares", "(Bees", "ferry ferry"])
SIDE = st.lists(st.lists(TOKENS, max_size=14).map(" ".join), min_size=1, max_size=9)


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    original, rewrite = draw(SIDE), draw(SIDE)
    pair = st.tuples(st.integers(0, len(original) - 1), st.integers(0, len(rewrite) - 1))
    return original, rewrite, draw(st.lists(pair, max_size=60))


def _general(counter: Counter, pairs: list[tuple[int, int]]) -> tuple[list[int], list[list[int]]]:
    """The counts of the path that merges groups (pairs given as groups of one)."""
    found = counter.many([((i,), (j,)) for i, j in pairs])
    return found.common.tolist(), found.shared.tolist()


@settings(max_examples=80, deadline=None)
@given(cases(), st.integers(1, 5), st.integers(1, 7))
def test_single_pairs_count_what_groups_of_one_count(
    case: tuple[list[str], list[str], list[tuple[int, int]]], slots: int, chunk: int
) -> None:
    original, rewrite, pairs = case
    features = LexicalScorer(original, rewrite).features
    o, r = (np.array([p[k] for p in pairs], dtype=np.int64) for k in (0, 1))
    common, shared = SingleCounter(features, slots=slots, chunk=chunk).many(o, r)
    assert (common.tolist(), shared.tolist()) == _general(Counter(features), pairs)


@pytest.mark.parametrize("limit", [0, single_pairs.MAX_BITSET_BYTES])
def test_sentence_pairs_count_the_same_with_or_without_bitsets(
    limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Too large for bitsets (a limit of 0 here), pairs of one sentence are counted as groups."""
    monkeypatch.setattr(single_pairs, "MAX_BITSET_BYTES", limit)
    original = ["The plan funds a ferry terminal.", "Shares of Northwind fell 2.52 points."] * 20
    rewrite = ["A ferry terminal is funded by the plan.", "Northwind shares dropped 2.52."] * 15
    counter = Counter(LexicalScorer(original, rewrite).features)
    pairs = [(i, j) for i in range(0, 40, 3) for j in range(0, 30, 2)]
    arrays = SentencePairs(*(np.array([p[k] for p in pairs], dtype=np.int64) for k in (0, 1)))
    found = counter.many(arrays)
    assert (found.common.tolist(), found.shared.tolist()) == _general(counter, pairs)
    assert found.common.max() > 0 and found.shared.max() > 0
