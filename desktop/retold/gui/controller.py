"""What the window does: when to compare, what to show and tell the user, preferences.

The window only lays widgets out; every decision is made here, in ``opening.py`` (which file
is which side) and in ``saving.py`` (saving, exporting, and closing without losing work).
Loading and comparing run on the ``Worker``; results come back on the GUI thread and stale ones
are dropped there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from retold.atomic import reason
from retold.engine.corrections import Corrected, apply_corrections
from retold.engine.model import Comparison, Side
from retold.engine.options import CompareOptions
from retold.gui import view_model
from retold.gui.context import Context
from retold.gui.copies import Copies
from retold.gui.correcting import Correcting, PairKey
from retold.gui.crash import default_log_dir
from retold.gui.find_bar import Finder
from retold.gui.help import HelpMenu
from retold.gui.main_window import MainWindow
from retold.gui.opening import Opening
from retold.gui.pane import Pane
from retold.gui.saving import Saving
from retold.gui.sentence_model import ModelSwitch
from retold.gui.settings import (
    DEFAULT_FONT_SIZE,
    MAX_FONT_SIZE,
    MIN_FONT_SIZE,
    Preferences,
    Settings,
    SettingsStore,
)
from retold.gui.source_model import ORIGINAL, REWRITE, SourceListModel
from retold.gui.view_model import ViewModel
from retold.gui.worker import Worker
from retold.savefile import SavedComparison
from retold.sources.model import Source

if TYPE_CHECKING:
    from retold.gui.find_original import FindOriginalDialog

WARNING_LEAD = "About this comparison:"
SAVE_DELAY_MS = 500  # preferences are written once a burst of changes (a held Ctrl++) ends
# The engine's result and the options (scorer) it was made with, then corrected, and what the
# window shows of the corrected one.
Compared = tuple[PairKey | None, Comparison, CompareOptions, Corrected, ViewModel]


class Controller(QObject):
    comparisonChanged = Signal(object)  # Comparison | None
    comparisonFailed = Signal(str)
    loadFailed = Signal(str)  # a sentence saying which file could not be used and why

    def __init__(
        self,
        window: MainWindow,
        model: SourceListModel,
        worker: Worker,
        settings: Settings,
        store: SettingsStore | None = None,
        options: CompareOptions | None = None,
        save_delay_ms: int = SAVE_DELAY_MS,
    ) -> None:
        super().__init__(window)
        self.window, self.model, self.worker = window, model, worker
        self.settings, self.store = settings, store
        self.options = options or CompareOptions()
        self.comparison: Comparison | None = None  # as shown: the user's corrections applied
        # The engine's, before them, and the options with the scorer it was made with: the
        # corrections' groups are scored by that scorer too (as ``compare_saved`` does).
        self._engine: tuple[PairKey, Comparison, CompareOptions] | None = None
        self._compare_task: int | None = None
        self._asked = ""  # the banner's request for a missing side, dismissed once it comes
        self._find_dialog: FindOriginalDialog | None = None  # made on first use
        self._folding: tuple[ViewModel, tuple[bool, bool]] | None = None  # folds being built
        context = Context(window, model, worker, lambda: self.prefs, self.set_pref)
        self.opening = Opening(context)  # which file is which side
        self.correcting = Correcting(window.commands.undo_stack, self)  # links, unlinks, undo
        self.saving = Saving(context, self.correcting, warn_on_close=store is not None)
        self.copies = Copies(context, self.open_paths)  # one original against many suspects
        self.comparisonChanged.connect(self.copies.compared)
        self._told: tuple[str, ...] = ()  # the correction problems the banner last showed
        self._notices: tuple[str, ...] = ()  # of a saved file just opened, shown once compared
        self._save_later = QTimer(self, singleShot=True, interval=save_delay_ms)
        self._save_later.timeout.connect(self.save_preferences)
        self.finder = Finder(window.find_bar, window.compare_view)
        self.model_switch = ModelSwitch(window.commands.use_sentence_model, window.evidence)
        folder = (store or SettingsStore.default()).folder
        self.help = HelpMenu(window, window.commands, folder, default_log_dir())
        self._connect()
        self._connect_edit()
        self._connect_corrections()
        window.may_close = self.saving.may_close
        self._apply_preferences()
        self._show(None)  # commands that need a comparison start disabled

    @property
    def prefs(self) -> Preferences:
        return self.settings.preferences

    def _connect(self) -> None:
        w, a = self.window, self.window.commands
        o, s = self.opening, self.saving
        a.open.triggered.connect(o.choose_files_to_open)
        a.open_original.triggered.connect(lambda: o.choose_file(ORIGINAL))
        a.open_rewrite.triggered.connect(lambda: o.choose_file(REWRITE))
        a.add_files.triggered.connect(o.choose_files_to_add)
        a.paste.triggered.connect(o.paste)
        a.find_original.triggered.connect(self.find_original)
        a.compare_many.triggered.connect(lambda: self.copies.choose())
        a.back_to_copies.triggered.connect(lambda: self.copies.show_table())
        a.save.triggered.connect(s.choose_save_path)
        a.export.triggered.connect(s.choose_export)
        a.quit.triggered.connect(w.close)
        a.show_only_changes.toggled.connect(lambda on: self.set_pref(show_only_changes=on))
        a.hide_boilerplate.toggled.connect(lambda on: self.set_pref(hide_boilerplate=on))
        a.use_sentence_model.toggled.connect(self.use_sentence_model)
        a.font_bigger.triggered.connect(lambda: self.change_font(+1))
        a.font_smaller.triggered.connect(lambda: self.change_font(-1))
        a.font_reset.triggered.connect(lambda: self.change_font(0))
        a.swap.triggered.connect(self.swap)
        a.next_change.triggered.connect(w.compare_view.next_change)
        a.previous_change.triggered.connect(w.compare_view.previous_change)
        o.sidesChosen.connect(self.compare)
        o.swapRequested.connect(self.swap)
        o.loadFailed.connect(self.loadFailed)
        self.comparisonChanged.connect(s.show)
        w.compare_view.stepped.connect(lambda text: w.statusBar().showMessage(text, 8000))
        w.summary.evidence.longestRunClicked.connect(self._show_longest_run)
        w.filesDropped.connect(o.open_dropped)
        w.compare_view.fileDropped.connect(o.open_side)
        panel = w.sources_panel
        panel.filesDropped.connect(o.add_paths)
        panel.roleRequested.connect(self.assign)
        panel.swapRequested.connect(self.swap)
        panel.removeRequested.connect(self.remove)
        self.worker.busyChanged.connect(w.status.set_busy)
        self.worker.progressed.connect(w.status.set_progress)
        w.status.cancelRequested.connect(self.cancel)
        w.closing.connect(self.save_all)

    def _connect_edit(self) -> None:
        """Copy (enabled while a pane has a selection) and Find."""
        a, view, finder = self.window.commands, self.window.compare_view, self.finder
        for pane in view.panes.values():
            pane.copyAvailable.connect(
                lambda _any: a.copy.setEnabled(self._selecting() is not None)
            )
        a.copy.triggered.connect(self._copy)
        a.find.triggered.connect(self._find)
        a.find_next.triggered.connect(lambda: finder.step(+1))
        a.find_previous.triggered.connect(lambda: finder.step(-1))

    def _connect_corrections(self) -> None:
        """Link, Unlink (menu, keyboard, the panes' menus, a drag across), undo and redo."""
        a, view = self.window.commands, self.window.compare_view
        a.link.triggered.connect(
            lambda: self._link(view.picked(Side.ORIGINAL), view.picked(Side.REWRITE))
        )
        a.unlink.triggered.connect(self._unlink)
        self.correcting.changed.connect(self._apply_corrections)
        view.picksChanged.connect(self._update_picking)
        view.linkRequested.connect(self._link)
        for pane in view.panes.values():
            pane.context_actions = [a.link, a.unlink, a.undo, a.redo]
        self.opening.savedOpened.connect(self._saved_opened)
        self.opening.copiesRequested.connect(self.copies.open_dropped)

    def _link(self, original: tuple[int, ...], rewrite: tuple[int, ...]) -> None:
        comparison = self._correctable()
        if comparison is not None and original and rewrite:
            self.correcting.link(comparison, original, rewrite)

    def _unlink(self) -> None:
        comparison = self._correctable()
        if comparison is not None:
            links = comparison.links
            self.correcting.unlink(comparison, [links[n] for n in self._picked_links()])

    def _correctable(self) -> Comparison | None:
        """The comparison shown, if it is of the pair being compared (not the previous pair
        while a new one is still being compared: its sentences would not fit)."""
        shown = self._engine is not None and self._engine[0] == self.correcting.key
        return self.comparison if shown else None

    def _picked_links(self) -> list[int]:
        """The links joining both sides that hold a picked sentence, in link order."""
        view, found = self.window.compare_view, set[int]()
        if view.navigation is None:
            return []
        for side in Side:
            index = view.navigation.side(side)
            found.update(index.links[i] for i in view.picked(side) if index.links[i] >= 0)
        return sorted(n for n in found if view.navigation.links[n].is_match)

    def _update_picking(self) -> None:
        view, a = self.window.compare_view, self.window.commands
        a.link.setEnabled(bool(view.picked(Side.ORIGINAL) and view.picked(Side.REWRITE)))
        a.unlink.setEnabled(bool(self._picked_links()))

    def _saved_opened(self, saved: SavedComparison) -> None:
        self.correcting.load(saved.original, saved.rewrite, saved.corrections, saved.texts_edited)
        self._notices, self._told = saved.notices, ()

    def _find(self) -> None:
        """Open the find bar, on a pane's selection when there is one."""
        pane = self._selecting()
        self.window.find_bar.open_bar(pane.textCursor().selectedText() if pane else "")

    def _copy(self) -> None:
        pane = self._selecting()
        if pane is not None:
            pane.copy()

    def _selecting(self) -> Pane | None:
        """The pane with a selection, the focused one first."""
        panes = sorted(self.window.compare_view.panes.values(), key=lambda p: not p.hasFocus())
        return next((p for p in panes if p.textCursor().hasSelection()), None)

    def open_paths(self, *paths: Path) -> None:
        """Files named on the command line, in this order (see ``Opening.open_paths``)."""
        self.opening.open_paths(*paths)

    def export_to(self, path: Path, fmt: str | None = None) -> bool:
        """Export now, on this thread, for ``retold --self-test`` (see ``Saving.export_to``)."""
        return self.saving.export_to(path, fmt)

    def find_original(self) -> FindOriginalDialog:
        """File > Find the original…: the dialog stays open beside the window (one of it)."""
        from retold.gui.find_original import FindOriginalDialog

        if self._find_dialog is None:
            self._find_dialog = FindOriginalDialog(self.worker, self.prefs.last_folder, self.window)
            self._find_dialog.pairChosen.connect(self.open_pair)
        if self._find_dialog.isVisible():
            self._find_dialog.raise_()  # already open behind the window: bring it forward
        else:
            self._find_dialog.show()
        return self._find_dialog

    def open_pair(self, original: Source, rewrite: Source) -> None:
        """Compare these two, as the original and the rewrite (added to the sources list)."""
        for source, side in ((original, ORIGINAL), (rewrite, REWRITE)):
            self.model.set_role(self.model.add(source), side)
        self.compare()

    # --- choosing sides -----------------------------------------------------------------------
    def assign(self, row: int, side: str) -> None:  # a Side's value, from a signal
        self.model.set_role(row, side)
        self.compare()

    def swap(self) -> None:
        """Swap the sides; with both chosen, a step that Undo takes back (the corrections' undo
        history stays)."""
        if self.model.source_for(ORIGINAL) and self.model.source_for(REWRITE):
            self.correcting.swap_sides(self._swap_now)
        else:
            self._swap_now()

    def _swap_now(self) -> None:
        self.model.swap()
        self.compare()

    def remove(self, row: int) -> None:
        was_side = self.model.role_of(row) in (ORIGINAL, REWRITE)
        self.model.remove(row)
        if was_side:
            self.compare()

    # --- comparing ----------------------------------------------------------------------------
    def compare(self) -> None:
        """Compare the current pair on the worker; a newer request supersedes a running one."""
        original, rewrite = self.model.source_for(ORIGINAL), self.model.source_for(REWRITE)
        self.window.set_title(
            original.name if original else None, rewrite.name if rewrite else None
        )
        if original is None or rewrite is None:
            if self._compare_task is not None:
                self.worker.cancel(self._compare_task)
            self._show(None)
            self._ask_for_missing_side()
            return
        if self._asked and self.window.banner.text() == self._asked:
            self.window.banner.dismiss()  # the missing side has come
        self.correcting.set_pair(original, rewrite)
        asked = replace(self.options, semantic=self.prefs.use_sentence_model)
        key, shown = self.correcting.key, self._view_model_builder()
        corrections, edited = self.correcting.current, self.correcting.texts_edited

        def run(progress: Callable[[float], None], cancelled: Callable[[], bool]) -> Compared:
            from retold.api import compare_sources
            from retold.scorer_choice import chosen_options

            options = chosen_options(asked)  # here: it may load the model
            engine = compare_sources(
                original, rewrite, options, progress=progress, cancelled=cancelled
            )
            corrected = apply_corrections(engine, corrections, options, texts_edited=edited)
            return key, engine, options, corrected, shown(corrected.comparison)

        self.window.statusBar().showMessage(f"Comparing {original.name} with {rewrite.name}…")
        self._compare_task = self.worker.submit(
            run, self._compared, self._compare_failed, group="compare"
        )

    def use_sentence_model(self, on: bool) -> None:
        """View > Use the sentence model: remembered, and the pair shown compared again."""
        if on == self.prefs.use_sentence_model:
            return
        self.set_pref(use_sentence_model=on)
        on_table = self.window.pages.currentWidget() is self.window.copies_view
        if self.model.source_for(ORIGINAL) and self.model.source_for(REWRITE) and not on_table:
            self.compare()  # the Copies table stays: a pair opened from it is compared anew

    def _view_model_builder(self) -> Callable[[Comparison], ViewModel]:
        """What the worker builds the view from, with the folds of today's view options."""
        only_changes, no_boilerplate = self.prefs.show_only_changes, self.prefs.hide_boilerplate
        return lambda comparison: view_model.build_view_model(
            comparison, only_changes, no_boilerplate
        )

    def _ask_for_missing_side(self) -> None:
        """One side chosen: say what comes next, unless an error is showing (it matters more)."""
        original, rewrite = self.model.source_for(ORIGINAL), self.model.source_for(REWRITE)
        banner = self.window.banner
        if (original is None) == (rewrite is None) or (banner.level == "error" and banner.text()):
            return
        chosen, role, missing = (
            (original, ORIGINAL, REWRITE) if original else (rewrite, REWRITE, ORIGINAL)
        )
        assert chosen is not None
        text = f"{chosen.name} is the {role}. Drop or open the {missing} to compare."
        banner.show_message(text, "info")
        self._asked = text

    def _show_longest_run(self) -> None:
        run = self.comparison.longest_verbatim if self.comparison else None
        if run is not None:
            self.window.compare_view.show_run(*run)

    def _apply_corrections(self) -> None:
        """The user changed the corrections: apply them to the engine's result, on the worker
        (re-forming a long merge's word diff takes a while)."""
        if self._engine is None or self._engine[0] != self.correcting.key:
            self.compare()
            return
        key, engine, options = self._engine
        corrections, edited = self.correcting.current, self.correcting.texts_edited
        shown = self._view_model_builder()

        def run(progress: Callable[[float], None], cancelled: Callable[[], bool]) -> Compared:
            corrected = apply_corrections(engine, corrections, options, texts_edited=edited)
            return key, engine, options, corrected, shown(corrected.comparison)

        self.window.statusBar().showMessage("Applying your corrections…")
        self._compare_task = self.worker.submit(
            run, self._compared, self._compare_failed, group="compare"
        )

    def _compared(self, result: Compared) -> None:
        key, engine, options, corrected, shown = result
        self._compare_task = None
        self._engine = (key, engine, options) if key is not None else None
        comparison = corrected.comparison
        self._show(comparison, shown)
        self._tell(tuple(rejected.message() for rejected in corrected.rejected))
        made = self.correcting.last_link
        self.correcting.last_link = None
        if made is not None and made.original:  # found by the worker's index, not a scan
            number = shown.navigation.link_at(Side.ORIGINAL, made.original[0][0])
            link = comparison.links[number] if number >= 0 else None
            if link is not None and (link.original, link.rewrite) == (made.original, made.rewrite):
                self.window.compare_view.select_link(number)
        self.window.statusBar().showMessage(
            f"Compared {comparison.original.name} with {comparison.rewrite.name}: "
            f"{comparison.stats.links} linked passages, "
            f"{comparison.stats.reused_share:.0%} of the original reused."
        )

    def _tell(self, problems: tuple[str, ...]) -> None:
        """Corrections that did not fit (and a saved file's notices), once until they change."""
        told = self._notices + problems
        self._notices = ()
        if told and told != self._told:
            more = f" ({len(told) - 2} more: see the file's corrections.)" if len(told) > 2 else ""
            self.window.banner.show_message(" ".join(told[:2]) + more, "warning")
        self._told = told

    def _compare_failed(self, error: BaseException) -> None:
        self._compare_task = None
        self.window.statusBar().clearMessage()
        message = f"The comparison failed: {error}"
        self.window.banner.show_message(message, "error")
        self.comparisonFailed.emit(message)

    def _show(self, comparison: Comparison | None, shown: ViewModel | None = None) -> None:
        self.comparison = comparison
        sides = ((Side.ORIGINAL, ORIGINAL), (Side.REWRITE, REWRITE))
        chosen = {side: self.model.source_for(role) for side, role in sides}
        waiting = {side: (s.name, s.text) for side, s in chosen.items() if s is not None}
        self.window.compare_view.set_comparison(comparison, waiting, shown)
        self._apply_folding()  # the options changed while it was compared: folded anew
        self.window.summary.set_comparison(comparison, self.prefs.hide_boilerplate)
        self.model_switch.show(comparison)
        self._warn(comparison)
        commands = self.window.commands
        needs_comparison = (commands.save, commands.export, commands.next_change)
        for action in (*needs_comparison, commands.previous_change):
            action.setEnabled(comparison is not None)
        self.comparisonChanged.emit(comparison)

    def _warn(self, comparison: Comparison | None) -> None:
        """The comparison's own warnings in the banner (a preview original, little in common)."""
        caveats = self.window.caveats
        if comparison is None or not comparison.warnings:
            caveats.dismiss()  # it was about the comparison shown before
            return
        messages = " ".join(w.message for w in comparison.warnings)
        caveats.show_message(f"{WARNING_LEAD} {messages}", "warning")

    def cancel(self) -> None:
        self.worker.cancel_all()
        self._compare_task = None
        self.window.statusBar().showMessage("Cancelled.", 5000)

    # --- preferences --------------------------------------------------------------------------
    def change_font(self, step: int) -> None:
        size = DEFAULT_FONT_SIZE if step == 0 else self.prefs.font_point_size + step
        self.set_pref(font_point_size=min(MAX_FONT_SIZE, max(MIN_FONT_SIZE, size)))

    def set_pref(self, **changes: Any) -> None:
        """Apply at once; write the settings file when the changes pause (and on closing)."""
        preferences = replace(self.prefs, **changes)
        if preferences == self.prefs:
            return
        self.settings = replace(self.settings, preferences=preferences)
        self._apply_preferences()
        self._save_later.start()

    def _apply_preferences(self) -> None:
        prefs, actions = self.prefs, self.window.commands
        for action, on in (
            (actions.show_only_changes, prefs.show_only_changes),
            (actions.hide_boilerplate, prefs.hide_boilerplate),
        ):
            if action.isChecked() != on:
                action.setChecked(on)  # re-enters set_pref with the same value: a no-op
        view = self.window.compare_view
        view.set_view_options(view.only_changes, view.no_boilerplate, prefs.font_point_size)
        self._apply_folding()
        self.window.summary.evidence.set_comparison(self.comparison, prefs.hide_boilerplate)
        self.model_switch.set_wanted(prefs.use_sentence_model)
        self._rebuild_recent_menu()

    def _apply_folding(self) -> None:
        """Fold the comparison shown as the preferences say. A book's folds and display text
        take a good part of a second: they are built on the worker, and the view changes when
        they come (at once without a comparison, as there is nothing to build)."""
        view, prefs = self.window.compare_view, self.prefs
        wanted = (prefs.show_only_changes, prefs.hide_boilerplate)
        model = view.view_model
        if model is None or wanted == model.folding:
            self._folding = None
            view.set_view_options(*wanted, prefs.font_point_size, model)
            return
        if self._building(model, wanted):
            return  # already being built
        self._folding = (model, wanted)

        def run(progress: Callable[[float], None], cancelled: Callable[[], bool]) -> ViewModel:
            return model.with_folding(*wanted)

        def done(folded: ViewModel) -> None:
            if not self._building(model, wanted):
                return  # asked again since: that answer counts
            self._folding = None
            if view.view_model is model and self._wanted_folding() == wanted:
                view.set_view_options(*wanted, self.prefs.font_point_size, folded)
            else:
                self._apply_folding()  # another comparison, or other options, meanwhile

        def failed(_error: BaseException) -> None:
            self._folding = None
            view.set_view_options(*self._wanted_folding(), self.prefs.font_point_size)

        self.worker.submit(run, done, failed, cancellable=False)

    def _building(self, model: ViewModel, wanted: tuple[bool, bool]) -> bool:
        """Whether the folds of ``wanted`` for ``model`` are the ones being built (by identity:
        comparing view models would compare every link)."""
        return (
            self._folding is not None and self._folding[0] is model and self._folding[1] == wanted
        )

    def _wanted_folding(self) -> tuple[bool, bool]:
        return self.prefs.show_only_changes, self.prefs.hide_boilerplate

    def _rebuild_recent_menu(self) -> None:
        menu = self.window.commands.recent_menu
        menu.clear()
        for path in self.prefs.recent_files:
            menu.addAction(Path(path).name, partial(self.opening.open_dropped, [Path(path)]))
        menu.setEnabled(bool(self.prefs.recent_files))

    def save_preferences(self) -> None:
        if self.store is None:
            return
        try:
            self.store.save(self.settings)
        except OSError as error:  # the view still changes; only remembering it failed
            message = f"Settings could not be saved in {self.store.folder}: {reason(error)}"
            self.window.statusBar().showMessage(message, 10_000)

    def save_all(self) -> None:
        self._save_later.stop()
        self.settings = replace(self.settings, window=self.window.window_state())
        self.worker.cancel_all()
        self.save_preferences()
