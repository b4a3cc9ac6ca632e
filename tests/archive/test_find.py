"""``find``: candidates by rare evidence, aligned with the engine, reported in the find format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from retold.archive.candidates import ArchiveReader
from retold.archive.find import FindOptions, find_one
from retold.archive.results import to_csv, to_json, to_text
from retold.cli import main
from retold.resources import resource_path
from tests.archive.texts import BRIDGE_INDEPENDENT, BRIDGE_RETOLD

SCHEMA = resource_path("schema", "retold-find.schema.json")


def validate(document: object) -> None:
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_a_retelling_finds_its_original_first_and_is_called_derived(
    db: Path, suspects: Path
) -> None:
    with ArchiveReader(db) as reader:
        result = find_one(reader, suspects / "retold.txt", FindOptions(top=3))
    assert result.error is None
    assert result.matches[0].name == "bridge.txt"
    assert result.matches[0].derived
    assert not any(match.derived for match in result.matches[1:])
    scores = [match.score for match in result.matches]
    assert scores == sorted(scores, reverse=True)


def test_the_retelling_shares_rare_evidence_with_its_original_only(db: Path) -> None:
    with ArchiveReader(db) as reader:
        candidates = reader.candidates(BRIDGE_RETOLD, 4)
    assert candidates[0].name == "bridge.txt"
    assert candidates[0].evidence > 3 * max((c.evidence for c in candidates[1:]), default=0)


def test_an_independent_text_on_the_same_subject_is_not_called_derived(
    db: Path, suspects: Path
) -> None:
    with ArchiveReader(db) as reader:
        assert reader.candidates(BRIDGE_INDEPENDENT, 1)[0].name == "bridge.txt"  # same subject
        result = find_one(reader, suspects / "independent.txt", FindOptions(top=3))
    assert result.matches
    assert not any(match.derived for match in result.matches)


def test_a_bad_suspect_becomes_an_error_entry(db: Path, suspects: Path) -> None:
    with ArchiveReader(db) as reader:
        result = find_one(reader, suspects / "broken.docx", FindOptions())
    assert result.error and "broken.docx" in result.error
    assert result.matches == ()
    validate(json.loads(to_json([result])))


def test_reports_follow_the_schema_and_say_the_same(db: Path, suspects: Path) -> None:
    with ArchiveReader(db) as reader:
        results = [
            find_one(reader, suspects / name, FindOptions(top=2))
            for name in ("retold.txt", "independent.txt", "broken.docx")
        ]
    document = json.loads(to_json(results))
    validate(document)
    assert document["format"] == "retold-find" and document["version"] == 1
    first = document["results"][0]
    assert first["suspect"]["name"] == "retold.txt"
    assert first["matches"][0]["name"] == "bridge.txt"
    rows = list(csv.DictReader(io.StringIO(to_csv(results))))
    assert [row["suspect"] for row in rows] == ["retold.txt"] * 2 + ["independent.txt"] * 2 + [
        "broken.docx"
    ]
    assert rows[0]["match"] == "bridge.txt" and rows[0]["derived"] == "yes"
    assert rows[-1]["error"]
    text = to_text(results)
    assert "1. " in text and "bridge.txt" in text and "cannot be read" in text


def test_the_find_command_writes_json_and_says_when_a_suspect_is_bad(
    db: Path, suspects: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "found.json"
    status = main(["find", "--db", str(db), str(suspects), "--top", "2", "-o", str(out)])
    assert status == 3  # broken.docx could not be read; the others were searched
    # What was written, as retold compare -o and retold triage -o say it.
    assert "Wrote the matches of 3 suspects (JSON), " in capsys.readouterr().err
    document = json.loads(out.read_text(encoding="utf-8"))
    validate(document)
    by_name = {entry["suspect"]["name"]: entry for entry in document["results"]}
    assert set(by_name) == {"retold.txt", "independent.txt", "broken.docx"}
    assert by_name["retold.txt"]["matches"][0]["derived"] is True


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "there is no archive index"),
        ("junk", "not an archive index"),
    ],
)
def test_find_with_an_unusable_index_says_so_in_one_line(
    tmp_path: Path, suspects: Path, capsys: pytest.CaptureFixture[str], setup: str, message: str
) -> None:
    db = tmp_path / "archive.db"
    if setup == "junk":
        db.write_bytes(b"\x00garbage" * 512)
    status = main(["find", "--db", str(db), str(suspects / "retold.txt")])
    err = capsys.readouterr().err
    assert status == 3
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_dash_is_standard_output_for_find_but_not_for_scan(
    db: Path, suspects: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["find", "--db", str(db), str(suspects / "retold.txt"), "-o", "-", "-f", "json"])
    assert status == 0
    assert json.loads(capsys.readouterr().out)["results"][0]["suspect"]["name"] == "retold.txt"
    with pytest.raises(SystemExit):  # a usage error: scan resumes from its file
        main(["scan", "--db", str(db), str(suspects), "-o", "-"])
    assert "a later run can resume from, not -" in capsys.readouterr().err


def test_the_index_command_reports_what_it_did(
    tmp_path: Path, archive_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "a.db"
    assert main(["index", "--db", str(db), str(archive_dir)]) == 0
    assert "4 added" in capsys.readouterr().err
    (archive_dir / "bridge.txt").unlink()
    assert main(["index", "--db", str(db), str(archive_dir), "--prune"]) == 0
    assert "1 removed" in capsys.readouterr().err


def test_the_csv_report_cannot_run_formulas(db: Path, tmp_path: Path) -> None:
    hostile = tmp_path / "=HYPERLINK(evil).txt"
    hostile.write_text(BRIDGE_RETOLD, encoding="utf-8")
    with ArchiveReader(db) as reader:
        rows = list(csv.reader(io.StringIO(to_csv([find_one(reader, hostile, FindOptions())]))))
    assert rows[1][0] == "'=HYPERLINK(evil).txt" and rows[1][4] == "bridge.txt"
