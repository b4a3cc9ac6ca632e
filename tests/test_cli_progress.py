"""``retold compare`` on a terminal: one line with the stage and the time left; on a pipe,
nothing. Through a real pseudo-terminal, so that ``isatty`` is the system's answer."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
import types
from pathlib import Path

import pytest

from retold.cli import EXIT_OK, main
from retold.engine.compare import STAGES
from retold.resources import sample_paths

ORIGINAL, REWRITE = sample_paths()
RETOLD = Path(sys.executable).with_name("retold")


class _Screen:
    """What is written to a pseudo-terminal, read as it comes (its buffer is small)."""

    def __init__(self) -> None:
        self.master, slave = pty.openpty()
        self.stream = open(slave, "w", encoding="utf-8")  # noqa: SIM115 (closed in text())
        self._chunks: list[bytes] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 4096)
            except OSError:  # the other end was closed
                return
            if not chunk:
                return
            self._chunks.append(chunk)

    def text(self) -> str:
        self.stream.close()
        self._reader.join(timeout=10)
        os.close(self.master)
        return b"".join(self._chunks).decode("utf-8")


def test_a_long_comparison_shows_every_stage_and_the_time_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clock that moves a second at each look makes the sample pair a long job: every
    report is drawn, with the time left once 5 % is done."""
    seconds = iter(range(10**6))
    monkeypatch.setattr(
        "retold.terminal_progress.time", types.SimpleNamespace(monotonic=lambda: next(seconds))
    )
    monkeypatch.setenv("COLUMNS", "200")
    screen = _Screen()
    monkeypatch.setattr(sys, "stderr", screen.stream)
    target = tmp_path / "report.json"
    code = main(["compare", str(ORIGINAL), str(REWRITE), "--no-semantic", "-o", str(target)])
    assert code == EXIT_OK
    assert target.stat().st_size > 0
    frames = screen.text().split("\r\x1b[K")
    lines = [f for f in frames if f.startswith("Comparing… ")]
    assert lines[0] == "Comparing… 0% (finding sentences)"
    for _, stage in STAGES:
        assert any(f"% ({stage})" in line for line in lines), stage
    assert any(line.endswith(" s left") for line in lines)
    shares = [int(line.split()[1].rstrip("%")) for line in lines]
    assert shares == sorted(shares)
    # Then the report, written with a line of its own, erased before the note.
    writing = [f for f in frames if f.startswith("Writing the JSON report… ")]
    assert writing and frames.index(writing[0]) > frames.index(lines[-1])
    assert frames[-1].startswith("Wrote the JSON report")  # on a line of its own


def test_the_installed_command_draws_on_a_terminal_and_not_into_a_pipe(tmp_path: Path) -> None:
    command = [str(RETOLD), "compare", str(ORIGINAL), str(REWRITE), "--no-semantic"]
    command += ["-o", str(tmp_path / "report.json")]
    piped = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert piped.returncode == EXIT_OK, piped.stderr
    assert "\r" not in piped.stderr and "Comparing" not in piped.stderr
    screen = _Screen()
    shown = subprocess.run(command, stderr=screen.stream, timeout=120, check=False)
    assert shown.returncode == EXIT_OK
    text = screen.text()
    # The first report is always drawn; the line is erased before the note of what was written.
    assert "\r\x1b[KComparing… 0% (finding sentences)" in text
    assert "\r\x1b[KWrote the JSON report" in text
