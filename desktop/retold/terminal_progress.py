"""Progress on a terminal's stderr, in one style for every long command.

One line, rewritten in place at most a few times a second and erased when the work is done,
so that the report or its message comes next on a clean line; nothing at all when stderr is
not a terminal (a pipe, a file, a CI log). Two ways in:

- ``terminal_progress(stream, stage=...)``: a callback taking the share done, for work
  measured in fractions (``retold compare``), with the stage it is at if ``stage`` names it:
  "Comparing… 40% (aligning), about 8 min left".
- ``counting(label, unit)``: a context manager yielding a callback taking items done and the
  total (None while unknown), for work counted in items (``retold index``, ``find``,
  ``scan``, ``triage``): "Indexing… 40% (40 of 100 files, 25 files/s), about 2 s left".

The time left assumes the rest goes as fast as what is done so far.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol, TextIO

_EVERY = 0.25  # seconds between redraws
_FIRST_ESTIMATE = 0.05  # no estimate before this share of the work is done
_ERASE = "\r\x1b[K"


class Count(Protocol):
    """Items done of ``total`` (None while unknown); ``note`` names the latest, if it helps."""

    def __call__(self, done: int, total: int | None, note: str = "") -> None: ...


def terminal_progress(
    stream: TextIO | None,
    label: str = "Comparing",
    clock: Callable[[], float] | None = None,
    stage: Callable[[float], str] | None = None,
) -> Callable[[float], None] | None:
    """A progress callback drawing on ``stream``, or None when it is not a terminal;
    ``stage`` names the stage a share of the work falls in. ``clock`` is
    ``time.monotonic`` unless given."""
    line = _Line.on(stream, clock or time.monotonic)
    if line is None:
        return None

    def show(fraction: float) -> None:
        if fraction >= 1.0:
            line.erase()
            return
        at = f" ({stage(fraction)})" if stage is not None else ""
        line.draw(f"{label}… {fraction:.0%}{at}{_left(line.elapsed(), fraction)}")

    return show


@contextmanager
def counting(
    label: str,
    unit: str,
    stream: TextIO | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[Count]:
    """Yield ``count(done, total, note="")``, drawn on ``stream`` (stderr by default) when it
    is a terminal, a no-op otherwise; the line is erased on leaving, however that happens.

    ``unit`` is the plural ("files"); ``note`` says something of the latest item."""
    line = _Line.on(sys.stderr if stream is None else stream, clock)
    if line is None:
        yield _ignore
        return

    def count(done: int, total: int | None, note: str = "") -> None:
        if total is not None and done >= total:
            line.erase()
            return
        seconds = line.elapsed()
        rate = f"{_rate(done / seconds)} {unit}/s" if seconds > 0 and done else ""
        if total:
            fraction = done / total
            figures = ", ".join(filter(None, [f"{done:,} of {total:,} {unit}", rate]))
            text = f"{label}… {fraction:.0%} ({figures}){_left(seconds, fraction)}"
        else:
            text = f"{label}… {done:,} {unit}" + (f" ({rate})" if rate else "")
        line.draw(text + (f" · {note}" if note else ""))

    try:
        yield count
    finally:
        line.erase()


class _Line:
    """The one line of progress on a terminal's stream."""

    def __init__(self, stream: TextIO, clock: Callable[[], float]) -> None:
        self.stream, self.clock = stream, clock
        self.start = clock()
        self.drawn = self.start - _EVERY
        self.shown = False

    @classmethod
    def on(cls, stream: TextIO | None, clock: Callable[[], float]) -> _Line | None:
        if stream is None or not stream.isatty():
            return None
        return cls(stream, clock)

    def elapsed(self) -> float:
        return self.clock() - self.start

    def draw(self, text: str) -> None:
        now = self.clock()
        if now - self.drawn < _EVERY:
            return
        self.drawn = now
        width = shutil.get_terminal_size().columns - 1  # a wrapped line cannot be redrawn
        self.stream.write(_ERASE + (text if len(text) <= width else text[: width - 1] + "…"))
        self.stream.flush()
        self.shown = True

    def erase(self) -> None:
        if self.shown:
            self.stream.write(_ERASE)  # the report or its message comes next
            self.stream.flush()
            self.shown = False


def _ignore(done: int, total: int | None, note: str = "") -> None:
    """The count when stderr is not a terminal."""


def _rate(per_second: float) -> str:
    return f"{per_second:.1f}" if per_second < 10 else f"{per_second:,.0f}"


def _left(elapsed: float, fraction: float) -> str:
    if fraction < _FIRST_ESTIMATE:
        return ""
    seconds = elapsed * (1.0 - fraction) / fraction
    if seconds >= 90:
        return f", about {seconds / 60:.0f} min left"
    return f", about {max(1, round(seconds))} s left"
