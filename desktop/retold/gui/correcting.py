"""The user's corrections to the alignment in the window: Link, Unlink, undo and redo.

The corrections of every pair shown are kept (going back to a pair, or swapping its sides,
finds them again) and every change goes through the window's ``QUndoStack``, so undo and redo
cover each correction, and a swap of the sides between them. ``changed`` says that the current
pair's list changed: the controller then applies it to the engine's result on the worker
(``engine/corrections.py`` decides what a correction does).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from retold.engine.corrections import Action, Correction, correction_for, swapped
from retold.engine.model import Comparison, Link
from retold.savefile import text_sha256
from retold.sources.model import Source

PairKey = tuple[str, str]  # the SHA-256 of the original's and the rewrite's text


def pair_key(original: Source, rewrite: Source) -> PairKey:
    return text_sha256(original.text), text_sha256(rewrite.text)


class _Edit(QUndoCommand):
    """Corrections added to one pair's list; undo takes them away again."""

    def __init__(self, owner: Correcting, key: PairKey, added: tuple[Correction, ...], text: str):
        super().__init__(text)
        self._owner, self._key = owner, key
        self._before = owner.corrections_of(key)
        self._added = added

    def redo(self) -> None:
        self._owner._replace(self._key, self._before + self._added)

    def undo(self) -> None:
        self._owner._replace(self._key, self._before)


class _Swap(QUndoCommand):
    """The sides swapped, in the history with the corrections: undo swaps them back, so the
    corrections made before it are undone on the pair as they were made."""

    def __init__(self, swap: Callable[[], None]) -> None:
        super().__init__("Swap sides")
        self._swap = swap

    def redo(self) -> None:
        self._swap()

    def undo(self) -> None:
        self._swap()


class Correcting(QObject):
    changed = Signal()  # the current pair's corrections changed: apply them again

    def __init__(self, stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = stack  # the window's: its Undo and Redo actions follow it
        self.key: PairKey | None = None
        self.last_link: Correction | None = None  # the link just made, to select it once shown
        self._lists: dict[PairKey, tuple[Correction, ...]] = {}
        self._saved: dict[PairKey, tuple[Correction, ...]] = {}  # as last saved or opened
        self._edited: set[PairKey] = set()  # pairs whose saved texts were edited by hand

    @property
    def current(self) -> tuple[Correction, ...]:
        return self.corrections_of(self.key) if self.key else ()

    @property
    def texts_edited(self) -> bool:
        return self.key in self._edited

    def corrections_of(self, key: PairKey) -> tuple[Correction, ...]:
        return self._lists.get(key, ())

    def set_pair(self, original: Source | None, rewrite: Source | None) -> None:
        """The pair now compared; a new pair starts a new undo history, the same one with its
        sides swapped keeps it (``swap_sides`` put the swap in it)."""
        key = pair_key(original, rewrite) if original and rewrite else None
        if key == self.key:
            return
        previous, self.key = self.key, key
        swapping = key is not None and previous == (key[1], key[0])
        if not swapping:
            self.stack.clear()
        if key is not None and original and rewrite:
            self._derive_swapped(key, original.text, rewrite.text, swapping)

    def swap_sides(self, swap: Callable[[], None]) -> None:
        """Swap the sides with ``swap``, as a step of the undo history."""
        self.stack.push(_Swap(swap))

    def _derive_swapped(self, key: PairKey, original: str, rewrite: str, swapping: bool) -> None:
        """The sides were swapped: the pair's corrections follow them. Straight from the sides
        just left, the list is derived again: it may have grown since the last swap."""
        reverse = (key[1], key[0])
        if reverse not in self._lists or (key in self._lists and not swapping):
            return
        self._lists[key] = tuple(swapped(c, original, rewrite) for c in self._lists[reverse])
        if self._saved.get(reverse) == self._lists[reverse]:
            self._saved[key] = self._lists[key]  # nothing new to save

    def load(
        self,
        original: Source,
        rewrite: Source,
        corrections: Sequence[Correction],
        texts_edited: bool,
    ) -> None:
        """A saved comparison was opened: its corrections are the pair's, saved as they are."""
        key = pair_key(original, rewrite)
        self._lists[key] = self._saved[key] = tuple(corrections)
        if texts_edited:
            self._edited.add(key)
        if key == self.key:
            self.stack.clear()
            self.changed.emit()

    def link(self, comparison: Comparison, original: Sequence[int], rewrite: Sequence[int]) -> None:
        """Link these sentences (indices of each side) exactly: a merge or split if several."""
        if self.key is None or not original or not rewrite:
            return
        correction = correction_for(comparison, Action.LINK, original, rewrite)
        self.last_link = correction
        many = len(original) > 1 or len(rewrite) > 1
        text = ("Merge" if len(original) > len(rewrite) else "Split") if many else "Link"
        self.stack.push(_Edit(self, self.key, (correction,), text))

    def unlink(self, comparison: Comparison, links: Sequence[Link]) -> None:
        """Take these links apart: their sentences become removed and added."""
        added = tuple(
            correction_for(
                comparison, Action.UNLINK, link.original_sentences, link.rewrite_sentences
            )
            for link in links
            if link.is_match
        )
        if self.key is not None and added:
            self.last_link = None
            self.stack.push(_Edit(self, self.key, added, "Unlink"))

    def mark_saved(self, key: PairKey, corrections: tuple[Correction, ...]) -> None:
        self._saved[key] = corrections

    def unsaved(self) -> bool:
        """Whether some pair has corrections that no saved file holds."""
        return any(items != self._saved.get(key, ()) for key, items in self._lists.items())

    def _replace(self, key: PairKey, corrections: tuple[Correction, ...]) -> None:
        self._lists[key] = corrections
        if key == self.key:
            self.changed.emit()
