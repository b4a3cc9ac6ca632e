"""Fixtures that write real PDF files with Qt, as the app's own reports do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

PdfMaker = Callable[..., Path]


@pytest.fixture
def make_pdf(qapp: object, tmp_path: Path) -> PdfMaker:
    """make_pdf(name, pages, header=None, numbered=False, image_only=False) -> path."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter, QTextDocument

    def make(
        name: str,
        pages: list[str],
        *,
        header: str | None = None,
        numbered: bool = False,
        image_only: bool = False,
    ) -> Path:
        path = tmp_path / name
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
        writer.setResolution(72)
        painter = QPainter(writer)
        for number, body in enumerate(pages, start=1):
            if number > 1:
                writer.newPage()
            if image_only:
                image = QImage(200, 100, QImage.Format.Format_RGB32)
                image.fill(QColor("steelblue"))
                painter.drawImage(QRectF(20, 40, 200, 100), image)
                continue
            if header:
                painter.drawText(20, 20, header)
            document = QTextDocument()
            document.setTextWidth(380)
            document.setPlainText(body)
            painter.save()
            painter.translate(20, 40)
            document.drawContents(painter)
            painter.restore()
            if numbered:
                painter.drawText(190, 570, f"Page {number} of {len(pages)}")
        painter.end()
        return path

    return make


@pytest.fixture
def make_paged_pdf(qapp: object, tmp_path: Path) -> Callable[[str, list[str], str], Path]:
    """make_paged_pdf(name, paragraphs, header) -> path: flowed over as many pages as it takes,
    with a running header and "Page n of m" on every page, as a browser's "Print to PDF" does."""
    from html import escape

    from PySide6.QtCore import QRectF, QSizeF
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter, QTextDocument

    def make(name: str, paragraphs: list[str], header: str) -> Path:
        path = tmp_path / name
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
        writer.setResolution(72)
        body = QSizeF(380, 480)
        document = QTextDocument()
        document.setPageSize(body)
        document.setHtml("".join(f"<p>{escape(p)}</p>" for p in paragraphs))
        pages = document.pageCount()
        painter = QPainter(writer)
        for page in range(pages):
            if page:
                writer.newPage()
            painter.drawText(20, 20, header)
            painter.save()
            painter.translate(20, 40 - page * body.height())
            # A line across the page edge lands in both pages' text (clipped), as Qt prints.
            document.drawContents(painter, QRectF(0, page * body.height(), 380, body.height()))
            painter.restore()
            painter.drawText(190, 570, f"Page {page + 1} of {pages}")
        painter.end()
        return path

    return make
