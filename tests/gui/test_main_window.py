"""The window and its controller: commands, preferences, paste, background work."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence

from retold.gui.controller import Controller
from retold.gui.main_window import MainWindow
from retold.gui.settings import MAX_FONT_SIZE, Settings, SettingsStore
from retold.gui.source_model import ORIGINAL, REWRITE, SourceListModel


def test_shortcuts_and_menus(app_window) -> None:
    window, _controller = app_window
    commands = window.commands
    assert [s.toString() for s in commands.next_change.shortcuts()] == ["F8", "Alt+Down"]
    assert [s.toString() for s in commands.previous_change.shortcuts()] == ["Shift+F8", "Alt+Up"]
    assert commands.export.shortcut() == QKeySequence("Ctrl+E")
    assert commands.save.shortcut() == QKeySequence("Ctrl+S")
    assert commands.open.shortcut() == QKeySequence("Ctrl+O")
    file_menu = window.menuBar().actions()[0].menu()
    assert [a.text() for a in file_menu.actions()][:2] == ["&Open…", "Open &recent"]
    assert not commands.save.isEnabled()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Go", "&Help"]
    assert not commands.export.isEnabled()  # nothing to export before a comparison


def test_opening_a_pair_shows_it_everywhere(compared, sample_pair) -> None:
    window, controller = compared
    assert window.windowTitle() == "original.txt ↔ rewrite.txt — Retold"
    assert window.compare_view.comparison is controller.comparison
    assert window.commands.export.isEnabled()
    assert "Compared original.txt with rewrite.txt" in window.statusBar().currentMessage()
    assert window.commands.recent_menu.actions() == []  # the built-in sample is not "recent"
    assert not window.banner.isVisible()


def test_swap_recompares_the_other_way(compared) -> None:
    window, controller = compared
    window.commands.swap.trigger()
    assert controller.comparison.original.name == "rewrite.txt"
    assert window.windowTitle() == "rewrite.txt ↔ original.txt — Retold"


def test_navigation_commands_move_the_selection(compared) -> None:
    window, _controller = compared
    view = window.compare_view
    window.commands.next_change.trigger()
    first = view.selected
    assert first >= 0
    window.commands.next_change.trigger()
    assert view.selected != first
    window.commands.previous_change.trigger()
    assert view.selected == first


def test_keyboard_shortcuts_step_through_changes(qtbot, compared) -> None:
    window, _controller = compared
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.compare_view
    qtbot.keyClick(window, Qt.Key.Key_F8)
    first = view.selected
    assert first >= 0
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert view.selected != first
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected == first


def test_view_preferences_apply_and_persist(qtbot, compared, settings_store: SettingsStore) -> None:
    window, _controller = compared
    window.commands.show_only_changes.trigger()
    window.commands.hide_boilerplate.trigger()  # on by default: now off
    for _ in range(40):
        window.commands.font_bigger.trigger()
    assert window.compare_view.only_changes and not window.compare_view.no_boilerplate
    assert not settings_store.path.exists()  # not written 42 times: once the changes pause
    qtbot.waitUntil(settings_store.path.exists)
    prefs = settings_store.load().settings.preferences
    assert prefs.show_only_changes and not prefs.hide_boilerplate
    assert prefs.font_point_size == MAX_FONT_SIZE
    window.commands.font_reset.trigger()
    qtbot.waitUntil(lambda: settings_store.load().settings.preferences.font_point_size == 11)


def test_window_state_survives_a_restart(
    qtbot, compared, settings_store, inline_worker, tmp_path, sample_pair
) -> None:
    window, controller = compared
    controller.open_paths(*_big_pair(tmp_path, sample_pair, copies=1))
    recent = [a.text() for a in window.commands.recent_menu.actions()]
    assert recent == ["big-rewrite.txt", "big-original.txt"]
    window.resize(700, 500)  # inside the offscreen screen (800 x 600)
    window.side_splitter.setSizes([150, 350])
    window.close()
    saved = settings_store.load().settings
    assert saved.window.geometry and saved.window.state
    assert len(saved.preferences.recent_files) == 2

    model = SourceListModel()
    again = MainWindow(model)
    qtbot.addWidget(again)
    Controller(again, model, inline_worker, saved, settings_store)
    again.restore_window_state(saved.window)
    again.show()
    assert (again.width(), again.height()) == (700, 500)
    restored = again.side_splitter.sizes()
    # within a few pixels: the panels' minimum sizes depend on what they show
    assert all(abs(a - b) <= 4 for a, b in zip(restored, saved.window.splitter, strict=True))
    assert restored[0] < restored[1]  # the 150 : 350 proportion survived


def test_paste_adds_a_source_and_fills_the_empty_side(app_window) -> None:
    window, _controller = app_window
    QGuiApplication.clipboard().setText("A pasted article. It has two sentences.")
    window.commands.paste.trigger()
    model = window.sources_panel.model
    assert model.rowCount() == 1 and model.role_of(0) == ORIGINAL
    assert model.source_at(0).name == "Pasted text 1"
    QGuiApplication.clipboard().setText("   ")
    window.commands.paste.trigger()
    assert model.rowCount() == 1 and "no text" in window.banner.text()


def test_context_menu_commands(compared) -> None:
    window, controller = compared
    panel = window.sources_panel
    menu = panel.build_menu(1)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "Compare as original",
        "Compare as rewrite",
        "Swap original and rewrite",
        "Remove from list",
    ]
    menu.actions()[0].trigger()  # row 1 (the rewrite) becomes the original
    assert panel.model.role_of(1) == ORIGINAL and panel.model.row_of(REWRITE) is None
    assert controller.comparison is None
    assert window.windowTitle() == "Retold"
    panel.build_menu(0).actions()[1].trigger()
    assert controller.comparison.rewrite.name == "original.txt"
    panel.build_menu(0).actions()[-1].trigger()
    assert panel.model.rowCount() == 1 and controller.comparison is None


def test_corrupt_settings_notice_does_not_stop_the_window(qtbot) -> None:
    """Through the start-up's own wiring (it once only showed a notice handed to the banner)."""
    from retold.gui.app import _build_window

    store = SettingsStore.default()  # inside the test's XDG_CONFIG_HOME (tests/conftest.py)
    store.folder.mkdir(parents=True, exist_ok=True)
    store.path.write_text("{broken", encoding="utf-8")
    controller = _build_window(headless=False)
    window = controller.window
    qtbot.addWidget(window)
    assert window.banner.level == "warning"
    assert "settings.json.corrupt-" in window.banner.text()
    assert controller.settings == Settings()


