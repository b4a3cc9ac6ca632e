"""The triage benchmark's measures are right on hand-made cases, and it runs on the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from retold.batch.features import Features
from retold.batch.score import BIAS, WEIGHTS
from tests.test_benchmarks_smoke import _module

triage = _module("triage")


def test_containment_counts_distinct_ngrams_of_the_answer() -> None:
    assert triage.containment("a b c a", "a b x", 1) == pytest.approx(2 / 3)
    assert triage.containment("a b c", "a b c d", 3) == 1.0
    assert triage.containment("a b c", "c b a", 2) == 0.0
    assert triage.containment("", "a", 1) == 0.0


def test_auc_accuracy_and_threshold() -> None:
    assert triage.auc([0.9, 0.8, 0.1], [True, True, False]) == 1.0
    assert triage.auc([0.5, 0.5], [True, False]) == 0.5
    assert triage.accuracy([True, False], [True, True]) == 0.5
    cut = triage.best_threshold([0.1, 0.2, 0.7, 0.9], [False, False, True, True])
    assert 0.2 < cut < 0.7


def test_the_fit_separates_and_penalises() -> None:
    xs = [(0.1,), (0.2,), (0.3,), (0.7,), (0.8,), (0.9,)]
    ys = [False, False, False, True, True, True]
    (strong,), bias = triage.fit(xs, ys, 0.01)
    (weak,), _ = triage.fit(xs, ys, 1.0)
    assert strong > weak > 0 and -bias / strong == pytest.approx(0.5, abs=0.05)


def test_cross_validation_refits_without_the_held_out_task() -> None:
    def answer(pid: str, task: str, label: str, x: float) -> object:
        return triage.Answer(pid, task, label, Features(x, x, x, x), x, x, x)

    data = [
        answer(f"{t}{k}", t, "non" if k < 2 else "cut", 0.1 + 0.2 * k)
        for t in "abc"
        for k in range(4)
    ]
    scores, folds = triage.cross_validated(data)
    assert set(folds) == {"a", "b", "c"}
    assert triage.auc(scores, [a.derived for a in data]) == 1.0


def test_the_shipped_weights_are_the_documented_fit(shared: Path) -> None:
    """score.py's weights are the fit benchmarks/triage.py makes, rounded to one decimal; an
    engine change may move the fit a little before they are refitted (within 10 %)."""
    load = triage._load_module(shared)
    data = triage.answers(load, shared / "eval")
    train = [a for a in data if a.pair_id not in triage.LABEL_ERRORS]
    weights, bias = triage.fit([a.evidence.as_tuple() for a in train], [a.derived for a in train])
    for fitted, shipped in zip([*weights, bias], [*WEIGHTS.as_tuple(), BIAS], strict=True):
        assert shipped == pytest.approx(fitted, rel=0.1)
