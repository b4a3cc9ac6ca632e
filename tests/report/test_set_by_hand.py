"""Every report marks the links a person set by hand and counts them in its summary."""

from __future__ import annotations

import csv
import io

import pytest

from retold.api import compare_files
from retold.engine.corrections import Action, apply_corrections, correction_for
from retold.engine.model import Comparison, Origin
from retold.report.csv_report import render_csv
from retold.report.html import render_html
from retold.report.meta import current_info
from retold.report.pdf_html import render_pdf_html
from retold.report.text import render_text
from retold.resources import sample_paths


@pytest.fixture(scope="module")
def corrected() -> Comparison:
    """The sample pair with one link made by hand and one taken apart."""
    engine = compare_files(*sample_paths())
    matches = [link for link in engine.links if link.is_match]
    made = correction_for(
        engine, Action.LINK, matches[0].original_sentences, matches[1].rewrite_sentences
    )
    apart = correction_for(
        engine, Action.UNLINK, matches[4].original_sentences, matches[4].rewrite_sentences
    )
    result = apply_corrections(engine, [made, apart])
    assert result.rejected == ()
    return result.comparison


def _manual(comparison: Comparison) -> int:
    return sum(1 for link in comparison.links if link.origin is Origin.MANUAL)


def test_the_fixture_has_three_rows_set_by_hand(corrected: Comparison) -> None:
    assert _manual(corrected) == corrected.stats.manual == 3  # the link, a removed, an added


def test_html_marks_each_row_and_counts_them(corrected: Comparison) -> None:
    html = render_html(corrected, current_info())
    assert html.count('<tr class="row kind-') == len(corrected.links)
    assert html.count(' manual" id="row-') == 3
    assert html.count('<span class="manual-note">set by hand</span></td>') == 3
    assert "<li><b>3</b> Links set by hand</li>" in html
    assert "a person made this link" in html  # the legend says what the mark means


def test_an_uncorrected_report_has_no_such_mark(corrected: Comparison) -> None:
    engine = compare_files(*sample_paths())
    for text in (render_html(engine, current_info()), render_text(engine, current_info())):
        assert "set by hand" not in text.lower()


def test_pdf_text_and_csv_mark_them_too(corrected: Comparison) -> None:
    pdf = render_pdf_html(corrected, current_info())
    assert pdf.count("<i>set by hand</i></b></span>") == 3
    assert "<b>3</b> links set by hand" in pdf
    text = render_text(corrected, current_info())
    assert text.count("  [set by hand]") == 3 and "Links set by hand 3" in text
    # Lines of page furniture have rows of their own, in no link.
    rows = [r for r in csv.DictReader(io.StringIO(render_csv(corrected))) if not r["furniture"]]
    assert sum(row["set_by_hand"] == "yes" for row in rows) == 3
    assert [row["set_by_hand"] == "yes" for row in rows] == [
        link.origin is Origin.MANUAL for link in corrected.links
    ]


def test_the_pdf_counts_one_link_set_by_hand_in_the_singular() -> None:
    engine = compare_files(*sample_paths())
    (match, *_) = [link for link in engine.links if link.is_match]
    made = correction_for(engine, Action.LINK, match.original_sentences, match.rewrite_sentences)
    corrected = apply_corrections(engine, [made]).comparison
    assert corrected.stats.manual == 1
    pdf = render_pdf_html(corrected, current_info())
    assert "<b>1</b> link set by hand" in pdf and "<b>1</b> links" not in pdf
    assert f"<b>{corrected.stats.links}</b> links" in pdf  # more than one stays plural
