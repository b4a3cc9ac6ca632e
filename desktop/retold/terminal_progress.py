"""Progress with an estimate of the time left, on a terminal's stderr, for long commands.

The estimate assumes the rest goes as fast as what is done so far; the line is rewritten in
place at most a few times a second and erased when the work is done.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

_EVERY = 0.25  # seconds between redraws
_FIRST_ESTIMATE = 0.05  # no estimate before this share of the work is done


def terminal_progress(
    stream: TextIO | None, label: str = "Comparing", clock: Callable[[], float] = time.monotonic
) -> Callable[[float], None] | None:
    """A progress callback drawing on ``stream``, or None when it is not a terminal."""
    if stream is None or not stream.isatty():
        return None
    start = clock()
    drawn = [-_EVERY]

    def show(fraction: float) -> None:
        now = clock()
        if fraction < 1.0 and now - drawn[0] < _EVERY:
            return
        drawn[0] = now
        if fraction >= 1.0:
            stream.write("\r\x1b[K")  # erase the line: the report or its message comes next
        else:
            stream.write(f"\r\x1b[K{label}… {fraction:.0%}{_left(now - start, fraction)}")
        stream.flush()

    return show


def _left(elapsed: float, fraction: float) -> str:
    if fraction < _FIRST_ESTIMATE:
        return ""
    seconds = elapsed * (1.0 - fraction) / fraction
    if seconds >= 90:
        return f", about {seconds / 60:.0f} min left"
    return f", about {max(1, round(seconds))} s left"
