"""Write a file so that it is either complete or absent: never half-written.

Reports, saved comparisons and settings all go through ``write_atomic``. The bytes go to a
temporary file in the target's folder (so ``os.replace`` stays on one file system and is atomic),
are flushed to disk, then replace the target in one step. On any failure the temporary file is
removed and an existing target is left as it was. Each caller words the error for its own users;
``reason`` gives them the common part.

A target that is not a regular file is never replaced: a FIFO or a character device
(``-o /dev/stdout`` in a pipeline, ``/dev/null``) is written in place, as a shell redirection
would; any other kind (a socket, a block device) is refused.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


class WriteCancelled(Exception):
    """``cancelled()`` said stop before the target was replaced; nothing was written."""


def write_atomic(
    path: Path, data: bytes | Iterable[bytes], *, cancelled: Callable[[], bool] | None = None
) -> None:
    """Replace ``path`` with ``data`` (bytes, or pieces of them written as they come, so that a
    large report need not stand in memory whole); raise the OSError that stopped it, or
    WriteCancelled.

    A symbolic link (a settings file kept in a dotfiles folder) stays a link: the file it points
    to is the one replaced."""
    path = Path(path)
    kind = _kind(path)
    if kind is not None and not stat.S_ISREG(kind):
        _write_in_place(path, kind, data, cancelled)
        return
    if path.is_symlink():
        path = path.resolve()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in _pieces(data):
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        if cancelled is not None and cancelled():
            raise WriteCancelled()
        _keep_mode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _kind(path: Path) -> int | None:
    """The mode of what ``path`` names (links followed), or None where nothing is there yet."""
    try:
        return os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None


def _pieces(data: bytes | Iterable[bytes]) -> Iterable[bytes]:
    return (data,) if isinstance(data, bytes) else data


def _write_in_place(
    path: Path, mode: int, data: bytes | Iterable[bytes], cancelled: Callable[[], bool] | None
) -> None:
    """A FIFO or character device gets the bytes as a stream; a folder or any other kind is
    refused, with an OSError for ``reason`` to word."""
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        raise OSError(errno.EINVAL, _NOT_A_FILE, str(path))
    if cancelled is not None and cancelled():
        raise WriteCancelled()
    with open(path, "wb", buffering=0) as stream:  # O_TRUNC means nothing to a pipe or device
        for piece in _pieces(data):
            view = memoryview(piece)
            while view:
                view = view[stream.write(view) or 0 :]


_NOT_A_FILE = "it is not a regular file (a socket or a disk device?). Choose a file name"


def reason(error: OSError) -> str:
    """Why a write failed and what to do, as the end of a sentence: ``permission denied. …``."""
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied. Choose a folder you can write to."
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full. Free some space or choose another drive."
    if error.errno == errno.EISDIR:
        return "it is a folder. Choose a file name."
    if error.errno == errno.ENOENT:
        return "the folder does not exist."
    if error.errno == errno.ENAMETOOLONG:
        return "the file name is too long. Choose a shorter one."
    if error.errno == errno.ENOTDIR:
        return "a part of the path is a file, not a folder."
    return f"{error.strerror or error}."


def _keep_mode(path: Path, tmp: Path) -> None:
    """mkstemp creates 0600 files: keep the target's mode, or give a new file the usual one."""
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)
