"""The window shows the comparison's evidence: warnings, furniture, facts, verbatim runs, steps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from retold.engine.compare import compare
from retold.engine.navigate import Side
from retold.gui.evidence_notes import RUN_LINK
from retold.gui.notes import furniture_tooltip, step_message
from retold.gui.summary_panel import SummaryPanel

ORIGINAL = """By Maria Ortiz
The city council voted on Tuesday to build a new flood barrier along the river.
The barrier will cost 12 million dollars and take three years to finish.
"""
REWRITE = """The city council voted on Tuesday to build a new flood barrier along the river.
The barrier will cost 19 million dollars and take three years to finish.
Previous Post Next Post
"""


def test_step_messages_count_the_changes_and_say_when_the_end_is_reached() -> None:
    stops = (2, 5, 9)
    assert step_message(stops, 2, True) == "Change 1 of 3"
    assert step_message(stops, 9, True) == "Change 3 of 3: the last change"
    assert step_message(stops, 2, False) == "Change 1 of 3: the first change"
    assert step_message(stops, -1, True) == "No change after this one: that was the last of 3."
    assert step_message((), -1, True).startswith("No changes")


def test_furniture_says_its_kind_on_hover() -> None:
    comparison = compare(ORIGINAL, REWRITE)
    assert furniture_tooltip(comparison.original, 3).startswith("Page furniture: byline.")
    at = REWRITE.index("Previous")
    assert "navigation" in furniture_tooltip(comparison.rewrite, at)
    assert furniture_tooltip(comparison.rewrite, 3) == ""


def test_summary_tells_verbatim_furniture_and_facts(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = SummaryPanel()
    qtbot.addWidget(panel)
    comparison = compare(ORIGINAL, REWRITE)
    panel.set_comparison(comparison, hidden=True)
    notes = panel.evidence
    assert "kept word for word" in notes.verbatim.text() and RUN_LINK in notes.verbatim.text()
    assert "2 lines of page furniture hidden (1 in the original, 1 in the rewrite)" in (
        notes.furniture.text()
    )
    assert notes.facts.text().startswith("Fact changes inside linked sentences: 1 (1 number)")
    panel.set_comparison(comparison, hidden=False)
    assert "byline" in notes.furniture.text() and "hidden" not in notes.furniture.text()
    with qtbot.waitSignal(notes.longestRunClicked):
        notes.verbatim.linkActivated.emit(RUN_LINK)


def test_window_banner_warns_and_tooltip_tells_the_fact(  # type: ignore[no-untyped-def]
    app_window, tmp_path: Path
) -> None:
    window, controller = app_window
    original, rewrite = tmp_path / "original.txt", tmp_path / "rewrite.txt"
    original.write_text(ORIGINAL, encoding="utf-8")
    rewrite.write_text(REWRITE, encoding="utf-8")
    controller.open_paths(original, rewrite)
    assert controller.comparison is not None
    assert "drops the original's byline" in window.caveats.text()
    assert window.caveats.level == "warning" and not window.banner.isVisible()
    view = window.compare_view
    tip = view._tooltip(Side.REWRITE, REWRITE.index("19"))
    assert "Fact changed (number): 12 million became 19 million" in tip
    view.next_change()
    assert window.statusBar().currentMessage().startswith("Change 1 of ")
    view.show_run(*controller.comparison.longest_verbatim)
    assert view.selected >= 0


def test_sources_list_elides_in_the_middle(app_window) -> None:  # type: ignore[no-untyped-def]
    window, _controller = app_window
    assert window.sources_panel.view.textElideMode() == Qt.TextElideMode.ElideMiddle


def test_selecting_a_clause_selects_its_sentence(qtbot) -> None:  # type: ignore[no-untyped-def]
    from retold.gui.compare_view import CompareView

    original = "The council met on Monday.\nIt approved the budget for the coming year.\n"
    rewrite = (
        "The council met on Monday.\n"
        "Critics doubt the plan will work in the end; however, supporters say it is the best.\n"
        "It approved the budget for the coming year.\n"
    )
    view = CompareView()
    qtbot.addWidget(view)
    view.set_comparison(compare(original, rewrite))
    view.select_link(view.navigation.link_at(Side.REWRITE, rewrite.index("however")))
    start, end = rewrite.index("Critics"), rewrite.index("best.") + 5
    assert view._spans(view.selected)[Side.REWRITE] == (
        (start, rewrite.index(";") + 1),
        (rewrite.index("however"), end),
    )
    said: list[str] = []
    view.stepped.connect(said.append)
    view.next_change()  # not onto the other clause of the same sentence: it is the only change
    assert said == ["No change after this one: that was the last of 2."]
