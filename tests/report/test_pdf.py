"""The PDF report, checked through pdftotext: content, page numbers, page size, escaping."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from retold.engine.model import Comparison
from retold.report.export import write_report
from retold.report.meta import ReportInfo
from retold.report.pdf import render_pdf
from retold.report.pdf_html import render_pdf_html
from retold.sources.model import Source

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)
INFO = ReportInfo(datetime(2025, 1, 2, tzinfo=UTC), "9.9.9")
PAGE_HEIGHT = 1000.0


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    # Qt draws "fl" and "ff" as ligatures; pdftotext gives them back as single characters.
    return out.stdout.decode("utf-8").replace("ﬂ", "fl").replace("ﬀ", "ff").replace("ﬁ", "fi")


def longer(comparison: Comparison, times: int) -> Comparison:
    """The comparison with its rows repeated: a report of many pages."""
    return Comparison(
        comparison.original,
        comparison.rewrite,
        comparison.links * times,
        comparison.stats,
        comparison.options,
    )


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
        "Page 1 of 2",
        "1.2 KB (1,234 bytes)",
    ):
        assert expected in text, expected


def test_the_legend_stays_on_one_page(shared: Path, tmp_path: Path) -> None:
    """On the seed pair the page used to end under the legend's heading, its table on the next."""
    from retold.api import compare_sources
    from retold.sources.loader import load_source

    seeds = shared / "seeds"
    sources = (
        load_source(seeds / "001_7fbc60f51aee3b8a.txt"),
        load_source(seeds / "000_72ccf2e9ff7e7f58.txt"),
    )
    target = tmp_path / "seed.pdf"
    write_report(compare_sources(*sources), "pdf", target, sources=sources)
    pages = pdf_text(target).split("\f")
    legend = next(page for page in pages if re.search(r"^Legend$", page, re.MULTILINE))
    for words in ("Identical:", "Removed:", "struck through"):
        assert words in legend, words


def test_long_report_numbers_every_page(comparison: Comparison, tmp_path: Path) -> None:
    target = tmp_path / "long.pdf"
    target.write_bytes(render_pdf(longer(comparison, 30), INFO))
    text = pdf_text(target)
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    # The table header is repeated on every page.
    assert all(re.search(r"#\s+Original\s+Rewrite\s+Kind", page) for page in pages)
    # Every row is there once: none is lost or drawn twice where the pages are cut.
    assert text.count("Work starts in March.") == 30


def test_a_row_cut_between_lines_gives_each_line_once(tmp_path: Path) -> None:
    """A sentence longer than a page is cut between its lines; the line above each cut was
    drawn again (hidden by the clip, but its text kept) at the top of the next page."""
    from collections import Counter

    from retold.engine.compare import compare
    from retold.engine.options import CompareOptions

    words = 2500
    original = " ".join(f"o{n:04d}" for n in range(words)) + ".\n\nThe end stays."
    rewrite = " ".join(f"r{n:04d}" for n in range(words)) + ".\n\nThe end stays."
    target = tmp_path / "long-row.pdf"
    write_report(compare(original, rewrite, CompareOptions(semantic=False)), "pdf", target)
    text = pdf_text(target)
    assert text.count("\f") > 3  # the row runs over several pages
    seen = Counter(re.findall(r"\b[or]\d{4}\b", text))
    for side in "or":
        assert [seen[f"{side}{n:04d}"] for n in range(words)] == [1] * words


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


def paginated(comparison: Comparison) -> Any:
    from PySide6.QtGui import QImage

    from retold.report import pdf

    pdf._ensure_gui_application()
    device = QImage(800, 1000, QImage.Format.Format_RGB32)
    return pdf.paginate(render_pdf_html(comparison, INFO), device, 800.0, PAGE_HEIGHT)


