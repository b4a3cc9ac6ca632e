"""Add files to the archive index, incrementally, in batches that each commit on their own.

A file whose size and modification time match the index is skipped without being read; one
that changed on disk is read, and indexed again only if its hash changed. Each batch is one
transaction, so Ctrl+C or a crash loses at most the batch under way, and the next run starts
where this one stopped (what was committed is skipped as unchanged). ``prune`` drops the files
that have gone from disk.
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from retold.archive.features import term_keys
from retold.archive.store import open_writable, pack_text, unpack_text
from retold.batch.reading import expand_paths, read_record
from retold.batch.records import SourceRecord

DEFAULT_BATCH = 200  # files a transaction: small enough to lose little, big enough to be fast

ProgressFn = Callable[[int, int], None]  # (files done, files in all)
BatchHook = Callable[[int], None]  # called after each commit with the files committed so far


@dataclass(frozen=True, slots=True)
class IndexedArticle:
    """What the index keeps of one file: its identity, its text and its evidence."""

    path: str
    name: str
    sha256: str
    mtime: float
    size: int
    text: str
    keys: list[int]


@dataclass(frozen=True, slots=True)
class Stamp:
    """A file's identity on disk, to tell cheaply whether it changed since it was indexed."""

    path: str
    mtime: float
    size: int


@dataclass(slots=True)
class IndexReport:
    added: int = 0
    updated: int = 0  # indexed again: the file's content changed
    unchanged: int = 0
    removed: int = 0  # pruned: the file has gone
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, why)


def article_from(record: SourceRecord, stamp: Stamp) -> IndexedArticle:
    """The evidence stage: a read file (without error) as the index stores it."""
    assert record.text is not None and record.sha256 is not None
    return IndexedArticle(
        path=stamp.path,
        name=record.name,
        sha256=record.sha256,
        mtime=stamp.mtime,
        size=stamp.size,
        text=record.text,
        keys=term_keys(record.text),
    )


def update_index(
    db: Path,
    paths: Iterable[Path],
    *,
    prune: bool = False,
    batch_size: int = DEFAULT_BATCH,
    progress: ProgressFn | None = None,
    after_batch: BatchHook | None = None,
) -> IndexReport:
    """Bring the index at ``db`` up to date with the files under ``paths``."""
    connection = open_writable(db)
    try:
        writer = ArchiveWriter(connection)
        report = IndexReport()
        files = _distinct_files(paths)
        known = writer.stamps()
        pending: list[IndexedArticle] = []
        touched: list[Stamp] = []
        committed = 0
        for done, path in enumerate(files, 1):
            _visit(path, known, report, pending, touched)
            if len(pending) + len(touched) >= batch_size or done == len(files):
                writer.write(pending, touched)
                committed += len(pending) + len(touched)
                pending, touched = [], []
                if after_batch is not None:
                    after_batch(committed)
            if progress is not None:
                progress(done, len(files))
        if prune:
            report.removed = writer.remove([p for p in known if not os.path.exists(p)])
        return report
    finally:
        connection.close()


def _distinct_files(paths: Iterable[Path]) -> list[Path]:
    seen: dict[str, Path] = {}
    for path in expand_paths(list(paths)):
        seen.setdefault(str(Path(path).resolve()), Path(path).resolve())
    return list(seen.values())


def _visit(
    path: Path,
    known: dict[str, tuple[float, int, str]],
    report: IndexReport,
    pending: list[IndexedArticle],
    touched: list[Stamp],
) -> None:
    """Decide what one file needs: nothing, a new stamp, or (re)indexing; errors are noted."""
    key = str(path)
    try:
        status = path.stat()
    except OSError as error:
        report.failed.append((key, f"cannot be opened: {error.strerror or error}"))
        return
    stamp = Stamp(key, status.st_mtime, status.st_size)
    before = known.get(key)
    if before is not None and before[:2] == (stamp.mtime, stamp.size):
        report.unchanged += 1
        return
    record = read_record(path)
    if record.error is not None or record.text is None or record.sha256 is None:
        report.failed.append((key, record.error or "has no text"))
        return
    if before is not None and before[2] == record.sha256:
        report.unchanged += 1  # touched, not changed: only the stamp is new
        touched.append(stamp)
        return
    if before is None:
        report.added += 1
    else:
        report.updated += 1
    pending.append(article_from(record, stamp))


