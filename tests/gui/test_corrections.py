"""Correcting the alignment in the window: link, merge, unlink, drag, undo, redo, save."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from retold.engine.model import Comparison, Link, LinkKind, Origin, Side
from retold.gui.pane import SPAN_MIME, Pane
from retold.savefile import load_comparison_file

ORIGINAL = (
    "The harbour authority will close the northern pier in March. "
    "Repairs will take six weeks. "
    "Fishing boats will use the southern docks meanwhile.\n\n"
    "The mayor said the work was overdue. "
    "Tickets for the ferry will not change. "
    "A new café opens on the quay in May."
)
REWRITE = (
    "The northern pier closes in March, the harbour authority said. "
    "Repairs should last six weeks. "
    "Meanwhile the fishing fleet moves to the southern docks.\n\n"
    "Ferry tickets stay the same. "
    "The mayor called the work long overdue. "
    "Nobody asked the fishermen."
)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    original, rewrite = tmp_path / "pier.txt", tmp_path / "pier-rewrite.txt"
    original.write_text(ORIGINAL, encoding="utf-8")
    rewrite.write_text(REWRITE, encoding="utf-8")
    return original, rewrite


@pytest.fixture
def shown(app_window, pair):
    window, controller = app_window
    controller.open_paths(*pair)
    assert controller.comparison is not None
    return window, controller


def _link(comparison: Comparison, original: tuple[int, ...], rewrite: tuple[int, ...]) -> Link:
    (found,) = [
        link
        for link in comparison.links
        if (link.original_sentences, link.rewrite_sentences) == (original, rewrite)
    ]
    return found


def _click(pane: Pane, comparison: Comparison, side: Side, sentence: int) -> None:
    """A real mouse click on the middle of a sentence."""
    document = comparison.original if side is Side.ORIGINAL else comparison.rewrite
    span = document.sentences[sentence].span
    point = pane.offset_rect((span[0] + span[1]) // 2).center()
    QTest.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=point)


def _select(pane: Pane, start: int, end: int) -> None:
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.display.to_qt(start))
    cursor.setPosition(pane.display.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)


def test_the_engine_pairs_the_fixture_in_order(shown) -> None:
    _window, controller = shown
    comparison = controller.comparison
    assert _link(comparison, (4,), (3,)).is_match  # the tickets
    assert _link(comparison, (3,), (4,)).is_match  # the mayor
    assert not controller.window.commands.link.isEnabled()  # nothing picked yet


def test_click_a_sentence_in_each_pane_and_link_them(qtbot, shown) -> None:
    window, controller = shown
    view, commands = window.compare_view, window.commands
    engine = controller.comparison
    _click(view.panes[Side.ORIGINAL], engine, Side.ORIGINAL, 3)  # the mayor
    assert not commands.link.isEnabled()  # one side only
    assert commands.unlink.isEnabled()  # its link can be taken apart
    _click(view.panes[Side.REWRITE], engine, Side.REWRITE, 3)  # the tickets
    assert view.picked(Side.ORIGINAL) == (3,) and view.picked(Side.REWRITE) == (3,)
    assert commands.link.isEnabled()
    QTest.keyClick(view.panes[Side.REWRITE], Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    corrected = controller.comparison
    made = _link(corrected, (3,), (3,))
    assert made.origin is Origin.MANUAL and made.kind in (LinkKind.EDITED, LinkKind.REWORDED)
    assert made.changes  # the same word diff as any link
    assert _link(corrected, (4,), ()).kind is LinkKind.REMOVED  # what it took stands alone
    assert _link(corrected, (), (4,)).kind is LinkKind.ADDED
    for link in engine.links:  # the links it did not touch are the engine's
        if not ({*link.original_sentences} & {3} or {*link.rewrite_sentences} & {3}):
            assert link in corrected.links
    # The new link is selected, says it was set by hand, and is marked in the link map.
    assert corrected.links[view.selected] == made
    start = corrected.original.sentences[3].start
    assert "set by hand" in view.panes[Side.ORIGINAL].tooltip_for(start + 2)
    marked = [c for c in view.link_map.connectors() if c.manual]
    assert [c.link for c in marked] == [view.selected]
    assert commands.undo.isEnabled() and commands.undo.text() == "&Undo Link"


def test_several_sentences_on_one_side_merge(shown) -> None:
    window, controller = shown
    view, engine = window.compare_view, controller.comparison
    sentences = engine.original.sentences
    _select(view.panes[Side.ORIGINAL], sentences[0].start + 4, sentences[1].end - 3)
    _click(view.panes[Side.REWRITE], engine, Side.REWRITE, 0)
    assert view.picked(Side.ORIGINAL) == (0, 1)  # both sentences the selection touches
    window.commands.link.trigger()
    merged = _link(controller.comparison, (0, 1), (0,))
    assert merged.origin is Origin.MANUAL
    assert controller.comparison.stats.merged == engine.stats.merged + 1
    assert window.commands.undo.text() == "&Undo Merge"


def test_unlink_undo_and_redo(qtbot, shown) -> None:
    window, controller = shown
    view, commands = window.compare_view, window.commands
    engine = controller.comparison
    _click(view.panes[Side.REWRITE], engine, Side.REWRITE, 0)
    QTest.keyClick(view.panes[Side.REWRITE], Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    unlinked = controller.comparison
    assert _link(unlinked, (0,), ()).origin is Origin.MANUAL
    assert _link(unlinked, (), (0,)).kind is LinkKind.ADDED
    assert unlinked.stats.manual == 2
    assert window.summary.structure.text().endswith(" · 2 set by hand")

    QTest.keyClick(view.panes[Side.REWRITE], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert controller.comparison.links == engine.links  # back to the engine's alignment
    assert not commands.undo.isEnabled() and commands.redo.isEnabled()
    shift_control = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(view.panes[Side.REWRITE], Qt.Key.Key_Z, shift_control)
    assert controller.comparison.links == unlinked.links
    assert controller.correcting.current[0].action.value == "unlink"


def test_dragging_a_sentence_onto_the_other_pane_links_them(qtbot, shown) -> None:
    window, controller = shown
    view, engine = window.compare_view, controller.comparison
    left, right = view.panes[Side.ORIGINAL], view.panes[Side.REWRITE]
    tickets = engine.original.sentences[4]
    _select(left, tickets.start, tickets.end)
    mime = left.createMimeDataFromSelection()  # what a drag out of the left pane carries
    assert mime.hasFormat(SPAN_MIME) and mime.text() == "Tickets for the ferry will not change."
    target = engine.rewrite.sentences[5]  # "Nobody asked the fishermen."
    point = QPointF(right.offset_rect(target.start + 3).center())
    assert _drop(right, mime, point)
    qtbot.waitUntil(lambda: controller.correcting.current != ())
    assert _link(controller.comparison, (4,), (5,)).origin is Origin.MANUAL
    assert not _drop(left, left.createMimeDataFromSelection(), point)  # not onto its own pane


def _drop(target: Pane, mime: QMimeData, point: QPointF) -> bool:
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(point.toPoint(), *args)
    QApplication.sendEvent(target.viewport(), enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(point, *args)
    QApplication.sendEvent(target.viewport(), drop)
    return drop.isAccepted()


def test_the_pane_menu_offers_link_and_unlink(shown) -> None:
    window, _controller = shown
    for pane in window.compare_view.panes.values():
        assert window.commands.link in pane.context_actions
        assert window.commands.unlink in pane.context_actions
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    texts = [a.text() for a in edit.actions()]
    assert {"&Undo", "&Redo", "&Link the picked sentences", "U&nlink the picked sentences"} <= set(
        texts
    )


def test_corrections_are_saved_and_come_back_when_the_file_is_opened(
    app_window, shown, tmp_path: Path
) -> None:
    window, controller = shown
    view, engine = window.compare_view, controller.comparison
    _click(view.panes[Side.ORIGINAL], engine, Side.ORIGINAL, 3)
    _click(view.panes[Side.REWRITE], engine, Side.REWRITE, 3)
    window.commands.link.trigger()
    corrected = controller.comparison
    target = tmp_path / "pier.retold"
    controller.saving.save(target)
    assert load_comparison_file(target).corrections == controller.correcting.current

    model = controller.model  # a fresh start: nothing listed, nothing corrected
    while model.rowCount():
        model.remove(0)
    controller.compare()
    controller.open_paths(target)
    assert controller.comparison is not None
    assert controller.comparison.links == corrected.links
    assert not controller.correcting.unsaved()


@pytest.mark.parametrize("model", [True, False], ids=["sentence-model", "words-alone"])
def test_a_link_made_in_the_window_is_scored_as_the_saved_file_is_compared_again(
    shown, tmp_path: Path, model: bool
) -> None:
    """The window scores a hand-made link with the scorer its comparison was made with, so the
    saved file compared again (``compare_saved``, as the CLI does) gives the same links."""
    from retold.api import compare_saved
    from retold.engine.options import CompareOptions

    window, controller = shown
    controller.use_sentence_model(model)
    view, engine = window.compare_view, controller.comparison
    sentences = engine.original.sentences  # the tickets and the café, merged: the model
    _select(view.panes[Side.ORIGINAL], sentences[4].start + 4, sentences[5].end - 3)  # scores
    _click(view.panes[Side.REWRITE], engine, Side.REWRITE, 3)  # them higher than the words do
    window.commands.link.trigger()
    made = _link(controller.comparison, (4, 5), (3,))
    assert made.origin is Origin.MANUAL
    target = tmp_path / "pier.retold"
    controller.saving.save(target)
    again = compare_saved(load_comparison_file(target), CompareOptions(semantic=model))
    assert _link(again.comparison, (4, 5), (3,)).similarity == made.similarity
    assert again.comparison.links == controller.comparison.links


def test_closing_with_unsaved_corrections_warns_once(shown) -> None:
    window, controller = shown
    controller.saving.warn_on_close = True
    view, engine = window.compare_view, controller.comparison
    _click(view.panes[Side.REWRITE], engine, Side.REWRITE, 0)
    window.commands.unlink.trigger()
    assert not controller.saving.may_close()
    assert window.banner.text().startswith("Your corrections to the alignment are not saved")
    assert controller.saving.may_close()  # closing again discards them


def test_a_correction_that_no_longer_fits_is_told_in_the_banner(shown, tmp_path: Path) -> None:
    import json

    window, controller = shown
    target = tmp_path / "bad.retold"
    controller.saving.save(target)
    document = json.loads(target.read_text(encoding="utf-8"))
    first = [list(controller.comparison.original.sentences[0].span)]
    first_rewrite = [list(controller.comparison.rewrite.sentences[0].span)]
    document["corrections"] = [
        {"action": "link", "original": [[0, 5]], "rewrite": [[0, 10]]},  # inside sentences
        {"action": "unlink", "original": first, "rewrite": first_rewrite},
    ]
    target.write_text(json.dumps(document), encoding="utf-8")
    controller.open_paths(target)
    assert window.banner.level == "warning"
    assert "A hand-made link (original 0–5, rewrite 0–10) was not applied" in window.banner.text()
    assert controller.comparison.stats.manual == 2  # the unlink, which fits, was applied


def test_the_correction_is_applied_on_the_worker_not_the_gui_thread(
    qtbot, threaded_window, pair, monkeypatch
) -> None:
    import threading

    from retold.engine import corrections

    window, controller = threaded_window
    controller.open_paths(*pair)
    qtbot.waitUntil(lambda: controller.comparison is not None, timeout=10_000)
    engine = controller.comparison
    threads: list[bool] = []
    apply = corrections.apply_corrections

    def spy(*args, **kwargs):  # the real function, noting the thread it runs on
        threads.append(threading.current_thread() is threading.main_thread())
        return apply(*args, **kwargs)

    monkeypatch.setattr("retold.gui.controller.apply_corrections", spy)
    view = window.compare_view
    _click(view.panes[Side.ORIGINAL], engine, Side.ORIGINAL, 3)
    _click(view.panes[Side.REWRITE], engine, Side.REWRITE, 3)
    window.commands.link.trigger()
    assert controller.comparison is engine  # not yet: the worker is applying it
    qtbot.waitUntil(lambda: controller.comparison is not engine, timeout=10_000)
    assert threads == [False]
    assert _link(controller.comparison, (3,), (3,)).origin is Origin.MANUAL


def test_swapping_the_sides_carries_the_corrections_over(shown) -> None:
    window, controller = shown
    view, engine = window.compare_view, controller.comparison
    _click(view.panes[Side.ORIGINAL], engine, Side.ORIGINAL, 3)  # the mayor
    _click(view.panes[Side.REWRITE], engine, Side.REWRITE, 3)  # the tickets
    window.commands.link.trigger()
    window.commands.swap.trigger()
    swapped = controller.comparison
    assert swapped.original.name == "pier-rewrite.txt"
    made = _link(swapped, (3,), (3,))  # the same two sentences, sides swapped
    assert made.origin is Origin.MANUAL
    assert swapped.original.sentence_text(3) == "Ferry tickets stay the same."
    window.commands.swap.trigger()  # and back: the pair as it was corrected
    assert _link(controller.comparison, (3,), (3,)).origin is Origin.MANUAL
    assert controller.comparison.original.name == "pier.txt"


def test_a_correction_made_on_the_swapped_sides_stays_when_they_are_swapped_back(shown) -> None:
    window, controller = shown
    view = window.compare_view
    _click(view.panes[Side.ORIGINAL], controller.comparison, Side.ORIGINAL, 3)
    _click(view.panes[Side.REWRITE], controller.comparison, Side.REWRITE, 3)
    window.commands.link.trigger()
    window.commands.swap.trigger()
    _click(view.panes[Side.REWRITE], controller.comparison, Side.REWRITE, 0)
    window.commands.unlink.trigger()  # made with the rewrite on the left
    assert len(controller.correcting.current) == 2
    window.commands.swap.trigger()  # back: both corrections, not only the first
    assert len(controller.correcting.current) == 2
    assert _link(controller.comparison, (0,), ()).origin is Origin.MANUAL
    assert _link(controller.comparison, (3,), (3,)).origin is Origin.MANUAL


def test_the_spaces_between_sentences_stay_plain_after_a_click_and_a_relayout(shown) -> None:
    window, controller = shown
    view, engine = window.compare_view, controller.comparison
    pane = view.panes[Side.ORIGINAL]
    removed = _link(engine, (5,), ())  # "A new café opens on the quay in May." struck through
    _click(pane, engine, Side.ORIGINAL, 5)  # the caret now has the struck-through format
    window.commands.show_only_changes.trigger()  # the text is laid out again
    space = QTextCursor(pane.document())
    space.setPosition(pane.display.to_qt(removed.original[0][0]))  # just after the space
    assert not space.charFormat().fontStrikeOut()
    inside = QTextCursor(pane.document())
    inside.setPosition(pane.display.to_qt(removed.original[0][0] + 3))
    assert inside.charFormat().fontStrikeOut()


@pytest.mark.qt_log_ignore("^This plugin does not support (raise|grabbing)")  # a popup offscreen
def test_right_click_picks_the_sentence_and_offers_the_corrections(qtbot, shown) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QMenu

    window, controller = shown
    view, engine = window.compare_view, controller.comparison
    pane = view.panes[Side.REWRITE]
    sentence = engine.rewrite.sentences[5]
    point = pane.offset_rect(sentence.start + 3).center()
    seen: list[list[str]] = []

    def read_and_close() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.append([a.text() for a in menu.actions() if not a.isSeparator()])
        menu.close()

    QTimer.singleShot(200, read_and_close)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, pane.viewport().mapToGlobal(point)
    )
    QApplication.sendEvent(pane.viewport(), event)
    qtbot.waitUntil(lambda: bool(seen))
    assert view.picked(Side.REWRITE) == (5,)  # the sentence under the right-click
    assert seen[0][-4:] == [
        "&Link the picked sentences",
        "U&nlink the picked sentences",
        "&Undo",
        "&Redo",
    ]


def test_swapping_the_sides_keeps_the_undo_history_and_undo_swaps_them_back(shown) -> None:
    window, controller = shown
    view, engine, commands = window.compare_view, controller.comparison, window.commands
    _click(view.panes[Side.ORIGINAL], engine, Side.ORIGINAL, 3)  # the mayor
    _click(view.panes[Side.REWRITE], engine, Side.REWRITE, 3)  # the tickets
    commands.link.trigger()
    commands.swap.trigger()
    assert controller.comparison.original.name == "pier-rewrite.txt"
    assert commands.undo.isEnabled()  # the link is still in the history, the swap above it
    commands.undo.trigger()  # the swap
    assert controller.comparison.original.name == "pier.txt"
    assert _link(controller.comparison, (3,), (3,)).origin is Origin.MANUAL
    commands.undo.trigger()  # the link, on the sides it was made on
    assert not controller.correcting.current
    assert _link(controller.comparison, (4,), (3,)).origin is not Origin.MANUAL
    commands.redo.trigger()
    commands.redo.trigger()
    assert controller.comparison.original.name == "pier-rewrite.txt"
    assert _link(controller.comparison, (3,), (3,)).origin is Origin.MANUAL
