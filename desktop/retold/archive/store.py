"""The archive index on disk: one SQLite file (standard library ``sqlite3``), no server.

Tables:
- ``docs``: one row per indexed file (path, name, sha256, mtime, size, number of terms).
- ``texts``: the article text, zlib-compressed. ``find`` aligns candidates against the text as
  it was indexed, so a match still opens after the file moved, changed or went offline (an
  archive is a record of what was published), and a PDF or web page is not extracted again
  for every query. It costs about a third of the text's size; the postings cost about as much.
- ``postings``: (term key, doc), clustered by term (``WITHOUT ROWID``), so a term's documents are
  read as one range.
- ``df``: each term's document frequency, kept in step with the postings, for IDF weights.
- ``meta``: the format, its version and the fingerprint of the term extractor.

Opening checks that the file is an archive index built with the same extractor, and turns every
way it can fail into an ``ArchiveError`` whose text is one sentence for the user.
"""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path
from urllib.parse import quote

from retold.archive.features import fingerprint

FORMAT = "retold-archive"
VERSION = "1"
BUSY_TIMEOUT_S = 30.0  # another `retold index` on the same file: wait for it, then go on
# Postings land all over the term-ordered tree: keep its pages at hand while writing.
WRITE_CACHE_KB = 64 * 1024

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    mtime REAL NOT NULL,
    size INTEGER NOT NULL,
    n_terms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS texts (doc INTEGER PRIMARY KEY, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS postings (
    term INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (term, doc)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS df (term INTEGER PRIMARY KEY, n INTEGER NOT NULL);
"""


class ArchiveError(Exception):
    """The index cannot be used; ``str(error)`` is one sentence for the user."""


def open_writable(path: Path) -> sqlite3.Connection:
    """Open the index at ``path`` for updating, creating it (and its tables) if absent."""
    path = Path(path)
    if path.is_dir():
        raise ArchiveError(f"“{path}” is a folder; name the index file, e.g. archive.db.")
    if not path.parent.is_dir():
        raise ArchiveError(f"the folder of “{path}” does not exist.")
    existed = path.exists() and path.stat().st_size > 0
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as error:
        raise ArchiveError(f"“{path}” cannot be opened: {error}.") from error
    try:
        connection.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KB}")
        if existed:
            _check(connection, path)
        else:
            with connection:
                connection.executescript(_SCHEMA)
                connection.executemany(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    [("format", FORMAT), ("version", VERSION), ("features", fingerprint())],
                )
    except sqlite3.Error as error:
        connection.close()
        raise _not_an_index(path, error) from error
    except BaseException:
        connection.close()
        raise
    return connection


def open_readonly(path: Path) -> sqlite3.Connection:
    """Open an existing index for queries only (what each Dask worker does on its side)."""
    path = Path(path)
    if not path.is_file():
        raise ArchiveError(
            f"there is no archive index at “{path}”; build one with: retold index --db {path} "
            "FOLDER"
        )
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as error:
        raise ArchiveError(f"“{path}” cannot be opened: {error}.") from error
    try:
        _check(connection, path)
    except BaseException:
        connection.close()
        raise
    return connection


def _check(connection: sqlite3.Connection, path: Path) -> None:
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error as error:
        raise _not_an_index(path, error) from error
    if meta.get("format") != FORMAT:
        raise ArchiveError(f"“{path}” is an SQLite database but not a Retold archive index.")
    if meta.get("version") != VERSION:
        raise ArchiveError(
            f"“{path}” is a version {meta.get('version')} archive index; this Retold reads "
            f"version {VERSION}. Build it again with retold index."
        )
    if meta.get("features") != fingerprint():
        raise ArchiveError(
            f"“{path}” was built by a Retold that extracts other terms; build it again "
            "(delete it, then run retold index)."
        )


def _not_an_index(path: Path, error: sqlite3.Error) -> ArchiveError:
    if isinstance(error, sqlite3.DatabaseError) and "not a database" in str(error):
        return ArchiveError(f"“{path}” is not an archive index (not an SQLite database).")
    return ArchiveError(f"“{path}” is not a usable archive index: {error}.")


def pack_text(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 6)


def unpack_text(body: bytes) -> str:
    return zlib.decompress(body).decode("utf-8")
