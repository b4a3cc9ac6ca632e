"""PDF files written by Qt: running headers, page numbers, ligatures, hyphenation, damage."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from retold.sources.loader import load_source
from retold.sources.model import ExtractionError
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
