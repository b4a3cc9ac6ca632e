"""The texts' names found in a forked process while this one scores and aligns the pair.

The names (``FactFinder``) depend on the two texts alone, and the links need them only at the
end: on a long pair with a free core they are found beside the aligner and sent back, which
costs this process a tenth of finding them (the book pair: 0.03 s to read against 0.13 s to
find; 5 MB a side, about half a second saved). Anywhere a fork is unsafe or no core is free,
or on a short pair, they are found here when asked for, as before. A result is the same
either way: the child runs the same code on the same texts.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from retold.engine.facts import FactFinder
from retold.engine.linking import can_fork, wanted_processes
from retold.engine.options import CompareOptions


class NamesAhead:
    """The pair's ``FactFinder``, begun in a forked process where that pays."""

    def __init__(self, original: str, rewrite: str, options: CompareOptions, matches: int) -> None:
        """``matches``: an upper bound on the links to come (the smaller side's sentences)."""
        self._texts = original, rewrite
        self._process: BaseProcess | None = None
        self._pipe: Connection | None = None
        if matches < options.fork_from or not can_fork() or wanted_processes(options) < 2:
            return
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_send_names, args=(original, rewrite, send), daemon=True)
        gc.freeze()  # the child's collections leave this process's pages shared
        try:
            process.start()
        finally:
            gc.unfreeze()
        send.close()
        self._process, self._pipe = process, receive

    @property
    def forked(self) -> bool:
        return self._process is not None

    def result(self, progress: Callable[[float], None] | None = None) -> FactFinder:
        """The names: the child's when it sent them, else found here (``progress`` hears
        the share found, and may raise to stop)."""
        found: object = None
        if self._pipe is not None:
            with contextlib.suppress(EOFError, OSError):
                found = self._pipe.recv()
            self.close()
        if isinstance(found, FactFinder):
            return found
        return FactFinder(*self._texts, progress)

    def close(self) -> None:
        """End the child (cancelled, or done): never left behind."""
        process, pipe = self._process, self._pipe
        self._process = self._pipe = None
        if pipe is not None:
            pipe.close()
        if process is not None:
            if process.is_alive():
                process.terminate()
            process.join()


def _send_names(original: str, rewrite: str, send: Connection) -> None:
    # Ctrl+C is the caller's to handle; the child only ends when told or done.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        send.send(FactFinder(original, rewrite))
    except BaseException:  # the caller finds them itself (a closed pipe: it stopped waiting)
        with contextlib.suppress(OSError):
            send.send(None)
    finally:
        send.close()
