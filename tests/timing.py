"""Ratio tests for time: absolute limits vary with the machine's load, ratios in one run do not.

Times are this process's processor seconds, not wall time: other processes on a shared machine
preempt a long run more often than a short one, which skews a wall-clock ratio."""

from __future__ import annotations

import time
from collections.abc import Callable


def fastest(work: Callable[[], object], repeat: int = 3) -> float:
    """The best of ``repeat`` timings of ``work()``, in processor seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def growth(work: Callable[[int], object], small: int, large: int, repeat: int = 5) -> float:
    """How many times longer ``work(large)`` takes than ``work(small)``: about large/small when
    the cost is linear, its square when quadratic. The two are timed in turn, best of
    ``repeat`` each, so that a burst of load on a shared machine slows both alike."""
    best = {small: float("inf"), large: float("inf")}
    for _ in range(repeat):
        for size in (small, large):
            best[size] = min(best[size], fastest(lambda: work(size), repeat=1))  # noqa: B023
    return best[large] / best[small]
