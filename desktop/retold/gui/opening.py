"""Which file is which side: opening, dropping, adding and pasting sources.

Part of the controller's job (``controller.py`` owns comparing, the view and preferences): it
reads files on the worker, fills the sources list, chooses the original and the rewrite, and
says so with ``sidesChosen`` (the controller then compares). It is given a ``Context`` and
knows nothing of the controller. A ``.retold`` file among the paths is a saved comparison: it
decides both sides, the articles that came with it are only listed, and any further ``.retold``
file is not opened; the banner says so.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication

from retold.engine.model import Side
from retold.gui import dialogs
from retold.gui.context import Context
from retold.gui.loading import Loaded, errors_message, load_paths, pick_original, split_saved
from retold.gui.settings import view_changes
from retold.gui.source_model import ORIGINAL, REWRITE
from retold.resources import resource_dir
from retold.savefile import SavedComparison
from retold.sources.model import Source

# Worker groups: a newer open supersedes an older one still reading, so two quick opens cannot
# arrive out of order. A drop on one pane supersedes only that pane's; opening a pair, both.
OPEN_GROUP = "open"


def side_group(side: Side) -> str:
    return f"{OPEN_GROUP}-{side}"


class Opening(QObject):
    """Reads sources on the worker and decides their sides; never compares."""

    sidesChosen = Signal()  # the original or the rewrite changed: compare them
    swapRequested = Signal()  # the banner's Swap
    loadFailed = Signal(str)  # a sentence saying which file could not be used and why
    savedOpened = Signal(object)  # a SavedComparison, just before its sides are chosen
    copiesRequested = Signal(object, list)  # an original Path and suspect Paths: the Copies table

    def __init__(self, context: Context) -> None:
        super().__init__(context.window)
        self.context = context
        self.window, self.model, self.worker = context.window, context.model, context.worker
        self._pasted = 0

    @property
    def _folder(self) -> str:
        return self.context.preferences().last_folder

    # --- loading ------------------------------------------------------------------------------
    def _load(
        self, paths: list[Path], then: Callable[[list[Source]], None], group: str | None
    ) -> None:
        """Read ``paths`` on the worker, superseding the ``group``'s reading; a saved comparison
        among them decides both sides."""
        saved, articles = split_saved(paths)
        if saved is not None:
            others = [p for p in paths if p != saved and p not in articles]
            self.open_saved(saved, _opened_with(saved, articles, others))
            then, group = self._added, None  # articles that came with it are only listed
        if not articles:
            return
        if group == OPEN_GROUP:
            self._supersede_sides()

        def done(results: list[Loaded]) -> None:
            then(self._take_loaded(results))

        self.window.statusBar().showMessage(f"Reading {_names(articles)}…")
        self.worker.submit(
            lambda progress, cancelled: load_paths(articles, progress, cancelled),
            done,
            self._task_failed,
            group=group,
        )

    def _supersede_sides(self) -> None:
        """A pair is being opened: a drop on one pane still being read is dropped."""
        for side in (ORIGINAL, REWRITE):
            self.worker.cancel_group(side_group(side))

    def _take_loaded(self, results: list[Loaded]) -> list[Source]:
        """Report failures in the banner; add the rest to the list and the recent files."""
        failures = [r for r in results if r.source is None]
        if failures:
            message = errors_message(failures)
            self.window.banner.show_message(message, "error")
            self.loadFailed.emit(message)
        sources = [r.source for r in results if r.source is not None]
        prefs = self.context.preferences()
        for source in sources:
            self.model.add(source)
            if source.path is not None and not source.path.is_relative_to(resource_dir()):
                prefs = prefs.with_recent(str(source.path))  # the built-in sample is not "recent"
        self.context.set_preferences(recent_files=_without_gone(prefs.recent_files, failures))
        self.window.statusBar().clearMessage()
        return sources

    def open_paths(self, *paths: Path) -> None:
        """Files named on the command line, taken in this order: no guessing.

        Two are compared; one is the original (the banner asks for the rewrite); more are all
        listed and the first two compared; a ``.retold`` file is a saved comparison (the others
        are then only listed, see ``_opened_with``).
        """
        self._load(list(paths), self._use_in_order, OPEN_GROUP)

    def open_dropped(self, paths: list[Path]) -> None:
        """Files dropped on the window: two are compared, the older being the original; an
        original with a folder or several files opens the Copies table (``copies.py``), and so
        do folders alone while an original waits for its rewrite."""
        from retold.gui.copies import drop_for_copies

        many = drop_for_copies(paths)
        opened, waiting = self.model.source_for(ORIGINAL), self.model.source_for(REWRITE) is None
        folders_alone = bool(paths) and all(p.is_dir() for p in paths)
        if many is None and folders_alone and waiting and opened and opened.path is not None:
            many = (opened.path, paths)  # the original waiting for its rewrite: copies of it
        if many is not None:
            self.copiesRequested.emit(*many)
        elif len(paths) == 2:
            self._load(paths, self._use_pair, OPEN_GROUP)
        else:
            self._load(paths, self._fill_roles, OPEN_GROUP)

    def open_side(self, side: str, path: str) -> None:
        """One file dropped on the left or right pane (``side``, a Side's value) replaces that
        side."""
        chosen = Side(side)
        self._load([Path(path)], lambda sources: self._use_as(chosen, sources), side_group(chosen))

    def add_paths(self, paths: list[Path]) -> None:
        self._load(paths, self._added, None)  # only listed: no order to keep

    def _added(self, sources: list[Source]) -> None:
        if sources:
            self.window.statusBar().showMessage(f"Added {_names(sources)}.", 5000)

    # --- saved comparisons --------------------------------------------------------------------
    def open_saved(self, path: Path, notice: str = "") -> None:
        """A saved comparison: both texts and the view options come from the file. ``notice``
        is shown once it is open (what became of the files that came with it)."""
        from retold.savefile import load_comparison_file

        self.window.statusBar().showMessage(f"Opening {path.name}…")
        self._supersede_sides()
        self.worker.submit(
            lambda progress, cancelled: load_comparison_file(path),
            partial(self._use_saved, path, notice),
            partial(self._saved_failed, path),
            group=OPEN_GROUP,
        )

    def _use_saved(self, path: Path, notice: str, saved: SavedComparison) -> None:
        recent = self.context.preferences().with_recent(str(path)).recent_files
        self.context.set_preferences(recent_files=recent, **view_changes(saved.view_options))
        self.savedOpened.emit(saved)  # its corrections, and what to tell of them
        self._set_pair(saved.original, saved.rewrite, announce=False)
        banner = self.window.banner
        if notice and not (banner.level != "info" and banner.text()):  # a warning matters more
            banner.show_message(notice, "info")

    def _saved_failed(self, path: Path, error: BaseException) -> None:
        from retold.savefile import SaveFileError

        self.window.statusBar().clearMessage()
        message = str(error) if isinstance(error, SaveFileError) else f"{path.name}: {error}"
        self.window.banner.show_message(message, "error")
        self.loadFailed.emit(message)
        recent = _without_gone(self.context.preferences().recent_files, [Loaded(path)])
        self.context.set_preferences(recent_files=recent)

    # --- choosing sides -----------------------------------------------------------------------
    def _use_in_order(self, sources: list[Source]) -> None:
        if len(sources) == 2:
            self._set_pair(*sources, announce=False)
        else:
            self._fill_roles(sources)

    def _use_pair(self, sources: list[Source]) -> None:
        if len(sources) == 2:
            self._set_pair(*pick_original(*sources), announce=True)
        else:
            self._fill_roles(sources)

    def _use_as(self, side: Side, sources: list[Source]) -> None:
        if sources:
            self._assign_source(sources[0], side)
            self.sidesChosen.emit()

    def _fill_roles(self, sources: list[Source]) -> None:
        """Fill empty sides first; a single file with both sides taken becomes the rewrite.

        Nothing usable (every file failed): the comparison on screen stays as it is.
        """
        if not sources:
            return
        for source in sources[:2]:
            if self.model.row_of(ORIGINAL) is None:
                self._assign_source(source, ORIGINAL)
            elif self.model.row_of(REWRITE) is None or len(sources) == 1:
                self._assign_source(source, REWRITE)
        if len(sources) > 2:
            self.window.banner.show_message(
                f"Added {len(sources)} files. Right-click one to compare it as the original "
                "or the rewrite.",
                "info",
            )
        self.sidesChosen.emit()

    def _assign_source(self, source: Source, side: Side) -> None:
        self.model.set_role(self.model.add(source), side)

    def _set_pair(self, original: Source, rewrite: Source, *, announce: bool) -> None:
        self._assign_source(original, ORIGINAL)
        self._assign_source(rewrite, REWRITE)
        if announce:
            self._announce_pair()
        self.sidesChosen.emit()

    def _announce_pair(self) -> None:
        original, rewrite = self.model.source_for(ORIGINAL), self.model.source_for(REWRITE)
        if original is None or rewrite is None:
            return
        text = f"Compared {original.name} (original) with {rewrite.name} (rewrite)."
        self.window.banner.show_message(text, "info", "Swap", self._swap_and_announce)

    def _swap_and_announce(self) -> None:
        self.swapRequested.emit()
        self._announce_pair()

    # --- dialogs and clipboard ----------------------------------------------------------------
    def choose_file(self, side: Side) -> None:
        path = dialogs.ask_open_file(self.window, f"Open the {side}", self._folder)
        if path is not None:
            self.context.set_preferences(last_folder=str(path.parent))
            self.open_side(side, str(path))

    def choose_files_to_open(self) -> None:
        """Articles (two are compared, as if dropped) or a saved comparison."""
        paths = dialogs.ask_open_files(self.window, "Open", self._folder, saved=True)
        if paths:
            self.context.set_preferences(last_folder=str(paths[0].parent))
            self.open_dropped(paths)

    def choose_files_to_add(self) -> None:
        paths = dialogs.ask_open_files(self.window, "Add files", self._folder)
        if paths:
            self.context.set_preferences(last_folder=str(paths[0].parent))
            self.add_paths(paths)

    def paste(self) -> None:
        from retold.sources.loader import source_from_text

        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.window.banner.show_message("The clipboard holds no text to add.", "warning")
            return
        self._pasted += 1
        source = source_from_text(text, f"Pasted text {self._pasted}", "pasted")
        if self.model.row_of(REWRITE) is None:
            self._fill_roles([source])
        else:
            self.model.add(source)

    def _task_failed(self, error: BaseException) -> None:
        """Reading failed outside the readers' own checks (a bug): say so, like any failure."""
        self.window.statusBar().clearMessage()
        message = f"Something went wrong while reading: {error}"
        self.window.banner.show_message(message, "error")
        self.loadFailed.emit(message)  # --screenshot and --self-test stop on it


def _without_gone(recent: tuple[str, ...], failures: list[Loaded]) -> tuple[str, ...]:
    """The recent files less those that failed because they are no longer there."""
    gone = {str(failure.path) for failure in failures if not failure.path.exists()}
    return tuple(path for path in recent if path not in gone)


def _opened_with(saved: Path, articles: list[Path], others: list[Path]) -> str:
    """What became of the files that came with a saved comparison; "" when none came."""
    if not articles and not others:
        return ""
    text = f"Opened {saved.name}."
    if articles:
        one = len(articles) == 1
        text += f" {_names(articles)} {'is' if one else 'are'} listed too: right-click "
        text += f"{'it' if one else 'one'} to compare it."
    if others:
        more = others[0].name if len(others) == 1 else f"{len(others)} more comparisons"
        text += f" {more} {'was' if len(others) == 1 else 'were'} not opened (one at a time)."
    return text


def _names(items: list[Path] | list[Source]) -> str:
    names = [item.name for item in items]
    return names[0] if len(names) == 1 else f"{len(names)} files"
