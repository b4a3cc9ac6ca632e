"""The links as CSV, one row per link in reading order, for spreadsheets.

Written as UTF-8 with a byte-order mark: Excel reads BOM-less CSV as the local code page and
garbles curly quotes and accents; LibreOffice, pandas (``utf-8-sig``) and Python's csv module
with ``encoding="utf-8-sig"`` all accept the BOM.

Article text that starts like a formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage return)
gets a leading apostrophe, so a spreadsheet shows it as text instead of running it (CSV
injection); the span columns still say exactly which characters each cell holds.
"""

from __future__ import annotations

import csv
import io

from retold.engine.model import Comparison, Span
from retold.report.rows import plain, report_rows, set_by_hand

HEADER = (
    "index",
    "kind",
    "moved",
    "similarity",
    "original_sentences",
    "rewrite_sentences",
    "original_spans",
    "rewrite_spans",
    "original_text",
    "rewrite_text",
    "boilerplate",
    "set_by_hand",  # a person made this link, or took its sentences apart
)


def render_csv(comparison: Comparison, *, hide_boilerplate: bool = False) -> str:
    """CSV text without the BOM (files get one on encoding); sentence numbers are 1-based."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in report_rows(comparison, hide_boilerplate=hide_boilerplate):
        link = row.link
        writer.writerow(
            (
                row.number,
                link.kind.value,
                "yes" if link.moved else "no",
                f"{link.similarity:.3f}",
                " ".join(str(i + 1) for i in link.original_sentences),
                " ".join(str(i + 1) for i in link.rewrite_sentences),
                _spans(link.original),
                _spans(link.rewrite),
                _inert(plain(row.original)),
                _inert(plain(row.rewrite)),
                "yes" if row.boilerplate else "no",
                "yes" if set_by_hand(link) else "no",
            )
        )
    return out.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _spans(spans: tuple[Span, ...]) -> str:
    """Half-open code-point offsets, e.g. "0-42 43-97"."""
    return " ".join(f"{start}-{end}" for start, end in spans)
