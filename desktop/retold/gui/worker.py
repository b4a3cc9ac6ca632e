"""One interface for all background work: loading, comparing, saving and exporting.

``Worker.submit(fn, on_done, on_error, group=...)`` runs ``fn(progress, cancelled)``
on a thread pool and calls the callbacks on the GUI thread. A task submitted in a ``group``
supersedes the group's running task: the old one is asked to stop and whatever it returns later is
dropped by task id. A task submitted with ``cancellable=False`` (saving the user's work) is never
stopped and its outcome is always delivered. ``inline=True`` runs everything synchronously, so GUI
tests are deterministic (as in Picard's fake thread pool). ``still_heap=True`` (the app) keeps the
garbage collector from walking what tasks build: see ``HeapPause``.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import math
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

ProgressFn = Callable[[float], None]
CancelledFn = Callable[[], bool]
TaskFn = Callable[[ProgressFn, CancelledFn], Any]
PROGRESS_STEP = 0.01  # report progress at most every 1 %,
PROGRESS_INTERVAL_S = 0.1  # and every tenth of a second, one report on its way at a time: the
# GUI thread handles queued reports back to back, and each repaints the progress bar at once


@dataclass(eq=False)
class _Task:
    id: int
    fn: TaskFn
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None] | None
    group: str | None
    cancellable: bool = True
    cancel_flag: threading.Event = field(default_factory=threading.Event)
    runnable: QRunnable | None = None
    progress_sent = False  # a report is on its way to the GUI thread


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from pool threads are queued to it."""

    done = Signal(int, object)
    failed = Signal(int, object)
    progressed = Signal(int, float)


class _Runnable(QRunnable):
    def __init__(
        self,
        task: _Task,
        relay: _Relay,
        interval: float = PROGRESS_INTERVAL_S,
        pause: HeapPause | None = None,
    ) -> None:
        super().__init__()
        self._interval = interval  # between two progress reports
        self._pause = pause
        self.setAutoDelete(False)  # the Worker keeps it until the result is delivered
        self._task = task
        self._relay = relay

    def run(self) -> None:
        task, relay = self._task, self._relay
        last, sent = -1.0, -math.inf

        def progress(fraction: float) -> None:
            nonlocal last, sent
            final = fraction >= 1.0
            if not final and (task.progress_sent or time.monotonic() - sent < self._interval):
                return
            if fraction - last >= PROGRESS_STEP or final:
                last, sent = fraction, time.monotonic()
                task.progress_sent = True
                relay.progressed.emit(task.id, float(fraction))

        try:
            with self._pause or contextlib.nullcontext():
                result = task.fn(progress, task.cancel_flag.is_set)
        except BaseException as error:  # delivered to on_error on the GUI thread
            _release_locals(error)
            relay.failed.emit(task.id, error)
        else:
            relay.done.emit(task.id, result)


