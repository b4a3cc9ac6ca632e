"""Work around a PySide6 6.12 reference-counting bug that aborts the interpreter.

On CPython before 3.12 (where ``True`` is not yet immortal), every Python-level
``Signal.emit(...)`` in PySide6 6.12.0 returns ``True`` without taking a reference, so each emit
drops ``True``'s count by one; after a few hundred emits (progress reports, a test run) Python
aborts with "Fatal Python error: bool_dealloc". The bug is detected at run time, so the fix
switches itself off once PySide6 is corrected.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_MARGIN = 1 << 40  # emits the process can make before the count could reach zero again
_applied = False


class _Probe(QObject):
    ping = Signal()


def emit_steals_true() -> bool:
    """Whether emitting a signal lowers ``True``'s reference count (the PySide6 bug)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    after = sys.getrefcount(True)
    if after < before:  # undo the probe's own damage before anything else
        _add_refs(before - after)
    return after < before


def _add_refs(count: int) -> None:
    # ob_refcnt is the first field of every CPython object header
    refcnt = ctypes.c_ssize_t.from_address(id(True))
    refcnt.value += count


def protect_bool_refcounts() -> bool:
    """Make ``True`` effectively immortal where the bug is present; True if it was applied."""
    global _applied
    if _applied or sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return _applied
    if emit_steals_true():
        _add_refs(_MARGIN)
        _applied = True
    return _applied
