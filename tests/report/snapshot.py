"""Compare text with a stored snapshot; RETOLD_UPDATE_SNAPSHOTS=1 rewrites the snapshots."""

from __future__ import annotations

import os
from pathlib import Path

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


def assert_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("RETOLD_UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        if os.environ.get("RETOLD_UPDATE_SNAPSHOTS") != "1":
            raise AssertionError(f"snapshot {name} did not exist; it was written, check it in")
        return
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (
        f"{name} differs from its snapshot; if the change is intended, rerun with "
        "RETOLD_UPDATE_SNAPSHOTS=1 and review the diff"
    )
