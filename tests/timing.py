"""Ratio tests for time: absolute limits vary with the machine's load, ratios in one run do not."""

from __future__ import annotations

import time
from collections.abc import Callable


def fastest(work: Callable[[], object], repeat: int = 3) -> float:
    """The best of ``repeat`` timings of ``work()``, in seconds: the one least disturbed."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def growth(work: Callable[[int], object], small: int, large: int, repeat: int = 3) -> float:
    """How many times longer ``work(large)`` takes than ``work(small)``: about large/small when
    the cost is linear, its square when quadratic."""
    return fastest(lambda: work(large), repeat) / fastest(lambda: work(small), repeat)
