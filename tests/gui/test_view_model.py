"""The view model: built with the comparison on the worker thread, painted as built."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from retold.engine.model import Comparison, Side
from retold.engine.navigate import build_navigation
from retold.gui import view_model
from retold.gui.compare_view import CompareView
from retold.gui.display_text import style_runs
from retold.gui.pieces import flatten
from tests.gui._builders import long_pair, sample


def test_the_view_model_is_built_off_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot, threaded_window, sample_pair: tuple[Path, Path], monkeypatch
) -> None:
    window, controller = threaded_window
    built: list[tuple[bool, view_model.ViewModel]] = []
    real = view_model.build_view_model

    def recording(comparison: Comparison, *options: bool) -> view_model.ViewModel:
        model = real(comparison, *options)
        built.append((threading.current_thread() is threading.main_thread(), model))
        return model

    monkeypatch.setattr(view_model, "build_view_model", recording)
    controller.open_paths(*sample_pair)
    qtbot.waitUntil(lambda: controller.comparison is not None, timeout=10_000)
    assert [on_gui for on_gui, _model in built] == [False]
    view = window.compare_view
    assert view.view_model is built[0][1]  # shown as delivered, not built again here
    assert view.navigation is built[0][1].navigation


def test_a_view_built_without_a_model_paints_the_same(qtbot) -> None:  # type: ignore[no-untyped-def]
    comparison = sample()
    view = CompareView()
    qtbot.addWidget(view)
    view.set_comparison(comparison)
    assert view.view_model is not None and view.view_model.comparison is comparison
    for side in Side:
        runs, facts = style_runs(comparison, side), view_model.fact_spans(comparison, side)
        assert view.view_model.styled[side] == flatten(runs, facts)
    assert view.navigation is not None
    assert view.navigation.stops == build_navigation(comparison).stops
    given = view_model.build_view_model(comparison)
    view.set_comparison(comparison, None, given)
    assert view.view_model is given
    view.set_comparison(None)
    assert view.view_model is None and view.navigation is None


def test_document_tops_match_each_offsets_own_cursor(qtbot) -> None:  # type: ignore[no-untyped-def]
    comparison = long_pair(30)
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    view.set_comparison(comparison)
    pane = view.panes[Side.ORIGINAL]
    pane.verticalScrollBar().setValue(pane.verticalScrollBar().maximum() // 2)
    offsets = [s.start for s in comparison.original.sentences][::-3]  # unsorted on purpose
    tops, height = pane.document_tops(offsets)
    scrolled = pane.verticalScrollBar().value()
    assert tops == sorted(tops, reverse=True) and tops[0] > tops[-1]
    for offset, top in zip(offsets, tops, strict=True):
        assert abs(pane.offset_rect(offset).top() + scrolled - top) <= 1
    assert height >= pane.document().documentLayout().documentSize().height() - 1


def test_measuring_the_ticks_grows_linearly(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Ticks for 8 times the links cost about 8 times the processor time, not 64 (best of
    three each, the two sizes taken in turn, so a burst of load slows both alike)."""
    views = []
    for paragraphs in (40, 320):
        view = CompareView()
        qtbot.addWidget(view)
        view.resize(900, 500)
        view.show()
        view.set_comparison(long_pair(paragraphs))
        view.settle()  # lays the text out: what is timed below is the measuring alone
        views.append(view)
    best = [float("inf"), float("inf")]
    for _ in range(3):
        for k, view in enumerate(views):
            started = time.process_time()
            view._set_ticks()
            best[k] = min(best[k], time.process_time() - started)
    assert views[1].overviews[Side.ORIGINAL].ticks  # it measured something
    assert best[1] < 24 * max(best[0], 1e-4)
