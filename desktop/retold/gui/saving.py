"""Writing the comparison to files, and not losing unsaved work when the window closes.

Part of the controller's job (``controller.py`` owns comparing, the view and preferences;
``opening.py`` which file is which side): it saves comparisons (``.retold``), exports reports,
and holds the window open while pasted text exists nowhere else. It is given a ``Context`` and
is told what is shown (``show``); it knows nothing of the controller.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QTimer

from retold.atomic import reason
from retold.engine.corrections import Correction
from retold.engine.model import Comparison
from retold.gui import dialogs
from retold.gui.context import Context
from retold.gui.correcting import Correcting, PairKey, pair_key
from retold.gui.settings import view_options
from retold.gui.source_model import ORIGINAL, REWRITE
from retold.sources.model import Source


class Saving:
    """Saves and exports what the window shows; never changes the comparison.

    ``warn_on_close``: whether closing with unsaved pasted text is held once (not headless).
    """

    def __init__(
        self, context: Context, correcting: Correcting, *, warn_on_close: bool = True
    ) -> None:
        self.context = context
        self.correcting = correcting  # the corrections saved with the pair
        self.window, self.model, self.worker = context.window, context.model, context.worker
        self.warn_on_close = warn_on_close
        self.comparison: Comparison | None = None  # what the window shows
        self._saved: tuple[Source, ...] = ()  # the sources of the last saved comparison
        self._saving: Path | None = None  # where a save is being written now
        self._close_when_saved = False  # the window was closed while saving
        self._warned_on_close: list[str] = []  # the pasted texts the last close warned of

    @property
    def _folder(self) -> Path:
        return Path(self.context.preferences().last_folder or Path.home())

    def show(self, comparison: Comparison | None) -> None:
        """What is saved and exported from now on."""
        self.comparison = comparison

    # --- saved comparisons --------------------------------------------------------------------
    def choose_save_path(self) -> None:
        original = self.model.source_for(ORIGINAL)
        if original is None or self.comparison is None or self._still_saving():
            return
        suggested = self._folder / f"{Path(original.name).stem}.retold"
        path = dialogs.ask_save_path(self.window, suggested)
        if path is not None:
            self.save(path)

    def save(self, path: Path) -> None:
        """Save both sources and the view options on the worker; the file opens again with
        File > Open. It is written whole or not at all, and a failure leaves the window as it
        was, saying why in the banner. One save runs at a time."""
        from retold.savefile import save_comparison_file

        original, rewrite = self.model.source_for(ORIGINAL), self.model.source_for(REWRITE)
        if original is None or rewrite is None or self._still_saving():
            return
        options = view_options(self.context.preferences())  # as they are now, on this thread
        corrections = self.correcting.current
        key = pair_key(original, rewrite)
        self.window.statusBar().showMessage(f"Saving {path.name}…")
        self._saving = path
        self.worker.submit(
            lambda progress, cancelled: save_comparison_file(
                path, original, rewrite, options, corrections
            ),
            lambda _none: self._saved_to(path, (original, rewrite), key, corrections),
            self._save_failed,
            cancellable=False,  # the user's work: neither Cancel nor closing drops it
        )

    def _still_saving(self) -> bool:
        if self._saving is not None:
            message = f"Still saving {self._saving.name}; save again once it is written."
            self.window.statusBar().showMessage(message, 5000)
        return self._saving is not None

    def _saved_to(
        self,
        path: Path,
        sources: tuple[Source, Source],
        key: PairKey,
        corrections: tuple[Correction, ...],
    ) -> None:
        self._saving = None
        self._saved = sources
        self.correcting.mark_saved(key, corrections)
        recent = self.context.preferences().with_recent(str(path)).recent_files
        self.context.set_preferences(recent_files=recent, last_folder=str(path.parent))
        self.window.statusBar().showMessage(f"Saved {path.name}.", 5000)
        if self._close_when_saved:
            self._close_when_saved = False
            QTimer.singleShot(0, self.window.close)  # asks may_close again: pasted text is kept

    def _save_failed(self, error: BaseException) -> None:
        from retold.savefile import SaveFileError

        self._saving = None
        self._close_when_saved = False  # the work is not on disk: the window stays
        self.window.statusBar().clearMessage()
        if not isinstance(error, SaveFileError):
            raise error  # a bug: the exception hook reports it
        self.window.banner.show_message(str(error), "error", "Save as…", self.choose_save_path)

    # --- reports ------------------------------------------------------------------------------
    def choose_export(self) -> None:
        if self.comparison is None:
            self.window.banner.show_message(
                "Nothing to export yet: open an original and its rewrite first.", "info"
            )
            return
        path = dialogs.ask_export_path(self.window, self._folder / "comparison.html")
        if path is not None:
            self.context.set_preferences(last_folder=str(path.parent))  # as opening and saving do
            self.start_export(path)

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
            hide_boilerplate=self.context.preferences().hide_boilerplate,
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

    # --- closing ------------------------------------------------------------------------------
    def may_close(self) -> bool:
        """A save being written holds the window until it is done (then it closes). Pasted text
        lives only in the window: the first close says so and offers to save."""
        if self._saving is not None:
            self._close_when_saved = True
            text = f"Saving {self._saving.name}: the window closes once it is written."
            self.window.banner.show_message(text, "info")
            return False
        if not self.warn_on_close:  # headless: nobody to tell
            return True
        sources = (self.model.source_at(row) for row in range(self.model.rowCount()))
        unsaved = [
            source.name
            for source in sources
            if source.format == "pasted" and not any(source is kept for kept in self._saved)
        ]
        if self.correcting.unsaved():
            unsaved.append("your corrections to the alignment")
        if not unsaved or unsaved == self._warned_on_close:  # none, or told already
            return True
        self._warned_on_close = unsaved
        names = f"{', '.join(unsaved[:-1])} and {unsaved[-1]}" if len(unsaved) > 1 else unsaved[0]
        one = len(unsaved) == 1 and not names.startswith("your corrections")
        text = f"{names[0].upper()}{names[1:]} {'is' if one else 'are'} not saved"
        if self.comparison is None:
            self.window.banner.show_message(f"{text}. Close again to discard.", "warning")
        else:
            text += ": save the comparison to keep it, or close again to discard."
            self.window.banner.show_message(text, "warning", "Save…", self.choose_save_path)
        return False
