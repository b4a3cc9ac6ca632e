"""Page furniture stands in every report, in place, dimmed and labelled with its kind."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from retold.engine.compare import compare
from retold.engine.model import Comparison
from retold.report.csv_report import render_csv
from retold.report.export import write_report
from retold.report.html import render_html
from retold.report.meta import current_info
from retold.report.rows import report_rows
from retold.report.text import render_text

ORIGINAL = """Subscribe to keep reading
By Maria Ortiz
March 3, 2025, 9:15 a.m. ET
The city council voted on Tuesday to build a new flood barrier along the river.
The barrier will cost 12 million dollars and take three years to finish.
Engineers expect the work to start in the spring of 2026 at the latest.
"""
REWRITE = """The council of the city voted on Tuesday to build a new flood barrier along the river.
The barrier will cost 12 million dollars and will take three years to finish.
Engineers expect that the work will start in the spring of 2026 at the latest.
Share this article
"""


@pytest.fixture
def pair() -> Comparison:
    return compare(ORIGINAL, REWRITE, original_name="original.txt", rewrite_name="rewrite.txt")


def test_each_line_of_furniture_has_a_row_in_place(pair: Comparison) -> None:
    rows = report_rows(pair)
    labels = [row.label for row in rows]
    assert labels[:3] == ["Paywall notice", "Byline", "Dateline"]
    assert labels[-1] == "Sharing"
    assert all(row.boilerplate for row in rows if row.furniture)
    assert [row.number for row in rows] == list(range(1, len(rows) + 1))
    hidden = report_rows(pair, hide_boilerplate=True)
    assert not any(row.furniture for row in hidden) and len(hidden) == len(rows) - 4


def test_text_report_labels_furniture_and_says_what_it_left_out(pair: Comparison) -> None:
    text = render_text(pair, current_info())
    assert "1. PAYWALL NOTICE  [page furniture, not compared]" in text
    assert "2. BYLINE" in text and "By Maria Ortiz" in text
    assert "the original 3 lines (1 paywall notice, 1 byline, 1 dateline)" in text
    hidden = render_text(pair, current_info(), hide_boilerplate=True)
    assert "BYLINE" not in hidden and "Share this article" not in hidden  # the warning quotes it
    assert "left out of this report: 4 lines" in hidden


class _Rows(HTMLParser):
    """The alignment's rows: (class attribute, text of the kind cell)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, str]] = []
        self._cell: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tr" and "row" in (found.get("class") or "").split():
            self.rows.append((found.get("class") or "", ""))
        if tag == "td" and found.get("class") == "kind":
            self._cell = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1] = (self.rows[-1][0], self._cell)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell += data


def test_html_rows_of_furniture_are_dimmed_and_labelled(pair: Comparison) -> None:
    parser = _Rows()
    parser.feed(render_html(pair, current_info()))
    furniture = [(css, kind) for css, kind in parser.rows if "Page furniture" in kind or
                 "page furniture" in kind]  # fmt: skip
    assert [kind.split("page")[0] for _css, kind in furniture] == [
        "Paywall notice",
        "Byline",
        "Dateline",
        "Sharing",
    ]
    assert all("boilerplate" in css.split() for css, _kind in furniture)
    hidden = render_html(pair, current_info(), hide_boilerplate=True)
    parser = _Rows()
    parser.feed(hidden)
    assert len(parser.rows) == len(report_rows(pair)) - 4
    assert "4 lines of page furniture are left out (3 of the original, 1 of the rewrite)" in hidden


def test_csv_names_the_kind_of_each_line(pair: Comparison) -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(pair))))
    kinds = [(r["furniture"], r["boilerplate"]) for r in rows if r["furniture"]]
    assert kinds == [(k, "yes") for k in ("paywall notice", "byline", "dateline", "sharing")]
    assert rows[1]["original_text"] == "By Maria Ortiz" and rows[1]["original_sentences"] == "2"
    hidden = list(csv.DictReader(io.StringIO(render_csv(pair, hide_boilerplate=True))))
    assert not any(r["furniture"] for r in hidden) and all(r["boilerplate"] == "no" for r in hidden)


def _pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run([tool, str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())  # lines wrap where the page is narrow


def test_pdf_shows_furniture_unless_hidden(pair: Comparison, tmp_path: Path) -> None:
    write_report(pair, "pdf", tmp_path / "a.pdf")
    text = _pdf_text(tmp_path / "a.pdf")
    assert "By Maria Ortiz" in text and "Paywall" in text and "Share this article" in text
    write_report(pair, "pdf", tmp_path / "b.pdf", hide_boilerplate=True)
    hidden = _pdf_text(tmp_path / "b.pdf")
    assert "not compared" not in hidden and "Share this article" not in hidden
    assert "4 lines of page furniture left out" in hidden


def test_the_dropped_byline_and_dateline_are_stated(pair: Comparison) -> None:
    kinds = {w.kind for w in pair.warnings}
    assert {"byline_dropped", "dateline_dropped"} <= kinds
    text = render_text(pair, current_info())
    assert "The rewrite drops the original's byline (“By Maria Ortiz”)." in text
