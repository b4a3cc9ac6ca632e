"""What the window does: when to compare, what to show and tell the user, saving, exporting.

The window only lays widgets out; every decision is made here and in ``opening.py`` (which file
is which side). Loading and comparing run on the ``Worker``; results come back on the GUI thread
and stale ones are dropped there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from retold.atomic import reason
from retold.engine.model import Comparison
from retold.engine.navigate import Side
from retold.engine.options import CompareOptions
from retold.gui import dialogs
from retold.gui.main_window import MainWindow
from retold.gui.opening import Opening
from retold.gui.settings import (
    DEFAULT_FONT_SIZE,
    MAX_FONT_SIZE,
    MIN_FONT_SIZE,
    Preferences,
    Settings,
    SettingsStore,
    view_options,
)
from retold.gui.source_model import ORIGINAL, REWRITE, SourceListModel
from retold.gui.worker import Worker
from retold.sources.model import Source

SAVE_DELAY_MS = 500  # preferences are written once a burst of changes (a held Ctrl++) ends


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
        self.comparison: Comparison | None = None
        self._compare_task: int | None = None
        self._asked = ""  # the banner's request for a missing side, dismissed once it comes
        self._saved: tuple[Source, ...] = ()  # the sources of the last saved comparison
        self._warned_on_close: list[str] = []  # the pasted texts the last close warned of
        self.opening = Opening(self)  # which file is which side
        self._save_later = QTimer(self, singleShot=True, interval=save_delay_ms)
        self._save_later.timeout.connect(self.save_preferences)
        self._connect()
        window.may_close = self._may_close
        self._apply_preferences()
        self._show(None)  # commands that need a comparison start disabled

    @property
    def prefs(self) -> Preferences:
        return self.settings.preferences

    def _connect(self) -> None:
        w, a = self.window, self.window.commands
        o = self.opening
        a.open.triggered.connect(o.choose_files_to_open)
        a.open_original.triggered.connect(lambda: o.choose_file(ORIGINAL))
        a.open_rewrite.triggered.connect(lambda: o.choose_file(REWRITE))
        a.add_files.triggered.connect(o.choose_files_to_add)
        a.paste.triggered.connect(o.paste)
        a.save.triggered.connect(self.choose_save_path)
        a.export.triggered.connect(self.choose_export)
        a.quit.triggered.connect(w.close)
        a.show_only_changes.toggled.connect(lambda on: self.set_pref(show_only_changes=on))
        a.hide_boilerplate.toggled.connect(lambda on: self.set_pref(hide_boilerplate=on))
        a.font_bigger.triggered.connect(lambda: self.change_font(+1))
        a.font_smaller.triggered.connect(lambda: self.change_font(-1))
        a.font_reset.triggered.connect(lambda: self.change_font(0))
        a.swap.triggered.connect(self.swap)
        a.next_change.triggered.connect(w.compare_view.next_change)
        a.previous_change.triggered.connect(w.compare_view.previous_change)
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

    def open_paths(self, *paths: Path) -> None:
        """Files named on the command line, in this order (see ``Opening.open_paths``)."""
        self.opening.open_paths(*paths)

    # --- choosing sides -----------------------------------------------------------------------
    def assign(self, row: int, side: str) -> None:
        self.model.set_role(row, side)
        self.compare()

    def swap(self) -> None:
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
        options = self.options

        def run(progress: Callable[[float], None], cancelled: Callable[[], bool]) -> Comparison:
            from retold.api import compare_sources

            return compare_sources(
                original, rewrite, options, progress=progress, cancelled=cancelled
            )

        self.window.statusBar().showMessage(f"Comparing {original.name} with {rewrite.name}…")
        self._compare_task = self.worker.submit(
            run, self._compared, self._compare_failed, group="compare"
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

    def _compared(self, comparison: Comparison) -> None:
        self._compare_task = None
        self._show(comparison)
        links = sum(1 for link in comparison.links if link.is_match)
        self.window.statusBar().showMessage(
            f"Compared {comparison.original.name} with {comparison.rewrite.name}: "
            f"{links} linked passages, {comparison.stats.reused_share:.0%} of the original reused."
        )

    def _compare_failed(self, error: BaseException) -> None:
        self._compare_task = None
        self.window.statusBar().clearMessage()
        message = f"The comparison failed: {error}"
        self.window.banner.show_message(message, "error")
        self.comparisonFailed.emit(message)

    def _show(self, comparison: Comparison | None) -> None:
        self.comparison = comparison
        sides = ((Side.ORIGINAL, ORIGINAL), (Side.REWRITE, REWRITE))
        chosen = {side: self.model.source_for(role) for side, role in sides}
        waiting = {side: (s.name, s.text) for side, s in chosen.items() if s is not None}
        self.window.compare_view.set_comparison(comparison, waiting)
        self.window.summary.set_stats(comparison.stats if comparison else None)
        commands = self.window.commands
        needs_comparison = (commands.save, commands.export, commands.next_change)
        for action in (*needs_comparison, commands.previous_change):
            action.setEnabled(comparison is not None)
        self.comparisonChanged.emit(comparison)

    def cancel(self) -> None:
        self.worker.cancel_all()
        self._compare_task = None
        self.window.statusBar().showMessage("Cancelled.", 5000)

    # --- saving and exporting ----------------------------------------------------------
    def choose_export(self) -> None:
        if self.comparison is None:
            self.window.banner.show_message(
                "Nothing to export yet: open an original and its rewrite first.", "info"
            )
            return
        suggested = Path(self.prefs.last_folder or Path.home()) / "comparison.html"
        path = dialogs.ask_export_path(self.window, suggested)
        if path is not None:
            self.set_pref(last_folder=str(path.parent))  # as opening and saving do
            self.start_export(path)

    def choose_save_path(self) -> None:
        original = self.model.source_for(ORIGINAL)
        if original is None or self.comparison is None:
            return
        folder = Path(self.prefs.last_folder or Path.home())
        path = dialogs.ask_save_path(self.window, folder / f"{Path(original.name).stem}.retold")
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Save both sources and the view options; the file opens again with File > Open."""
        from retold.savefile import SaveFileError, save_comparison_file

        original, rewrite = self.model.source_for(ORIGINAL), self.model.source_for(REWRITE)
        if original is None or rewrite is None:
            return False
        try:
            save_comparison_file(path, original, rewrite, view_options(self.prefs))
        except SaveFileError as error:
            self.window.banner.show_message(str(error), "error")
            return False
        self._saved = (original, rewrite)
        recent = self.prefs.with_recent(str(path)).recent_files
        self.set_pref(recent_files=recent, last_folder=str(path.parent))
        self.window.statusBar().showMessage(f"Saved {path.name}.", 5000)
        return True

    def start_export(self, path: Path) -> None:
        """Export on the worker: a long PDF takes seconds, and the window stays usable (the
        status bar's Cancel stops it; an existing file is then left as it was)."""
        write = self._report_writer(path)
        if write is None:
            return
        self.window.statusBar().showMessage(f"Exporting {path.name}…")
        self.worker.submit(
            lambda progress, cancelled: write(cancelled=cancelled),
            lambda _written: self._exported(path),
            partial(self._export_failed, path),
            group="export",
        )

    def export_to(self, path: Path, fmt: str | None = None) -> bool:
        """Export now, on this thread (``--self-test`` waits for it); True once written."""
        from retold.report.export import ExportError

        write = self._report_writer(path, fmt)
        if write is None:
            return False
        try:
            write()
        except (ExportError, OSError) as error:
            self._export_failed(path, error)
            return False
        self._exported(path)
        return True

    def _report_writer(self, path: Path, fmt: str | None = None) -> Callable[..., None] | None:
        """``write_report`` with everything taken now, on the GUI thread: only ``cancelled``
        is left to give."""
        from retold.report.export import export_format_for, write_report

        comparison = self.comparison
        if comparison is None:
            return None
        original, rewrite = self.model.source_for(ORIGINAL), self.model.source_for(REWRITE)
        sources = (original, rewrite) if original and rewrite else None
        if sources and (sources[0].text, sources[1].text) != (
            comparison.original.text,
            comparison.rewrite.text,
        ):
            sources = None  # the files of a pair still being compared: not this comparison's
        return partial(
            write_report,
            comparison,
            fmt or export_format_for(path),
            path,
            hide_boilerplate=self.prefs.hide_boilerplate,
            sources=sources,
        )

    def _exported(self, path: Path) -> None:
        self.window.statusBar().showMessage(f"Exported {path.name}.", 5000)

    def _export_failed(self, path: Path, error: BaseException) -> None:
        from retold.report.export import ExportCancelled, ExportError

        if isinstance(error, ExportCancelled):  # the user asked for it: nothing to warn about
            self.window.statusBar().showMessage("Export cancelled", 5000)
        elif isinstance(error, ExportError):  # its message already says what and where
            self.window.banner.show_message(str(error), "error")
        elif isinstance(error, OSError):
            message = f"Cannot write the report to {path}: {reason(error)}"
            self.window.banner.show_message(message, "error")
        else:
            raise error  # a bug: the exception hook reports it

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
        self.window.compare_view.set_view_options(
            prefs.show_only_changes, prefs.hide_boilerplate, prefs.font_point_size
        )
        self._rebuild_recent_menu()

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

    def _may_close(self) -> bool:
        """Pasted text lives only in the window: the first close says so and offers to save."""
        if self.store is None:  # headless: nobody to tell
            return True
        sources = (self.model.source_at(row) for row in range(self.model.rowCount()))
        pasted = [
            source.name
            for source in sources
            if source.format == "pasted" and not any(source is kept for kept in self._saved)
        ]
        if not pasted or pasted == self._warned_on_close:  # none, or told already
            return True
        self._warned_on_close = pasted
        names = f"{', '.join(pasted[:-1])} and {pasted[-1]}" if len(pasted) > 1 else pasted[0]
        text = f"{names} {'is' if len(pasted) == 1 else 'are'} not saved"
        if self.comparison is None:
            self.window.banner.show_message(f"{text}. Close again to discard.", "warning")
        else:
            text += ": save the comparison to keep it, or close again to discard."
            self.window.banner.show_message(text, "warning", "Save…", self.choose_save_path)
        return False

    def save_all(self) -> None:
        self._save_later.stop()
        self.settings = replace(self.settings, window=self.window.window_state())
        self.worker.cancel_all()
        self.save_preferences()
