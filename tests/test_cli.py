"""``retold compare``: formats by extension or --format, exit codes, and no Qt off the PDF path."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from retold.cli import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, main
from retold.resources import resource_path, sample_paths

ORIGINAL, REWRITE = sample_paths()
RETOLD = Path(sys.executable).with_name("retold")


def compare(*extra: str | Path) -> int:
    return main(["compare", str(ORIGINAL), str(REWRITE), *map(str, extra)])


def test_text_to_stdout_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert compare() == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("Retold comparison: original.txt → rewrite.txt")
    assert "REMOVED" in out and "ADDED" in out and "similarity" in out


def test_html_by_extension_carries_file_metadata(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    assert compare("-o", target) == EXIT_OK
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert f"{ORIGINAL.stat().st_size:,} bytes" in html
    assert 'class="row kind-removed' in html


def test_csv_by_extension(tmp_path: Path) -> None:
    target = tmp_path / "links.csv"
    assert compare("-o", target) == EXIT_OK
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:2] == ["index", "kind"] and len(rows) > 10


def test_format_flag_beats_the_extension(tmp_path: Path) -> None:
    target = tmp_path / "report.out"
    assert compare("-o", target, "--format", "html") == EXIT_OK
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_json_report_follows_the_schema(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    assert compare("-o", target) == EXIT_OK
    data = json.loads(target.read_text(encoding="utf-8"))
    schema = json.loads(resource_path("schema", "retold-report.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["original"]["name"] == "original.txt"
    assert data["links"] and "\\u" not in target.read_text(encoding="utf-8")  # not ASCII-escaped


def test_pdf_report(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    assert compare("-o", target, "--page-size", "Letter") == EXIT_OK
    assert target.read_bytes().startswith(b"%PDF")


def test_pdf_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert compare("--format", "pdf") == EXIT_USAGE
    assert "needs an output file" in capsys.readouterr().err


def test_dash_is_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-o -`` wrote a file named "-"; it means standard output, as in most tools."""
    monkeypatch.chdir(tmp_path)
    assert compare("-o", "-", "-f", "json") == EXIT_OK
    out, err = capsys.readouterr()
    assert json.loads(out)["original"]["name"] == "original.txt"
    assert err == "" and not (tmp_path / "-").exists()
    assert compare("-o", "./-", "-f", "csv") == EXIT_OK  # a file named "-", if one is wanted
    assert (tmp_path / "-").read_text(encoding="utf-8-sig").startswith("index,kind,")


def test_a_pdf_goes_to_standard_output_when_it_is_a_pipe() -> None:
    command = [sys.executable, "-m", "retold", "compare", str(ORIGINAL), str(REWRITE)]
    done = subprocess.run([*command, "-f", "pdf", "-o", "-"], capture_output=True, check=False)
    assert done.returncode == EXIT_OK, done.stderr
    assert done.stdout.startswith(b"%PDF") and done.stderr == b""


def test_a_saved_comparison_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert compare("-f", "retold", "-o", "-") == EXIT_USAGE
    assert "a saved comparison needs a file: add -o comparison.retold" in capsys.readouterr().err


def test_missing_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["compare", str(tmp_path / "absent.txt"), str(REWRITE)])
    assert code == EXIT_INPUT
    err = capsys.readouterr().err
    assert err.startswith("retold: ") and "absent.txt" in err


def test_output_to_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert compare("-o", tmp_path, "--format", "html") == EXIT_OUTPUT
    assert "it is a folder" in capsys.readouterr().err


def test_output_in_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert compare("-o", tmp_path / "no" / "report.html") == EXIT_OUTPUT
    assert "does not exist" in capsys.readouterr().err


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_info:
        compare("--format", "docx")
    assert exit_info.value.code == EXIT_USAGE


def test_unknown_output_extension_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-o report.docx`` once wrote a plain-text report under a Word name."""
    assert compare("-o", tmp_path / "report.docx") == EXIT_USAGE
    assert capsys.readouterr().err == (
        "retold: “report.docx” names no report format: end it in .html, .htm, .pdf, .json, "
        ".csv, .txt, .text or .retold, or add --format\n"
    )
    assert list(tmp_path.iterdir()) == []
    assert compare("-o", tmp_path / "report") == EXIT_OK  # no extension: text, as before


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder, "is a folder"),
        (lambda folder: _write(folder / "photo.txt", bytes(range(256))), "holds binary data"),
        (lambda folder: _write(folder / "notes.xyz", b"words"), "a .xyz file, which Retold"),
    ],
)
def test_unusable_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make, message: str
) -> None:
    assert main(["compare", str(make(tmp_path)), str(REWRITE)]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert err.startswith("retold: “") and message in err and err.count("\n") == 1


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_help_names_the_formats_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["compare", "--help"])
    assert exit_info.value.code == 0
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps to the terminal's width
    assert out.startswith("usage: retold compare [options]") and "ORIGINAL REWRITE" in out
    assert "Word (.docx)" in out and "3 an article could not be read" in out


@pytest.mark.parametrize("suffix", ["html", "csv", "json", "txt"])
def test_no_qt_outside_pdf(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"report.{suffix}"
    code = (
        "import sys\n"
        "from retold.cli import main\n"
        f"code = main(['compare', {str(ORIGINAL)!r}, {str(REWRITE)!r}, '-o', {str(target)!r}])\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(code, ','.join(qt))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"
    assert target.stat().st_size > 0


@pytest.mark.skipif(not RETOLD.exists(), reason="the retold script is not installed beside python")
def test_installed_script(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    run = subprocess.run(
        [str(RETOLD), "compare", str(ORIGINAL), str(REWRITE), "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == EXIT_OK, run.stderr
    assert "<table" in target.read_text(encoding="utf-8")
    failed = subprocess.run(
        [str(RETOLD), "compare", str(ORIGINAL), str(tmp_path / "absent.txt")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert failed.returncode == EXIT_INPUT and "retold:" in failed.stderr


def test_ctrl_c_is_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("retold.api.compare_sources", interrupted)
    assert compare() == 130
    assert capsys.readouterr().err == "retold: interrupted; no report was written\n"


def test_the_json_report_is_the_comparison_of_the_api(tmp_path: Path) -> None:
    """What the command line adds (workers, a paused collector, the writer) changes nothing:
    its JSON holds the data of the comparison made in-process, and the collector is back on."""
    import gc

    from retold.api import compare_files
    from retold.engine.options import CompareOptions
    from retold.engine.serialize import comparison_to_dict

    target = tmp_path / "report.json"
    assert compare("-o", target, "--no-semantic") == EXIT_OK
    found = json.loads(target.read_text(encoding="utf-8"))
    made = compare_files(ORIGINAL, REWRITE, CompareOptions(semantic=False))
    assert found == json.loads(json.dumps(comparison_to_dict(made)))
    assert gc.isenabled()
