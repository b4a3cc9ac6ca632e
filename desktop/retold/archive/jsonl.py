"""The scan's output: one JSON line per suspect, appended as results arrive, resumable.

Each line is flushed as it is written and synced to disk at least every second, so a crash
loses at most the line being written (a power cut, the last second). On resume the suspects
already in the file are skipped; a torn last line (the process died mid-write) is cut off
first, so the next line does not run into it.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import IO

from retold.archive.find import FindResult
from retold.archive.results import to_line

SYNC_EVERY_S = 1.0  # a sync per line would serialise a fast scan on the disk


class OutputError(Exception):
    """The output file holds something other than scan lines; one sentence for the user."""


def completed(path: Path) -> set[str]:
    """The suspect paths already in the output at ``path``, cutting off a torn last line.

    Only the last line can be torn (lines are appended whole); a bad line before it
    means the file is not a scan's output, and nothing is cut."""
    if not path.exists():
        return set()
    with path.open("rb") as stream:
        lines = stream.readlines()
    done: set[str] = set()
    good = 0  # bytes up to the end of the last whole line
    for number, line in enumerate(lines, 1):
        suspect = _suspect_path(line) if line.endswith(b"\n") else None
        if suspect is None and number < len(lines):
            raise OutputError(f"line {number} of “{path}” is not a scan result; it was left as is.")
        if suspect is None:
            break
        done.add(suspect)
        good += len(line)
    if good < path.stat().st_size:
        with path.open("r+b") as stream:
            stream.truncate(good)
    return done


def _suspect_path(line: bytes) -> str | None:
    try:
        entry = json.loads(line)
        path = entry["suspect"]["path"]
    except (ValueError, KeyError, TypeError):
        return None
    return path if isinstance(path, str) else None


class LineWriter:
    """Appends result lines to the output, each one flushed before the next is written."""

    def __init__(self, path: Path) -> None:
        self._stream: IO[str] = path.open("a", encoding="utf-8", newline="\n")
        self._synced = time.monotonic()

    def write(self, result: FindResult) -> None:
        self._stream.write(to_line(result))
        self._stream.flush()  # a crash of this process now loses nothing written
        if time.monotonic() - self._synced >= SYNC_EVERY_S:  # a power cut: the last second
            self._sync()

    def _sync(self) -> None:
        os.fsync(self._stream.fileno())
        self._synced = time.monotonic()

    def close(self) -> None:
        self._sync()
        self._stream.close()

    def __enter__(self) -> LineWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
