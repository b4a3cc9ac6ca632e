"""Progress and time left on stderr, only when stderr is a terminal."""

from __future__ import annotations

import io

import pytest

from retold.terminal_progress import counting, terminal_progress


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


def test_counting_draws_nothing_when_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()
    with counting("Indexing", "files", stream) as count:
        count(3, 10, "a.txt")
    assert stream.getvalue() == ""


def test_counting_shows_the_share_the_rate_and_the_time_left(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    stream, now = _Terminal(), [0.0]
    with counting("Finding", "suspects", stream, clock=lambda: now[0]) as count:
        now[0] = 2.0
        count(40, 100, "b.txt")  # 20 a second: 3 s for the other 60
        now[0] = 4.0
        count(100, 100)  # done: erased
    assert stream.getvalue().split("\r\x1b[K") == [
        "",
        "Finding… 40% (40 of 100 suspects, 20 suspects/s), about 3 s left · b.txt",
        "",
    ]


def test_counting_before_the_total_is_known_and_after_an_interrupt(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    stream, now = _Terminal(), [0.0]
    with (
        pytest.raises(KeyboardInterrupt),
        counting("Indexing", "files", stream, clock=lambda: now[0]) as count,
    ):
        now[0] = 4.0
        count(10, None)
        now[0] = 8.0
        count(3000, None, "a long name that cannot fit on the line.txt")
        raise KeyboardInterrupt
    frames = stream.getvalue().split("\r\x1b[K")
    assert frames[1] == "Indexing… 10 files (2.5 files/s)"
    assert frames[2] == "Indexing… 3,000 files (375 files/s) · …"  # cut: a line never wraps
    assert len(frames[2]) == 39
    assert frames[-1] == ""  # erased on the way out


def test_progress_names_the_stage_it_is_at() -> None:
    stream, now = _Terminal(), [0.0]
    stage = {0.0: "reading", 0.5: "writing"}
    show = terminal_progress(
        stream, clock=lambda: now[0], stage=lambda share: stage[0.0 if share < 0.5 else 0.5]
    )
    assert show is not None
    show(0.0)
    now[0] = 30.0
    show(0.6)  # 30 s for 60 %: 20 s to go
    assert stream.getvalue().split("\r\x1b[K") == [
        "",
        "Comparing… 0% (reading)",
        "Comparing… 60% (writing), about 20 s left",
    ]
