"""``scan`` on a Dask LocalCluster gives what ``find`` gives, line by line, and resumes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retold.archive.candidates import ArchiveReader
from retold.archive.find import FindOptions, find_one
from retold.archive.jsonl import OutputError, completed
from tests.archive.test_find import SCHEMA

pytest.importorskip("distributed", reason="retold scan needs the 'cluster' extra (Dask)")
jsonschema = pytest.importorskip("jsonschema")

from retold.archive.scan import scan  # noqa: E402  (after the skip: needs Dask)


def _lines(path: Path) -> dict[str, dict[str, object]]:
    entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {entry["suspect"]["path"]: entry for entry in entries}


def _validate_lines(path: Path) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    result_schema = {"$ref": "#/$defs/result", "$defs": schema["$defs"]}
    for line in path.read_text(encoding="utf-8").splitlines():
        jsonschema.validate(json.loads(line), result_schema)


def test_scan_gives_the_matches_find_gives(db: Path, suspects: Path, tmp_path: Path) -> None:
    paths = sorted(suspects.iterdir())
    options = FindOptions(top=3)
    with ArchiveReader(db) as reader:
        expected = {str(p.resolve()): find_one(reader, p, options).to_dict() for p in paths}
    out = tmp_path / "results.jsonl"
    report = scan(db, paths, out, workers=2, processes=False, options=options)
    assert (report.written, report.skipped, report.errors) == (3, 0, 1)
    assert _lines(out) == expected
    _validate_lines(out)


def test_scan_resumes_skipping_what_is_done_and_a_torn_last_line(
    db: Path, suspects: Path, tmp_path: Path
) -> None:
    paths = sorted(suspects.iterdir())
    out = tmp_path / "results.jsonl"
    scan(db, paths[:1], out, workers=1, processes=False)
    whole = out.read_text(encoding="utf-8")
    with out.open("a", encoding="utf-8") as stream:
        stream.write('{"suspect": {"name": "retold.txt", "pa')  # the process died mid-line
    report = scan(db, paths, out, workers=1, processes=False)
    assert (report.written, report.skipped) == (2, 1)
    text = out.read_text(encoding="utf-8")
    assert text.startswith(whole) and text.count("\n") == 3
    assert set(_lines(out)) == {str(p.resolve()) for p in paths}
    again = scan(db, paths, out, workers=1, processes=False)
    assert (again.written, again.skipped) == (0, 3)


def test_a_damaged_line_before_the_last_is_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    out.write_text('not json\n{"suspect": {"path": "/a"}, "matches": []}\n', encoding="utf-8")
    with pytest.raises(OutputError, match="line 1"):
        completed(out)
    assert out.read_text(encoding="utf-8").startswith("not json")


def test_the_scan_command_runs_on_worker_processes(
    db: Path, suspects: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from retold.cli import main

    out = tmp_path / "results.jsonl"
    arguments = ["--db", str(db), str(suspects), "--scheduler", "local", "--workers", "1"]
    status = main(["scan", *arguments, "-o", str(out)])
    assert status == 3  # one suspect is unreadable; its line says why
    assert "3 written" in capsys.readouterr().err
    lines = _lines(out)
    retold = lines[str((suspects / "retold.txt").resolve())]
    assert retold["matches"][0]["name"] == "bridge.txt"  # type: ignore[index]


def test_the_window_and_the_other_commands_do_not_load_dask() -> None:
    import subprocess
    import sys

    code = (
        "import sys, retold.gui.app, retold.gui.find_original, retold.archive.commands, "
        "retold.archive.find; print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('dask', 'distributed')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
