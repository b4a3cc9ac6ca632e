"""benchmarks/archive.py scores right on hand-made rows, and its synthetic articles are seeded."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

from tests.archive.texts import BRIDGE, MARKET, OBSERVATORY, ORCHARD

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "archive.py"
spec = importlib.util.spec_from_file_location("bench_archive", BENCHMARK)
assert spec and spec.loader
bench = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = bench
spec.loader.exec_module(bench)


def test_search_metrics_count_right_top_matches_and_cleared_answers() -> None:
    q = {
        "/q1": bench.Query("a/1", "", True, frozenset({"A", "A2"}), "A"),
        "/q2": bench.Query("a/2", "", True, frozenset({"B"}), "B"),
        "/q3": bench.Query("c/3", "", False, frozenset(), "C"),
        "/q4": bench.Query("c/4", "", False, frozenset(), "C"),
    }
    rows = [
        {"path": "/q1", "matches": [("A2", 0.9, True), ("A", 0.8, True)]},  # a sibling revision
        {"path": "/q2", "matches": [("X", 0.3, False), ("B", 0.2, False)]},  # right at rank 2
        {"path": "/q3", "matches": [("C", 0.2, False)]},
        {"path": "/q4", "matches": [("C", 0.7, True)]},
    ]
    m = bench.search_metrics(rows, q)
    assert (m["recall@1"], m["recall@1_strict"], m["recall@5"]) == (0.5, 0.0, 1.0)
    assert m["right_top_called_derived"] == 1.0
    assert m["independent_cleared"] == 0.5


def test_the_synthetic_articles_are_seeded_and_read_like_their_training_text() -> None:
    chain = bench.BigramChain([BRIDGE, MARKET, OBSERVATORY, ORCHARD])
    first = [chain.article(random.Random(7), 80) for _ in range(2)]
    assert first[0] == first[1]
    other = chain.article(random.Random(8), 80)
    assert other != first[0]
    words = first[0].split()
    assert len(words) >= 80 and words[-1][-1] in ".!?"
    vocabulary = set((BRIDGE + MARKET + OBSERVATORY + ORCHARD).split())
    assert set(words) <= vocabulary  # every word is one the real texts use
