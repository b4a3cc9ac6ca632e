"""The PDF report, laid out and printed by Qt (the only report module that imports Qt).

``QTextDocument`` lays the Qt-subset HTML out once, as one long page; ``pdf_pages`` cuts it into
pages between rows, and a ``QPdfWriter`` prints each page's slice, under the column header on
pages after the first, with a footer that gives its number. Qt embeds the fonts it uses.
Qt is imported inside the functions: importing this module stays cheap.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Callable
from typing import Any, NamedTuple

from retold.engine.model import Comparison
from retold.report.errors import ExportCancelled, ExportError
from retold.report.meta import ReportInfo
from retold.report.pdf_html import COLUMN_LABELS, render_pdf_html
from retold.report.pdf_pages import Box, Layout, Page, plan_pages

MARGINS_MM = (15.0, 14.0, 15.0, 14.0)  # left, top, right, bottom
RESOLUTION = 300  # dots per inch of the PDF's layout grid
FOOTER_PT = 8
EDGE = 1 / 16  # device pixels: more than Qt's 1/64 rounding of a position
OFF_PAGE = 1e5  # device pixels: where a line Qt draws though the clip hides it is drawn

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
    """Each page: the header if it has one, its slice of the document, then the footer."""
    from PySide6.QtCore import QRectF, Qt

    area = painter.viewport()
    footer_height = RESOLUTION * FOOTER_PT * 2.2 / 72  # two lines of footer text
    page_height = area.height() - footer_height
    document, layout, pages = paginate(html, writer, area.width(), page_height, cancelled)
    footer_font = exact_font()
    footer_font.setPointSizeF(FOOTER_PT)
    footer = QRectF(0, page_height, area.width(), footer_height)
    bottom = Qt.AlignmentFlag.AlignBottom
    for number, page in enumerate(pages):
        _stop_if(cancelled)
        if number:
            writer.newPage()
        y = document.documentMargin() if number else 0.0  # the first slice holds its margin
        if page.header:
            y = _draw_slice(document, painter, layout.header, y)
        _draw_slice(document, painter, Box(page.top, page.bottom), y)
        painter.setFont(footer_font)
        painter.drawText(footer, bottom | Qt.AlignmentFlag.AlignLeft, title)
        text = f"Page {number + 1} of {len(pages)}"
        painter.drawText(footer, bottom | Qt.AlignmentFlag.AlignRight, text)


def _draw_slice(document: Any, painter: Any, part: Box, y: float) -> float:
    """Draw ``part`` of the document with its top at ``y``; the y below it.

    A PDF keeps the text of a line drawn outside the clip, and Qt draws a line that starts
    exactly where the clip ends: so Qt is told of a clip a hair shorter, and a row cut between
    lines does not give its next page's first line twice to a search. Qt also draws the last
    line of a paragraph that ends above the clip (``QTextLayout::draw`` starts from it): in a
    paragraph cut at the top of ``part``, that line is moved off the page (far to the left)
    while the slice is drawn, where text extraction and search leave it out.
    """
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QAbstractTextDocumentLayout

    width = document.textWidth()
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = QRectF(0, part.top, width, part.height - EDGE)
    painter.save()
    painter.translate(0, y - part.top)
    painter.setClipRect(QRectF(0, part.top, width, part.height))
    moved = _move_off_page(document, part.top)
    try:
        document.documentLayout().draw(painter, context)
    finally:
        for line, place in moved:
            line.setPosition(place)
        painter.restore()
    return y + part.height


def _move_off_page(document: Any, y: float) -> list[tuple[Any, Any]]:
    """Move the lines Qt would draw above ``y`` in the paragraphs cut at ``y`` (those of the
    row that holds it: a paragraph per cell) far to the left; each line and where it was."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QTextCursor

    layout = document.documentLayout()
    cursor = QTextCursor(document)
    x = document.textWidth() / 2  # in a cell of the row, not in the margin beside it
    cursor.setPosition(max(layout.hitTest(QPointF(x, y), Qt.HitTestAccuracy.FuzzyHit), 0))
    table = cursor.currentTable()
    start, end = (
        (table.firstPosition(), table.lastPosition()) if table else (cursor.position(),) * 2
    )
    moved = []
    block = document.findBlock(start)
    while block.isValid() and block.position() <= end:
        text = block.layout()
        top = layout.blockBoundingRect(block).top() - text.boundingRect().top()

        def bottom(index: int, text: Any = text, top: float = top) -> float:
            line = text.lineAt(index)
            return float(top + line.y() + line.height())

        below = bisect_right(range(text.lineCount()), y, key=bottom)  # the first line below y
        if text.lineCount() and bottom(text.lineCount() - 1) >= y:  # it reaches y
            # Qt starts from the last line ending before the clip, and draws any touching it.
            for index in range(below - 1, -1, -1):
                line = text.lineAt(index)
                place = line.position()
                moved.append((line, place))
                line.setPosition(QPointF(place.x() - OFF_PAGE, place.y()))
                if bottom(index) < y:
                    break
        block = block.next()
    return moved


