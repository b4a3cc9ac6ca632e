"""CSV round-trips through csv.reader; the text listing reads in rewrite order."""

from __future__ import annotations

import csv
import io
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from retold import compare
from retold.engine.model import Comparison
from retold.report.csv_report import HEADER, render_csv
from retold.report.export import write_report
from retold.report.meta import ReportInfo
from retold.report.text import render_text, wrap_long


def test_csv_round_trips(comparison: Comparison) -> None:
    rows = list(csv.reader(io.StringIO(render_csv(comparison), newline="")))
    assert tuple(rows[0]) == HEADER
    body = rows[1:]
    assert len(body) == len(comparison.links)
    moved = body[2]
    assert moved[1:6] == ["edited", "yes", "0.860", "5", "3"]
    o_start, o_end = comparison.original.sentences[4].span
    assert moved[6] == f"{o_start}-{o_end}"
    assert moved[8] == comparison.original.text[o_start:o_end]
    # Markup and commas in article text survive quoting.
    assert body[6][8] == comparison.original.sentence_text(5)
    assert body[4][1] == "removed" and body[4][5] == "" and body[4][9] == ""


def test_csv_file_has_a_bom_for_excel(comparison: Comparison, tmp_path: Path) -> None:
    target = tmp_path / "links.csv"
    write_report(comparison, "csv", target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "index" and "“relieved”" in rows[3][8]


def test_csv_cells_that_look_like_formulas_stay_text() -> None:
    original = '=HYPERLINK("http://x.invalid", "Click") is what the page said.\n\nA plain line.'
    rewrite = "@SUM(A1:A9) was added here.\n\nA plain line."
    rows = list(csv.reader(io.StringIO(render_csv(compare(original, rewrite)))))
    cells = [cell for row in rows[1:] for cell in row[8:10] if cell]
    assert "'=HYPERLINK" in " ".join(cells) and "'@SUM" in " ".join(cells)
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert "A plain line." in cells  # ordinary text is untouched


def test_text_listing(comparison: Comparison) -> None:
    info = ReportInfo(datetime(2025, 1, 2, tzinfo=UTC), "9.9.9")
    text = render_text(comparison, info)
    assert "Compared 2025-01-02 00:00 UTC with Retold 9.9.9" in text
    assert "Original reused 90%" in text
    headings = [line for line in text.splitlines() if line[:1].isdigit() and ". " in line[:4]]
    assert [h.split()[1] for h in headings] == [
        "IDENTICAL", "REWORDED", "EDITED", "EDITED", "REMOVED", "ADDED", "IDENTICAL"
    ]  # fmt: skip
    assert "(moved: from original sentence 5)" in headings[2]
    assert "[-“relieved”-]" in text and "{+flooding+}" in text
    hidden = render_text(comparison, info, hide_boilerplate=True)
    assert "Staff Writer" not in hidden


def test_text_listing_of_a_long_word_is_wrapped_whole_in_linear_time() -> None:
    """textwrap re-slices a long word for each line; a 5 MB word took minutes."""

    def listing(n: int) -> tuple[str, float]:
        word = ("abcdefghij" * (n // 10))[:n]
        c = compare(word, "A short rewrite.")
        info = ReportInfo(datetime(2026, 1, 1, tzinfo=UTC), "1.0", None)
        best = float("inf")
        for _ in range(3):  # processor time, best of three: steady on a loaded machine
            started = time.process_time()
            text = render_text(c, info)
            best = min(best, time.process_time() - started)
        return text, best

    text, small = listing(50_000)
    lines = text.splitlines()
    first = next(k for k, line in enumerate(lines) if line.startswith("   - original"))
    row = [lines[first]]
    row += [line for line in lines[first + 1 :] if line.startswith("      ")][:600]
    assert all(len(line) <= 100 for line in row)
    assert ("abcdefghij" * 5_000) in "".join(line.strip() for line in row)
    _, large = listing(200_000)
    assert large < 8 * max(small, 1e-4)  # linear is 4 times; quadratic was 16


@given(
    st.lists(st.integers(1, 260), max_size=10),
    st.sampled_from(["   - original 1: ", "   + rewrite 12-14: ", "   "]),
)
def test_long_words_wrap_as_textwrap_wraps_them(sizes: list[int], initial: str) -> None:
    words = [chr(ord("a") + k % 26) * n for k, n in enumerate(sizes)]
    expected = textwrap.wrap(
        " ".join(words),
        100,
        initial_indent=initial,
        subsequent_indent="      ",
        break_on_hyphens=False,
    ) or [initial]
    assert wrap_long(words, 100, initial, "      ") == expected
