"""A clause after a semicolon stays in its sentence wherever a person reads sentence numbers."""

from __future__ import annotations

import csv
import io

from retold.engine.compare import compare
from retold.report.csv_report import render_csv
from retold.report.meta import current_info, source_facts
from retold.report.rows import numbering, report_rows, sentence_numbers
from retold.report.text import render_text

ORIGINAL = "The council met on Monday.\nIt approved the budget for the coming year.\n"
REWRITE = (
    "The council met on Monday.\n"
    "Critics doubt the plan will work in the end; however, supporters say it is the best hope.\n"
    "It approved the budget for the coming year.\n"
)


def test_the_clause_keeps_its_sentences_number() -> None:
    comparison = compare(ORIGINAL, REWRITE)
    assert len(comparison.rewrite.sentences) == 4  # the engine aligns the clauses apart
    assert numbering(comparison.rewrite) == (1, 2, 2, 3)
    assert sentence_numbers((1, 2, 3), numbering(comparison.rewrite)) == "2–3"
    assert dict(source_facts(comparison.rewrite, None))["Sentences"] == "3"


def test_added_clauses_of_one_sentence_make_one_row() -> None:
    comparison = compare(ORIGINAL, REWRITE)
    added = [row for row in report_rows(comparison) if row.link.kind.value == "added"]
    assert len(added) == 1 and added[0].rewrite_where == "2"
    assert "".join(p.text for p in added[0].rewrite).startswith("Critics doubt")
    assert "however, supporters say" in "".join(p.text for p in added[0].rewrite)
    text = render_text(comparison, current_info())
    assert "+ rewrite 2: Critics doubt the plan will work in the end; however," in text
    assert "rewrite 3: It approved" in text
    rows = list(csv.DictReader(io.StringIO(render_csv(comparison))))
    assert [r["rewrite_sentences"] for r in rows] == ["1", "2", "3"]
