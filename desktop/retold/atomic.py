"""Write a file so that it is either complete or absent: never half-written.

Reports, saved comparisons and settings all go through ``write_atomic``. The bytes go to a
temporary file in the target's folder (so ``os.replace`` stays on one file system and is atomic),
are flushed to disk, then replace the target in one step. On any failure the temporary file is
removed and an existing target is left as it was. Each caller words the error for its own users;
``reason`` gives them the common part.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


class WriteCancelled(Exception):
    """``cancelled()`` said stop before the target was replaced; nothing was written."""


def write_atomic(path: Path, data: bytes, *, cancelled: Callable[[], bool] | None = None) -> None:
    """Replace ``path`` with ``data``; raise the OSError that stopped it, or WriteCancelled.

    A symbolic link (a settings file kept in a dotfiles folder) stays a link: the file it points
    to is the one replaced."""
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if cancelled is not None and cancelled():
            raise WriteCancelled()
        _keep_mode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


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
