"""The PDF report, laid out and printed by Qt (the only report module that imports Qt).

``QTextDocument`` paginates the Qt-subset HTML (repeating the table header on each page) and a
``QPdfWriter`` prints it page by page, so that each page gets a footer with its number. Qt embeds
the fonts it uses. Qt is imported inside the functions: importing this module stays cheap.
"""

from __future__ import annotations

import os
from typing import Any

from retold.engine.model import Comparison
from retold.report.errors import ExportError
from retold.report.meta import ReportInfo
from retold.report.pdf_html import render_pdf_html

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
) -> bytes:
    _ensure_gui_application()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    html = render_pdf_html(comparison, info, hide_boilerplate=hide_boilerplate)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    title = f"Retold: {comparison.original.name} → {comparison.rewrite.name}"
    _print(html, buffer, page_size, title)
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


def _print(html: str, device: Any, page_size: str, title: str) -> None:
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

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
        area = painter.viewport()
        footer_height = RESOLUTION * FOOTER_PT * 2.2 / 72  # two lines of footer text
        page_height = area.height() - footer_height
        document = QTextDocument()
        document.documentLayout().setPaintDevice(writer)
        document.setHtml(html)
        document.setPageSize(QSizeF(area.width(), page_height))
        pages = document.pageCount()
        footer_font = QFont("DejaVu Sans")
        footer_font.setPointSizeF(FOOTER_PT)
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * page_height)
            document.drawContents(painter, QRectF(0, page * page_height, area.width(), page_height))
            painter.restore()
            painter.setFont(footer_font)
            footer = QRectF(0, page_height, area.width(), footer_height)
            painter.drawText(
                footer, Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft, title
            )
            painter.drawText(
                footer,
                Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignRight,
                f"Page {page + 1} of {pages}",
            )
    finally:
        painter.end()
