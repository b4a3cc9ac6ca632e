"""The seed pair saved the ways users have it (web page, Word, PDF) still aligns like the gold.

The seed texts are wrapped at test time in page furniture; each gold link's original and
rewrite strings must fall in one of the links found (at least half of each string covered).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import docx
import pytest

from retold.api import compare_sources
from retold.engine.model import Comparison, Span
from retold.sources.loader import load_source

NAV = '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>'
RELATED = (
    '<aside class="related"><h2>More on U.S.-China relations</h2><ul>'
    '<li><a href="/1">China Retaliates Against New Chip Limits</a></li>'
    '<li><a href="/2">What Tariffs Would Mean for Shoppers</a></li></ul></aside>'
)
COMMENTS = (
    '<section id="comments" class="comments"><h3>Comments (2)</h3>'
    '<div class="comment"><p>Great reporting, as always. Keep it up!</p></div>'
    '<div class="comment"><p>I disagree with every word of this.</p></div></section>'
)


Gold = dict[str, Any]  # gold-alignment.json: "links" holds {"original": [...], "rewrite": [...]}
Seed = tuple[list[str], list[str], Gold]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _html(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>News</title>'
        '<script>window.ads = ["load"];</script></head><body>'
        f"<header>{NAV}</header><main><article>{body}</article>{RELATED}{COMMENTS}</main>"
        "<footer><p>© 2024 The News Company. All rights reserved.</p></footer></body></html>"
    )


def _docx(path: Path, paragraphs: list[str]) -> None:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))


def _find(text: str, needle: str) -> Span:
    """Where the gold string is, allowing for reflowed spaces and NFKC (PDF) differences."""
    for candidate in (needle, unicodedata.normalize("NFKC", needle)):
        pattern = r"\s+".join(re.escape(word) for word in candidate.split())
        found = re.search(pattern, text)
        if found:
            return found.span()
    raise AssertionError(f"gold string not in extracted text: {needle[:60]}…")


def _half_covered(text: str, unit: Span, spans: tuple[Span, ...]) -> bool:
    covered = sum(
        1 for s, e in spans for ch in text[max(unit[0], s) : min(unit[1], e)] if not ch.isspace()
    )
    return 2 * covered >= sum(1 for ch in text[unit[0] : unit[1]] if not ch.isspace())


def _missed_gold_links(comparison: Comparison, gold: Gold) -> list[str]:
    original, rewrite = comparison.original.text, comparison.rewrite.text
    missed = []
    for entry in gold["links"]:
        units_o = [_find(original, s) for s in entry["original"]]
        units_r = [_find(rewrite, s) for s in entry["rewrite"]]
        if not any(
            link.is_match
            and all(_half_covered(original, u, link.original) for u in units_o)
            and all(_half_covered(rewrite, v, link.rewrite) for v in units_r)
            for link in comparison.links
        ):
            missed.append(entry["original"][0][:60])
    return missed


@pytest.fixture
def seed(shared: Path) -> Seed:
    gold = json.loads((shared / "seeds" / "gold-alignment.json").read_text(encoding="utf-8"))
    original = (shared / "seeds" / gold["original_file"]).read_text(encoding="utf-8")
    rewrite = (shared / "seeds" / gold["rewrite_file"]).read_text(encoding="utf-8")
    return _paragraphs(original), _paragraphs(rewrite), gold


def _check(original: Path, rewrite: Path, gold: Gold) -> None:
    comparison = compare_sources(load_source(original), load_source(rewrite))
    assert _missed_gold_links(comparison, gold) == []


def test_seed_as_web_pages(seed: Seed, tmp_path: Path) -> None:
    original, rewrite, gold = seed
    (tmp_path / "original.html").write_text(_html(original), encoding="utf-8")
    (tmp_path / "rewrite.html").write_text(_html(rewrite), encoding="utf-8")
    _check(tmp_path / "original.html", tmp_path / "rewrite.html", gold)
    text = load_source(tmp_path / "original.html").text
    assert "Comments (2)" not in text and "Great reporting" not in text and "Home" not in text


def test_seed_as_word_documents(seed: Seed, tmp_path: Path) -> None:
    original, rewrite, gold = seed
    _docx(tmp_path / "original.docx", original)
    _docx(tmp_path / "rewrite.docx", rewrite)
    _check(tmp_path / "original.docx", tmp_path / "rewrite.docx", gold)


def test_seed_as_pdfs(seed: Seed, make_paged_pdf: Callable[[str, list[str], str], Path]) -> None:
    original, rewrite, gold = seed
    original_pdf = make_paged_pdf("original.pdf", original, "The News — World")
    rewrite_pdf = make_paged_pdf("rewrite.pdf", rewrite, "Daily Content Hub")
    source = load_source(original_pdf)
    assert "Page 1" not in source.text and "The News — World" not in source.text
    _check(original_pdf, rewrite_pdf, gold)
