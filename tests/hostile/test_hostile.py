"""Issue 14 §5: no input hangs, crashes or eats the machine.

Every case of ``make_cases.py`` runs through ``retold compare`` (or opens a saved comparison) in
a child process bounded in time and address space. It must end within its time budget, exit
with a one-line message that names the problem, or succeed, and never print a traceback.
Budgets are generous multiples of what the cases take here (under 3 s each): a hang or a
quadratic path misses them by minutes, so a loaded machine cannot make them flaky.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from retold.cli import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT

from .make_cases import NEEDS_TMPFS, build
from .runner import Outcome, can_enforce_permissions, run

BUDGET = 20.0  # processor seconds for any one case (its own: the load of a shared machine
# stretches wall time, not these); wall time only catches a hang, at several times the budget.
HANG_FACTOR = 4
# The PDF of a 5 MB word has 2,300 pages: 8 processor seconds of Qt laying out and drawing glyphs
# on an idle machine. Its time grows linearly (test_pdf's ratio tests guard that); the square it
# grew with before took hours, far past this budget.
PDF_BUDGET = 60.0
PEAK_MB = 1500  # resident memory; Qt's PDF writer alone takes about 300 MB


@pytest.fixture
def folder(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    """The case's folder: tmpfs for far modification times (ext4 clamps them), else tmp_path."""
    callspec = getattr(request.node, "callspec", None)
    name = callspec.params["name"] if callspec is not None else "case"
    if name not in NEEDS_TMPFS:
        yield tmp_path / name
        return
    if not os.access("/dev/shm", os.W_OK):
        pytest.skip("far modification times need a tmpfs at /dev/shm (ext4 clamps them)")
    with tempfile.TemporaryDirectory(dir="/dev/shm") as shm:
        yield Path(shm) / name


def _run(name: str, folder: Path, budget: float = BUDGET) -> Outcome:
    outcome = run(build(name, folder), folder, HANG_FACTOR * budget)
    assert outcome.code is not None, f"{name} still running after {outcome.seconds:.0f} s"
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert outcome.cpu_seconds < budget, f"{name} took {outcome.cpu_seconds:.1f} processor s"
    assert outcome.peak_mb < PEAK_MB, f"{name} peaked at {outcome.peak_mb:.0f} MB"
    return outcome


def _refused(outcome: Outcome, code: int, *words: str) -> None:
    """Exit ``code`` with one line on stderr that says ``words``."""
    assert outcome.code == code, outcome.stderr
    lines = outcome.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("retold: "), outcome.stderr
    for word in words:
        assert word in lines[0], lines[0]


def _compared(outcome: Outcome) -> None:
    assert outcome.code == EXIT_OK, outcome.stderr
    assert outcome.stdout.startswith(b"Retold comparison: ")


@pytest.mark.parametrize(
    "name",
    [
        "huge_word_one_side",
        "huge_word_both_sides",
        "markdown_open_links",  # 400k characters without a space
    ],
)
def test_a_word_of_megabytes_is_compared(name: str, folder: Path) -> None:
    _compared(_run(name, folder))


@pytest.mark.parametrize(
    ("name", "words", "page"),
    [
        ("huge_word_pdf_report", b"xxxxxxxxxx", 2000),  # 5 MB: 2,300 pages
        ("long_sentence_pdf_report", b"harbour", 400),  # 1.2 MB of short words: 438 pages
    ],
)
def test_a_pdf_report_of_a_row_of_megabytes(
    name: str, words: bytes, page: int, folder: Path
) -> None:
    """Qt gets the row's text in paragraphs of bounded length (report/pdf_blocks.py), and the
    row in tables of bounded length, so its thousands of pages take seconds, not hours."""
    outcome = _run(name, folder, PDF_BUDGET)
    assert outcome.code == EXIT_OK, outcome.stderr
    report = folder / "report.pdf"
    assert report.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is not None:  # a late page still holds the row's text
        command = ["pdftotext", "-f", str(page), "-l", str(page), str(report), "-"]
        done = subprocess.run(command, capture_output=True, check=True)
        assert words in done.stdout


