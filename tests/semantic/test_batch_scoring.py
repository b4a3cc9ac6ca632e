"""The semantic scorer's batched forms give exactly what its one-pair forms give; its facts
are those ``features`` finds; a repeated sentence is embedded once; and the same scorer comes
out whatever the number of the encoder's threads."""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.engine.scoring import BatchScorer, SentencePairs
from retold.engine.similarity import features
from retold.semantic import SentenceEncoder
from retold.semantic.embedding import embed_sides
from retold.semantic.scorer import SemanticScorer, shared_encoder, side_facts
from tests.semantic.test_paraphrase import FIXTURES

ORIGINAL = [s for f in FIXTURES for s in f.original_sentences]
REWRITE = [s for f in FIXTURES for s in f.rewrite_sentences]


@pytest.fixture(scope="module")
def scorer() -> SemanticScorer:
    return SemanticScorer(ORIGINAL, REWRITE)


def test_it_is_a_batch_scorer(scorer: SemanticScorer) -> None:
    assert isinstance(scorer, BatchScorer)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(ORIGINAL) - 1), st.integers(0, len(REWRITE) - 1))))
def test_score_pairs_is_score_exactly(scorer: SemanticScorer, pairs: list[tuple[int, int]]) -> None:
    # Some of the lifted pairs too: a fixture's candidates hold the model's links.
    pairs = pairs + list(scorer.candidates(6))[::29]
    arrays = SentencePairs(
        np.array([i for i, _ in pairs], dtype=np.int64),
        np.array([j for _, j in pairs], dtype=np.int64),
    )
    one_by_one = [scorer.score((i,), (j,)) for i, j in pairs]
    assert scorer.score_pairs(arrays) == one_by_one
    assert scorer.score_pairs([((i,), (j,)) for i, j in pairs]) == one_by_one
    assert scorer.coverage_pairs(arrays) == [scorer.coverage((i,), (j,)) for i, j in pairs]
    assert any(
        s > scorer.lexical.score((i,), (j,)) for s, (i, j) in zip(one_by_one, pairs, strict=True)
    )


def test_groups_are_scored_one_by_one_alike(scorer: SemanticScorer) -> None:
    groups = [((0, 1), (0,)), ((2,), (1, 2)), ((3,), (3,))] * 8
    assert scorer.score_pairs(groups) == [scorer.score(o, r) for o, r in groups]


WORDS = ["The", "Mayor", "Smith", "said", "4,000", "3.5", "in", "Paris", ".", "Who", '"', "and"]
WORDS += ["O'Neil", "Jean-Luc", "?", "rose", "by", "12", "percent", "NASA", "(", ":", "Mr"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join), max_size=8))
def test_side_facts_are_the_features_facts(texts: list[str]) -> None:
    found = [(features(t).numbers, features(t).names) for t in texts]
    assert side_facts(texts, "english") == found


def test_a_repeated_sentence_is_embedded_once_and_alike() -> None:
    model = shared_encoder()
    shares: list[float] = []
    texts = ["The ferry will stop.", "THE FERRY WILL STOP.", "Prices rose.", "The ferry will stop."]
    original, rewrite = embed_sides(model, (texts[:3], texts[3:]), shares.append)
    assert np.array_equal(original[0], original[1]) and np.array_equal(original[0], rewrite[0])
    assert np.allclose(original, model.embed(texts[:3]), atol=1e-5)
    assert shares[0] == 0.0 and shares[-1] == 1.0 and shares == sorted(shares)


def test_the_same_scorer_with_one_or_two_threads(scorer: SemanticScorer) -> None:
    one = SemanticScorer(ORIGINAL, REWRITE, encoder=SentenceEncoder(threads=1))
    two = scorer  # the shared encoder, a thread a core; the texts make batches enough for two
    if (os.cpu_count() or 1) < 2:
        two = SemanticScorer(ORIGINAL, REWRITE, encoder=SentenceEncoder(threads=2))
    pairs = list(one.candidates(6))
    assert pairs == list(two.candidates(6))
    arrays = SentencePairs(np.array([i for i, _ in pairs]), np.array([j for _, j in pairs]))
    assert one.score_pairs(arrays) == two.score_pairs(arrays)
