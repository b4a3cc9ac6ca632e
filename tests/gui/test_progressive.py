"""Showing a long text without freezing the window: pieces built off the GUI thread, the text
filled in and laid out a slice per event-loop turn, work that grows linearly, a garbage collector
that leaves the comparison alone, progress reports that cannot pile up, Find marks near the view.
Counted or compared in one run, never timed against a clock."""

from __future__ import annotations

import gc
import threading
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QTimer

from retold.engine.compare import compare
from retold.engine.model import LinkKind, Side
from retold.gui.display_text import DisplayText, Fold, StyleKey, cut_long_paragraphs
from retold.gui.find_bar import FindBar, Finder, Query
from retold.gui.pieces import FOLD, LONGEST_PIECE, PLAIN, display_pieces, flatten
from retold.gui.worker import Worker
from tests.gui._builders import long_pair
from tests.gui.test_compare_view import check_formats, make_view
from tests.timing import growth

KEYS = [StyleKey(kind) for kind in LinkKind] + [StyleKey(LinkKind.EDITED, change="insert")]
runs_strategy = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 20), st.sampled_from(KEYS)).map(
        lambda t: (t[0], t[0] + t[1], t[2])
    ),
    max_size=25,
)
facts_strategy = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 10)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=4,
)


@given(runs_strategy, facts_strategy)
def test_flattened_pieces_show_what_painting_the_runs_in_order_would(runs, facts) -> None:  # type: ignore[no-untyped-def]
    painted: list[StyleKey | None] = [None] * 90
    for start, end, key in runs:
        for i in range(start, end):
            painted[i] = key
    marked = {i for start, end in facts for i in range(start, end)}
    pieces = flatten(runs, facts)
    shown: list[StyleKey | None] = [None] * 90
    for (start, end, key), after in zip(pieces, [*pieces[1:], None], strict=False):
        assert start < end and (after is None or end <= after[0])  # in order, apart
        assert after is None or (end, key) != (after[0], after[2])  # merged when they touch
        for i in range(start, end):
            shown[i] = key
    for i in range(90):
        look = painted[i] or (PLAIN if i in marked else None)
        expected = None if look is None else replace(look, fact=i in marked)
        assert shown[i] == expected, i


def test_display_pieces_cover_the_shown_text_and_skip_what_is_folded() -> None:
    text = "Kept one. Folded two. Folded three. Kept four."
    fold_start, fold_end = text.index("Folded two"), text.index(" Kept four")
    display = DisplayText(text, [Fold(fold_start, fold_end, "⋯ 2 ⋯", 2)])
    edited = StyleKey(LinkKind.EDITED)
    styled = flatten([(0, len(text), edited), (text.index("one"), text.index("one") + 3, KEYS[0])])
    pieces = display_pieces(display, styled)
    assert [p[0] for p in pieces] == [0, *[p[1] for p in pieces[:-1]]]  # end to end
    assert pieces[-1][1] == len(display.text)
    label = display.text.index("⋯ 2 ⋯")
    assert (label, label + len("⋯ 2 ⋯"), FOLD) in pieces
    assert all(key is not KEYS[0] or display.text[a:b] == "one" for a, b, key in pieces)
    long = DisplayText("x" * 5000)
    cut = display_pieces(long, flatten([(0, 5000, edited)]))
    assert [b - a for a, b, _key in cut] == [LONGEST_PIECE, LONGEST_PIECE, 1000]


def test_a_long_paragraph_is_cut_at_spaces_and_positions_stay() -> None:
    text = "Intro.\n\n" + " ".join(f"Word{k}" for k in range(5000)) + "\n\nEnd."
    cut = cut_long_paragraphs(text, longest=1000)
    assert len(cut) == len(text)
    assert all(a == b or (a == " " and b == "\n") for a, b in zip(text, cut, strict=True))
    assert max(len(line) for line in cut.split("\n")) <= 1000
    assert cut_long_paragraphs("short text", longest=1000) == "short text"


