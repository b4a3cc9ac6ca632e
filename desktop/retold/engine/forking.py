"""When a comparison may fork helper processes from its caller, and how a forked child starts.

A fork copies the caller as it is: its threads are gone in the child but their locks are not,
its signal handlers run there, and its pipes stay open there. So a child is forked only from
the main thread of a Linux process with no other Python thread, that is no daemon (which may
have no children) and has not loaded Qt (whose threads Python does not see: the window, a test
process); and the child resets what it inherited that could keep it alive or wake its parent.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator

_PR_SET_PDEATHSIG = 1  # prctl(2): a signal for this process when its parent ends


def can_fork() -> bool:
    """Whether a helper process may be forked from this one now."""
    return (
        sys.platform.startswith("linux")
        and threading.current_thread() is threading.main_thread()
        and threading.active_count() == 1
        and not multiprocessing.current_process().daemon
        and not any(name == "PySide6" or name.startswith("PySide6.") for name in sys.modules)
    )


@contextlib.contextmanager
def frozen_heap() -> Iterator[None]:
    """The caller's objects left out of a forked child's garbage collections, which would
    otherwise copy every page they touch; a heap the caller froze itself is left as it is."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def start_child() -> None:
    """First thing in a forked child: Ctrl+C is the caller's to handle, SIGTERM ends it (the
    caller's own handler would keep it running), the caller's wake-up descriptor is not
    written, and it ends with the caller, killed or not (a child holding a pipe's other end
    would wait on it for ever)."""
    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(ValueError, OSError):
        signal.set_wakeup_fd(-1)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the caller ended before the line above
        os._exit(1)
