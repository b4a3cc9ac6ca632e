"""The PDF report, laid out and printed by Qt (the only report module that imports Qt).

``QTextDocument`` paginates the Qt-subset HTML, ``_keep_rows_whole`` moves a row that would
straddle a page to the next one (with the column header above it), and a ``QPdfWriter`` prints
page by page, so that each page gets a footer with its number. Qt embeds the fonts it uses.
Qt is imported inside the functions: importing this module stays cheap.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from retold.engine.model import Comparison
from retold.report.errors import ExportCancelled, ExportError
from retold.report.meta import ReportInfo
from retold.report.pdf_html import COLUMN_LABELS, render_pdf_html

MARGINS_MM = (15.0, 14.0, 15.0, 14.0)  # left, top, right, bottom
RESOLUTION = 300  # dots per inch of the PDF's layout grid
FOOTER_PT = 8

_app: Any = None  # the QGuiApplication we had to create, kept alive for later exports


def render_pdf(
    comparison: Comparison,
    info: ReportInfo,
    *,
    hide_boilerplate: bool = False,
    page_size: str = "A4",
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """The PDF's bytes; ``cancelled()`` is asked between rows and pages (ExportCancelled)."""
    _ensure_gui_application()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    html = render_pdf_html(comparison, info, hide_boilerplate=hide_boilerplate)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    title = f"Retold: {comparison.original.name} → {comparison.rewrite.name}"
    _print(html, buffer, page_size, title, cancelled or (lambda: False))
    buffer.close()
    if data.isEmpty():
        raise ExportError("Qt produced an empty PDF; the report could not be printed.")
    return bytes(data.data())


def _ensure_gui_application() -> None:
    """Qt needs a QGuiApplication for fonts; make one (offscreen when there is no display)."""
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        return
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(["retold"])


def _print(
    html: str, device: Any, page_size: str, title: str, cancelled: Callable[[], bool]
) -> None:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(device)
    writer.setTitle(title)
    writer.setCreator("Retold")
    writer.setResolution(RESOLUTION)
    size = QPageSize.PageSizeId.Letter if page_size == "Letter" else QPageSize.PageSizeId.A4
    writer.setPageSize(QPageSize(size))
    writer.setPageMargins(QMarginsF(*MARGINS_MM), QPageLayout.Unit.Millimeter)

    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("Qt could not start a PDF; the report could not be printed.")
    try:
        _paint_pages(html, writer, painter, title, cancelled)
    finally:
        painter.end()


def _paint_pages(
    html: str, writer: Any, painter: Any, title: str, cancelled: Callable[[], bool]
) -> None:
    """Each page: its slice of the laid-out document, then the footer with title and number."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont

    area = painter.viewport()
    footer_height = RESOLUTION * FOOTER_PT * 2.2 / 72  # two lines of footer text
    page_height = area.height() - footer_height
    document = paginate(html, writer, area.width(), page_height, cancelled)
    pages = document.pageCount()
    footer_font = QFont("DejaVu Sans")
    footer_font.setPointSizeF(FOOTER_PT)
    footer = QRectF(0, page_height, area.width(), footer_height)
    bottom = Qt.AlignmentFlag.AlignBottom
    for page in range(pages):
        _stop_if(cancelled)
        if page:
            writer.newPage()
        painter.save()
        painter.translate(0, -page * page_height)
        document.drawContents(painter, QRectF(0, page * page_height, area.width(), page_height))
        painter.restore()
        painter.setFont(footer_font)
        painter.drawText(footer, bottom | Qt.AlignmentFlag.AlignLeft, title)
        number = f"Page {page + 1} of {pages}"
        painter.drawText(footer, bottom | Qt.AlignmentFlag.AlignRight, number)


def paginate(
    html: str,
    device: Any,
    width: float,
    page_height: float,
    cancelled: Callable[[], bool] = lambda: False,
) -> Any:
    """A QTextDocument of ``html`` laid out in pages of ``page_height`` on ``device``."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setHtml(html)
    document.setPageSize(QSizeF(width, page_height))
    _keep_rows_whole(document, page_height, cancelled)
    return document


def row_tables(document: Any) -> list[Any]:
    """The alignment's tables: the column header first, then one per row."""
    from PySide6.QtGui import QTextTable

    tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    return [table for table in tables if table.columns() == len(COLUMN_LABELS)]


def _keep_rows_whole(document: Any, page_height: float, cancelled: Callable[[], bool]) -> None:
    """Give each row table that would straddle a page break a break before it, and a header
    on top of the first row of every page after the first.

    One forward pass is enough: a change only moves what follows it. Qt lays out the rest of
    the document again after every change, so a table's changes are made in one edit block.
    """
    from PySide6.QtGui import QTextCursor, QTextFormat

    layout = document.documentLayout()
    rows = row_tables(document)
    if not rows:
        return
    header, rows = rows[0], rows[1:]
    previous_page = _page(layout.frameBoundingRect(header).bottom() - 1, page_height)
    for table in rows:
        _stop_if(cancelled)
        box = layout.frameBoundingRect(table)
        first, last = _page(box.top(), page_height), _page(box.bottom() - 1, page_height)
        moves = first != last and box.height() < page_height * 0.8
        if moves or first != previous_page:
            edit = QTextCursor(document)
            edit.beginEditBlock()
            if moves:
                table_format = table.format()
                table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                table.setFormat(table_format)
            _add_header(table, header)  # first on its page, whether moved there or not
            edit.endEditBlock()
        previous_page = _page(layout.frameBoundingRect(table).bottom() - 1, page_height)


def _add_header(table: Any, header: Any) -> None:
    """Copy the column header row (text and formats) above this table's row."""
    from PySide6.QtGui import QTextCursor

    table.insertRows(0, 1)
    for column in range(table.columns()):
        source = header.cellAt(0, column)
        cursor = QTextCursor(source.firstCursorPosition())
        cursor.setPosition(source.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
        target = table.cellAt(0, column)
        target.setFormat(source.format())
        target.firstCursorPosition().insertFragment(cursor.selection())


def _stop_if(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise ExportCancelled()


def _page(y: float, page_height: float) -> int:
    return int(y // page_height)
