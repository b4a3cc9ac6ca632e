"""The HTML report, parsed: one row per link, escaped article text, legend, statistics."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html.parser import HTMLParser

from retold.engine.model import Comparison
from retold.report.html import render_html
from retold.report.meta import ReportInfo
from retold.sources.model import Source
from tests.report.snapshot import assert_snapshot

FIXED = datetime(2025, 1, 2, 3, 4, tzinfo=UTC)


class Collector(HTMLParser):
    """Tags with their attributes, and the text inside each table row."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[dict[str, object]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "tr" and "row" in (attributes.get("class") or "").split():
            self.rows.append({"class": attributes["class"], "text": []})

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.rows:
            text = self.rows[-1]["text"]
            assert isinstance(text, list)
            text.append(data)


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    collector.close()
    return collector


def render(comparison: Comparison, sources: tuple[Source, Source] | None = None, **kw: bool) -> str:
    return render_html(comparison, ReportInfo(FIXED, "9.9.9", sources), **kw)


def test_one_row_per_link_with_kind_classes(comparison: Comparison) -> None:
    page = parse(render(comparison))
    assert len(page.rows) == len(comparison.links)
    kinds = [re.search(r"kind-(\w+)", str(row["class"])) for row in page.rows]
    assert [m.group(1) for m in kinds if m] == [
        "identical", "reworded", "edited", "edited", "removed", "added", "identical"
    ]  # fmt: skip
    assert "moved" in str(page.rows[2]["class"]).split()
    assert "moved: from original sentence 5" in "".join(page.rows[2]["text"])  # type: ignore[arg-type]


def test_word_changes_are_marked(comparison: Comparison) -> None:
    html = render(comparison)
    assert '<del class="change">“relieved”</del>' in html
    assert '<ins class="change">flooding</ins>' in html


def test_article_markup_stays_inert(comparison: Comparison, sources: tuple[Source, Source]) -> None:
    html = render(comparison, sources)
    page = parse(html)
    tag_names = {tag for tag, _ in page.tags}
    assert "script" not in tag_names and "img" not in tag_names and "b" in tag_names
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not any(key.startswith("on") for _, attrs in page.tags for key in attrs)
    # A title from file metadata is escaped as well.
    assert "Council approves &lt;b&gt;barrier&lt;/b&gt;" in html


def test_self_contained(comparison: Comparison) -> None:
    page = parse(render(comparison))
    for tag, attrs in page.tags:
        assert tag not in ("link", "script", "iframe", "img")
        assert not attrs.get("src") and not attrs.get("href"), (tag, attrs)
    assert "@import" not in render(comparison) and "url(" not in render(comparison)


def test_header_legend_and_statistics(
    comparison: Comparison, sources: tuple[Source, Source]
) -> None:
    page = parse(render(comparison, sources))
    text = " ".join("".join(page.text).split())
    assert "Compared 2025-01-02 03:04 UTC with Retold 9.9.9" in text
    for expected in ("Identical:", "Edited:", "Reworded:", "Added:", "Removed:", "moved"):
        assert expected in text
    assert "90% Original reused" in text and "20% New in rewrite" in text
    assert "1.2 KB (1,234 bytes)" in text and "ab" * 32 in text and "cd" * 32 in text
    assert "2023-11-14 22:13 UTC" in text
    assert "Sentences are linked from a similarity of 0.35" in text


def test_print_rules(comparison: Comparison) -> None:
    html = render(comparison)
    assert "@page" in html and "break-inside: avoid" in html
    assert "display: table-header-group" in html


def test_boilerplate_dimmed_or_left_out(comparison: Comparison) -> None:
    shown = parse(render(comparison))
    assert "boilerplate" in str(shown.rows[0]["class"]).split()
    hidden = parse(render(comparison, hide_boilerplate=True))
    assert len(hidden.rows) == len(comparison.links) - 1
    assert "Staff Writer" not in " ".join(hidden.text)


def test_snapshot(comparison: Comparison, sources: tuple[Source, Source]) -> None:
    assert_snapshot("hand_built.html", render(comparison, sources))