def _big_pair(tmp_path: Path, sample_pair: tuple[Path, Path], copies: int) -> tuple[Path, Path]:
    paths = []
    for source, name in zip(sample_pair, ("big-original.txt", "big-rewrite.txt"), strict=True):
        text = source.read_text(encoding="utf-8")
        path = tmp_path / name
        path.write_text("\n\n".join(text for _ in range(copies)), encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


@pytest.mark.slow
def test_large_pair_keeps_the_window_responsive_and_can_be_cancelled(
    qtbot, tmp_path, sample_pair, threaded_window
) -> None:
    """About 100,000 words in all: the GUI thread keeps ticking while the worker compares.

    Counted, not timed: a 20 ms timer fires at least a quarter as often as it would on an idle
    thread (the ratio of its firings to the time they span; a blocked thread fires it once)."""
    window, controller = threaded_window
    original, rewrite = _big_pair(tmp_path, sample_pair, copies=90)
    ticks: list[float] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    controller.open_paths(original, rewrite)
    qtbot.waitUntil(lambda: window.status.cancel_button.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: window.status.progress.value() > 0, timeout=10_000)  # comparing
    timer.start(20)
    qtbot.wait(600)
    timer.stop()
    assert controller.worker.busy  # still comparing: the ticks were counted meanwhile
    assert len(ticks) > 10
    assert (len(ticks) - 1) / ((ticks[-1] - ticks[0]) / 0.020) > 0.25
    progress = window.status.progress
    qtbot.waitUntil(lambda: progress.maximum() == 100 and progress.value() > 0, timeout=10_000)
    window.status.cancel_button.click()
    assert not window.status.cancel_button.isVisible()
    assert controller.worker.wait(10_000)
    qtbot.wait(50)
    assert controller.comparison is None and not window.banner.isVisible()
    assert window.statusBar().currentMessage() == "Cancelled."


def test_the_panes_keep_their_height_while_a_pair_is_compared(qtbot, compared) -> None:
    """The progress bar and Cancel come and go in the status bar without it growing: the
    panes above do not shrink and grow (laid out and painted again) at every comparison."""
    window, _controller = compared
    status = window.status
    assert not status.cancel_button.isVisible()
    idle = window.compare_view.height()
    status.set_busy(True)  # as the worker's busyChanged does
    qtbot.waitUntil(status.cancel_button.isVisible)
    qtbot.wait(20)  # the layouts settle
    assert window.compare_view.height() == idle
    status.set_busy(False)
    qtbot.wait(20)
    assert window.compare_view.height() == idle


def test_the_panes_get_most_of_the_width(qtbot, compared) -> None:
    window, _controller = compared
    window.resize(1200, 760)
    qtbot.waitUntil(lambda: window.width() == 1200)
    dock, view = window.sources_dock.width(), window.compare_view.width()
    assert dock <= 260 and view >= 3 * dock, (dock, view)


def test_banner_text_is_readable_in_light_and_dark_palettes(app_window) -> None:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from retold.gui.banner import DARK, LIGHT

    window, _controller = app_window
    window.banner.show_message("Compared a.txt with b.txt, and the text must be readable.")

    def text_pixels(colour: str) -> int:
        image = window.banner.grab().toImage()
        wanted = QColor(colour).rgb()
        return sum(
            image.pixel(x, y) == wanted for x in range(image.width()) for y in range(image.height())
        )

    assert text_pixels(LIGHT["info"][2]) > 20
    app = QApplication.instance()
    light = app.palette()
    dark = QPalette(light)
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#dddddd"),
    ):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)
    try:
        QApplication.processEvents()  # the change reaches the widgets through the event loop
        assert text_pixels(DARK["info"][2]) > 20
    finally:
        app.setPalette(light)


