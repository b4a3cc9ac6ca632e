"""Saved comparisons in the window, and the files a user opens: one, two, many, or a .retold."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from retold.engine.model import Side
from retold.gui import dialogs
from retold.gui.app import main
from retold.gui.source_model import NONE, ORIGINAL, REWRITE

WAITING = "Drop or open the rewrite to compare."


@pytest.fixture
def saved(app_window, articles, tmp_path: Path) -> Path:
    """A comparison of a.txt with b.txt saved with 'show only changes' on and 14 pt text."""
    window, controller = app_window
    controller.open_paths(articles[0], articles[1])
    window.commands.show_only_changes.trigger()
    for _ in range(3):
        window.commands.font_bigger.trigger()
    path = tmp_path / "flood.retold"
    controller.saving.save(path)
    assert path.is_file()
    return path


def _fresh(app_window):
    """The window emptied and its preferences back to the defaults."""
    window, controller = app_window
    model = controller.model
    while model.rowCount():
        model.remove(0)
    controller.compare()
    window.commands.show_only_changes.setChecked(False)
    window.commands.font_reset.trigger()
    window.banner.dismiss()
    return window, controller


def test_save_and_open_restore_sources_and_view_options(app_window, saved, articles) -> None:
    window, controller = _fresh(app_window)
    assert controller.comparison is None and not window.compare_view.only_changes
    articles[0].write_text("Changed on disk since.", encoding="utf-8")  # the file keeps the text

    controller.open_paths(saved)
    comparison = controller.comparison
    assert comparison is not None
    assert (comparison.original.name, comparison.rewrite.name) == ("a.txt", "b.txt")
    assert "Changed on disk" not in comparison.original.text
    assert window.compare_view.only_changes and window.commands.show_only_changes.isChecked()
    assert controller.prefs.font_point_size == 14
    assert window.commands.recent_menu.actions()[0].text() == "flood.retold"
    assert not window.banner.isVisible()


def test_open_command_accepts_a_saved_comparison(app_window, saved, monkeypatch) -> None:
    window, controller = _fresh(app_window)
    asked: list[str] = []

    def ask(parent, title, folder, **options):
        asked.append(dialogs.open_filter(**options))
        return [saved]

    monkeypatch.setattr(dialogs, "ask_open_files", ask)
    window.commands.open.trigger()
    assert controller.comparison is not None and controller.comparison.rewrite.name == "b.txt"
    assert asked and asked[0].startswith("Articles and comparisons (*.retold *.txt")


def test_open_command_with_two_articles_compares_them_older_first(
    app_window, articles, monkeypatch
) -> None:
    window, controller = app_window
    monkeypatch.setattr(dialogs, "ask_open_files", lambda *args, **kwargs: list(articles[:2]))
    window.commands.open.trigger()
    assert controller.comparison is not None and controller.comparison.original.name == "b.txt"


def test_saved_comparison_dropped_on_the_window_opens(qtbot, app_window, saved, drop) -> None:
    window, controller = _fresh(app_window)
    assert drop(window, [saved])
    qtbot.waitUntil(lambda: controller.comparison is not None)
    assert controller.comparison.original.name == "a.txt"


ALSO_C = "c.md is listed too: right-click it to compare it."


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["c.md"], f"Opened flood.retold. {ALSO_C}"),
        (["old.retold"], "Opened flood.retold. old.retold was not opened (one at a time)."),
        (
            ["old.retold", "c.md", "older.retold"],
            f"Opened flood.retold. {ALSO_C} 2 more comparisons were not opened (one at a time).",
        ),
    ],
)
def test_a_saved_comparison_opened_with_other_files_says_what_became_of_them(
    app_window, saved, articles, extra: list[str], expected: str
) -> None:
    window, controller = _fresh(app_window)
    for name in extra:
        if name.endswith(".retold"):
            shutil.copy(saved, saved.with_name(name))
    controller.open_paths(saved, *(saved.with_name(name) for name in extra))
    comparison = controller.comparison
    assert comparison is not None and comparison.original.name == "a.txt"
    model = controller.model
    listed = [model.source_at(row).name for row in range(model.rowCount())]
    assert listed == ["a.txt", "b.txt", *(["c.md"] if "c.md" in extra else [])]
    assert window.banner.level == "info" and window.banner.text() == expected


def test_dropping_a_saved_comparison_with_an_article_lists_the_article(
    qtbot, app_window, saved, articles, drop
) -> None:
    window, controller = _fresh(app_window)
    assert drop(window, [articles[2], saved])
    qtbot.waitUntil(lambda: controller.model.rowCount() == 3)
    assert controller.comparison is not None and controller.comparison.rewrite.name == "b.txt"
    assert controller.model.role_of(2) == NONE
    assert window.banner.text() == f"Opened flood.retold. {ALSO_C}"


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda data: data[: len(data) // 2], "is incomplete"),
        (lambda data: b"shopping list\n", "is not a Retold comparison file"),
    ],
)
def test_damaged_saved_comparison_is_a_banner(app_window, saved, damage, expected) -> None:
    window, controller = _fresh(app_window)
    saved.write_bytes(damage(saved.read_bytes()))
    failures: list[str] = []
    controller.loadFailed.connect(failures.append)
    controller.open_paths(saved)
    assert controller.comparison is None and controller.model.rowCount() == 0
    assert window.banner.level == "error" and expected in window.banner.text()
    assert "flood.retold" in window.banner.text() and failures == [window.banner.text()]


def test_a_text_edited_by_hand_opens_as_it_is_with_a_warning(app_window, saved) -> None:
    window, controller = _fresh(app_window)
    data = saved.read_bytes().replace(b"Millbrook", b"Millbrock", 1)
    saved.write_bytes(data)
    controller.open_paths(saved)
    assert controller.comparison is not None and "Millbrock" in controller.comparison.original.text
    assert window.banner.level == "warning"
    assert "original's text in “flood.retold” was edited after it was saved" in window.banner.text()


def test_one_article_is_the_original_and_the_banner_asks_for_the_rewrite(
    qtbot, app_window, articles, drop
) -> None:
    window, controller = app_window
    controller.open_paths(articles[0])
    model = controller.model
    assert model.rowCount() == 1 and model.role_of(0) == ORIGINAL
    assert controller.comparison is None
    view = window.compare_view  # the chosen side is shown while the other is awaited
    assert view.panes[Side.ORIGINAL].toPlainText() == articles[0].read_text(encoding="utf-8")
    assert "a.txt" in view.titles[Side.ORIGINAL].text()
    assert view.panes[Side.REWRITE].toPlainText() == ""
    assert window.banner.level == "info"
    assert window.banner.text() == f"a.txt is the original. {WAITING}"
    assert drop(window, [articles[1]])
    qtbot.waitUntil(lambda: controller.comparison is not None)
    assert controller.comparison.rewrite.name == "b.txt"
    assert not window.banner.isVisible()  # the request is answered


def test_many_articles_are_listed_and_the_first_two_compared(app_window, articles) -> None:
    window, controller = app_window
    controller.open_paths(*articles)  # b.txt is older, but the command line's order wins
    model = controller.model
    assert model.rowCount() == 3
    assert (model.role_of(0), model.role_of(1), model.role_of(2)) == (ORIGINAL, REWRITE, NONE)
    assert controller.comparison is not None and controller.comparison.original.name == "a.txt"
    assert "Added 3 files" in window.banner.text()


def test_command_line_opens_a_saved_comparison(saved: Path, tmp_path: Path) -> None:
    shot = tmp_path / "saved.png"
    assert main([str(saved), "--screenshot", str(shot)]) == 0
    assert not QImage(str(shot)).isNull()


def test_command_line_damaged_saved_comparison_fails_headless(
    saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved.write_bytes(saved.read_bytes()[:100])
    assert main([str(saved), "--screenshot", str(tmp_path / "never.png")]) == 1
    assert "flood.retold” is incomplete" in capsys.readouterr().err


def test_command_line_three_articles(articles, tmp_path: Path) -> None:
    assert main([*map(str, articles), "--screenshot", str(tmp_path / "three.png")]) == 0


def test_command_line_one_article_cannot_be_a_screenshot(articles) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([str(articles[0]), "--screenshot", "x.png"])
    assert exit_info.value.code == 2


def test_a_rewrite_alone_asks_for_the_original(qtbot, app_window, articles, drop) -> None:
    window, controller = app_window
    assert drop(window.compare_view.panes[Side.REWRITE].viewport(), [articles[1]])
    qtbot.waitUntil(lambda: controller.model.rowCount() == 1)
    assert window.banner.text() == "b.txt is the rewrite. Drop or open the original to compare."


def test_settings_that_cannot_be_saved_do_not_stop_the_window(qtbot, app_window, tmp_path) -> None:
    window, controller = app_window
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    controller.store.folder = blocker / "config"  # mkdir fails: its parent is a file
    window.commands.show_only_changes.trigger()
    assert window.compare_view.only_changes
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Settings could not be saved")
    )


def test_a_recent_file_that_has_gone_leaves_the_menu(app_window, articles, saved) -> None:
    window, controller = app_window
    recent = window.commands.recent_menu
    assert [a.text() for a in recent.actions()][:3] == ["flood.retold", "b.txt", "a.txt"]
    articles[1].unlink()
    saved.unlink()
    for name in ("b.txt", "flood.retold"):
        next(a for a in recent.actions() if a.text() == name).trigger()
        assert "does not exist" in window.banner.text()
    assert [a.text() for a in recent.actions()] == ["a.txt"]
    assert controller.comparison is not None  # the comparison on screen stays
