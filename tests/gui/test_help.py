"""The Help menu: shortcuts read from the actions, the reading guide, About."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QTableWidget

from retold import __version__
from retold.gui.help import plain
from retold.gui.legend import (
    FACT,
    FOUND,
    HOVERED,
    SAMPLES,
    FrameSwatch,
    Legend,
    MatchSwatch,
    Swatch,
)


def help_menu(window):  # type: ignore[no-untyped-def]
    menu = window.menuBar().actions()[-1].menu()
    assert menu.title() == "&Help"
    return {plain(a.text()): a for a in menu.actions() if not a.isSeparator()}


def table_rows(dialog) -> dict[str, str]:  # type: ignore[no-untyped-def]
    table = dialog.findChild(QTableWidget)
    return {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}


def test_the_shortcuts_dialog_lists_every_action_with_a_shortcut(qtbot, app_window) -> None:  # type: ignore[no-untyped-def]
    window, controller = app_window
    help_menu(window)["Keyboard shortcuts"].trigger()
    dialog = controller.help.dialogs["shortcuts"]
    assert dialog.isVisible()
    rows = table_rows(dialog)
    commands = window.commands
    for action in (a for a in vars(commands).values() if isinstance(a, QAction)):
        if any(s.toString() for s in action.shortcuts()):
            assert plain(action.text()) in rows, action.text()
    assert rows["Find"] == "Ctrl+F" and rows["Next change"] == "F8, Alt+Down"
    assert rows["Next match (in the find bar)"] == "Enter" and rows["Close the find bar"] == "Esc"
    assert all(keys and not keys.startswith(",") for keys in rows.values())
    # Read afresh: a shortcut changed later shows the next time
    commands.swap.setShortcut("Ctrl+Alt+W")
    help_menu(window)["Keyboard shortcuts"].trigger()
    assert table_rows(controller.help.dialogs["shortcuts"])["Swap sides"] == "Ctrl+Alt+W"


def test_f1_opens_the_reading_guide_with_the_legend(qtbot, app_window) -> None:  # type: ignore[no-untyped-def]
    window, controller = app_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = controller.help.dialogs["reading"]
    assert dialog.isVisible() and dialog.windowTitle() == "How to read a comparison"
    legend = dialog.findChild(Legend)
    texts = [text for text, _key, _help in SAMPLES]
    assert [s.text for s in legend.swatches] == [*texts, FACT[0], "word", "match"]  # and the marks
    qtbot.waitExposed(dialog)
    for swatch in legend.swatches:  # none squeezed: the dialog is as tall as its wrapped text
        assert swatch.height() >= swatch.sizeHint().height(), swatch.text
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "identical" in text and "link map" in text and "Ctrl+F" in text


def test_about_names_version_licence_and_folders(qtbot, app_window, settings_store) -> None:  # type: ignore[no-untyped-def]
    from retold.gui.crash import default_log_dir

    window, controller = app_window
    help_menu(window)["About Retold"].trigger()
    dialog = controller.help.dialogs["about"]
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert __version__ in text and "MIT" in text
    assert str(settings_store.folder) in text and str(default_log_dir()) in text
    dialog.close()
    help_menu(window)["About Retold"].trigger()
    assert controller.help.dialogs["about"] is dialog and dialog.isVisible()  # one of each


def test_the_marks_samples_are_drawn_as_the_panes_draw_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    legend = Legend(marks=True)
    qtbot.addWidget(legend)
    legend.show()
    qtbot.waitExposed(legend)
    framed = next(s for s in legend.swatches if isinstance(s, FrameSwatch))
    plain_word = Swatch(*HOVERED)  # the same word without its frame
    qtbot.addWidget(plain_word)
    plain_word.resize(framed.size())
    assert framed.grab().toImage() != plain_word.grab().toImage()
    found = next(s for s in legend.swatches if isinstance(s, MatchSwatch))
    assert found.text == FOUND[0]
    assert found.text_format().background().color() == found.styles().match()[0]
    assert [s.text for s in Legend().swatches] == [*(t for t, _k, _h in SAMPLES), FACT[0]]  # panel
