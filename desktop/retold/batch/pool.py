"""Run one pure stage over many items: in-process, or in a pool of processes.

The results come back keyed by the item's position, so the caller's order (and so every report)
is the same whatever the number of workers. At most ``2 × jobs`` items are in flight, which
keeps memory bounded on a long batch and tells, when a worker process dies (a reader library
crashing on a hostile file, the out-of-memory killer), which items may have killed it: each of
those is run again alone, and the one that kills a pool of its own becomes ``on_crash``'s
result. The rest of the batch goes on.

Workers are forked when that is safe (the command line: a fork starts in milliseconds and
inherits the imports) and spawned otherwise: forking a process that runs other threads can
deadlock the child. The window runs batches on a Qt worker thread, which Python's ``threading``
does not count, so Qt being loaded at all rules a fork out.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")


class PoolCancelled(Exception):
    """``cancelled()`` said stop; the results delivered so far stand."""


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_stage(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int = 1,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[object, ...] = (),
    on_crash: Callable[[T, str], R],
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[tuple[int, R]]:
    """``(position, fn(item))`` for every item, in the order they finish.

    ``fn`` and ``initializer`` must be module-level functions (they are pickled); with
    ``jobs == 1`` they run here, in this process, and ``on_crash`` is never needed."""
    if jobs <= 1 or len(items) <= 1:
        if initializer is not None:
            initializer(*initargs)
        for k, item in enumerate(items):
            _check(cancelled)
            yield k, fn(item)
        return
    pending = list(range(len(items)))[::-1]  # popped from the end: first item first
    while pending:
        suspects = yield from _pool_run(fn, items, pending, jobs, initializer, initargs, cancelled)
        for k in suspects:  # each alone, in a pool of its own, to find the one that kills
            alone = yield from _pool_run(fn, items, [k], 1, initializer, initargs, cancelled)
            if alone:
                yield k, on_crash(items[k], "the worker process reading it stopped unexpectedly")


def _pool_run(
    fn: Callable[[T], R],
    items: Sequence[T],
    pending: list[int],
    jobs: int,
    initializer: Callable[..., object] | None,
    initargs: tuple[object, ...],
    cancelled: Callable[[], bool] | None,
) -> Generator[tuple[int, R], None, list[int]]:
    """Run items from ``pending`` (consumed) until it is empty or the pool breaks; the value
    (``yield from``'s) is the positions that were in flight when it broke."""
    context = multiprocessing.get_context(_start_method())
    start = (initializer, *initargs)
    executor = ProcessPoolExecutor(jobs, context, _worker_start, cast(Any, start))
    running: dict[Future[R], int] = {}
    try:
        while pending or running:
            _check(cancelled)
            while pending and len(running) < 2 * jobs:
                k = pending.pop()
                running[executor.submit(fn, items[k])] = k
            done, _ = wait(running, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    result = future.result()
                except BrokenProcessPool:
                    return list(running.values())
                yield running.pop(future), result
        return []
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def exit_with_parent() -> None:
    """In a worker: end this process once the process that started it is gone. Killed
    outright, a parent cannot shut its pool down, and its workers, each holding the task pipe
    open, would wait on it for ever."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _worker_start(initializer: Callable[..., object] | None, *initargs: object) -> None:
    exit_with_parent()
    if initializer is not None:
        initializer(*initargs)


def _start_method() -> str:
    alone = threading.current_thread() is threading.main_thread() and threading.active_count() == 1
    no_qt = not any(name.startswith("PySide6") for name in sys.modules)
    if alone and no_qt and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise PoolCancelled
