"""Triage and find weigh the words alone, whatever the sentence model's default, and say so."""

from __future__ import annotations

from retold.archive.find import FindResult
from retold.archive.results import to_text
from retold.batch.assess import EVIDENCE_LINE, AssessOptions
from retold.batch.formats import render_html, render_text
from retold.engine.compare import compare
from tests.batch.test_formats import REPORT


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
