"""Read stage: files and folders into ``SourceRecord`` values, never raising.

A batch of a thousand files must survive one bad file, so every failure (missing, a folder
given where a file was expected, binary, empty, damaged, too large, a reader library's crash)
becomes a record whose ``error`` says why, in the loader's own words.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from retold.batch.records import SourceRecord
from retold.savefile import SUFFIX
from retold.sources.loader import DEFAULT_MAX_BYTES, load_source
from retold.sources.model import SourceError

# Told about each entry that a folder walk leaves out, and why (the caller says it to the user).
SkipFn = Callable[[Path, str], None]

_HASH_CHUNK = 1 << 20
HASH_LIMIT = 4


def read_record(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceRecord:
    """One file as a record; a file that cannot be used gives a record with ``error``."""
    path = Path(path)
    name = path.name or str(path)
    if path.suffix.lower() == SUFFIX and path.is_file():  # Retold reads it, but not as an article
        message = f"“{name}” is a saved comparison, not an article: export it with retold compare"
        return SourceRecord.failed(name, str(path), message, file_sha256(path, max_bytes))
    try:
        source = load_source(path, max_bytes=max_bytes)
    except SourceError as error:
        return SourceRecord.failed(name, str(path), str(error), file_sha256(path, max_bytes))
    except Exception as error:  # a reader's bug must not end a batch: say so in the row
        message = f"“{name}” could not be read: {type(error).__name__}: {error}"
        return SourceRecord.failed(name, str(path), message, file_sha256(path, max_bytes))
    return SourceRecord(name, str(path), source.sha256, source.text, None)


def file_sha256(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """The hash of a regular file's bytes even when its text is unusable (so a report still
    identifies it); None for what cannot be opened, and for a file over ``HASH_LIMIT`` times
    the size Retold reads (a disk image in a folder of articles must not stall the batch)."""
    path = Path(path)
    try:
        if not path.is_file() or path.stat().st_size > HASH_LIMIT * max_bytes:
            return None
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            while chunk := stream.read(_HASH_CHUNK):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def expand_paths(paths: Iterable[Path | str], on_skip: SkipFn | None = None) -> list[Path]:
    """Files to read: each path as given, folders replaced by every file under them.

    Folders are walked recursively and sorted by name at every level, so the order is the same
    on every machine. Every file in a folder is kept, whatever its extension: one Retold cannot
    read becomes an error row that says so, rather than vanishing. Only hidden entries (a name
    starting with ".": ``.git``, ``.DS_Store``) and folders already visited (a link loop) are
    left out, each told to ``on_skip``. A path given twice is listed once. A path that does not
    exist is kept, so that its record says so.
    """
    found: list[Path] = []
    seen: set[str] = set()
    visited: set[str] = set()

    def add(path: Path) -> None:
        key = _key(path)
        if key not in seen:
            seen.add(key)
            found.append(path)

    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            _walk(path, add, visited, on_skip)
        else:
            add(path)
    return found


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:  # a link loop, an unreadable parent: the spelling is the best key
        return os.path.abspath(path)


def _walk(
    folder: Path, add: Callable[[Path], None], visited: set[str], on_skip: SkipFn | None
) -> None:
    key = _key(folder)
    if key in visited:
        if on_skip is not None:
            on_skip(folder, "a folder already read (a link loop?)")
        return
    visited.add(key)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: (e.name.casefold(), e.name))
    except OSError as error:
        add(folder)  # its record says it cannot be read (a folder, or permission denied)
        if on_skip is not None:
            on_skip(folder, f"the folder cannot be listed: {error.strerror or error}")
        return
    for entry in entries:
        path = folder / entry.name
        if entry.name.startswith("."):
            if on_skip is not None:
                on_skip(path, "hidden")
            continue
        try:
            is_dir = entry.is_dir()  # follows links; loops are caught by ``visited``
        except OSError:
            is_dir = False
        if is_dir:
            _walk(path, add, visited, on_skip)
        else:
            add(path)
