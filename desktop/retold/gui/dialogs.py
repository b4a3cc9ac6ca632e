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
    """A name typed without an extension gets the one of the filter chosen in the dialog."""
    if path.suffix:
        return path
    start = chosen_filter.find("(*")
    suffix = chosen_filter[start + 2 :].split()[0].rstrip(")") if start >= 0 else ".html"
    return path.with_name(path.name + suffix)


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