class HeapPause:
    """The cyclic garbage collector waits while tasks run, and what they leave is frozen
    (``gc.freeze``) when the last one ends. A book-length comparison is some 200,000 objects
    without a cycle (refcounting frees them); each full collection walked them all, holding the
    GIL for 0.1–0.2 s, and the window froze meanwhile, during the comparison and after it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._was_enabled = True

    def __enter__(self) -> None:
        with self._lock:
            if not self._running:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._running += 1

    def __exit__(self, *_exc: object) -> None:
        with self._lock:
            self._running -= 1
            if not self._running:
                gc.freeze()
                if self._was_enabled:
                    gc.enable()


def _release_locals(error: BaseException) -> None:
    """Let the failed task's locals go on its own thread. Its traceback keeps them alive, and a
    Qt object made there (a PDF's QTextDocument) must not die on the GUI thread."""
    seen: set[int] = set()
    chained: BaseException | None = error
    while chained is not None and id(chained) not in seen:
        seen.add(id(chained))
        traceback.clear_frames(chained.__traceback__)
        chained = chained.__cause__ or chained.__context__


class Worker(QObject):
    """Runs tasks off the GUI thread; ``busyChanged`` drives the status bar's progress."""

    busyChanged = Signal(bool)  # whether there is work the Cancel button can stop
    progressed = Signal(float)  # progress of the most recent task that reports any

    def __init__(
        self, parent: QObject | None = None, *, inline: bool = False, still_heap: bool = False
    ) -> None:
        super().__init__(parent)
        self.inline = inline
        self._pause = HeapPause() if still_heap else None
        self._ids = itertools.count(1)
        self._tasks: dict[int, _Task] = {}
        self._latest: dict[str, int] = {}
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver_done)
        self._relay.failed.connect(self._deliver_error)
        self._relay.progressed.connect(self._deliver_progress)

    def submit(
        self,
        fn: TaskFn,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        group: str | None = None,
        cancellable: bool = True,
    ) -> int:
        """Run ``fn`` and deliver its outcome; a task that is not ``cancellable`` is left running
        by ``cancel`` and ``cancel_all`` and is not ``busy`` (the Cancel button cannot stop it)."""
        assert cancellable or group is None, "a task in a group can be superseded"
        task = _Task(next(self._ids), fn, on_done, on_error, group, cancellable)
        was_busy = self.busy
        self._tasks[task.id] = task  # before superseding, so busy never flickers off
        if group is not None:
            previous = self._latest.get(group)
            if previous is not None:
                self.cancel(previous)
            self._latest[group] = task.id
        if not was_busy and self.busy:
            self.busyChanged.emit(True)
        if self.inline:
            _Runnable(task, self._relay, 0.0).run()  # direct connections: delivered at once
        else:
            task.runnable = _Runnable(task, self._relay, pause=self._pause)
            self._pool.start(task.runnable)
        return task.id

    @property
    def busy(self) -> bool:
        """Whether a task that can be cancelled is running."""
        return any(t.cancellable and not t.cancel_flag.is_set() for t in self._tasks.values())

    def is_running(self, task_id: int) -> bool:
        task = self._tasks.get(task_id)
        return task is not None and not task.cancel_flag.is_set()

    def cancel(self, task_id: int) -> None:
        """Ask the task to stop; its result or error, whenever it comes, is dropped."""
        task = self._tasks.get(task_id)
        if task is None or not task.cancellable or task.cancel_flag.is_set():
            return
        task.cancel_flag.set()
        if not self.busy:
            self.busyChanged.emit(False)

    def cancel_group(self, group: str) -> None:
        """Ask the ``group``'s running task, if any, to stop (as a newer one in it would)."""
        task_id = self._latest.get(group)
        if task_id is not None:
            self.cancel(task_id)

    def cancel_all(self) -> None:
        for task_id in list(self._tasks):
            self.cancel(task_id)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (used at shutdown and in tests)."""
        return self._pool.waitForDone(msecs)

    def _finish(self, task_id: int) -> _Task | None:
        """Forget the task; return it only if its result is still wanted."""
        task = self._tasks.pop(task_id, None)
        if task is None:
            return None
        if task.group is not None and self._latest.get(task.group) == task_id:
            del self._latest[task.group]
        wanted = not task.cancel_flag.is_set()
        if wanted and task.cancellable and not self.busy:
            self.busyChanged.emit(False)
        return task if wanted else None

    def _deliver_done(self, task_id: int, result: object) -> None:
        task = self._finish(task_id)
        if task is not None:
            task.on_done(result)

    def _deliver_error(self, task_id: int, error: object) -> None:
        task = self._finish(task_id)
        if task is None:
            return
        assert isinstance(error, BaseException)
        if task.on_error is None:
            raise error  # nobody handles it: let the exception hook show it
        task.on_error(error)

    def _deliver_progress(self, task_id: int, fraction: float) -> None:
        task = self._tasks.get(task_id)
        if task is None or task.cancel_flag.is_set():
            return
        task.progress_sent = False
        self.progressed.emit(fraction)
