"""Reports and the window say which evidence was used, and which links the model found."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

import retold
from retold.report.html import render_html
from retold.report.json_report import render_json
from retold.report.meta import ReportInfo
from retold.report.pdf_html import render_pdf_html
from retold.report.rows import BY_MODEL
from retold.report.text import render_text
from tests.semantic.test_paraphrase import FIXTURES, LEXICAL, PARAPHRASE

INFO = ReportInfo(datetime(2026, 1, 2, tzinfo=UTC), "0.0.0-test")
CLINIC = next(f for f in FIXTURES if f.name == "clinic")
TEXTS = PARAPHRASE.Fixture.text(CLINIC.original), PARAPHRASE.Fixture.text(CLINIC.rewrite)


@pytest.fixture(scope="module")
def comparisons() -> tuple[retold.Comparison, retold.Comparison]:
    return retold.compare(*TEXTS), retold.compare(*TEXTS, LEXICAL)


def test_every_format_states_the_evidence_and_marks_the_models_links(
    comparisons: tuple[retold.Comparison, retold.Comparison],
) -> None:
    semantic, lexical = comparisons
    found = sum(link.found_by_model for link in semantic.links)
    assert found >= 1
    used = str(semantic.options["evidence"])
    for render in (render_text, render_html, render_pdf_html):
        with_model, without = render(semantic, INFO), render(lexical, INFO)
        assert f"Evidence: {used}" in with_model and with_model.count(BY_MODEL) >= found
        assert "Evidence: lexical (" in without and BY_MODEL not in without
    data = json.loads(render_json(semantic))
    assert data["options"]["evidence"] == used
    assert sum(link["found_by_model"] for link in data["links"]) == found
    assert not any(k["found_by_model"] for k in json.loads(render_json(lexical))["links"])


def test_the_windows_tooltip_says_found_by_the_model(
    comparisons: tuple[retold.Comparison, retold.Comparison],
) -> None:
    pytest.importorskip("PySide6")
    from retold.gui.styles import link_tooltip

    semantic, lexical = comparisons
    for link in semantic.links:
        assert (BY_MODEL in link_tooltip(link)) == link.found_by_model
    assert not any(BY_MODEL in link_tooltip(link) for link in lexical.links)
