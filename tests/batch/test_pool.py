"""The stage runner: results keyed by position, and a worker's death is one item's error."""

from __future__ import annotations

import os

from retold.batch.pool import run_stage


def shout(item: str) -> str:
    if item == "die":
        os._exit(1)  # what a reader library's crash looks like to the pool
    return item.upper()


def crashed(item: str, why: str) -> str:
    return f"{item}: {why}"


ITEMS = ["a", "b", "die", "c", "d", "e"]


def test_in_process_and_pool_give_the_same_results() -> None:
    items = [i for i in ITEMS if i != "die"]
    alone = dict(run_stage(shout, items, jobs=1, on_crash=crashed))
    pooled = dict(run_stage(shout, items, jobs=2, on_crash=crashed))
    assert alone == pooled == {k: item.upper() for k, item in enumerate(items)}


def test_the_item_that_kills_its_worker_gets_an_error_and_the_rest_go_on() -> None:
    results = dict(run_stage(shout, ITEMS, jobs=2, on_crash=crashed))
    assert results == {
        0: "A", 1: "B", 2: "die: the worker process reading it stopped unexpectedly",
        3: "C", 4: "D", 5: "E",
    }  # fmt: skip


def test_workers_are_forked_only_where_that_is_safe() -> None:
    import subprocess
    import sys

    code = (
        "import threading, retold.batch.pool as p; a = p._start_method(); "
        "import PySide6.QtCore; b = p._start_method(); "
        "t = threading.Thread(target=lambda: print(a, b, p._start_method())); t.start(); t.join()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # alone: fork; once Qt is loaded (its threads are not Python's to count): spawn; off the
    # main thread: spawn
    assert done.stdout.split() == ["fork", "spawn", "spawn"]
