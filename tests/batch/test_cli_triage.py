"""``retold triage``: formats, -o, error rows, and clear one-line errors."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from retold.cli import main
from retold.sources.loader import rounded_size
from tests.batch.test_triage import SCHEMA, bad_batch


def run(texts: Path, *extra: str | Path) -> int:
    return main(["triage", str(texts / "original.txt"), *map(str, extra), "--jobs", "1"])


def test_text_on_stdout_ranks_and_leaves_the_original_out(
    texts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(texts, texts) == 0  # the folder holds the original itself too
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == "Retold triage: original.txt"
    assert "4 suspects: 2 derived from the original" in out
    table = [line for line in lines if line[:3].strip().isdigit()]
    assert [line.split()[1] for line in table] == ["derived", "derived", "not", "not"]
    assert "original.txt (the original itself)" in err


def test_json_file_by_extension_says_what_it_wrote(
    texts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "triage.json"
    assert run(texts, *bad_batch(texts, tmp_path), "-o", target) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert len(data["suspects"]) == 8
    assert sum("error" in row for row in data["suspects"]) == 4
    err = capsys.readouterr().err
    size = rounded_size(target.stat().st_size)  # the same message as retold compare -o
    assert f"Wrote the triage of 8 suspects (JSON), {size}, to {target.resolve()}." in err


def test_csv_and_html(texts: Path, tmp_path: Path) -> None:
    assert run(texts, texts / "heavy.txt", tmp_path / "gone.txt", "-o", tmp_path / "t.csv") == 0
    with (tmp_path / "t.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["name"] for r in rows] == ["heavy.txt", "gone.txt"]
    assert rows[0]["derived"] == "yes" and rows[1]["error"] and rows[1]["score"] == ""
    assert run(texts, texts / "heavy.txt", "--format", "html", "-o", tmp_path / "t.out") == 0
    page = (tmp_path / "t.out").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "heavy.txt" in page and "derived" in page


def test_an_unreadable_original_is_one_clear_line(
    texts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["triage", str(tmp_path / "gone.txt"), str(texts / "cut.txt")])
    err = capsys.readouterr().err
    assert status == 3
    assert err.count("\n") == 1 and "the original cannot be used" in err and "does not exist" in err


def test_no_suspect_at_all(texts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(texts, tmp_path) == 3
    assert "no suspect" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("output", "status", "says"),
    [("t.docx", 2, "names no triage format"), ("nowhere/t.json", 4, "does not exist")],
)
def test_a_bad_output_is_refused_before_the_work(
    texts: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    output: str,
    status: int,
    says: str,
) -> None:
    assert run(texts, texts / "cut.txt", "-o", tmp_path / output) == status
    assert says in capsys.readouterr().err


def test_jobs_must_be_a_positive_number(texts: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["triage", str(texts / "original.txt"), str(texts), "--jobs", "0"])
    assert exit_info.value.code == 2


def test_the_command_runs_in_a_pool_without_qt(texts: Path, tmp_path: Path) -> None:
    """The installed command, all cores, and no Qt module loaded."""
    target = tmp_path / "t.json"
    code = (
        "import sys; from retold.cli import main; "
        f"status = main(['triage', {str(texts / 'original.txt')!r}, {str(texts)!r}, "
        f"'-o', {str(target)!r}]); "
        "assert not [m for m in sys.modules if m.startswith('PySide6')]; sys.exit(status)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    rows = json.loads(target.read_text(encoding="utf-8"))["suspects"]
    assert [row["derived"] for row in rows] == [True, True, False, False]
    assert "\r" not in done.stderr  # no progress line when standard error is not a terminal


def test_progress_on_a_terminal(
    texts: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv("COLUMNS", "200")  # a line is cut to the terminal's width
    assert run(texts, texts / "cut.txt", texts / "unrelated.txt") == 0
    shown = terminal.getvalue()
    # The style of every command's progress (retold/terminal_progress.py): the share, the
    # count, the rate, then what the latest row says; the last is not drawn, but erased.
    assert "\r\x1b[KComparing… 50% (1 of 2 suspects, " in shown and "suspects/s)" in shown
    assert re.search(r" · [01] derived · (cut|unrelated)\.txt", shown)
    assert shown.endswith("\r\x1b[K")  # the line is cleared before the report
    assert "Retold triage" in capsys.readouterr().out


def test_the_report_from_a_run_before_is_not_a_suspect(
    texts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "suspects"
    folder.mkdir()
    (folder / "heavy.txt").write_bytes((texts / "heavy.txt").read_bytes())
    target = folder / "triage.txt"
    assert run(texts, folder, "-o", target) == 0
    assert run(texts, folder, "-o", target) == 0  # again, into the folder it reads
    assert "1 suspect: 1 derived from the original" in target.read_text(encoding="utf-8")
    assert f"left out {target} (the report being written)" in capsys.readouterr().err


def test_a_saved_comparison_among_the_suspects_is_named_as_one(
    texts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "pair.retold"
    original, heavy = texts / "original.txt", texts / "heavy.txt"
    assert main(["compare", str(original), str(heavy), "-o", str(saved)]) == 0
    assert run(texts, saved, "-f", "csv") == 0
    (row,) = csv.DictReader(capsys.readouterr().out.splitlines())
    assert row["error"] == (
        "“pair.retold” is a saved comparison, not an article: export it with retold compare"
    )