class Pagination(NamedTuple):
    document: Any  # the QTextDocument, laid out once as one long page
    layout: Layout  # where its parts lie
    pages: list[Page]


def paginate(
    html: str,
    device: Any,
    width: float,
    page_height: float,
    cancelled: Callable[[], bool] = lambda: False,
) -> Pagination:
    """``html`` laid out on ``device`` and cut into pages ``page_height`` high."""
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDefaultFont(exact_font())
    document.setHtml(html)
    document.setTextWidth(width)  # no page height: Qt lays it out once, with no page breaks
    layout = _measure(document, cancelled)
    return Pagination(document, layout, plan_pages(layout, page_height, document.documentMargin()))


LIGATURES = ("liga", "clig", "dlig", "hlig")  # OpenType features that join letters (ﬀ, ﬁ)


def exact_font() -> Any:
    """The report's font with ligatures off, so that text copies out of the PDF as it was
    written: with them, "ff" in a file name copies out as the single character "ﬀ"."""
    from PySide6.QtGui import QFont

    font = QFont("DejaVu Sans")
    for tag in LIGATURES:
        font.setFeature(QFont.Tag(tag), 0)
    return font


def row_tables(document: Any) -> list[Any]:
    """The alignment's tables: the column header first, then one per row."""
    from PySide6.QtGui import QTextTable

    tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    return [table for table in tables if table.columns() == len(COLUMN_LABELS)]


def _measure(document: Any, cancelled: Callable[[], bool]) -> Layout:
    """Where the intro, the header and each row lie (Qt lays out as far as it is asked)."""
    layout = document.documentLayout()
    tables = row_tables(document)
    boxes: list[Any] = []
    for table in tables:
        _stop_if(cancelled)
        boxes.append(layout.frameBoundingRect(table))
    # Qt's box of a table starts where its first cell's text does, below the table's top edge
    # by the cell's border and padding: the same for every row, so measured on the header and
    # on the first row, and taken off.
    shifts = [_offset(layout, table, box) for table, box in zip(tables[:2], boxes, strict=False)]
    header = Box(boxes[0].top() - shifts[0], boxes[0].bottom() - shifts[0])
    rows = [Box(box.top() - shifts[-1], box.bottom() - shifts[-1]) for box in boxes[1:]]
    # Text positions bounding each part: the intro, then each row table.
    bounds = [0, *(table.firstPosition() for table in tables[1:]), document.characterCount()]

    def lines(index: int) -> list[Box]:
        return _text_lines(document, bounds[index], bounds[index + 1])

    intro = Box(0.0, rows[0].top if rows else header.bottom)
    return Layout(intro, header, rows, lines, _sections(document, bounds[1], header.top))


def _sections(document: Any, end: int, header_top: float) -> list[Box]:
    """What the intro keeps together: each section, from its heading to the next one (the
    last ends at the column header), and each heading with the line below it."""
    from PySide6.QtGui import QTextCursor

    headings = []  # each section's heading line, and the line below it
    block = document.begin()
    while block.isValid() and block.position() < end:
        if block.blockFormat().headingLevel() == 2 and QTextCursor(block).currentTable() is None:
            heading = _text_lines(document, block.position(), block.position() + 1)
            below = _text_lines(document, block.next().position(), block.next().position() + 1)
            if heading:
                headings.append(Box(heading[0].top, (below or heading)[0].bottom))
        block = block.next()
    tops = [heading.top for heading in headings]
    ends = [*tops[1:], header_top]
    return [Box(top, bottom) for top, bottom in zip(tops, ends, strict=True)] + headings


def _offset(layout: Any, table: Any, box: Any) -> float:
    """How far below the table's top edge Qt's box of it starts: the edge is where Qt's hit
    test starts to place a point inside the table, searched for by halving."""
    from PySide6.QtCore import QPointF, Qt

    top: float = box.top()
    above, inside = top - box.height(), top
    while inside - above > 1 / 256:
        middle = (above + inside) / 2
        hit = layout.hitTest(QPointF(box.center().x(), middle), Qt.HitTestAccuracy.FuzzyHit)
        above, inside = (above, middle) if hit >= table.firstPosition() else (middle, inside)
    return top - round(inside * 64) / 64  # Qt keeps positions in 64ths of a pixel


def _text_lines(document: Any, start: int, end: int) -> list[Box]:
    """The extent of every line of text from position ``start`` to ``end``."""
    layout = document.documentLayout()
    lines = []
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        text = block.layout()
        top = layout.blockBoundingRect(block).top() - text.boundingRect().top()
        for index in range(text.lineCount()):
            line = text.lineAt(index)
            lines.append(Box(top + line.y(), top + line.y() + line.height()))
        block = block.next()
    return lines


def _stop_if(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise ExportCancelled()