def test_rows_are_never_split_across_pages(comparison: Comparison) -> None:
    from PySide6.QtCore import QPointF, Qt

    from retold.report import pdf

    document, layout, pages = paginated(longer(comparison, 20))
    tables = pdf.row_tables(document)
    assert len(layout.rows) == len(tables) - 1 == 20 * len(comparison.links)
    assert len(pages) > 2
    for row in layout.rows:
        assert sum(page.top <= row.top and row.bottom <= page.bottom for page in pages) == 1
    margin = document.documentMargin()
    for number, page in enumerate(pages):
        assert page.header == (number > 0)  # the column header on top of each later page
        lead = margin + layout.header.height if number else 0.0
        assert lead + page.bottom - page.top <= PAGE_HEIGHT - margin
    # Each cut falls where Qt's own hit test goes from one row's table to the next one's.
    starts = {table.firstPosition() for table in tables}
    hit = document.documentLayout().hitTest
    for page in pages[:-1]:
        below = hit(QPointF(400, page.bottom + 0.5), Qt.HitTestAccuracy.FuzzyHit)
        above = hit(QPointF(400, page.bottom - 0.5), Qt.HitTestAccuracy.FuzzyHit)
        start = max(position for position in starts if position <= below)
        assert above < start <= below


def test_pagination_lays_the_report_out_once(comparison: Comparison) -> None:
    """Moving a row to the next page used to be an edit of the document, after which Qt laid
    out all that follows again: once a page, so the time grew as the square of the length.
    Pages are now cut from one layout, and the document is left as it was read."""
    from PySide6.QtGui import QTextDocument

    long = longer(comparison, 20)
    document, _, pages = paginated(long)
    assert len(pages) > 5
    read = QTextDocument()
    read.setHtml(render_pdf_html(long, INFO))
    assert document.revision() == read.revision()  # no edit
    assert document.pageCount() == 1  # laid out as one long page, never paginated by Qt


def test_pdf_time_grows_linearly_with_rows(comparison: Comparison) -> None:
    """Four times the rows take about four times as long (editing the document to paginate
    took eleven to twelve). The sizes alternate and the fastest run of each counts, so that
    load on a shared machine slows both alike or neither."""
    sizes = {30: longer(comparison, 30), 120: longer(comparison, 120)}
    seconds: dict[int, list[float]] = {size: [] for size in sizes}
    for _ in range(5):
        for size, long in sizes.items():
            start = time.perf_counter()
            render_pdf(long, INFO)
            seconds[size].append(time.perf_counter() - start)
    assert min(seconds[120]) / min(seconds[30]) < 8


def test_pdf_time_grows_linearly_with_a_row_of_megabytes() -> None:
    """A sentence eight times longer takes about eight times as long to print (Qt laid a word
    out in time that grew with its square: 0.5 s at 50k characters, 14 s at 400k, and a tall
    row was cut into pages by looking at all its lines for each page). Fastest run of three."""
    from retold.engine.compare import compare

    rewrite = "The harbour town voted on Tuesday."
    reports = {
        size: {
            "word": compare("x" * size, rewrite),
            "words": compare(" ".join(["harbour", "wall"] * (size // 13)), rewrite),
        }
        for size in (25_000, 200_000)
    }
    seconds: dict[tuple[int, str], list[float]] = {}
    for _ in range(3):
        for size, kinds in reports.items():
            for kind, comparison in kinds.items():
                start = time.perf_counter()
                render_pdf(comparison, INFO)
                seconds.setdefault((size, kind), []).append(time.perf_counter() - start)
    for kind in ("word", "words"):
        ratio = min(seconds[200_000, kind]) / min(seconds[25_000, kind])
        assert ratio < 20, (kind, ratio)  # 8 if linear; 64 if it grew with the square


def test_a_cancel_stops_a_long_pdf_between_rows(comparison: Comparison) -> None:
    """The window's Cancel reaches into the pagination, not only the final write."""
    from retold.report.errors import ExportCancelled

    long = longer(comparison, 30)
    asked: list[bool] = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > 3

    with pytest.raises(ExportCancelled):
        render_pdf(long, INFO, cancelled=cancelled)
    assert len(asked) == 4  # stopped at the fourth row, not after laying out every page
