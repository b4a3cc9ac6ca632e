"""Each match of find and scan names the evidence its figures weighed (the words alone)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from retold.archive.candidates import ArchiveReader
from retold.archive.find import FindOptions, find_one
from retold.archive.results import to_csv, to_line


def test_find_and_scan_matches_name_their_evidence(db: Path, suspects: Path) -> None:
    with ArchiveReader(db) as reader:
        found = find_one(reader, suspects / "retold.txt", FindOptions(top=2))
    line = json.loads(to_line(found))
    assert [match["evidence"] for match in line["matches"]] == ["lexical", "lexical"]
    rows = list(csv.DictReader(io.StringIO(to_csv([found]))))
    assert [row["evidence"] for row in rows] == ["lexical", "lexical"]
