"""Markdown files compare as the prose a reader sees."""

from __future__ import annotations

from pathlib import Path

from retold.sources.loader import load_source
from retold.sources.markdown_reader import markdown_to_text, split_front_matter

DOCUMENT = """\
# The *Big* Story #

Officials met on **Tuesday** to discuss [the plan](https://example.com/plan) and
its costs. ![A chart of costs](chart.png)

Background
==========

- First point, with `code` inside.
* Second point in _italics_.
1. A numbered point.

> A quoted line
> that goes on.

[ref]: https://example.com

---

```
keep   this
  as it is
```
"""


def test_markup_is_stripped_and_paragraphs_kept() -> None:
    assert markdown_to_text(DOCUMENT) == (
        "The Big Story\n\n"
        "Officials met on Tuesday to discuss the plan and its costs.\n\n"
        "Background\n\n"
        "First point, with code inside.\n\n"
        "Second point in italics.\n\n"
        "A numbered point.\n\n"
        "A quoted line that goes on.\n\n"
        "keep   this\n  as it is"
    )


def test_table_rows_become_lines() -> None:
    table = "| Year | Total |\n|------|------:|\n| 2023 | 12 |\n| 2024 | 15 |\n"
    assert markdown_to_text(table) == "Year | Total\n\n2023 | 12\n\n2024 | 15"


def test_snake_case_words_are_not_emphasis() -> None:
    assert markdown_to_text("The file_name_here stays.") == "The file_name_here stays."


def test_markdown_file_loads_as_markdown(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_bytes(b"\xef\xbb\xbf## Heading\r\n\r\nSome **bold** words.\r\n")
    source = load_source(path)
    assert source.format == "markdown"
    assert source.text == "Heading\n\nSome bold words."
    assert source.encoding == "utf-8-sig"


def test_front_matter_becomes_metadata(tmp_path: Path) -> None:
    path = tmp_path / "post.markdown"
    path.write_text(
        '---\ntitle: "Talks in Nanjing"\nauthor: Jane Doe\ntags: [a, b]\n---\n\nThe body.\n'
    )
    source = load_source(path)
    assert source.text == "The body."
    assert source.metadata == {"title": "Talks in Nanjing", "author": "Jane Doe"}


def test_a_rule_at_the_start_is_not_front_matter() -> None:
    assert markdown_to_text("---\n\nText after a rule.\n") == "Text after a rule."
    assert split_front_matter("---\nA paragraph: between rules.\n---\n")[1] == {}
    assert split_front_matter("---\n\nBetween rules.\n---\n")[1] == {}


def test_code_escapes_and_entities() -> None:
    line = r"Use `a*b*c` and \*literal stars\* for R&amp;D &mdash; 2 \_x\_."
    assert markdown_to_text(line) == "Use a*b*c and *literal stars* for R&D — 2 _x_."


def test_private_use_characters_in_the_text_survive() -> None:
    assert markdown_to_text("odd \ue0007\ue001 text") == "odd \ue0007\ue001 text"
