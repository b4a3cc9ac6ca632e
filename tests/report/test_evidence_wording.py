"""Every report states the evidence used: the words alone, with the sentence model, or the
words alone although the model was asked for, and then why (past its size cap, a damaged
model file). The JSON names the reason in ``options.evidence_fallback``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

import retold
from retold.engine.model import Comparison
from retold.engine.options import CompareOptions
from retold.report.html import render_html
from retold.report.json_report import render_json
from retold.report.meta import ReportInfo
from retold.report.pdf_html import render_pdf_html
from retold.report.summary import options_in_words
from retold.report.text import render_text
from retold.resources import sample_paths
from retold.scorer_choice import NOT_USED, model_missing

INFO = ReportInfo(datetime(2026, 1, 2, tzinfo=UTC), "0.0.0-test")
TEXTS = tuple(path.read_text(encoding="utf-8") for path in sample_paths())
LEXICAL_LINE = "Evidence: lexical (the words the sentences share and their forms)."


def _words(report: str) -> str:
    """The report's words, single-spaced (the text report wraps its lines); the apostrophe
    as the HTML escapes it."""
    return " ".join(report.replace("&#x27;", "'").split())


RENDERERS: list[Callable[[Comparison, ReportInfo], str]] = [
    render_text,
    render_html,
    render_pdf_html,
]
needs_model = pytest.mark.skipif(
    model_missing() is not None, reason="the semantic extra or its model file is not installed"
)


def test_the_words_alone_by_choice_say_lexical_and_nothing_more() -> None:
    comparison = retold.compare(*TEXTS, CompareOptions(semantic=False))
    assert "evidence_fallback" not in comparison.options
    for render in RENDERERS:
        report = _words(render(comparison, INFO))
        assert LEXICAL_LINE in report and NOT_USED not in report
    assert "evidence" not in options_in_words(comparison).lower()


@needs_model
def test_with_the_model_every_report_names_it() -> None:
    comparison = retold.compare(*TEXTS)
    used = str(comparison.options["evidence"])
    assert used.startswith("lexical + all-MiniLM-L6-v2 int8 ")
    for render in RENDERERS:
        report = _words(render(comparison, INFO))
        assert f"Evidence: {used} (the words, and an on-device sentence model" in report
        assert NOT_USED not in report
    assert "evidence_fallback" not in json.loads(render_json(comparison))["options"]


@needs_model
def test_past_the_size_cap_every_report_says_why_it_fell_back() -> None:
    from retold.semantic.scorer import Search, Semantic

    search = Search(max_sentences=20)
    comparison = retold.compare(*TEXTS, CompareOptions(scorer=Semantic(search=search)))
    assert comparison.options["evidence"] == "lexical"
    sentences = len(comparison.original.sentences) + len(comparison.rewrite.sentences)
    why = str(comparison.options["evidence_fallback"])
    assert why.startswith(f"{NOT_USED} the pair is past its size cap ({sentences} sentences")
    assert "at most 20 sentences or 3,000,000 characters, about 3 MB of text" in why
    for render in RENDERERS:
        assert f"{LEXICAL_LINE} {why}" in _words(render(comparison, INFO)), render
    data = json.loads(render_json(comparison))
    assert data["options"]["evidence"] == "lexical"
    assert data["options"]["evidence_fallback"] == why
    assert "fallback" not in options_in_words(comparison)  # stated once, with the evidence


@needs_model
def test_a_damaged_model_file_is_named_in_the_report(tmp_path: Path) -> None:
    """In a fresh process (the good model is loaded in this one), as a bundle without a
    proper model file would run; the CLI writes the text report."""
    original, rewrite = tmp_path / "a.txt", tmp_path / "b.txt"
    original.write_text(TEXTS[0], encoding="utf-8")
    rewrite.write_text(TEXTS[1], encoding="utf-8")
    code = (
        "import pathlib, sys\n"
        "from retold.semantic.weights import MODEL_FILE\n"
        f"sys._MEIPASS = {str(tmp_path / 'bundle')!r}\n"
        "data = pathlib.Path(sys._MEIPASS, 'retold', 'semantic', 'data')\n"
        "data.mkdir(parents=True)\n"
        "(data / MODEL_FILE).write_bytes(b'not a model')\n"
        "from retold.cli import main\n"
        f"sys.exit(main(['compare', {str(original)!r}, {str(rewrite)!r}, '--format', 'text']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        check=True,
    )
    assert "comparing by the words alone" in done.stderr  # the CLI's warning
    report = _words(done.stdout)
    assert f"{LEXICAL_LINE} {NOT_USED} the sentence model is not installed or unreadable" in report
    assert "not a model file." in report
