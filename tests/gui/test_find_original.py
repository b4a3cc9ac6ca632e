"""File > Find the original…: an index and a suspect in, the matches listed, a pair opened."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from retold.archive.indexing import update_index
from retold.batch.assess import EVIDENCE_LINE
from retold.batch.records import Assessment
from retold.gui.find_original import FindOriginalDialog, MatchTableModel
from retold.gui.source_model import ORIGINAL, REWRITE
from tests.archive.texts import BRIDGE_INDEPENDENT, BRIDGE_RETOLD, ORIGINALS


@pytest.fixture
def archive(tmp_path: Path) -> tuple[Path, Path, Path]:
    """An index of our four originals, a retelling of one and an independent text."""
    folder = tmp_path / "archive"
    folder.mkdir()
    for name, text in ORIGINALS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "archive.db"
    update_index(db, [folder])
    retold = tmp_path / "retold.txt"
    retold.write_text(BRIDGE_RETOLD, encoding="utf-8")
    independent = tmp_path / "independent.txt"
    independent.write_text(BRIDGE_INDEPENDENT, encoding="utf-8")
    return db, retold, independent


def _row(name: str, score: float | None, error: str | None = None) -> Assessment:
    if score is None:
        return Assessment(name, f"/a/{name}", None, *[None] * 8, error)  # type: ignore[arg-type]
    return Assessment(name, f"/a/{name}", "0" * 64, score, score >= 0.5, 0.6, 0.1, 0.3, 12, 5, 0)


def test_the_match_table_is_a_sound_model(qtmodeltester) -> None:
    model = MatchTableModel()
    qtmodeltester.check(model)
    model.set_matches([_row("a.txt", 0.91), _row("b.txt", 0.2), _row("c.txt", None, "gone")])
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.columnCount() == len(MatchTableModel.HEADERS)
    assert model.index(0, 2).data() == "derived" and model.index(1, 2).data() == "not derived"
    assert model.index(2, 2).data() == "cannot be aligned"
    assert model.index(2, 0).data(3) == "gone"  # the tooltip says why


def test_find_the_original_lists_matches_and_opens_the_pair(app_window, archive, tmp_path) -> None:
    window, controller = app_window
    db, retold, _ = archive
    window.commands.find_original.trigger()
    dialog = window.findChild(FindOriginalDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.set_paths(db, retold)
    dialog.find_button.click()
    model = dialog.model
    assert model.rowCount() == 4
    best = model.match_at(0)
    assert best is not None and best.name == "bridge.txt" and best.derived
    assert "probably derived from bridge.txt" in dialog.status.text()
    assert EVIDENCE_LINE in dialog.status.text()  # ranked by the words alone
    dialog.grab().save(str(tmp_path / "find-original.png"))
    dialog.table.doubleClicked.emit(model.index(0, 0))
    comparison = controller.comparison
    assert comparison is not None
    assert controller.model.source_for(ORIGINAL).name == "bridge.txt"
    assert controller.model.source_for(ORIGINAL).format == "archive"
    assert controller.model.source_for(REWRITE).path == retold
    assert comparison.stats.reused_share > 0.5


def test_an_independent_text_gets_no_derived_match(app_window, archive) -> None:
    _, controller = app_window
    db, _, independent = archive
    dialog = controller.find_original()
    dialog.set_paths(db, independent)
    dialog.run_search()
    assert dialog.model.rowCount() > 0
    assert not any(dialog.model.match_at(r).derived for r in range(dialog.model.rowCount()))
    assert "derived from none of these" in dialog.status.text()


def test_a_missing_index_or_suspect_is_said_in_the_dialog(app_window, archive, tmp_path) -> None:
    _, controller = app_window
    db, retold, _ = archive
    dialog = controller.find_original()
    dialog.run_search()
    assert "Choose an archive index and a suspect" in dialog.status.text()
    dialog.set_paths(tmp_path / "nowhere.db", retold)
    dialog.run_search()
    assert "no archive index" in dialog.status.text()
    assert dialog.model.rowCount() == 0 and not dialog.open_button.isEnabled()
    dialog.set_paths(db, tmp_path / "missing.txt")
    dialog.run_search()
    assert "does not exist" in dialog.status.text()
    assert not dialog.open_button.isEnabled()


def test_the_search_runs_off_the_gui_thread(threaded_window, archive, qtbot, monkeypatch) -> None:
    from retold.gui import find_original

    _, controller = threaded_window
    db, retold, _ = archive
    dialog = controller.find_original()
    dialog.set_paths(db, retold)
    on_gui_thread: list[bool] = []
    real = find_original.search

    def spy(*args):  # the real search, noting the thread it runs on
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return real(*args)

    monkeypatch.setattr(find_original, "search", spy)
    dialog.run_search()
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=30_000)
    assert on_gui_thread == [False]
