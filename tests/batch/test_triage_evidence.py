"""Triage weighs the words alone, whatever the sentence model's default, and says so."""

from __future__ import annotations

from retold.batch.assess import AssessOptions
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
