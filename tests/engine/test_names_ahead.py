"""The texts' names begun in a forked process are those found here, and no child outlives
the comparison, finished or cancelled."""

from __future__ import annotations

import multiprocessing
import sys

import pytest

from retold.engine.align import Cancelled
from retold.engine.compare import compare
from retold.engine.facts import FactFinder
from retold.engine.names_ahead import NamesAhead
from retold.engine.options import CompareOptions

from .test_linking import _pair

FORKED = CompareOptions(workers=2, fork_from=1)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux only")
def test_the_names_found_ahead_are_those_found_here() -> None:
    original, rewrite = _pair(60)
    ahead = NamesAhead(original, rewrite, FORKED, 60)
    assert ahead.forked
    found, here = ahead.result(), FactFinder(original, rewrite)
    assert found.known.exact == here.known.exact and found.proper == here.proper
    assert [t.text for t in found.names] == [t.text for t in here.names]
    assert multiprocessing.active_children() == []  # reaped once read


def test_a_short_pair_or_one_process_finds_them_here() -> None:
    original, rewrite = _pair(10)
    assert not NamesAhead(original, rewrite, CompareOptions(workers=2), 10).forked  # short
    assert not NamesAhead(original, rewrite, CompareOptions(workers=1, fork_from=1), 10).forked


def test_a_cancelled_comparison_leaves_no_child() -> None:
    original, rewrite = _pair(300)
    children: list[int] = []

    def cancelled() -> bool:  # stops at the first check with the child at work
        children.append(len(multiprocessing.active_children()))
        return children[-1] > 0

    with pytest.raises(Cancelled):
        compare(original, rewrite, FORKED, cancelled=cancelled)
    assert children[-1] == 1 or not sys.platform.startswith("linux")
    assert multiprocessing.active_children() == []
