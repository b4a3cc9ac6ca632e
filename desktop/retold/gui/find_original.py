"""File > Find the original…: which archived article does a page retell?

The dialog picks an archive index (built with ``retold index``) and a suspect, runs the same
stages as ``retold find`` on the worker (never on the GUI thread), lists the matches best first
and opens the chosen one side by side with the suspect. The original opens with the text the
index keeps, so a match opens even if its file has moved since it was indexed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from retold.batch.assess import evidence_line
from retold.batch.records import Assessment, SourceRecord
from retold.gui.dialogs import open_filter
from retold.gui.worker import CancelledFn, ProgressFn, Worker
from retold.sources.loader import source_from_text
from retold.sources.model import Source

Index = QModelIndex | QPersistentModelIndex
INDEX_FILTER = "Archive indexes (*.db *.sqlite *.sqlite3);;All files (*)"


@dataclass(frozen=True, slots=True)
class Found:
    """What the search hands back: the suspect as read, its matches and their texts."""

    suspect: SourceRecord
    matches: tuple[Assessment, ...]
    originals: dict[str, SourceRecord]  # by path, as the matches name them
    error: str | None


def search(db: Path, suspect: Path, top: int) -> Found:
    """``retold find`` for one suspect, keeping the texts needed to open a match."""
    from retold.archive.find import FindOptions, find_with_originals
    from retold.archive.partitions import Archive
    from retold.batch.reading import read_record

    record = read_record(suspect)
    with Archive([db]) as archive:
        result, originals = find_with_originals(archive, record, FindOptions(top=top))
    return Found(record, result.matches, originals, result.error)


def as_source(record: SourceRecord, archived: bool) -> Source:
    """A record as the window's sources list holds it (an archived text keeps its file's hash)."""
    assert record.text is not None
    source = source_from_text(record.text, record.name, "archive" if archived else "text")
    path = None if archived else Path(record.path)
    return replace(source, sha256=record.sha256 or source.sha256, path=path)


class MatchTableModel(QAbstractTableModel):
    """The matches of one suspect, best first: a row per archived article."""

    HEADERS = ("Article", "Score", "Verdict", "Reused", "Verbatim", "Longest run", "Indexed as")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Assessment] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        match = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cells(match)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return match.error or match.path
        if role == Qt.ItemDataRole.TextAlignmentRole and 1 <= index.column() <= 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def set_matches(self, matches: Sequence[Assessment]) -> None:
        self.beginResetModel()
        self._rows = list(matches)
        self.endResetModel()

    def match_at(self, row: int) -> Assessment | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None


def _cells(match: Assessment) -> tuple[str, ...]:
    if match.error is not None or match.score is None:
        return (match.name, "", "cannot be aligned", "", "", "", match.path)
    verdict = "derived" if match.derived else "not derived"
    return (
        match.name,
        f"{match.score:.2f}",
        verdict,
        f"{match.reused or 0:.0%}",
        f"{match.verbatim or 0:.0%}",
        f"{match.longest_run_words or 0} words",
        match.path,
    )


class FindOriginalDialog(QDialog):
    """Pick an index and a suspect, see the matches, open one (``pairChosen``)."""

    pairChosen = Signal(object, object)  # (original: Source, suspect: Source)

    def __init__(self, worker: Worker, folder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Find the original")
        self.worker, self.folder = worker, folder
        self.found: Found | None = None
        self.index_edit = QLineEdit(self, placeholderText="archive.db, built with retold index")
        self.suspect_edit = QLineEdit(self, placeholderText="the page that may retell an article")
        self.find_button = QPushButton("&Find", self)
        self.status = QLabel("Choose an archive index and a suspect.", self, wordWrap=True)
        self.model = MatchTableModel(self)
        self.table = QTableView(self)
        self.open_button = QPushButton("&Open side by side", self)
        self.open_button.setEnabled(False)
        self._lay_out()
        self.find_button.clicked.connect(lambda: self.run_search())
        self.open_button.clicked.connect(self.open_selected)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.table.activated.connect(lambda index: self.open_row(index.row()))  # Enter
        self.resize(820, 380)

    def _lay_out(self) -> None:
        grid = QGridLayout()
        for row, (label, edit, choose) in enumerate(
            (
                ("Archive &index:", self.index_edit, self._choose_index),
                ("&Suspect:", self.suspect_edit, self._choose_suspect),
            )
        ):
            caption = QLabel(label, self)
            caption.setBuddy(edit)
            button = QPushButton("Choose…", self)
            button.clicked.connect(choose)
            grid.addWidget(caption, row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(button, row, 2)
        grid.addWidget(self.find_button, 1, 3)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # A selected row made every header bold, wider than it was measured: "Verbatim" clipped.
        header.setHighlightSections(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _choose_index(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Archive index", self.folder, INDEX_FILTER)
        if path:
            self.index_edit.setText(path)

    def _choose_suspect(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Suspect", self.folder, open_filter())
        if path:
            self.suspect_edit.setText(path)

    def set_paths(self, db: Path, suspect: Path) -> None:
        self.index_edit.setText(str(db))
        self.suspect_edit.setText(str(suspect))

    def run_search(self, top: int = 5) -> None:
        """Search on the worker; a newer search supersedes a running one."""
        db, suspect = self.index_edit.text().strip(), self.suspect_edit.text().strip()
        if not db or not suspect:
            self.status.setText("Choose an archive index and a suspect first.")
            return
        self.status.setText(f"Searching the archive for what {Path(suspect).name} retells…")
        self.find_button.setEnabled(False)

        def run(_progress: ProgressFn, _cancelled: CancelledFn) -> Found:
            return search(Path(db), Path(suspect), top)

        self.worker.submit(run, self._found, self._failed, group="find-original")

    def _found(self, found: Found) -> None:
        self.found = found
        self.find_button.setEnabled(True)
        self.model.set_matches(found.matches)
        self.open_button.setEnabled(bool(found.matches) and found.suspect.ok)
        if found.error is not None:
            self.status.setText(found.error)
        elif not found.matches:
            self.status.setText("No archived article shares its rare words, names or numbers.")
        else:
            self.table.selectRow(0)
            best = found.matches[0]
            verdict = (
                f"{found.suspect.name} is probably derived from {best.name}."
                if best.derived
                else f"{found.suspect.name} is derived from none of these; the closest is "
                f"{best.name}."
            )
            self.status.setText(f"{verdict} {evidence_line(found.matches)}")

    def _failed(self, error: BaseException) -> None:
        self.find_button.setEnabled(True)
        self.model.set_matches([])
        self.open_button.setEnabled(False)
        self.status.setText(str(error))

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.open_row(rows[0].row() if rows else 0)

    def open_row(self, row: int) -> None:
        """Open the row's article (as archived) beside the suspect."""
        match = self.model.match_at(row)
        if self.found is None or match is None or not self.found.suspect.ok:
            return
        original = self.found.originals.get(match.path)
        if original is None or not original.ok:
            self.status.setText(f"{match.name} cannot be opened: {match.error}")
            return
        self.pairChosen.emit(as_source(original, True), as_source(self.found.suspect, False))
