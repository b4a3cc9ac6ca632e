"""The evidence figures: what a copy keeps and an independent text lacks."""

from __future__ import annotations

import pytest

from retold.batch.features import (
    RUN_SCALE_WORDS,
    TOPIC_USES,
    Features,
    pair_containment,
    rare_containment,
    run_evidence,
)
from retold.batch.score import score


def test_topic_words_do_not_count_as_rare() -> None:
    original = ["bridge"] * (TOPIC_USES + 1) + ["estuary", "heron", "2021"]
    # "bridge" is the original's topic word: sharing it proves nothing and it is left out
    assert rare_containment(["bridge", "heron", "2021", "tram"], original) == pytest.approx(2 / 3)
    assert rare_containment(["bridge", "the", "of"], original) == 0.0  # nothing distinctive


def test_word_pairs_need_the_same_order_and_skip_function_words() -> None:
    original = ["the", "council", "opened", "the", "bridge", "on", "saturday"]
    assert pair_containment(["council", "opened", "bridge"], original) == 1.0
    assert pair_containment(["bridge", "opened", "council"], original) == 0.0


def test_run_evidence_starts_at_the_threshold_and_rises_slowly() -> None:
    assert run_evidence(0) == run_evidence(5) == 0.0
    assert 0.0 < run_evidence(6) < 0.1
    assert run_evidence(6) < run_evidence(12) < run_evidence(30) < 1.0
    assert run_evidence(RUN_SCALE_WORDS) == 1.0 == run_evidence(400)


def test_the_score_is_monotone_in_every_figure() -> None:
    base = Features(0.3, 0.3, 0.1, 0.0)
    for k in range(4):
        more = list(base.as_tuple())
        more[k] += 0.3
        assert score(Features(*more)) > score(base)
    assert score(Features(0, 0, 0, 0)) < 0.5 < score(Features(1, 1, 1, 1))