class ArchiveWriter:
    """Writes articles into an open index, each call one transaction."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    def stamps(self) -> dict[str, tuple[float, int, str]]:
        """Every indexed path with its (mtime, size, sha256)."""
        rows = self._db.execute("SELECT path, mtime, size, sha256 FROM docs")
        return {path: (mtime, size, sha) for path, mtime, size, sha in rows}

    def write(self, articles: Sequence[IndexedArticle], touched: Sequence[Stamp] = ()) -> None:
        """Add or replace ``articles`` and update the stamps of ``touched`` files, atomically."""
        if not articles and not touched:
            return
        with self._db:
            self._db.executemany(
                "UPDATE docs SET mtime = ?, size = ? WHERE path = ?",
                [(s.mtime, s.size, s.path) for s in touched],
            )
            df: Counter[int] = Counter()
            postings: list[tuple[int, int]] = []
            for article in articles:
                doc = self._replace(article, df)
                postings.extend((key, doc) for key in article.keys)
                df.update(article.keys)
            postings.sort()  # insert in the clustered order: far fewer page splits
            self._db.executemany("INSERT INTO postings (term, doc) VALUES (?, ?)", postings)
            self._add_df(df)

    def remove(self, paths: Sequence[str]) -> int:
        """Drop ``paths`` from the index, atomically; returns how many were there."""
        with self._db:
            df: Counter[int] = Counter()
            removed = 0
            for path in paths:
                row = self._db.execute("SELECT id FROM docs WHERE path = ?", (path,)).fetchone()
                if row is None:
                    continue
                self._forget(row[0], df)
                self._db.execute("DELETE FROM docs WHERE id = ?", (row[0],))
                self._db.execute("DELETE FROM texts WHERE doc = ?", (row[0],))
                removed += 1
            self._add_df(df)
        return removed

    def _replace(self, article: IndexedArticle, df: Counter[int]) -> int:
        """Insert the article's row (or reuse the id of the file's older version)."""
        row = self._db.execute("SELECT id FROM docs WHERE path = ?", (article.path,)).fetchone()
        values = (
            article.name,
            article.sha256,
            article.mtime,
            article.size,
            len(article.keys),
            article.path,
        )
        if row is None:
            cursor = self._db.execute(
                "INSERT INTO docs (name, sha256, mtime, size, n_terms, path) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                values,
            )
            doc = int(cursor.lastrowid or 0)
        else:
            doc = int(row[0])
            self._forget(doc, df)
            self._db.execute(
                "UPDATE docs SET name = ?, sha256 = ?, mtime = ?, size = ?, n_terms = ? "
                "WHERE path = ?",
                values,
            )
        self._db.execute(
            "INSERT OR REPLACE INTO texts (doc, body) VALUES (?, ?)", (doc, pack_text(article.text))
        )
        return doc

    def _forget(self, doc: int, df: Counter[int]) -> None:
        """Remove a document's postings; its terms are found again from its stored text."""
        body = self._db.execute("SELECT body FROM texts WHERE doc = ?", (doc,)).fetchone()
        if body is None:
            return
        keys = term_keys(unpack_text(body[0]))
        self._db.executemany(
            "DELETE FROM postings WHERE term = ? AND doc = ?", [(key, doc) for key in keys]
        )
        df.subtract(keys)

    def _add_df(self, df: Counter[int]) -> None:
        self._db.executemany(
            "INSERT INTO df (term, n) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET n = n + "
            "excluded.n",
            [(key, n) for key, n in df.items() if n],
        )
        if any(n < 0 for n in df.values()):
            self._db.execute("DELETE FROM df WHERE n <= 0")
