"""The list of loaded sources, and which of them is the original and which the rewrite."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from retold.engine.model import Side
from retold.sources.loader import rounded_size
from retold.sources.model import Source

ORIGINAL = Side.ORIGINAL
REWRITE = Side.REWRITE
NONE = "none"

FORMAT_LABELS = {
    "text": "Text",
    "markdown": "Markdown",
    "html": "Web page",
    "docx": "Word",
    "odt": "OpenDocument",
    "rtf": "Rich text",
    "pdf": "PDF",
    "pasted": "Pasted text",
    "sample": "Sample",
    "archive": "From the archive index",  # File > Find the original… opens the text it keeps
}
ROLE_COLOURS: dict[str, str] = {ORIGINAL: "#3465a4", REWRITE: "#c17d11"}

Index = QModelIndex | QPersistentModelIndex


def format_label(fmt: str) -> str:
    return FORMAT_LABELS.get(fmt, fmt.upper())


def display_text(source: Source) -> str:
    """``report.docx — Word, 12 KB``; pasted text shows its length instead of a size."""
    if source.size is not None:
        detail = rounded_size(source.size)
    else:
        detail = f"{len(source.text.split()):,} words"
    return f"{source.name} — {format_label(source.format)}, {detail}"


def _marker(letter: str, colour: str) -> QIcon:
    pixmap = QPixmap(18, 18)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 16, 16)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(11)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, letter)
    painter.end()
    return QIcon(pixmap)


class SourceListModel(QAbstractListModel):
    NameRole = Qt.ItemDataRole.UserRole + 1
    FormatRole = Qt.ItemDataRole.UserRole + 2
    SizeRole = Qt.ItemDataRole.UserRole + 3
    PathRole = Qt.ItemDataRole.UserRole + 4
    CompareRole = Qt.ItemDataRole.UserRole + 5  # "original", "rewrite" or "none"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sources: list[Source] = []
        self._roles: dict[Side, int] = {}  # side -> row
        self._icons: dict[str, QIcon] = {}

    # --- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._sources)

    def roleNames(self) -> dict[int, QByteArray]:
        names = {
            self.NameRole: b"name",
            self.FormatRole: b"format",
            self.SizeRole: b"size",
            self.PathRole: b"path",
            self.CompareRole: b"compareRole",
        }
        return {**super().roleNames(), **{k: QByteArray(v) for k, v in names.items()}}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._sources):
            return None
        source = self._sources[index.row()]
        compare_role = self.role_of(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(source)
        if role == Qt.ItemDataRole.ToolTipRole:
            where = str(source.path) if source.path else source.name
            return where if compare_role == NONE else f"{where}\n({compare_role.capitalize()})"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(compare_role)
        values = {
            self.NameRole: source.name,
            self.FormatRole: source.format,
            self.SizeRole: source.size,
            self.PathRole: str(source.path) if source.path else None,
            self.CompareRole: compare_role,
        }
        return values.get(role)

    def _icon(self, compare_role: str) -> QIcon | None:
        if compare_role == NONE:
            return None
        if compare_role not in self._icons:
            letter = "O" if compare_role == ORIGINAL else "R"
            self._icons[compare_role] = _marker(letter, ROLE_COLOURS[compare_role])
        return self._icons[compare_role]

    # --- our interface ------------------------------------------------------------------------
    def source_at(self, row: int) -> Source:
        return self._sources[row]

    def role_of(self, row: int) -> str:
        for name, assigned in self._roles.items():
            if assigned == row:
                return name
        return NONE

    def row_of(self, compare_role: Side) -> int | None:
        return self._roles.get(compare_role)

    def source_for(self, compare_role: Side) -> Source | None:
        row = self._roles.get(compare_role)
        return None if row is None else self._sources[row]

    def add(self, source: Source) -> int:
        """Append ``source``, or replace the entry for the same file; return its row."""
        for row, existing in enumerate(self._sources):
            if source.path is not None and existing.path == source.path:
                self._sources[row] = source
                self._changed(row)
                return row
        row = len(self._sources)
        self.beginInsertRows(QModelIndex(), row, row)
        self._sources.append(source)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self._sources):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._sources[row]
        self._roles = {
            name: (r - 1 if r > row else r) for name, r in self._roles.items() if r != row
        }
        self.endRemoveRows()

    def set_role(self, row: int, compare_role: str) -> None:
        """Make ``row`` the original or the rewrite (a Side's value), or neither (``NONE``); the
        row that had the role loses it."""
        side = None if compare_role == NONE else Side(compare_role)
        touched = {row}
        if side is not None and self._roles.get(side) is not None:
            touched.add(self._roles[side])
        for name, assigned in list(self._roles.items()):
            if assigned == row:
                del self._roles[name]
        if side is not None:
            self._roles[side] = row
        for r in touched:
            self._changed(r)

    def swap(self) -> None:
        original, rewrite = self._roles.get(ORIGINAL), self._roles.get(REWRITE)
        self._roles = {}
        if rewrite is not None:
            self._roles[ORIGINAL] = rewrite
        if original is not None:
            self._roles[REWRITE] = original
        for r in (original, rewrite):
            if r is not None:
                self._changed(r)

    def _changed(self, row: int) -> None:
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)
