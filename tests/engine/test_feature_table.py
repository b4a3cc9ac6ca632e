"""The feature table built a block of sentences (and of rows) at a time is the table built in
one block, array for array, and its progress goes up to 1 in order."""

from __future__ import annotations

import gc
from dataclasses import fields

import numpy as np
import pytest

from retold.engine import feature_table

ORIGINAL = [
    'The ferry to Nanjing left at 9.30 with 1,000 "very tired passengers" aboard.',
    "Northwind said the barrier plan would cost 2.52 billion.",
    "",
    "Contoso and Northwind held final talks; the talks ended.",
    "Shares of Contoso fell 4% after the Flood Board spoke.",
    "It was “the worst flood” in 410 years, said Mayor Lin.",
    "The solar roof funds came from the Nanjing city budget.",
]
REWRITE = [
    "Contoso shares fell 4% once the Flood Board had spoken.",
    "The barrier will cost 2.52 billion, Northwind said.",
    'About 1,000 "very tired passengers" took the 9.30 ferry to Nanjing.',
    "Mayor Lin called it “the worst flood” in 410 years.",
    "Nothing here is shared with the original at all.",
]


def _arrays(features: feature_table.PairFeatures) -> dict[str, np.ndarray]:
    found = {}
    for name in ("idf", "df", "stop", "kind_starts"):
        found[name] = getattr(features, name)
    for side in ("original", "rewrite"):
        for field in fields(feature_table.SideFeatures):
            found[f"{side}.{field.name}"] = getattr(getattr(features, side), field.name)
    return found


@pytest.mark.parametrize("block", [1, 2, 3, 5])
def test_blocks_build_the_same_table(monkeypatch: pytest.MonkeyPatch, block: int) -> None:
    whole = _arrays(feature_table.build(ORIGINAL, REWRITE, "english", 0.15))
    monkeypatch.setattr(feature_table, "_BLOCK", block)
    monkeypatch.setattr(feature_table, "_ROWS", block)  # sentences, and rows, of the arrays
    shares: list[float] = []
    blocked = _arrays(feature_table.build(ORIGINAL, REWRITE, "english", 0.15, shares.append))
    assert whole.keys() == blocked.keys()
    for name, array in whole.items():
        assert array.dtype == blocked[name].dtype, name
        assert np.array_equal(array, blocked[name]), name
    assert shares == sorted(shares)
    assert shares[-1] == 1.0
    # One report per block read, then the stems, then each side's arrays.
    blocks = -(-len(ORIGINAL) // block) + -(-len(REWRITE) // block)
    assert len(shares) == blocks + 3


def test_progress_may_stop_the_build() -> None:
    class Stop(Exception):
        pass

    def stop(share: float) -> None:
        raise Stop

    with pytest.raises(Stop):
        feature_table.build(ORIGINAL, REWRITE, "english", 0.15, stop)


def test_an_empty_side() -> None:
    built = feature_table.build([], REWRITE, "english", 0.15)
    assert len(built.original) == 0
    assert len(built.rewrite) == len(REWRITE)


def test_a_scorer_is_freed_without_the_cycle_collector() -> None:
    """The command line pauses the collector while it compares: a scorer's tables must go
    when the scorer does, by reference counting alone (no cycle through its caches)."""
    from retold.engine.pair_evidence import Counter
    from retold.engine.similarity import LexicalScorer

    def counters() -> int:
        return sum(isinstance(o, Counter) for o in gc.get_objects())

    gc.collect()
    before = counters()
    gc.disable()
    try:
        scorer = LexicalScorer(ORIGINAL, REWRITE)
        scorer.score((0,), (2,))  # fills the cache of sentences counted in Python
        scorer.score_pairs([((i,), (j,)) for i in range(len(ORIGINAL)) for j in range(3)])
        del scorer
        assert counters() == before
    finally:
        gc.enable()
