"""Triage rows: their JSON form, error rows and ranking."""

from __future__ import annotations

import pickle

from retold.batch.records import Assessment, SourceRecord, ranked

ROW_KEYS = {
    "name", "path", "sha256", "score", "derived", "reused", "new", "verbatim",
    "longest_run_words", "linked", "moved",
}  # fmt: skip


def _row(name: str, score: float) -> Assessment:
    return Assessment(name, f"/x/{name}", "ab" * 32, score, score >= 0.5, 0.5, 0.2, 0.1, 7, 3, 1)


def test_a_row_has_exactly_the_triage_fields_and_reads_back() -> None:
    row = _row("a.txt", 0.8)
    data = row.to_dict()
    assert set(data) == ROW_KEYS  # no "error" key when there is none
    assert Assessment.from_dict(data) == row


def test_an_error_row_says_why_and_has_no_figures() -> None:
    record = SourceRecord.failed("b.pdf", "/x/b.pdf", "“b.pdf” is empty.")
    row = Assessment.failed(record)
    data = row.to_dict()
    assert set(data) == ROW_KEYS | {"error"}
    assert data["error"] == "“b.pdf” is empty."
    assert all(data[k] is None for k in ("score", "derived", "reused", "verbatim"))
    assert not row.ok and not record.ok
    assert Assessment.from_dict(data) == row


def test_ranked_highest_first_errors_last_ties_in_order() -> None:
    failed = Assessment.failed(SourceRecord.failed("e", "/e", "missing"))
    rows = [failed, _row("low", 0.2), _row("tie1", 0.7), _row("high", 0.9), _row("tie2", 0.7)]
    assert [r.name for r in ranked(rows)] == ["high", "tie1", "tie2", "low", "e"]


def test_records_pickle_for_a_process_pool() -> None:
    record = SourceRecord("a", "/a", "00", "text", None)
    assert pickle.loads(pickle.dumps(record)) == record
    assert pickle.loads(pickle.dumps(_row("a", 0.6))) == _row("a", 0.6)
