"""The Qt desktop app."""

import sys

if sys.version_info < (3, 12):  # pragma: no cover - depends on the interpreter
    # PySide6 6.12 returns None from void methods without taking a reference, which only
    # immortal None (Python 3.12+) tolerates: on 3.11 every call costs None a reference and after
    # a few thousand calls the interpreter aborts ("deallocating None"). Give None a budget of
    # references it cannot spend. (ob_refcnt is the first field of every PyObject.)
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
