"""View > Use the sentence model: the toggle, its preference, the comparison again, and the
status bar's word on which evidence the comparison shown used (and why not the model)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from retold.engine.model import Side
from retold.engine.options import CompareOptions
from retold.gui.settings import Settings, SettingsStore
from retold.gui.worker import Worker
from retold.report.rows import BY_MODEL
from retold.scorer_choice import model_missing

needs_model = pytest.mark.skipif(
    model_missing() is not None, reason="the semantic extra or its model file is not installed"
)


def _window(qtbot, worker: Worker, store: SettingsStore, options: CompareOptions | None = None):  # type: ignore[no-untyped-def]
    from retold.gui.controller import Controller
    from retold.gui.main_window import MainWindow
    from retold.gui.source_model import SourceListModel

    model = SourceListModel()
    window = MainWindow(model)
    qtbot.addWidget(window)
    settings = store.load().settings
    controller = Controller(window, model, worker, settings, store, options, save_delay_ms=50)
    window.show()
    return window, controller


def test_the_toggle_is_in_the_view_menu_and_on_the_toolbar(app_window) -> None:  # type: ignore[no-untyped-def]
    window, _controller = app_window
    action = window.commands.use_sentence_model
    view_menu = next(m.menu() for m in window.menuBar().actions() if m.text() == "&View")
    assert action in view_menu.actions() and view_menu.toolTipsVisible()
    assert action in window.toolbar.actions() and action.isCheckable()
    assert action.toolTip()  # what it does, or what is missing


@needs_model
def test_toggling_compares_again_and_the_status_says_which_evidence(compared) -> None:  # type: ignore[no-untyped-def]
    window, controller = compared
    action, label = window.commands.use_sentence_model, window.evidence
    assert action.isEnabled() and action.isChecked()
    first = controller.comparison
    used = str(first.options["evidence"])
    assert used.startswith("lexical + all-MiniLM-L6-v2 int8 ")
    assert label.text() == f"Evidence: {used}"
    assert window.summary.evidence_used.text().startswith(f"Evidence: {used}. ")
    action.trigger()  # off: compared again, by the words alone
    assert controller.comparison is not first
    assert controller.comparison.options["evidence"] == "lexical"
    assert label.text() == "Evidence: lexical (sentence model off)"
    assert not controller.prefs.use_sentence_model
    action.trigger()  # on again
    assert controller.comparison.options["evidence"] == used and label.text() == f"Evidence: {used}"


def test_the_choice_is_kept_in_the_settings(
    qtbot, inline_worker, settings_store, sample_pair
) -> None:  # type: ignore[no-untyped-def]
    window, controller = _window(qtbot, inline_worker, settings_store)
    controller.open_paths(*sample_pair)
    controller.use_sentence_model(False)
    assert controller.comparison.options["evidence"] == "lexical"
    qtbot.waitUntil(lambda: not settings_store.load().settings.preferences.use_sentence_model)
    window.close()
    again, _ = _window(qtbot, Worker(inline=True), settings_store)
    assert not again.commands.use_sentence_model.isChecked()


def test_the_toggle_re_runs_on_the_worker_with_progress_and_cancel(
    qtbot, threaded_window, sample_pair
) -> None:  # type: ignore[no-untyped-def]
    window, controller = threaded_window
    controller.open_paths(*sample_pair)
    qtbot.waitUntil(lambda: controller.comparison is not None, timeout=30_000)
    first = controller.comparison
    with qtbot.waitSignal(controller.worker.busyChanged, timeout=5_000) as busy:
        controller.use_sentence_model(not controller.prefs.use_sentence_model)
    assert busy.args == [True]  # the status area's progress and Cancel are shown
    assert window.status.cancel_button.isVisible()
    qtbot.waitUntil(lambda: controller.comparison is not first, timeout=30_000)
    assert window.evidence.text().startswith("Evidence: lexical")


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """A bundle without the model file, as ``scorer_choice`` reads it (``sys._MEIPASS``)."""
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    assert model_missing() is not None
    yield


def test_without_the_model_the_toggle_is_disabled_and_says_why(
    no_model, qtbot, inline_worker, settings_store, sample_pair
) -> None:  # type: ignore[no-untyped-def]
    window, controller = _window(qtbot, inline_worker, settings_store)
    action = window.commands.use_sentence_model
    assert not action.isEnabled() and not action.isChecked()
    assert "pip install 'retold[semantic]'" in action.toolTip()
    controller.open_paths(*sample_pair)
    assert controller.comparison.options["evidence"] == "lexical"
    assert "evidence_fallback" not in controller.comparison.options  # nothing was asked of it
    assert window.evidence.text() == "Evidence: lexical (no sentence model)"
    assert "not installed" in window.evidence.toolTip()
    assert controller.prefs.use_sentence_model  # kept: it comes back once installed


@needs_model
def test_a_damaged_model_file_disables_the_toggle_and_the_status_says_why(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    qtbot,
    inline_worker,
    settings_store,
    sample_pair,
) -> None:  # type: ignore[no-untyped-def]
    from retold.semantic.scorer import shared_encoder
    from retold.semantic.weights import MODEL_FILE

    data = tmp_path / "bundle" / "retold" / "semantic" / "data"
    data.mkdir(parents=True)
    (data / MODEL_FILE).write_bytes(b"not a model")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    shared_encoder.cache_clear()  # the good model, read by other tests in this process
    try:
        window, controller = _window(qtbot, inline_worker, settings_store)
        assert window.commands.use_sentence_model.isEnabled()  # installed, not yet read
        controller.open_paths(*sample_pair)
    finally:
        shared_encoder.cache_clear()  # a damaged file is not cached; nothing else is left
    why = str(controller.comparison.options["evidence_fallback"])
    assert why.startswith("The sentence model was asked for but not used: ")
    assert window.evidence.text() == (
        "Evidence: lexical · sentence model not used: the sentence model is not installed "
        "or unreadable"
    )
    assert window.evidence.toolTip() == why and why in window.summary.evidence_used.text()
    action = window.commands.use_sentence_model
    assert not action.isEnabled() and "not a model file" in action.toolTip()


@needs_model
def test_past_the_size_cap_the_status_says_it_fell_back(
    qtbot, inline_worker, settings_store, sample_pair
) -> None:  # type: ignore[no-untyped-def]
    from retold.semantic.scorer import Search, Semantic

    capped = CompareOptions(scorer=Semantic(search=Search(max_sentences=20)))
    window, controller = _window(qtbot, inline_worker, settings_store, capped)
    controller.open_paths(*sample_pair)
    assert controller.comparison.options["evidence"] == "lexical"
    assert window.evidence.text() == (
        "Evidence: lexical · sentence model not used: the pair is past its size cap"
    )
    assert "at most 20 sentences" in window.evidence.toolTip()
    assert window.commands.use_sentence_model.isEnabled()  # the model is fine; the pair is big


@needs_model
def test_a_link_found_by_the_model_says_so_in_the_panes_tooltip(app_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.semantic.test_paraphrase import FIXTURES, PARAPHRASE

    clinic = next(f for f in FIXTURES if f.name == "clinic")
    original, rewrite = tmp_path / "clinic.txt", tmp_path / "clinic-rewrite.txt"
    original.write_text(PARAPHRASE.Fixture.text(clinic.original), encoding="utf-8")
    rewrite.write_text(PARAPHRASE.Fixture.text(clinic.rewrite), encoding="utf-8")
    window, controller = app_window
    controller.open_paths(original, rewrite)
    comparison, view = controller.comparison, window.compare_view
    by_model = [link for link in comparison.links if link.found_by_model]
    assert by_model
    for link in comparison.links:
        if link.is_match:
            tip = view._tooltip(Side.REWRITE, link.rewrite[0][0])
            assert (BY_MODEL in tip) == link.found_by_model, tip
    found = f"{len(by_model)} link{'' if len(by_model) == 1 else 's'} found mainly by the model"
    assert found in window.summary.evidence_used.text()


def test_a_preference_file_without_the_choice_means_on(settings_store: SettingsStore) -> None:
    settings_store.save(Settings())
    text = settings_store.path.read_text(encoding="utf-8").replace(
        '"use_sentence_model": true,', ""
    )
    settings_store.path.write_text(text, encoding="utf-8")
    assert settings_store.load().settings.preferences.use_sentence_model


def test_on_the_copies_table_the_toggle_keeps_the_table(compared) -> None:  # type: ignore[no-untyped-def]
    """The pair behind the table is not compared again (that would leave the table)."""
    window, controller = compared
    first = controller.comparison
    window.show_page(window.copies_view)
    controller.use_sentence_model(not controller.prefs.use_sentence_model)
    assert window.pages.currentWidget() is window.copies_view
    assert controller.comparison is first
