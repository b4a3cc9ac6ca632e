"""The triage report's CSV, text and HTML forms."""

from __future__ import annotations

import csv
import io
from contextlib import redirect_stderr
from pathlib import Path

from retold.batch.formats import format_for, render, render_csv, render_html, render_text
from retold.batch.records import Assessment, SourceRecord
from retold.batch.triage import TriageReport
from retold.cli import main
from retold.sources.loader import rounded_size

ORIGINAL = SourceRecord("story.txt", "/news/story.txt", "ab" * 32, "text", None)
ROWS = (
    Assessment("=cmd.txt", "/x/=cmd.txt", "cd" * 32, 0.91, True, 0.8, 0.1, 0.4, 23, 9, 2),
    Assessment("<b>.txt", "/x/<b>.txt", "ef" * 32, 0.12, False, 0.05, 0.9, 0.0, 0, 1, 0),
    Assessment.failed(SourceRecord.failed("gone.txt", "/x/gone.txt", "“gone.txt” is empty.")),
)
REPORT = TriageReport(ORIGINAL, ROWS)


def test_csv_rows_in_rank_order_with_formulas_made_inert() -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(REPORT))))
    assert [r["rank"] for r in rows] == ["1", "2", "3"]
    assert rows[0]["name"] == "'=cmd.txt"  # a spreadsheet shows it, never runs it
    assert rows[0]["derived"] == "yes" and rows[1]["derived"] == "no"
    assert rows[2]["error"] == "“gone.txt” is empty." and rows[2]["score"] == ""
    assert render(REPORT, "csv", to_file=True).startswith(b"\xef\xbb\xbf")  # for Excel
    assert not render(REPORT, "csv", to_file=False).startswith(b"\xef\xbb\xbf")


def test_text_names_every_row_and_its_error() -> None:
    text = render_text(REPORT)
    assert "3 suspects: 1 derived from the original, 1 could not be read" in text
    assert "derived" in text and "0.91" in text and "23" in text
    assert "/x/gone.txt: “gone.txt” is empty." in text


def test_html_escapes_names_and_draws_a_bar_per_row() -> None:
    page = render_html(REPORT)
    assert "<b>.txt" not in page and "&lt;b&gt;.txt" in page
    assert page.count("class='bar'") == 2  # not for the error row
    assert "width:80%" in page and "“gone.txt” is empty." in page


def test_formats_by_extension() -> None:
    assert [format_for(s) for s in (".JSON", ".csv", ".htm", ".txt", ".pdf")] == [
        "json", "csv", "html", "text", None,
    ]  # fmt: skip


def test_one_suspect_is_counted_in_the_singular(tmp_path: Path) -> None:
    report = TriageReport(ORIGINAL, ROWS[2:])
    assert "1 suspect: 0 derived from the original, 1 could not be read" in render_text(report)
    original, suspect = tmp_path / "a.txt", tmp_path / "b.txt"
    original.write_text("The council met on Tuesday. It voted to raise fares.\n", encoding="utf-8")
    suspect.write_text("On Tuesday the council met. Fares will rise.\n", encoding="utf-8")
    target = tmp_path / "t.json"
    err = io.StringIO()
    with redirect_stderr(err):
        assert main(["triage", str(original), str(suspect), "-o", str(target), "-j", "1"]) == 0
    assert f"Wrote the triage of 1 suspect (JSON), {rounded_size(target.stat().st_size)}, to " in (
        err.getvalue()
    )
