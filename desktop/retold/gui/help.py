"""The Help menu's dialogs: keyboard shortcuts, how to read a comparison, about Retold.

The shortcuts are read from the window's actions when the dialog opens, and the reading guide
shows the legend's own samples, so neither can drift from what the window does.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from retold import __version__
from retold.gui.actions import Actions
from retold.gui.find_bar import BAR_KEYS
from retold.gui.legend import Legend

# Keys the panes handle themselves (the menus' actions list their own).
PANE_KEYS = (("Open the fold line under the caret", "Enter"),)

READING_INTRO = (
    "Each side shows its article; every sentence of the rewrite is linked to the sentences of "
    "the original it retells. An unmarked sentence is identical on both sides; otherwise its "
    "look says what became of it:"
)
READING_MORE = [
    "<b>The link map</b> between the panes joins each linked pair with a band in its kind's "
    "colour; a dashed band is a sentence that moved. Click a band, a sentence or a tick in the "
    "strips beside the panes to select its link on both sides.",
    "<b>Words.</b> Rest the mouse on a word of a linked sentence: it and what it became on the "
    "other side are framed in the link's colour. A word with no counterpart was added in the "
    "rewrite or left out of it, and its tooltip says so.",
    "<b>Show only changes</b> folds runs of identical sentences into one grey line; click it "
    "(or press Enter on it) to open it. <b>Hide boilerplate</b> hides page furniture; the "
    "summary says how many lines it hid.",
    "<b>Find</b> ({find}) marks every match in grey and the current one in reverse video.",
    "<b>Correcting.</b> Click or select sentences in both panes and choose <b>Link</b> "
    "({link}) or <b>Unlink</b> ({unlink}), or drag a selection onto the other pane. A link set by "
    "hand has a dot on its band and says so in its tooltip; an unlinked sentence becomes added "
    "or removed. Undo ({undo}) takes a correction back; saving the comparison keeps them.",
    "<b>Evidence.</b> A line above words marks a fact the rewrite changed (a number, date, "
    "name, negation or quotation): rest the mouse there for what changed. The strip above the "
    "panes warns when the figures mislead (an original that is only a preview, a dropped "
    "byline); the summary says what was kept word for word (click the longest run to see it) "
    "and what page furniture there is (rest the mouse on it for its kind).",
    "<b>Sentence model.</b> View &gt; Use the sentence model weighs an on-device model's "
    "reading of meaning beside the words, which links sentences whose every word was changed; "
    "a link found mainly by the model says so in its tooltip. The status bar says which "
    "evidence the comparison shown used, and why the words alone were weighed when the model "
    "was on (a pair too long for it, a damaged model file).",
]


def plain(text: str) -> str:
    """A menu text without its mnemonic and ellipsis: "&Find…" -> "Find"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…")


def shortcut_rows(actions: Actions) -> Iterator[tuple[str, str]]:
    """(command, keys) for every action with a shortcut, in the order Actions declares them,
    then the keys the find bar and the panes handle themselves."""
    for value in vars(actions).values():
        if isinstance(value, QAction):
            keys = (s.toString(QKeySequence.SequenceFormat.NativeText) for s in value.shortcuts())
            # A standard key this platform lacks reads as "": left out, as are repeats.
            shown = ", ".join(dict.fromkeys(k for k in keys if k))
            if shown:
                yield plain(value.text()), shown
    for command, key in (*BAR_KEYS, *PANE_KEYS):
        yield command, QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) or key


def _dialog(parent: QWidget, title: str, *widgets: QWidget) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    for widget in widgets:
        layout.addWidget(widget)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return dialog


def _label(html: str) -> QLabel:
    label = QLabel(html)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.setOpenExternalLinks(True)
    return label


def shortcuts_dialog(parent: QWidget, actions: Actions) -> QDialog:
    rows = list(shortcut_rows(actions))
    table = QTableWidget(len(rows), 2)
    table.setObjectName("shortcutsTable")
    table.setHorizontalHeaderLabels(["Command", "Keys"])
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    for row, (command, keys) in enumerate(rows):
        table.setItem(row, 0, QTableWidgetItem(command))
        table.setItem(row, 1, QTableWidgetItem(keys))
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    dialog = _dialog(parent, "Keyboard shortcuts", table)
    dialog.resize(460, 660)
    return dialog


def reading_dialog(parent: QWidget, actions: Actions) -> QDialog:
    keys = {
        name: escape(
            getattr(actions, name).shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        )
        for name in ("find", "link", "unlink", "undo")
    }
    more = _label("".join(f"<p>{p.format(**keys)}</p>" for p in READING_MORE))
    legend = Legend(marks=True)
    dialog = _dialog(parent, "How to read a comparison", _label(READING_INTRO), legend, more)
    dialog.resize(520, dialog.heightForWidth(520))  # wrapped labels: resize(520, 0) crushed it
    return dialog


def about_text(settings_folder: Path, log_folder: Path) -> str:
    return (
        f"<h3>Retold {escape(__version__)}</h3>"
        "<p>See how an article was retold: Retold aligns an original article with its rewrite "
        "sentence by sentence and shows what was kept, edited, reworded, added, removed and "
        "moved. Everything happens on this computer.</p>"
        "<p>Free software under the MIT licence.</p>"
        f"<p>Settings are kept in <code>{escape(str(settings_folder))}</code>.<br>"
        f"Crash logs are written to <code>{escape(str(log_folder))}</code>.</p>"
    )


class HelpMenu:
    """Builds the Help menu and opens each dialog, one of each kind at a time."""

    def __init__(
        self, window: QMainWindow, actions: Actions, settings_folder: Path, log_folder: Path
    ) -> None:
        self.window, self.actions = window, actions
        self.folders = settings_folder, log_folder
        self.dialogs: dict[str, QDialog] = {}
        actions.shortcuts_help.triggered.connect(lambda: self.show("shortcuts"))
        actions.reading_help.triggered.connect(lambda: self.show("reading"))
        actions.about.triggered.connect(lambda: self.show("about"))

    def show(self, kind: str) -> QDialog:
        dialog = self.dialogs.get(kind)
        if dialog is None or kind == "shortcuts":  # shortcuts: read afresh each time
            if dialog is not None:
                dialog.deleteLater()
            dialog = self.dialogs[kind] = self._make(kind)
        dialog.show()
        dialog.activateWindow()
        return dialog

    def _make(self, kind: str) -> QDialog:
        if kind == "shortcuts":
            return shortcuts_dialog(self.window, self.actions)
        if kind == "reading":
            return reading_dialog(self.window, self.actions)
        dialog = _dialog(self.window, "About Retold", _label(about_text(*self.folders)))
        dialog.setMinimumWidth(460)
        return dialog
