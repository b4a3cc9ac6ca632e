"""The PDF clean-up on pypdf-style page strings, without making PDFs."""

from __future__ import annotations

from retold.sources.pdf_text import pages_to_text

WIDE = "x" * 60  # sets the usual line width


def test_running_headers_footers_and_numbers_go() -> None:
    bodies = ["Officials met on Monday.", "They talked for hours.", "Nothing was agreed."]
    pages = [
        f"The Example Times\tDecember {n}, 2024\n{body}\n{n}" for n, body in enumerate(bodies, 1)
    ]
    pages[1] = pages[1].replace("\n2", "\n- 2 -")
    assert pages_to_text(pages) == "\n\n".join(bodies)


def test_a_line_written_on_both_sides_of_a_page_edge_is_kept_once() -> None:
    pages = [
        f"Header\n{WIDE}\nthe story goes on across\n1\n",
        "\nHeader\nthe story goes on across\nthe edge of the page.\n2",
        "Header\nThe end.\n3",
    ]
    assert (
        pages_to_text(pages) == f"{WIDE} the story goes on across the edge of the page.\n\nThe end."
    )


def test_a_line_repeated_on_one_page_only_stays() -> None:
    pages = ["Special notice\nFirst page text.", "Second page text.", "Third page text."]
    assert pages_to_text(pages).startswith("Special notice")


def test_hyphens_at_line_ends() -> None:
    text = pages_to_text([f"{WIDE}\nthe eco-\nnomic talks between U.S.-\nChina teams ended."])
    assert text == f"{WIDE} the economic talks between U.S.-China teams ended."


def test_lowercase_continuation_joins_and_sentence_end_breaks() -> None:
    lines = f"{WIDE}\nshort line\ncontinues here.\nNew paragraph starts.\nAnd another."
    assert pages_to_text([lines]) == (
        f"{WIDE} short line continues here.\n\nNew paragraph starts.\n\nAnd another."
    )


def test_paragraph_runs_over_a_page_break() -> None:
    pages = [f"{WIDE}\nIt began on a\n", "cold morning in May.\nThen it ended.\n"]
    assert pages_to_text(pages) == f"{WIDE} It began on a cold morning in May.\n\nThen it ended."


def test_ligatures_and_tabs() -> None:
    assert pages_to_text(["The\tﬁnal\toﬃce\tﬂoor."]) == "The final office floor."


def test_other_compatibility_characters_are_kept() -> None:
    assert pages_to_text(["Growth²\u2003was ½ point… or so."]) == "Growth² was ½ point… or so."


def test_blank_line_ends_a_paragraph_even_before_lower_case() -> None:
    assert pages_to_text(["Short heading\n\nand then lower case."]) == (
        "Short heading\n\nand then lower case."
    )


def test_line_end_hyphen_kept_when_the_document_prints_the_compound_whole() -> None:
    page = f"{WIDE}\nwhen President-\nelect Trump arrives. The President-elect said so.\n"
    assert "when President-elect Trump arrives." in pages_to_text([page])


def test_soft_hyphens_are_not_text() -> None:
    assert pages_to_text([f"{WIDE}\nthe eco\u00ad\nnomic re\u00adport"]) == (
        f"{WIDE} the economic report"
    )
