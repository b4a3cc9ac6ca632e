"""Drops: files for any widget (an event filter that records the paths and defers the work), and
what a pane accepts (one file, or sentences dragged from the other pane)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent


def local_paths(event: QDropEvent) -> list[Path]:
    """The local files of a drag or drop, in drop order; web links and text are ignored."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class FileDropFilter(QObject):
    """Install on a widget that accepts drops; ``filesDropped`` fires after the drop returns.

    The handler only records the paths and schedules the signal with ``QTimer.singleShot(0)``,
    so loading never runs inside the drag-and-drop machinery (as Picard's views do).
    """

    filesDropped = Signal(list)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        assert isinstance(event, QDropEvent)  # QDragEnterEvent and QDragMoveEvent derive from it
        paths = local_paths(event)
        if not paths:
            event.ignore()
            return True
        event.acceptProposedAction()
        if kind == QEvent.Type.Drop:
            QTimer.singleShot(0, lambda: self.filesDropped.emit(paths))
        return True


SPAN_MIME = "application/x-retold-span"  # "side start end": sentences dragged from a pane


def dropped_span(
    event: QDropEvent | QDragEnterEvent | QDragMoveEvent,
) -> tuple[str, int, int] | None:
    """The side and source range of text dragged from a pane, else None."""
    mime = event.mimeData()
    if mime is None or not mime.hasFormat(SPAN_MIME):
        return None
    try:
        side, start, end = bytes(mime.data(SPAN_MIME).data()).decode("ascii").split()
        return side, int(start), int(end)
    except ValueError:  # not ours after all
        return None


def dropped_file(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> str | None:
    """The local path when exactly one local file is dragged, else None."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return None
    urls = mime.urls()
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    return urls[0].toLocalFile()
