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
