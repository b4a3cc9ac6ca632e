"""PDF files written by Qt: running headers, page numbers, ligatures, hyphenation, damage."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from retold.gui.loading import Loaded, load_paths
from retold.sources.loader import load_source
from retold.sources.model import ExtractionError, ReadingCancelled
from retold.sources.pdf_reader import PdfLimits, read_pdf

PdfMaker = Callable[..., Path]  # the make_pdf fixture in conftest.py

PAGE_ONE = (
    "The officials met in Nanjing to discuss the financial working group and its efficient "
    "progress on eco-\nnomic matters. The U.S.-China relationship was on the agenda.\n\n"
    "A second paragraph says the final meeting ended early."
)
PAGE_TWO = "Another page continues the report with more text about the meetings."


def test_two_page_report(make_pdf: PdfMaker) -> None:
    path = make_pdf("report.pdf", [PAGE_ONE, PAGE_TWO], header="The Daily Chronicle", numbered=True)
    source = load_source(path)
    assert source.format == "pdf"
    assert source.metadata["pages"] == "2"
    assert source.text == (
        "The officials met in Nanjing to discuss the financial working group and its efficient "
        "progress on economic matters. The U.S.-China relationship was on the agenda.\n\n"
        "A second paragraph says the final meeting ended early.\n\n"
        "Another page continues the report with more text about the meetings."
    )


def test_image_only_pdf_is_called_scanned(make_pdf: PdfMaker) -> None:
    path = make_pdf("scan.pdf", ["", ""], image_only=True)
    with pytest.raises(ExtractionError, match=r"scan\.pdf” has no text layer.*scanned"):
        load_source(path)


def test_truncated_pdf_is_damaged(make_pdf: PdfMaker, tmp_path: Path) -> None:
    whole = make_pdf("whole.pdf", [PAGE_ONE, PAGE_TWO]).read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(ExtractionError, match=r"broken\.pdf"):
        load_source(broken)


def test_garbage_with_pdf_extension(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    with pytest.raises(ExtractionError, match=r"fake\.pdf.*damaged"):
        load_source(path)


def _encrypted(original: Path, user_password: str, algorithm: str) -> Path:
    """A copy of ``original`` encrypted as PDF editors do, with an owner password always."""
    writer = pypdf.PdfWriter(clone_from=original)
    writer.encrypt(user_password, "owner secret", algorithm=algorithm)
    path = original.with_name(f"locked-{algorithm}.pdf")
    with path.open("wb") as stream:
        writer.write(stream)
    return path


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_pdf_with_only_an_owner_password_opens(make_pdf: PdfMaker, algorithm: str) -> None:
    """Restricting printing or copying leaves the user password empty: anyone may read it."""
    path = _encrypted(make_pdf("open.pdf", [PAGE_TWO]), "", algorithm)
    assert load_source(path).text == PAGE_TWO


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_pdf_that_needs_a_password_says_so(make_pdf: PdfMaker, algorithm: str) -> None:
    path = _encrypted(make_pdf("open.pdf", [PAGE_TWO]), "secret", algorithm)
    with pytest.raises(ExtractionError, match=r"locked-.*\.pdf” is protected with a password"):
        load_source(path)


def test_page_cap(make_pdf: PdfMaker) -> None:
    data = make_pdf("long.pdf", [PAGE_ONE, PAGE_TWO]).read_bytes()
    with pytest.raises(ExtractionError, match=r"“long\.pdf” has 2 pages.*up to 1 pages"):
        read_pdf(data, "“long.pdf”", PdfLimits(max_pages=1))


def test_time_budget(make_pdf: PdfMaker) -> None:
    data = make_pdf("slow.pdf", [PAGE_ONE, PAGE_TWO]).read_bytes()
    with pytest.raises(ExtractionError, match=r"took more than -1 seconds.*page 1"):
        read_pdf(data, "“slow.pdf”", PdfLimits(budget_seconds=-1))


@pytest.fixture
def long_pdf(make_pdf: PdfMaker) -> Path:
    """300 pages: pypdf takes seconds to read them all (4.6 s on the 2-core test machine)."""
    return make_pdf("long.pdf", [f"Page {n}. {PAGE_ONE}" for n in range(1, 301)])


def test_cancel_stops_a_long_pdf_at_the_next_page(long_pdf: Path) -> None:
    asked = 0

    def cancelled() -> bool:
        nonlocal asked
        asked += 1
        return asked > 3  # the user cancels while page 3 is read

    with pytest.raises(ReadingCancelled, match=r"“long\.pdf” was cancelled at page 4 of 300"):
        load_source(long_pdf, cancelled=cancelled)
    assert asked == 4


def test_cancelling_the_loading_task_stops_reading_the_pdf(long_pdf: Path) -> None:
    """As the window's loading task runs on a worker thread: a Cancel while the PDF is read
    stops it within a few pages, and the files after it are not read."""
    stop, asked = threading.Event(), threading.Semaphore(0)

    def cancelled() -> bool:
        asked.release()  # once before each file and each page
        return stop.is_set()

    outcome: list[Loaded] = []
    task = threading.Thread(
        target=lambda: outcome.extend(load_paths([long_pdf] * 2, None, cancelled))
    )
    task.start()
    for _ in range(6):  # the first file, then five pages
        assert asked.acquire(timeout=10)
    stop.set()
    started = time.monotonic()
    task.join(10)
    assert time.monotonic() - started < 2  # a page is read in 15 ms, all 300 in 4.6 s
    [loaded] = outcome  # the second file was not read
    stopped = re.search(r"“long\.pdf” was cancelled at page (\d+) of 300", loaded.error or "")
    assert stopped is not None and 6 <= int(stopped[1]) <= 30
