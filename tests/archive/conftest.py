"""An archive of our own articles on disk, and its index."""

from __future__ import annotations

from pathlib import Path

import pytest

from retold.archive.indexing import update_index
from tests.archive.texts import BRIDGE_INDEPENDENT, BRIDGE_RETOLD, ORIGINALS


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    (folder / "sub").mkdir(parents=True)
    for i, (name, text) in enumerate(sorted(ORIGINALS.items())):
        target = folder / "sub" / name if i % 2 else folder / name
        target.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def suspects(tmp_path: Path) -> Path:
    folder = tmp_path / "suspects"
    folder.mkdir()
    (folder / "retold.txt").write_text(BRIDGE_RETOLD, encoding="utf-8")
    (folder / "independent.txt").write_text(BRIDGE_INDEPENDENT, encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a Word file")
    return folder


@pytest.fixture
def db(tmp_path: Path, archive_dir: Path) -> Path:
    path = tmp_path / "archive.db"
    update_index(path, [archive_dir])
    return path
