"""The incremental index: add, skip, change, prune, and survive an interruption."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from retold.archive.candidates import ArchiveReader
from retold.archive.indexing import update_index
from retold.archive.store import ArchiveError
from tests.archive.texts import BRIDGE, BRIDGE_RETOLD, MARKET


def _indexed(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as connection:
        return dict(connection.execute("SELECT path, sha256 FROM docs"))


def _assert_consistent(db: Path) -> None:
    """Every document has its text, and the document frequencies recount from the postings."""
    with sqlite3.connect(db) as connection:
        recount = dict(connection.execute("SELECT term, COUNT(*) FROM postings GROUP BY term"))
        stored = dict(connection.execute("SELECT term, n FROM df"))
        docs = {row[0] for row in connection.execute("SELECT id FROM docs")}
        texts = {row[0] for row in connection.execute("SELECT doc FROM texts")}
        posted = {row[0] for row in connection.execute("SELECT DISTINCT doc FROM postings")}
    assert stored == recount
    assert docs == texts == posted


def _many(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"note-{i:03}.txt").write_text(
            f"Bulletin {i}: the parish of Wren{i} counted {i * 37 + 11} swifts nesting at "
            f"Kellow{i % 7} farm this summer, said warden Abbot{i}.\n",
            encoding="utf-8",
        )


def test_new_files_are_added_and_unchanged_ones_skipped(tmp_path: Path, archive_dir: Path) -> None:
    db = tmp_path / "a.db"
    first = update_index(db, [archive_dir])
    assert (first.added, first.unchanged, first.failed) == (4, 0, [])
    second = update_index(db, [archive_dir])
    assert (second.added, second.updated, second.unchanged) == (0, 0, 4)
    assert len(_indexed(db)) == 4
    _assert_consistent(db)


def test_a_touched_file_with_the_same_content_is_not_indexed_again(
    tmp_path: Path, db: Path, archive_dir: Path
) -> None:
    bridge = archive_dir / "bridge.txt"
    os.utime(bridge, (time.time() + 60, time.time() + 60))
    report = update_index(db, [archive_dir])
    assert (report.updated, report.unchanged) == (0, 4)
    with sqlite3.connect(db) as connection:
        (mtime,) = connection.execute(
            "SELECT mtime FROM docs WHERE path = ?", (str(bridge.resolve()),)
        ).fetchone()
    assert mtime == bridge.stat().st_mtime  # the new stamp is kept: next time it is not read


def test_a_changed_file_is_indexed_again(db: Path, archive_dir: Path) -> None:
    market = archive_dir / "sub" / "market.md"
    before = _indexed(db)[str(market.resolve())]
    market.write_text(BRIDGE_RETOLD, encoding="utf-8")  # now it tells of the bridge
    report = update_index(db, [archive_dir])
    assert (report.added, report.updated, report.unchanged) == (0, 1, 3)
    assert _indexed(db)[str(market.resolve())] != before
    _assert_consistent(db)
    with ArchiveReader(db) as reader:
        names = [c.name for c in reader.candidates(BRIDGE, 2)]
        assert set(names) == {"bridge.txt", "market.md"}
        assert "Nandakumar" in MARKET
        assert not reader.candidates("Councillor Priya Nandakumar", 1)  # the old words are gone


def test_prune_drops_files_that_have_gone(db: Path, archive_dir: Path) -> None:
    (archive_dir / "bridge.txt").unlink()
    kept = update_index(db, [archive_dir])
    assert kept.removed == 0 and len(_indexed(db)) == 4  # without --prune nothing is dropped
    pruned = update_index(db, [archive_dir], prune=True)
    assert pruned.removed == 1
    assert not any(path.endswith("bridge.txt") for path in _indexed(db))
    _assert_consistent(db)
    with ArchiveReader(db) as reader:
        assert all(c.name != "bridge.txt" for c in reader.candidates(BRIDGE, 5))


def test_a_bad_file_is_reported_and_the_rest_indexed(tmp_path: Path, archive_dir: Path) -> None:
    (archive_dir / "scan.pdf").write_bytes(b"%PDF-1.4 truncated")
    (archive_dir / "empty.txt").write_bytes(b"")
    report = update_index(tmp_path / "a.db", [archive_dir])
    assert report.added == 4
    assert sorted(Path(path).name for path, _ in report.failed) == ["empty.txt", "scan.pdf"]
    assert all(why for _, why in report.failed)


def test_an_interrupted_run_leaves_a_usable_index_and_the_next_run_goes_on(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "notes"
    _many(folder, 23)
    db = tmp_path / "a.db"

    def crash_after_two_batches(committed: int) -> None:
        if committed >= 10:
            raise RuntimeError("the machine lost power")

    with pytest.raises(RuntimeError):
        update_index(db, [folder], batch_size=5, after_batch=crash_after_two_batches)
    assert len(_indexed(db)) == 10  # the two committed batches, nothing of the third
    _assert_consistent(db)
    with ArchiveReader(db) as reader:
        assert reader.articles == 10
        assert reader.candidates("the parish of Wren3 counted swifts", 1)[0].name == "note-003.txt"
    rerun = update_index(db, [folder], batch_size=5)
    assert (rerun.added, rerun.unchanged) == (13, 10)
    _assert_consistent(db)


def test_a_killed_index_process_leaves_a_usable_index(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    _many(folder, 400)
    db = tmp_path / "a.db"
    command = [sys.executable, "-m", "retold", "index", "--db", str(db), str(folder)]
    child = subprocess.Popen([*command, "--batch-size", "1"], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and child.poll() is None:
            if db.exists() and _count_or_zero(db) >= 3:
                break
            time.sleep(0.02)
    finally:
        child.kill()
        child.wait()
    # Its reading workers end too, rather than wait on the dead pool for ever.
    deadline = time.monotonic() + 30
    while _running_on(db) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running_on(db)
    committed = _count_or_zero(db)
    assert committed >= 3
    _assert_consistent(db)
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    assert f"{400 - committed} added" in finished.stderr
    assert len(_indexed(db)) == 400


def _running_on(db: Path) -> list[int]:
    """The processes whose command line names ``db`` (Linux's /proc; none elsewhere)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if str(db).encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:  # it ended meanwhile
            continue
    return found


def _count_or_zero(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM docs").fetchone()[0])
    except sqlite3.Error:  # the tables are not there yet
        return 0


def test_a_file_that_is_not_an_index_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(4096))
    with pytest.raises(ArchiveError, match="not an archive index"):
        ArchiveReader(junk)
    with pytest.raises(ArchiveError, match="not an archive index"):
        update_index(junk, [])
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    with pytest.raises(ArchiveError, match="not a Retold archive index"):
        ArchiveReader(other)
    with pytest.raises(ArchiveError, match="no archive index"):
        ArchiveReader(tmp_path / "missing.db")


def test_reading_in_worker_processes_builds_the_same_index(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    _many(folder, 90)  # above the size at which a pool is started
    (folder / "broken.pdf").write_bytes(b"not a pdf")
    serial, parallel = tmp_path / "serial.db", tmp_path / "parallel.db"
    one = update_index(serial, [folder], batch_size=7)
    two = update_index(parallel, [folder], batch_size=7, jobs=2)
    assert (one.added, len(one.failed)) == (two.added, len(two.failed)) == (90, 1)

    def content(db: Path) -> tuple[object, ...]:
        with sqlite3.connect(db) as connection:
            return tuple(
                sorted(connection.execute(sql))
                for sql in (
                    "SELECT path, sha256, n_terms FROM docs",
                    "SELECT term, d.path FROM postings JOIN docs d ON d.id = doc",
                    "SELECT term, n FROM df",
                )
            )

    assert content(serial) == content(parallel)
