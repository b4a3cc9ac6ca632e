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
from retold.report.rows import numbering, plain, report_rows, set_by_hand

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
    "furniture",
    "facts",
)


def render_csv(comparison: Comparison, *, hide_boilerplate: bool = False) -> str:
    """CSV text without the BOM (files get one on encoding); sentence numbers are 1-based.

    Lines of page furniture have rows of their own, in place, with their kind in ``furniture``
    (left out with ``hide_boilerplate``); ``facts`` lists the facts a link changed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    o_numbers, r_numbers = numbering(comparison.original), numbering(comparison.rewrite)
    for row in report_rows(comparison, hide_boilerplate=hide_boilerplate):
        link = row.link
        writer.writerow(
            (
                row.number,
                link.kind.value,
                "yes" if link.moved else "no",
                f"{link.similarity:.3f}",
                _numbers(link.original_sentences, o_numbers),
                _numbers(link.rewrite_sentences, r_numbers),
                _spans(link.original),
                _spans(link.rewrite),
                _inert(plain(row.original)),
                _inert(plain(row.rewrite)),
                "yes" if row.boilerplate else "no",
                "yes" if set_by_hand(link) else "no",
                row.furniture,
                _inert("; ".join(f"{fact.kind}: {fact.note}" for fact in link.facts)),
            )
        )
    return out.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _numbers(indices: tuple[int, ...], numbers: tuple[int, ...]) -> str:
    """Sentence numbers as a person counts them (two clauses of one sentence: one number)."""
    return " ".join(str(n) for n in dict.fromkeys(numbers[i] for i in indices))


def _spans(spans: tuple[Span, ...]) -> str:
    """Half-open code-point offsets, e.g. "0-42 43-97"."""
    return " ".join(f"{start}-{end}" for start, end in spans)
