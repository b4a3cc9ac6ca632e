"""Assessing suspects against an original: copies are called derived, independent texts not."""

from __future__ import annotations

from pathlib import Path

import pytest

from retold.batch.assess import AssessOptions, assess
from retold.batch.reading import read_record
from retold.batch.records import SourceRecord, ranked
from tests.batch.conftest import DERIVED, INDEPENDENT


@pytest.mark.parametrize("name", DERIVED)
def test_copies_are_derived(original: SourceRecord, texts: Path, name: str) -> None:
    row = assess(original, read_record(texts / name))
    assert row.derived is True and row.score is not None and row.score > 0.6
    assert row.error is None and row.linked is not None and row.linked > 0


@pytest.mark.parametrize("name", INDEPENDENT)
def test_texts_written_apart_are_not(original: SourceRecord, texts: Path, name: str) -> None:
    row = assess(original, read_record(texts / name))
    assert row.derived is False and row.score is not None and row.score < 0.4
    assert row.verbatim == 0.0 and row.longest_run_words == 0


def test_ranking_puts_copies_above_the_rest(original: SourceRecord, texts: Path) -> None:
    rows = [assess(original, read_record(texts / n)) for n in INDEPENDENT + DERIVED]
    order = [row.name for row in ranked(rows)]
    assert set(order[:2]) == set(DERIVED) and set(order[2:]) == set(INDEPENDENT)


def test_the_cut_copy_keeps_long_verbatim_runs(original: SourceRecord, texts: Path) -> None:
    cut = assess(original, read_record(texts / "cut.txt"))
    heavy = assess(original, read_record(texts / "heavy.txt"))
    assert cut.longest_run_words is not None and cut.longest_run_words >= 20
    assert heavy.longest_run_words is not None and heavy.longest_run_words < 10
    assert cut.verbatim is not None and heavy.verbatim is not None
    assert cut.verbatim > 3 * heavy.verbatim
    assert heavy.reused is not None and cut.reused is not None and heavy.reused > cut.reused
    assert cut.new is not None and cut.new > 0.0  # the reporter's own paragraph


def test_the_original_against_itself(original: SourceRecord) -> None:
    row = assess(original, original)
    assert row.derived and row.reused == 1.0 and row.new == 0.0 and row.verbatim == 1.0
    assert row.moved == 0


def test_a_moved_paragraph_is_counted(original: SourceRecord) -> None:
    assert original.text is not None
    paragraphs = original.text.split("\n\n")
    shuffled = SourceRecord(
        "s", "s", None, "\n\n".join([paragraphs[0], *paragraphs[3:], *paragraphs[1:3]]), None
    )
    row = assess(original, shuffled)
    assert row.derived and row.moved is not None and row.moved >= 1


def test_an_unreadable_suspect_is_an_error_row(original: SourceRecord, tmp_path: Path) -> None:
    row = assess(original, read_record(tmp_path / "gone.txt"))
    assert row.error is not None and "does not exist" in row.error and row.score is None


def test_an_unreadable_original_is_refused(texts: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        assess(read_record(tmp_path / "gone.txt"), read_record(texts / "cut.txt"))


def test_assess_is_pure(original: SourceRecord, texts: Path) -> None:
    suspect = read_record(texts / "heavy.txt")
    assert assess(original, suspect) == assess(original, suspect)


def test_the_run_length_is_an_option(original: SourceRecord, texts: Path) -> None:
    suspect = read_record(texts / "heavy.txt")
    loose = assess(original, suspect, AssessOptions(min_run_words=3))
    strict = assess(original, suspect)
    assert loose.verbatim is not None and strict.verbatim is not None
    assert loose.verbatim > strict.verbatim
