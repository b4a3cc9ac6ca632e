"""PDF text via pypdf, page by page, within a page cap and a wall-clock budget.

pypdf has had endless loops and assorted crashes on malformed files, so every exception it
raises becomes an ExtractionError and the time is checked between pages. So is ``cancelled``:
a long PDF stops within a page of the user's Cancel (ReadingCancelled).
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import pypdf
from pypdf.errors import DependencyError, FileNotDecryptedError

from retold.sources.encoding import binary_kind
from retold.sources.extracted import Extracted, clean_metadata
from retold.sources.model import ExtractionError, ReadingCancelled
from retold.sources.pdf_text import pages_to_text

# pypdf logs what it repairs; without a handler Python would print that on stderr (in the
# middle of `retold compare` output). An application that sets up logging still receives it.
logging.getLogger("pypdf").addHandler(logging.NullHandler())


@dataclass(frozen=True, slots=True)
class PdfLimits:
    max_pages: int = 2000
    budget_seconds: float = 60.0


def _open(data: bytes, label: str) -> pypdf.PdfReader:
    if b"%PDF" not in data[:1024]:
        kind = binary_kind(data)
        what = f"it looks like {kind}" if kind else "it does not start like a PDF"
        raise ExtractionError(f"{label} is not a PDF file: {what}.")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("password required")
        len(reader.pages)  # forces the page tree to load, where damaged files fail
    except FileNotDecryptedError as error:
        raise ExtractionError(
            f"{label} is protected with a password; save an unprotected copy and open that."
        ) from error
    except DependencyError as error:  # pypdf decrypts AES with "cryptography": a build without it
        raise ExtractionError(
            f"{label} is encrypted in a way this build of Retold cannot open; "
            "save or print it as a new PDF and open that."
        ) from error
    except Exception as error:  # any failure inside pypdf means a damaged file to us
        raise ExtractionError(f"{label} is damaged: Retold cannot read it as a PDF.") from error
    return reader


def _page_texts(
    reader: pypdf.PdfReader, label: str, limits: PdfLimits, cancelled: Callable[[], bool] | None
) -> list[str]:
    count = len(reader.pages)
    if count > limits.max_pages:
        raise ExtractionError(
            f"{label} has {count} pages; Retold reads PDFs of up to {limits.max_pages} pages."
        )
    deadline = time.monotonic() + limits.budget_seconds
    texts = []
    for number, page in enumerate(reader.pages, start=1):
        if cancelled is not None and cancelled():
            raise ReadingCancelled(f"Reading {label} was cancelled at page {number} of {count}.")
        if time.monotonic() > deadline:
            raise ExtractionError(
                f"{label} took more than {limits.budget_seconds:.0f} seconds to read "
                f"(stopped at page {number}); the file may be damaged."
            )
        try:
            texts.append(page.extract_text() or "")
        except Exception as error:
            raise ExtractionError(f"{label} is damaged: page {number} cannot be read.") from error
    return texts


def _metadata(reader: pypdf.PdfReader) -> dict[str, str]:
    try:
        info = reader.metadata
        if info is None:
            return {}
        created = info.creation_date
        return clean_metadata(
            {
                "title": info.title,
                "author": info.author,
                "date": created.isoformat() if created else None,
            }
        )
    except Exception:  # metadata is a nicety: a damaged info dictionary must not stop reading
        return {}


def read_pdf(
    data: bytes,
    label: str,
    limits: PdfLimits = PdfLimits(),
    cancelled: Callable[[], bool] | None = None,
) -> Extracted:
    reader = _open(data, label)
    pages = _page_texts(reader, label, limits, cancelled)
    text = pages_to_text(pages)
    if not text.strip():
        raise ExtractionError(
            f"{label} has no text layer; it may be a scanned image. "
            "Retold cannot read scanned PDFs."
        )
    return Extracted(text, None, {**_metadata(reader), "pages": str(len(pages))})
