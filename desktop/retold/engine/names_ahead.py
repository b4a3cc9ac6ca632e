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
import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from retold.engine.facts import FactFinder
from retold.engine.forking import can_fork, frozen_heap, start_child
from retold.engine.linking import wanted_processes
from retold.engine.options import CompareOptions

_WAIT = 0.1  # seconds between two checks for a cancel while the child is awaited
_END = 5.0  # seconds a child told to end (SIGTERM) has before it is killed


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
        process = context.Process(
            target=_send_names, args=(original, rewrite, send, receive), daemon=True
        )
        with frozen_heap():
            process.start()
        send.close()
        self._process, self._pipe = process, receive

    @property
    def forked(self) -> bool:
        return self._process is not None

    def result(self, progress: Callable[[float], None] | None = None) -> FactFinder:
        """The names: the child's when it sent them, else found here (``progress`` hears
        the share found, and may raise to stop, also while the child is awaited)."""
        found: object = None
        if self._pipe is not None:
            with contextlib.suppress(EOFError, OSError):
                while not self._pipe.poll(_WAIT):
                    if progress is not None:
                        progress(0.0)
                found = self._pipe.recv()
            self.close()
        if isinstance(found, FactFinder):
            for table, text in zip(found.names, self._texts, strict=True):
                table.text = text  # sent without the texts, which this process holds
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
            process.join(_END)
            if process.is_alive():
                process.kill()
                process.join()


def _send_names(original: str, rewrite: str, send: Connection, receive: Connection) -> None:
    start_child()  # Ctrl+C, SIGTERM, ending with the caller: engine/forking.py
    receive.close()  # the caller's end: with it closed here, a caller gone fails the send
    try:
        found = FactFinder(original, rewrite)
        for table in found.names:
            table.text = ""  # the caller has the texts: not sent back
        send.send(found)
    except BaseException:  # the caller finds them itself
        with contextlib.suppress(OSError):
            send.send(None)
    finally:
        send.close()
