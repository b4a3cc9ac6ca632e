"""Triage of a batch: identical results in-process and in a pool, bad files as error rows."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from retold.batch.pool import PoolCancelled
from retold.batch.records import SourceRecord
from retold.batch.triage import TriageReport, triage
from tests.batch.conftest import DERIVED, INDEPENDENT

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "resources/schema/retold-triage.schema.json").read_text(
        encoding="utf-8"
    )
)


def bad_batch(texts: Path, tmp_path: Path) -> list[Path]:
    """Good suspects mixed with a binary file, an empty file, a folder and a missing path."""
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 8)
    (tmp_path / "empty.md").write_bytes(b"")
    folder = tmp_path / "folder"
    (folder / "inner").mkdir(parents=True)
    (folder / "inner" / "copy.txt").write_text(
        (texts / "cut.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "notes.pages").write_bytes(b"PK\x03\x04")
    return [
        texts / DERIVED[1],
        tmp_path / "image.txt",
        tmp_path / "empty.md",
        folder,
        tmp_path / "missing.txt",
        *(texts / n for n in INDEPENDENT),
    ]


def test_a_bad_file_becomes_an_error_row_and_the_batch_goes_on(
    original: SourceRecord, texts: Path, tmp_path: Path
) -> None:
    from retold.batch.reading import expand_paths

    report = triage(original, expand_paths(bad_batch(texts, tmp_path)))
    by_name = {row.name: row for row in report.rows}
    assert set(by_name) == {
        "heavy.txt", "image.txt", "empty.md", "copy.txt", "notes.pages", "missing.txt",
        *INDEPENDENT,
    }  # fmt: skip
    assert "binary" in (by_name["image.txt"].error or "")
    assert "empty" in (by_name["empty.md"].error or "")
    assert "does not exist" in (by_name["missing.txt"].error or "")
    assert ".pages file" in (by_name["notes.pages"].error or "")
    assert by_name["copy.txt"].derived and by_name["heavy.txt"].derived
    # ranked: the two copies, then the independent texts, then the four error rows
    assert [row.error is None for row in report.rows] == [True] * 4 + [False] * 4
    assert {row.name for row in report.rows[:2]} == {"copy.txt", "heavy.txt"}
    jsonschema.validate(report.to_dict(), SCHEMA)


def test_the_same_rows_whatever_the_number_of_workers(
    original: SourceRecord, texts: Path, tmp_path: Path
) -> None:
    from retold.batch.reading import expand_paths

    paths = expand_paths(bad_batch(texts, tmp_path))
    seen: list[int] = []
    alone = triage(original, paths, jobs=1)
    pooled = triage(original, paths, jobs=2, progress=lambda done, total, row: seen.append(done))
    assert pooled == alone
    assert seen == list(range(1, len(paths) + 1))


def test_the_json_document(original: SourceRecord, texts: Path) -> None:
    report = triage(original, [texts / "heavy.txt"])
    data = report.to_dict()
    assert data["format"] == "retold-triage" and data["version"] == 1
    assert data["original"] == {
        "name": "original.txt", "path": original.path, "sha256": original.sha256,
    }  # fmt: skip
    jsonschema.validate(data, SCHEMA)


def test_the_schema_rejects_what_the_format_forbids(original: SourceRecord, texts: Path) -> None:
    data = triage(original, [texts / "heavy.txt"]).to_dict()
    row = data["suspects"][0]  # type: ignore[index]
    for broken in ({**row, "score": 1.5}, {**row, "derived": None}, {**row, "extra": 1}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**data, "suspects": [broken]}, SCHEMA)


def test_cancel_stops_the_batch(original: SourceRecord, texts: Path) -> None:
    with pytest.raises(PoolCancelled):
        triage(original, [texts / n for n in DERIVED], cancelled=lambda: True)


def test_an_unreadable_original_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        triage(SourceRecord.failed("o", "o", "gone"), [tmp_path])


def test_an_empty_batch_is_an_empty_report(original: SourceRecord) -> None:
    assert triage(original, []) == TriageReport(original, ())
