"""An archive kept in several index files gives what one combined index gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retold.archive.candidates import ArchiveReader
from retold.archive.find import FindOptions, find_one
from retold.archive.indexing import update_index
from retold.archive.partitions import Archive
from retold.archive.store import ArchiveError
from retold.cli import main
from tests.archive.texts import BRIDGE_INDEPENDENT, BRIDGE_RETOLD, ORIGINALS


@pytest.fixture
def split(tmp_path: Path) -> tuple[Path, list[Path]]:
    """The four originals in one index, and the same four in two index files."""
    folders = [tmp_path / "first", tmp_path / "second"]
    for i, (name, text) in enumerate(sorted(ORIGINALS.items())):
        folders[i % 2].mkdir(exist_ok=True)
        (folders[i % 2] / name).write_text(text, encoding="utf-8")
    whole = tmp_path / "whole.db"
    update_index(whole, folders)
    parts = [tmp_path / "first.db", tmp_path / "second.db"]
    for part, folder in zip(parts, folders, strict=True):
        update_index(part, [folder])
    return whole, parts


@pytest.mark.parametrize("text", [BRIDGE_RETOLD, BRIDGE_INDEPENDENT, ORIGINALS["orchard.txt"]])
def test_candidates_over_partitions_score_as_in_one_index(split, text: str) -> None:
    whole, parts = split
    with ArchiveReader(whole) as one, Archive(parts) as several:
        expected = one.candidates(text, 4)
        got = several.candidates(text, 4)
        assert several.articles == one.articles == 4
    assert [c.path for c in got] == [c.path for c in expected]
    assert [c.evidence for c in got] == pytest.approx([c.evidence for c in expected])
    assert {c.shard for c in got} == {0, 1}


def test_find_over_partitions_gives_the_same_matches(split, tmp_path: Path) -> None:
    whole, parts = split
    suspect = tmp_path / "suspect.txt"
    suspect.write_text(BRIDGE_RETOLD, encoding="utf-8")
    with ArchiveReader(whole) as one, Archive(parts) as several:
        assert find_one(several, suspect, FindOptions(top=3)) == find_one(
            one, suspect, FindOptions(top=3)
        )
    out = tmp_path / "found.json"
    arguments = ["find", "--db", str(parts[0]), "--db", str(parts[1]), str(suspect)]
    assert main([*arguments, "-o", str(out)]) == 0
    best = json.loads(out.read_text(encoding="utf-8"))["results"][0]["matches"][0]
    assert best["name"] == "bridge.txt" and best["derived"] is True


def test_an_archive_needs_every_one_of_its_files(split, tmp_path: Path) -> None:
    _, parts = split
    with pytest.raises(ArchiveError, match="no archive index"):
        Archive([parts[0], tmp_path / "lost.db"])
    with pytest.raises(ArchiveError, match="at least one"):
        Archive([])