@pytest.mark.parametrize(
    "name",
    [
        "markdown_stars",
        "markdown_underscores",
        "markdown_open_images",
        "markdown_nested_brackets",
    ],
)
def test_markdown_that_would_backtrack_is_read(name: str, folder: Path) -> None:
    _compared(_run(name, folder))


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("html_200k_attributes", ("attributes.html", "200,000 attributes")),
        ("html_50_mb", ("big.html", "more than 500,000 elements")),
        ("odt_billion_spaces", ("spaces.odt", "more than 52 million characters")),
        ("odt_twenty_runs_of_spaces", ("runs.odt", "more than 52 million characters")),
        ("odt_trillion_spaces", ("trillion.odt", "more than 52 million characters")),
        ("odt_nested_deep", ("deep.odt", "more than 256 deep")),
        ("docx_utf16_entities", ("utf16.docx", "entity declarations", "document.xml")),
    ],
)
def test_documents_over_their_budget_are_refused(
    name: str, words: tuple[str, ...], folder: Path
) -> None:
    _refused(_run(name, folder), EXIT_INPUT, *words)


@pytest.mark.parametrize(
    ("name", "characters"), [("text_50_mb", 50_000_000), ("docx_100k_paragraphs", 4_000_000)]
)
def test_big_documents_are_read_within_budget(name: str, characters: int, folder: Path) -> None:
    """Reading only: comparing them is the engine's speed (issue 12)."""
    outcome = _run(name, folder)
    assert outcome.code == EXIT_OK, outcome.stderr
    assert int(outcome.stdout.split()[0]) > characters


def test_html_whose_charset_lies_is_read_by_its_bytes(folder: Path) -> None:
    outcome = _run("html_charset_lies", folder)
    _compared(outcome)
    assert b"harbour town voted" in outcome.stdout


def test_a_byte_order_mark_before_nuls_is_binary(folder: Path) -> None:
    """Read by its mark, it would be a million U+0000 "characters" of text."""
    _refused(_run("text_utf16_bom_nuls", folder), EXIT_INPUT, "nuls.txt", "byte-order mark")


def test_text_in_mixed_encodings_is_read_with_a_warning(folder: Path) -> None:
    outcome = _run("text_mixed_encodings", folder)
    _compared(outcome)
    assert "retold: warning: “mixed.txt” mixes text encodings" in outcome.stderr
    assert "Straße" in outcome.stdout.decode() and "Señor García" in outcome.stdout.decode()


@pytest.mark.parametrize("name", ["mtime_year_11476", "mtime_before_year_1"])
def test_modification_times_out_of_range(name: str, folder: Path) -> None:
    outcome = _run(name, folder)
    _compared(outcome)
    assert b"Modified: not a valid date" in outcome.stdout


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("saved_nested_deep", ("deep.retold", "nested too deeply")),
        ("saved_5000_digits", ("digits.retold", "5,000 digits")),
        ("saved_lone_surrogate", ("surrogate.retold", "not valid Unicode")),
        ("saved_modified_infinity", ("infinity.retold", "Infinity")),
        ("saved_modified_nan", ("nan.retold", "NaN")),
        ("saved_modified_1e300", ("huge.retold", "modification time")),
        ("saved_modified_negative", ("negative.retold", "modification time")),
        ("saved_modified_before_year_1", ("ancient.retold", "modification time")),
    ],
)
def test_hostile_saved_comparisons_are_refused(
    name: str, words: tuple[str, ...], folder: Path
) -> None:
    _refused(_run(name, folder), EXIT_INPUT, "is damaged", *words)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("output_name_too_long", ("file name is 304 bytes long",)),
        ("output_stdout_closed", ("standard output is closed",)),
        ("output_into_proc", ("/proc does not accept new files",)),
        ("output_parent_is_a_file", ("plain.txt is a file, not a folder",)),
    ],
)
def test_reports_that_cannot_be_written_say_why(
    name: str, words: tuple[str, ...], folder: Path
) -> None:
    _refused(_run(name, folder), EXIT_OUTPUT, *words)


def test_a_folder_that_cannot_be_searched(folder: Path) -> None:
    if not can_enforce_permissions():
        pytest.skip("root without setpriv passes every permission check")
    _refused(_run("output_unsearchable_folder", folder), EXIT_OUTPUT, "locked", "permission")


@pytest.mark.parametrize(
    ("name", "target", "kind"),
    [
        ("output_fifo", "pipe", stat.S_ISFIFO),
        ("output_char_device", "null", stat.S_ISCHR),
    ],
)
def test_pipes_and_devices_are_written_not_replaced(
    name: str, target: str, kind: object, folder: Path
) -> None:
    try:
        outcome = _run(name, folder)
    except PermissionError:  # mknod needs root
        pytest.skip("making a device node needs root")
    assert outcome.code == EXIT_OK, outcome.stderr
    assert callable(kind) and kind((folder / target).stat().st_mode)
    if name == "output_fifo":
        assert outcome.stdout.startswith(b"Retold comparison: ")


def test_dev_stdout_as_a_pipe_gets_the_report(folder: Path) -> None:
    _compared(_run("output_dev_stdout_pipe", folder))
