"""The file dialogs, with filters taken from the readers' and the reports' own format lists."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

EXPORT_LABELS = {"html": "Web page", "pdf": "PDF", "json": "JSON", "csv": "CSV", "text": "Text"}


SAVED_FILTER = "Retold comparisons (*.retold)"


def open_filter(saved: bool = False) -> str:
    """The readers' filter; with ``saved``, saved comparisons first, alone and with articles."""
    from retold.sources.loader import FILE_DIALOG_FILTER, SUPPORTED_EXTENSIONS

    if not saved:
        return FILE_DIALOG_FILTER
    articles = " ".join(f"*{ext}" for ext in SUPPORTED_EXTENSIONS)
    both = f"Articles and comparisons (*.retold {articles})"
    return ";;".join((both, SAVED_FILTER, FILE_DIALOG_FILTER))


def export_filter() -> str:
    """One filter per report format, from the report package's list of formats."""
    from retold.report.export import EXPORT_FORMATS

    return ";;".join(
        f"{EXPORT_LABELS.get(fmt, fmt.upper())} ({' '.join('*' + ext for ext in exts)})"
        for fmt, exts in EXPORT_FORMATS.items()
    )


def with_export_suffix(path: Path, chosen_filter: str) -> Path:
    """A name typed without a report or comparison extension gets the one of the filter chosen
    in the dialog: "report.docx" would otherwise be written as a plain-text report."""
    from retold.report.export import EXPORT_FORMATS
    from retold.savefile import SUFFIX

    inside = chosen_filter[chosen_filter.find("(") + 1 : chosen_filter.rfind(")")]
    offered = [pattern[1:] for pattern in inside.split() if pattern.startswith("*.")]
    known = {SUFFIX, *offered, *(ext for exts in EXPORT_FORMATS.values() for ext in exts)}
    if path.suffix.lower() in known:
        return path
    return path.with_name(path.name + (offered[0] if offered else ".html"))


def ask_open_file(parent: QWidget, title: str, folder: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, open_filter())
    return Path(path) if path else None


def ask_open_files(parent: QWidget, title: str, folder: str, saved: bool = False) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, folder, open_filter(saved))
    return [Path(p) for p in paths]


def ask_save_path(parent: QWidget, suggested: Path) -> Path | None:
    path, chosen = QFileDialog.getSaveFileName(
        parent, "Save the comparison", str(suggested), SAVED_FILTER
    )
    return with_export_suffix(Path(path), chosen) if path else None


def ask_export_path(parent: QWidget, suggested: Path) -> Path | None:
    path, chosen = QFileDialog.getSaveFileName(
        parent, "Export the comparison", str(suggested), export_filter()
    )
    return with_export_suffix(Path(path), chosen) if path else None