def test_arrow_icons_follow_the_palette(app_window) -> None:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    window, _controller = app_window

    def arrow_colour() -> QColor:
        image = window.commands.next_change.icon().pixmap(16, 16).toImage()
        return image.pixelColor(8, 7)  # inside the triangle

    app = QApplication.instance()
    light = app.palette()
    assert arrow_colour().lightness() < 100  # dark arrows on a light toolbar
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.ButtonText, QColor("#eeeeee"))
    app.setPalette(dark)
    try:
        QApplication.processEvents()
        assert arrow_colour().lightness() > 200
    finally:
        app.setPalette(light)


def test_view_options_are_folded_on_the_worker_and_then_shown(
    qtbot, threaded_window, sample_pair, monkeypatch
) -> None:
    """Show only changes (and hide boilerplate) build the folds and the display text off the
    GUI thread; the panes then show the folded text, and stale answers are not shown."""
    import threading

    from retold.gui import view_model

    window, controller = threaded_window
    controller.open_paths(*sample_pair)
    view = window.compare_view
    qtbot.waitUntil(lambda: controller.comparison is not None and view.settled, timeout=20_000)
    threads: list[bool] = []
    build = view_model.shown

    def spy(*args, **kwargs):  # the real function, noting the thread it runs on
        threads.append(threading.current_thread() is threading.main_thread())
        return build(*args, **kwargs)

    monkeypatch.setattr(view_model, "shown", spy)
    plain = {side: pane.display.text for side, pane in view.panes.items()}
    window.commands.show_only_changes.trigger()
    window.commands.hide_boilerplate.trigger()  # another option before the first is shown
    qtbot.waitUntil(lambda: (view.only_changes, view.no_boilerplate) == (True, False))
    qtbot.waitUntil(lambda: view.settled)
    assert threads and not any(threads)  # every side built on the worker
    for side, pane in view.panes.items():
        assert "identical sentence" in pane.display.text and pane.display.text != plain[side]
        folded = view_model.build_view_model(controller.comparison, True, False)
        assert pane.display.text == folded.shown[side].display.text
    assert controller.prefs.show_only_changes and not controller.prefs.hide_boilerplate
