"""Render the window to a PNG once its comparison is shown (``retold --screenshot FILE``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def save_window(window: QWidget, path: Path) -> bool:
    """Grab the window as it is drawn now; False when the image could not be written."""
    QApplication.processEvents()  # let layouts settle after the last model change
    pixmap = window.grab()
    path.parent.mkdir(parents=True, exist_ok=True)
    return bool(pixmap.save(str(path), "PNG"))


def grab_then_quit(window: QWidget, path: Path) -> None:
    """Deferred so the comparison's repaint happens before the grab; exit 0 or 1."""

    def grab() -> None:
        ok = save_window(window, path)
        print(f"Saved {path}" if ok else f"retold: could not write {path}")
        QApplication.instance().exit(0 if ok else 1)  # type: ignore[union-attr]

    QTimer.singleShot(50, grab)
