"""Progress and time left on stderr, only when stderr is a terminal."""

from __future__ import annotations

import io

from retold.terminal_progress import terminal_progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_drawn_when_stderr_is_not_a_terminal() -> None:
    assert terminal_progress(io.StringIO()) is None
    assert terminal_progress(None) is None


def test_progress_shows_the_share_done_and_the_time_left_then_clears() -> None:
    stream, now = _Terminal(), [100.0]
    show = terminal_progress(stream, clock=lambda: now[0])
    assert show is not None
    show(0.0)
    now[0] = 110.0
    show(0.25)  # 10 s for a quarter: about 30 s to go
    now[0] = 110.1
    show(0.26)  # too soon to redraw
    now[0] = 400.0
    show(0.4)  # 300 s for 40 %: 7.5 minutes to go
    show(1.0)
    frames = stream.getvalue().split("\r\x1b[K")
    assert frames == [
        "",
        "Comparing… 0%",
        "Comparing… 25%, about 30 s left",
        "Comparing… 40%, about 8 min left",
        "",
    ]
