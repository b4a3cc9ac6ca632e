"""Add files to the archive index, incrementally, in batches that each commit on their own.

A file whose size and modification time match the index is skipped without being read; one
that changed on disk is read, and indexed again only if its hash changed. Each batch is one
transaction, so Ctrl+C or a crash loses at most the batch under way, and the next run starts
where this one stopped (what was committed is skipped as unchanged). ``prune`` drops the files
that have gone from disk.
"""

from __future__ import annotations

import os
import signal
import sqlite3
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

from retold.archive.features import term_keys
from retold.archive.store import open_writable, pack_text, unpack_text
from retold.batch.pool import exit_with_parent
from retold.batch.reading import expand_paths, read_record
from retold.batch.records import SourceRecord

DEFAULT_BATCH = 200  # files a transaction: small enough to lose little, big enough to be fast
MIN_PARALLEL = 64  # files to read before a process pool pays for its start
IN_FLIGHT_PER_JOB = 32  # files read ahead per worker process

ProgressFn = Callable[[int, int], None]  # (files done, files in all)
BatchHook = Callable[[int], None]  # called after each commit with the files committed so far


@dataclass(frozen=True, slots=True)
class IndexedArticle:
    """What the index keeps of one file: its identity, its packed text and its evidence."""

    path: str
    name: str
    sha256: str
    mtime: float
    size: int
    body: bytes  # the text, compressed (in the worker that read it)
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
        body=pack_text(record.text),
        keys=term_keys(record.text),
    )


def update_index(
    db: Path,
    paths: Iterable[Path],
    *,
    prune: bool = False,
    batch_size: int = DEFAULT_BATCH,
    jobs: int = 1,
    progress: ProgressFn | None = None,
    after_batch: BatchHook | None = None,
) -> IndexReport:
    """Bring the index at ``db`` up to date with the files under ``paths``.

    Files are read and their terms extracted by ``jobs`` processes; this one only writes."""
    connection = open_writable(db)
    try:
        writer = ArchiveWriter(connection)
        report = IndexReport()
        files = _distinct_files(paths)
        known = writer.stamps()
        to_read = [stamp for stamp in _stamps(files, report) if not _unchanged(stamp, known)]
        report.unchanged = len(files) - len(to_read) - len(report.failed)
        done = len(files) - len(to_read)
        batch = _Batch(writer, batch_size, after_batch)
        with _mapper(jobs, len(to_read)) as mapped:
            for prepared in mapped(prepare, to_read):
                _take(prepared, known, report, batch)
                done += 1
                if progress is not None:
                    progress(done, len(files))
        batch.flush()
        if progress is not None:
            progress(len(files), len(files))
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


def _stamps(files: Sequence[Path], report: IndexReport) -> Iterator[Stamp]:
    for path in files:
        try:
            status = path.stat()
        except OSError as error:
            report.failed.append((str(path), f"cannot be opened: {error.strerror or error}"))
            continue
        yield Stamp(str(path), status.st_mtime, status.st_size)


def _unchanged(stamp: Stamp, known: dict[str, tuple[float, int, str]]) -> bool:
    """Same size and modification time as when it was indexed: not even read."""
    before = known.get(stamp.path)
    return before is not None and before[:2] == (stamp.mtime, stamp.size)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A file read and, if readable, turned into what the index stores (in a worker)."""

    stamp: Stamp
    sha256: str | None
    article: IndexedArticle | None
    error: str | None


def prepare(stamp: Stamp) -> Prepared:
    """The read and evidence stages for one file: pure apart from reading it; never raises."""
    record = read_record(stamp.path)
    if record.error is not None or record.text is None or record.sha256 is None:
        return Prepared(stamp, record.sha256, None, record.error or "has no text")
    return Prepared(stamp, record.sha256, article_from(record, stamp), None)


def _take(
    prepared: Prepared,
    known: dict[str, tuple[float, int, str]],
    report: IndexReport,
    batch: _Batch,
) -> None:
    """Count a prepared file and queue what it needs: nothing, a new stamp, or (re)indexing."""
    stamp, before = prepared.stamp, known.get(prepared.stamp.path)
    if prepared.article is None:
        report.failed.append((stamp.path, prepared.error or "has no text"))
    elif before is not None and before[2] == prepared.sha256:
        report.unchanged += 1  # touched, not changed: only the stamp is new
        batch.add_stamp(stamp)
    else:
        if before is None:
            report.added += 1
        else:
            report.updated += 1
        batch.add(prepared.article)


class _Batch:
    """Articles and stamps waiting to be committed together."""

    def __init__(self, writer: ArchiveWriter, size: int, after: BatchHook | None) -> None:
        self.writer, self.size, self.after = writer, max(1, size), after
        self.articles: list[IndexedArticle] = []
        self.stamps: list[Stamp] = []
        self.committed = 0

    def add(self, article: IndexedArticle) -> None:
        self.articles.append(article)
        self._maybe_flush()

    def add_stamp(self, stamp: Stamp) -> None:
        self.stamps.append(stamp)
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        if len(self.articles) + len(self.stamps) >= self.size:
            self.flush()

    def flush(self) -> None:
        if not self.articles and not self.stamps:
            return
        self.writer.write(self.articles, self.stamps)
        self.committed += len(self.articles) + len(self.stamps)
        self.articles, self.stamps = [], []
        if self.after is not None:
            self.after(self.committed)


MapFn = Callable[[Callable[[Stamp], Prepared], Sequence[Stamp]], Iterator[Prepared]]


@contextmanager
def _mapper(jobs: int, count: int) -> Iterator[MapFn]:
    """``map`` in this process, or over a pool of ``jobs`` processes for a big enough run.

    Results come back in order with at most a window of files in flight, so memory stays
    bounded when the workers read faster than this process writes."""
    if jobs <= 1 or count < MIN_PARALLEL:
        yield lambda fn, items: map(fn, items)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts) as pool:

        def bounded(fn: Callable[[Stamp], Prepared], items: Sequence[Stamp]) -> Iterator[Prepared]:
            window: deque[Future[Prepared]] = deque()
            for item in items:
                window.append(pool.submit(fn, item))
                if len(window) >= IN_FLIGHT_PER_JOB * jobs:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()

        try:
            yield bounded
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)  # Ctrl+C: stop reading, keep commits
            raise


def _ignore_interrupts() -> None:
    """In a worker: Ctrl+C is this process's to handle (it stops the pool, keeps the commits);
    this process killed outright, the worker ends too."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_with_parent()


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
                postings.extend(zip(article.keys, repeat(doc), strict=False))
                df.update(article.keys)
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
            "INSERT OR REPLACE INTO texts (doc, body) VALUES (?, ?)", (doc, article.body)
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
