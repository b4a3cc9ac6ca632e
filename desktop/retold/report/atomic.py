"""Write a file so that it is either complete or absent: never a half-written report.

The bytes go to a temporary file in the target's folder (so ``os.replace`` stays on one file
system and is atomic), are flushed to disk, then replace the target in one step. On any failure
the temporary file is removed and an existing target is left as it was.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from retold.report.errors import ExportCancelled, ExportError


def write_atomic(path: Path, data: bytes, *, cancelled: Callable[[], bool] | None = None) -> None:
    """Replace ``path`` with ``data`` atomically; raise ExportError with a readable message."""
    path = Path(path)
    check_target(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise ExportError(_describe(error, path)) from error
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        _keep_mode(path, tmp)
        os.replace(tmp, path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise ExportError(_describe(error, path)) from error
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def check_target(path: Path) -> None:
    """Fail early, before a report is rendered, on targets that cannot be written."""
    if path.is_dir():
        raise ExportError(f"Cannot write the report to {path}: it is a folder. Choose a file name.")
    if not path.parent.is_dir():
        raise ExportError(f"Cannot write the report: the folder {path.parent} does not exist.")


def _keep_mode(path: Path, tmp: Path) -> None:
    """mkstemp creates 0600 files; give the report the mode a normal new file would get."""
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)


def _describe(error: OSError, path: Path) -> str:
    where = f"Cannot write the report to {path}"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{where}: permission denied. Choose a folder you can write to."
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{where}: the disk is full. Free some space or choose another drive."
    if error.errno == errno.EISDIR:
        return f"{where}: it is a folder. Choose a file name."
    if error.errno == errno.ENOENT:
        return f"{where}: the folder does not exist."
    return f"{where}: {error.strerror or error}."