def test_a_long_text_is_shown_a_slice_at_a_time_with_the_same_looks(qtbot) -> None:  # type: ignore[no-untyped-def]
    comparison = long_pair(400)
    turns: list[int] = []
    view = make_view(qtbot, None)
    timer = QTimer(view, interval=0)  # fires once per event-loop turn
    timer.timeout.connect(lambda: turns.append(len(view.panes[Side.ORIGINAL].toPlainText())))
    timer.start()
    view.set_comparison(comparison)
    pane = view.panes[Side.ORIGINAL]
    assert pane.filling and len(pane.toPlainText()) < len(comparison.original.text)
    qtbot.waitUntil(lambda: view.settled, timeout=60_000)
    timer.stop()
    filled = [n for n in turns if n < len(comparison.original.text)]
    # The loop ran between slices while the text grew: at least two partial sizes were seen
    # (on an idle machine the pace lets the second slice take the rest, so no more than two).
    assert len(set(filled)) >= 2
    assert pane.toPlainText() == pane.display.text
    assert check_formats(view, comparison) > 1000
    assert view.overviews[Side.ORIGINAL].ticks  # measured once laid out


def _removed_run(count: int) -> str:
    return "The lead stays. " + " ".join(f"Gone number {k} here." for k in range(count))


def test_showing_a_run_of_removed_sentences_grows_linearly(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Filling, laying out and measuring 8,000 removed sentences (one paragraph) costs about
    four times 2,000 of them: measuring the ticks looked each line up by scanning the
    paragraph's lines (quadratic), and Qt laid the paragraph out whole."""
    pairs = {n: compare(_removed_run(n), "The lead stays.") for n in (2000, 8000)}
    view = make_view(qtbot, None)

    def show(n: int) -> None:
        view.set_comparison(pairs[n])
        view.settle()

    assert growth(show, 2000, 8000, repeat=2) < 8  # linear is 4, quadratic 16
    assert sum(t.link >= 0 for t in view.overviews[Side.ORIGINAL].ticks) == 8000


def test_the_heap_is_left_still_while_tasks_run_and_what_they_built_frozen(qtbot) -> None:  # type: ignore[no-untyped-def]
    worker = Worker(still_heap=True)
    seen: list[bool] = []
    frozen = gc.get_freeze_count()
    try:
        with qtbot.waitSignal(worker.busyChanged, check_params_cb=lambda busy: not busy):
            worker.submit(lambda _p, _c: seen.append(gc.isenabled()) or [object()], lambda _r: None)
        assert worker.wait(5000)
        assert seen == [False] and gc.isenabled()
        assert gc.get_freeze_count() > frozen  # what the task left is not walked again
    finally:
        gc.unfreeze()
        worker.deleteLater()


def test_progress_reports_do_not_pile_up_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    worker = Worker()
    received: list[float] = []
    worker.progressed.connect(received.append)
    done = threading.Event()

    def chatty(progress, _cancelled):  # type: ignore[no-untyped-def]
        for k in range(1, 20_001):
            progress(k / 20_000)
        done.set()

    worker.submit(chatty, lambda _r: None)
    assert done.wait(10)
    qtbot.waitUntil(lambda: bool(received) and received[-1] == 1.0, timeout=5000)
    assert received == sorted(received) and len(received) < 50  # 20,000 reports made
    worker.deleteLater()


def test_many_find_matches_are_marked_near_the_view_only_and_follow_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    comparison = long_pair(400)
    view = make_view(qtbot, comparison, height=400)
    view.settle()
    bar = FindBar()
    qtbot.addWidget(bar)
    finder = Finder(bar, view)
    bar.show()
    finder.set_query(Query("Sentence", (Side.ORIGINAL,)))
    pane = view.panes[Side.ORIGINAL]
    assert len(finder.matches) == 2000
    text = pane.toPlainText()

    def marked() -> list[int]:
        return [s.cursor.selectionStart() for s in pane.layer("find")]

    near = marked()
    assert 0 < len(near) < 500 and all(text[p : p + 8] == "Sentence" for p in near)
    bar_ = pane.verticalScrollBar()
    bar_.setValue(bar_.maximum())
    assert marked() and min(marked()) > max(near)  # the matches now in view are marked
