"""The PDF report, checked through pdftotext: content, page numbers, page size, escaping."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from retold.engine.model import Comparison
from retold.report.export import write_report
from retold.report.meta import ReportInfo
from retold.report.pdf import render_pdf
from retold.sources.model import Source

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)
INFO = ReportInfo(datetime(2025, 1, 2, tzinfo=UTC), "9.9.9")


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    # Qt draws "fl" and "ff" as ligatures; pdftotext gives them back as single characters.
    return out.stdout.decode("utf-8").replace("ﬂ", "fl").replace("ﬀ", "ff").replace("ﬁ", "fi")


def test_pdf_content(
    comparison: Comparison, sources: tuple[Source, Source], tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    write_report(comparison, "pdf", target, sources=sources)
    assert target.read_bytes().startswith(b"%PDF")
    text = pdf_text(target)
    for expected in (
        "Retold comparison",
        "Legend",
        "Reworded",
        "moved: from",
        "Work starts in March.",
        "<script>alert(1)</script>",  # drawn as text, never interpreted
        "Page 1 of 1",
        "1.2 KB (1,234 bytes)",
    ):
        assert expected in text, expected


def test_long_report_numbers_every_page(comparison: Comparison, tmp_path: Path) -> None:
    long = Comparison(
        comparison.original,
        comparison.rewrite,
        comparison.links * 30,
        comparison.stats,
        comparison.options,
    )
    target = tmp_path / "long.pdf"
    target.write_bytes(render_pdf(long, INFO))
    pages = pdf_text(target).split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    # The table header is repeated on every page.
    assert all("Original" in page and "Rewrite" in page for page in pages)


@pytest.mark.parametrize(("size", "points"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_page_size(
    comparison: Comparison, tmp_path: Path, size: str, points: tuple[int, int]
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(render_pdf(comparison, INFO, page_size=size))
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
    line = next(line for line in info.stdout.splitlines() if line.startswith("Page size"))
    width, height = (round(float(n)) for n in line.split()[2:5:2])
    assert (width, height) == points


def test_fonts_embedded(comparison: Comparison, tmp_path: Path) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts is not installed")
    target = tmp_path / "report.pdf"
    target.write_bytes(render_pdf(comparison, INFO))
    out = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True)
    fonts = out.stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)


def test_rows_are_never_split_across_pages(comparison: Comparison) -> None:
    from PySide6.QtGui import QImage

    from retold.report import pdf
    from retold.report.pdf_html import render_pdf_html

    pdf._ensure_gui_application()
    long = Comparison(
        comparison.original, comparison.rewrite, comparison.links * 20, comparison.stats
    )
    device = QImage(800, 1000, QImage.Format.Format_RGB32)
    page_height = 1000.0
    document = pdf.paginate(render_pdf_html(long, INFO), device, 800.0, page_height)
    layout = document.documentLayout()
    tables = pdf.row_tables(document)
    assert len(tables) == 1 + len(long.links)
    pages_with_rows = set()
    for table in tables[1:]:
        box = layout.frameBoundingRect(table)
        first, last = int(box.top() // page_height), int((box.bottom() - 1) // page_height)
        assert first == last, f"a row straddles pages {first} and {last}"
        if first not in pages_with_rows:  # the first row on a page carries the column header
            pages_with_rows.add(first)
            header = table.cellAt(0, 1).firstCursorPosition().block().text()
            assert header == "Original" or first == int(
                layout.frameBoundingRect(tables[0]).top() // page_height
            )
    assert len(pages_with_rows) > 2


def test_a_cancel_stops_a_long_pdf_between_rows(comparison: Comparison) -> None:
    """The window's Cancel reaches into the pagination, not only the final write."""
    from retold.report.errors import ExportCancelled

    long = Comparison(
        comparison.original, comparison.rewrite, comparison.links * 30, comparison.stats
    )
    asked: list[bool] = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > 3

    with pytest.raises(ExportCancelled):
        render_pdf(long, INFO, cancelled=cancelled)
    assert len(asked) == 4  # stopped at the fourth row, not after laying out every page
