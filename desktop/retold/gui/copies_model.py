"""The Copies table: one row per suspect of a triage, a column per figure, sortable.

``CopiesModel`` holds the rows in rank order; ``SORT_ROLE`` gives each cell a key that sorts
numbers as numbers (a proxy sorts by it) and puts rows with an error last when sorted by a
figure, highest first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from retold.batch.formats import percent, verdict
from retold.batch.records import Assessment

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
SORT_ROLE = Role.UserRole + 1  # a number or a string to sort by
ROW_ROLE = Role.UserRole + 2  # the row's Assessment
SHARE_ROLE = Role.UserRole + 3  # the reused share, for the bar (None on an error row)

NO_FIGURE = -1.0  # the sort key of a figure an error row does not have


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def _words(value: int | None) -> str:
    return "" if value is None else f"{value} words"


# (header, text of a row, sort key of a row, tooltip of the header)
Column = tuple[str, Callable[[Assessment], str], Callable[[Assessment], Any], str]
COLUMNS: tuple[Column, ...] = (
    ("Suspect", lambda r: r.name, lambda r: r.name.casefold(), "The file compared"),
    ("Reused", lambda r: percent(r.reused), lambda r: _key(r.reused),
     "Share of the original's prose that the suspect retells"),
    ("Verdict", verdict, lambda r: _key(r.score), "Derived from the original, or not"),
    ("Score", lambda r: "" if r.score is None else f"{r.score:.2f}", lambda r: _key(r.score),
     "How likely the suspect is derived from the original: 0 to 1, derived from 0.5"),
    ("New", lambda r: percent(r.new), lambda r: _key(r.new),
     "Share of the suspect that is its own"),
    ("Verbatim", lambda r: percent(r.verbatim), lambda r: _key(r.verbatim),
     "Share of the original kept word for word, in runs of 6 words or more"),
    ("Longest run", lambda r: _words(r.longest_run_words), lambda r: _key(r.longest_run_words),
     "The longest passage kept word for word"),
    ("Linked", lambda r: _count(r.linked), lambda r: _key(r.linked),
     "The suspect's sentences linked to the original"),
    ("Moved", lambda r: _count(r.moved), lambda r: _key(r.moved),
     "Linked sentences out of the original's order"),
    ("Error", lambda r: _reason(r), lambda r: r.error or "",
     "Why a file could not be read or compared"),
)  # fmt: skip
REUSED_COLUMN = 1
VERDICT_COLUMN = 2
ERROR_COLUMN = len(COLUMNS) - 1
_NUMERIC = frozenset(range(3, ERROR_COLUMN))


def _reason(row: Assessment) -> str:
    """The error without the file's name, which the Suspect column already shows."""
    error = row.error or ""
    quoted = f"“{row.name}” "
    return error[len(quoted) :] if error.startswith(quoted) else error


def _key(value: float | None) -> float:
    return NO_FIGURE if value is None else float(value)


class CopiesModel(QAbstractTableModel):
    """The rows of one triage, in rank order (the proxy re-sorts them for the view)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Assessment] = []

    def set_rows(self, rows: Sequence[Assessment]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: Sequence[Assessment]) -> None:
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def rows(self) -> tuple[Assessment, ...]:
        return tuple(self._rows)

    def row_at(self, row: int) -> Assessment | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # --- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, column = self._rows[index.row()], index.column()
        if not 0 <= column < len(COLUMNS):
            return None
        _header, text, key, _tip = COLUMNS[column]
        if role == Role.DisplayRole:
            return text(row)
        if role == SORT_ROLE:
            return key(row)
        if role == ROW_ROLE:
            return row
        if role == SHARE_ROLE:
            return row.reused if column == REUSED_COLUMN else None
        if role == Role.ToolTipRole:
            return self._tooltip(row, column)
        if role == Role.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.FontRole and column == VERDICT_COLUMN and row.derived:
            font = QFont()
            font.setBold(True)
            return font
        if role == Role.AccessibleTextRole:
            return f"{COLUMNS[column][0]}: {text(row) or 'none'}"
        return None

    def _tooltip(self, row: Assessment, column: int) -> str:
        if column == 0:
            return f"{row.path}\nSHA-256 {row.sha256 or 'unknown'}"
        if row.error is not None:
            return row.error
        return COLUMNS[column][3]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Role.DisplayRole:
            return COLUMNS[section][0]
        if role == Role.ToolTipRole:
            return COLUMNS[section][3]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class CopiesSortModel(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE``, the rank order breaking ties (so equal scores keep their order)."""

    def __init__(self, source: CopiesModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a == b or type(a) is not type(b):  # rank order, whichever way the column sorts
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return (left.row() < right.row()) == ascending
        return bool(a < b)
