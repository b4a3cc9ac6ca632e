from __future__ import annotations

import threading
import time
from collections.abc import Callable

from retold.engine.linking import _pool
from retold.engine.options import CompareOptions
from retold.gui.worker import Worker

Progress = Callable[[float], None]
Cancelled = Callable[[], bool]


def test_inline_delivers_result_progress_and_error(inline_worker: Worker) -> None:
    results: list[object] = []
    progress: list[float] = []
    errors: list[BaseException] = []

    def job(report: Progress, cancelled: Cancelled) -> int:
        for step in range(1, 5):
            report(step / 4)
        return 42

    inline_worker.progressed.connect(progress.append)  # the status bar's progress
    inline_worker.submit(job, results.append, errors.append)
    assert results == [42]
    assert progress == [0.25, 0.5, 0.75, 1.0]

    def broken(report: Progress, cancelled: Cancelled) -> None:
        raise ValueError("bad input")

    inline_worker.submit(broken, results.append, errors.append)
    assert len(errors) == 1 and str(errors[0]) == "bad input"
    assert not inline_worker.busy


def test_threaded_result_arrives_on_gui_thread(qtbot) -> None:
    worker = Worker()
    seen: list[tuple[object, bool]] = []
    gui_thread = threading.current_thread()

    def job(report: Progress, cancelled: Cancelled) -> str:
        assert threading.current_thread() is not gui_thread
        return "done"

    with qtbot.waitSignal(worker.busyChanged, check_params_cb=lambda busy: not busy):
        worker.submit(job, lambda r: seen.append((r, threading.current_thread() is gui_thread)))
    assert seen == [("done", True)]
    worker.wait()


def test_a_comparison_on_the_worker_never_forks_its_pool(qtbot) -> None:
    """Forking a process with Qt's threads is unsafe: the links' pool takes fresh workers or
    none on a worker thread, though Python sees no thread of its own there."""
    worker = Worker()
    seen: list[object] = []

    def job(report: Progress, cancelled: Cancelled) -> object:
        return _pool(CompareOptions(workers=2, fork_from=1), 1000)

    with qtbot.waitSignal(worker.busyChanged, check_params_cb=lambda busy: not busy):
        worker.submit(job, seen.append)
    assert seen == [("", 1)]
    assert _pool(CompareOptions(workers=2, fork_from=1), 1000)[0] in ("fork", "")  # the GUI thread
    worker.wait()


def test_new_task_in_group_supersedes_running_one(qtbot) -> None:
    worker = Worker()
    release = threading.Event()
    first_saw_cancel = threading.Event()
    results: list[str] = []

    def slow(report: Progress, cancelled: Cancelled) -> str:
        release.wait(5)
        if cancelled():
            first_saw_cancel.set()
        return "stale"

    def fast(report: Progress, cancelled: Cancelled) -> str:
        return "fresh"

    busy: list[bool] = []
    worker.busyChanged.connect(busy.append)
    first = worker.submit(slow, results.append, group="compare")
    second = worker.submit(fast, results.append, group="compare")
    assert busy == [True]  # superseding does not flicker the progress display
    assert not worker.is_running(first) and first != second
    qtbot.waitUntil(lambda: results == ["fresh"])
    release.set()
    assert worker.wait(5000)
    qtbot.wait(50)  # let the stale result's queued signal arrive, then check it was dropped
    assert first_saw_cancel.is_set()
    assert results == ["fresh"]


def test_cancel_stops_the_task_and_drops_its_error(qtbot) -> None:
    worker = Worker()
    started = threading.Event()
    outcome: list[object] = []

    def loop(report: Progress, cancelled: Cancelled) -> None:
        started.set()
        deadline = time.monotonic() + 5
        while not cancelled():
            if time.monotonic() > deadline:
                return
            time.sleep(0.005)
        raise RuntimeError("cancelled")  # the engine raises Cancelled: it must not surface

    with qtbot.waitSignal(worker.busyChanged):
        task = worker.submit(loop, outcome.append, outcome.append)
    assert started.wait(5)
    with qtbot.waitSignal(worker.busyChanged, check_params_cb=lambda busy: not busy):
        worker.cancel(task)
    assert worker.wait(5000)
    qtbot.wait(50)
    assert outcome == []


def test_unhandled_error_reaches_the_exception_hook(qtbot, inline_worker: Worker) -> None:
    def broken(report: Progress, cancelled: Cancelled) -> None:
        raise KeyError("nobody handles me")

    with qtbot.captureExceptions() as caught:
        inline_worker.submit(broken, lambda _r: None)
    assert [type(e[1]) for e in caught] == [KeyError]


def test_a_task_that_cannot_be_cancelled_runs_on_and_delivers(qtbot) -> None:
    """A save of the user's work: Cancel, and the window closing, leave it to finish."""
    worker = Worker()
    release = threading.Event()
    results: list[str] = []
    busy: list[bool] = []
    worker.busyChanged.connect(busy.append)

    def save(report: Progress, cancelled: Cancelled) -> str:
        release.wait(5)
        return "cancelled" if cancelled() else "written"

    task = worker.submit(save, results.append, cancellable=False)
    assert not worker.busy and busy == []  # nothing for the Cancel button to stop
    worker.cancel(task)
    worker.cancel_all()
    assert worker.is_running(task)
    release.set()
    qtbot.waitUntil(lambda: results == ["written"])
    assert not worker.is_running(task) and busy == []
    assert worker.wait(5000)
