"""Row order, sentence numbering and word marks shared by every report format."""

from __future__ import annotations

from retold.engine.model import Comparison, Link, LinkKind
from retold.report.rows import (
    ELLIPSIS,
    moved_note,
    plain,
    report_rows,
    sentence_numbers,
    side_pieces,
)


def _link(kind: LinkKind, o: tuple[int, ...], r: tuple[int, ...], moved: bool = False) -> Link:
    return Link(kind, o, r, (), (), 0.5, moved=moved)


def test_rows_keep_the_reading_order(comparison: Comparison) -> None:
    rows = report_rows(comparison)
    assert [row.number for row in rows] == list(range(1, 8))
    kinds = [row.kind.value for row in rows]
    assert kinds == [
        "identical", "reworded", "edited", "edited", "removed", "added", "identical"
    ]  # fmt: skip
    assert rows[4].link.original_sentences == (3,)
    assert rows[3].link.original_sentences == (2,)


def test_hide_boilerplate_drops_furniture_rows(comparison: Comparison) -> None:
    rows = report_rows(comparison, hide_boilerplate=True)
    assert len(rows) == len(comparison.links) - 1
    assert not any(row.boilerplate for row in rows)
    assert rows[0].number == 1


def test_marks_split_the_text_without_losing_characters(comparison: Comparison) -> None:
    row = report_rows(comparison)[2]
    assert [p.text for p in row.original if p.marked] == ["“relieved”", "floods"]
    assert [p.text for p in row.rewrite if p.marked] == ["relieved", "flooding"]
    sentence = comparison.original.sentences[4]
    assert plain(row.original) == comparison.original.text[sentence.start : sentence.end]


def test_separate_spans_are_joined_with_an_ellipsis(comparison: Comparison) -> None:
    document = comparison.original
    spans = (document.sentences[1].span, document.sentences[3].span)
    text = plain(side_pieces(document, spans, []))
    assert text == document.sentence_text(1) + ELLIPSIS + document.sentence_text(3)


def test_sentence_numbers_are_one_based_runs() -> None:
    assert sentence_numbers((6, 7, 8, 10)) == "7–9, 11"
    assert sentence_numbers((0,)) == "1"


def test_moved_note_names_the_original_place() -> None:
    assert moved_note(_link(LinkKind.EDITED, (6,), (1,), moved=True)) == (
        "moved: from original sentence 7"
    )
    assert moved_note(_link(LinkKind.EDITED, (6, 7), (1,), moved=True)).endswith("sentences 7–8")
    assert moved_note(_link(LinkKind.EDITED, (6,), (1,))) == ""
