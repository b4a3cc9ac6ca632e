"""Triage and find weigh the words alone, whatever the sentence model's default, and say so."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import jsonschema

from retold.archive.find import FindResult
from retold.archive.results import to_text
from retold.batch.assess import EVIDENCE_LINE, AssessOptions, evidence_line
from retold.batch.formats import render_csv, render_html, render_text
from retold.batch.records import Assessment, SourceRecord
from retold.batch.triage import triage
from retold.engine.compare import compare
from tests.batch.test_formats import REPORT
from tests.batch.test_triage import SCHEMA


def test_the_comparisons_triage_makes_are_lexical() -> None:
    options = AssessOptions().compare
    original = "The council closed the ferry terminal. Repairs had grown too costly."
    rewrite = "Councillors shut the ageing terminal. Fixing it cost far too much."
    assert compare(original, rewrite, options).options["evidence"] == "lexical"


def test_text_and_html_state_the_lexical_evidence() -> None:
    assert "\nEvidence: lexical (the words each suspect shares" in render_text(REPORT)
    assert "<br>Evidence: lexical (the words each suspect shares" in render_html(REPORT)


def test_find_states_the_lexical_evidence_when_it_found_something() -> None:
    found = FindResult("s.txt", "/x/s.txt", "ab" * 32, matches=REPORT.rows[:1])
    nothing = FindResult("t.txt", "/x/t.txt", "cd" * 32)
    assert EVIDENCE_LINE in to_text([found, nothing])
    assert EVIDENCE_LINE not in to_text([nothing])


def test_every_triage_row_names_its_evidence_in_json_and_csv(
    original: SourceRecord, texts: Path
) -> None:
    report = triage(original, [texts / "heavy.txt", texts / "missing.txt"])
    data = report.to_dict()
    jsonschema.validate(data, SCHEMA)
    compared, failed = data["suspects"]
    assert compared["evidence"] == "lexical"
    assert "error" in failed and "evidence" not in failed  # no comparison, so no evidence
    rows = list(csv.DictReader(io.StringIO(render_csv(report))))
    assert [row["evidence"] for row in rows] == ["lexical", ""]
    assert Assessment.from_dict(compared) == report.rows[0]  # read back, evidence and all


def test_a_row_with_other_evidence_would_be_named_in_the_report_line() -> None:
    """Should a caller rank with the model's comparisons, the text says so rather than
    "lexical" (the line is made from the rows, not assumed)."""
    rows = [replace(REPORT.rows[0], evidence="lexical + a model 1"), REPORT.rows[1]]
    assert evidence_line(rows).startswith("Evidence: lexical + a model 1 (the words, and ")
    assert evidence_line(REPORT.rows) == EVIDENCE_LINE
