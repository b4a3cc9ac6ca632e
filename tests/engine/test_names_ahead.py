"""The texts' names begun in a forked process are those found here, and no child outlives
the comparison: finished, cancelled, or its caller killed. Run in a fresh Python, which has
no Qt loaded (the test processes do, and never fork)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from retold.engine.names_ahead import NamesAhead
from retold.engine.options import CompareOptions

from .test_linking import _pair

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux")

_CHECKS = """
import json, multiprocessing, signal, sys, time
from retold.engine.align import Cancelled
from retold.engine.compare import compare
from retold.engine.facts import FactFinder
from retold.engine.names_ahead import NamesAhead
from retold.engine.options import CompareOptions
original, rewrite = json.load(sys.stdin)
forked = CompareOptions(workers=2, fork_from=1)
seen = {}
ahead = NamesAhead(original, rewrite, forked, len(original))
seen["forked"] = ahead.forked
found, here = ahead.result(), FactFinder(original, rewrite)
seen["same"] = (
    found.known.exact == here.known.exact
    and found.proper == here.proper
    and [t.text for t in found.names] == [t.text for t in here.names]
    and [t.in_span(0, len(t.text)) for t in found.names]
    == [t.in_span(0, len(t.text)) for t in here.names]
)
seen["reaped"] = multiprocessing.active_children() == []
# A caller that catches SIGTERM itself (a service): its child still ends when told.
signal.signal(signal.SIGTERM, lambda *_: None)
children = []
def cancelled():
    children.append(len(multiprocessing.active_children()))
    return children[-1] > 0
try:
    compare(original, rewrite, forked, cancelled=cancelled)
    seen["cancelled"] = False
except Cancelled:
    seen["cancelled"] = children[-1] == 1
deadline = time.monotonic() + 10
while multiprocessing.active_children() and time.monotonic() < deadline:
    time.sleep(0.05)
seen["left"] = len(multiprocessing.active_children())
print(json.dumps(seen))
"""


def test_the_names_found_ahead_are_those_found_here_and_no_child_is_left() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CHECKS],
        input=json.dumps(_pair(3000)),  # names too many for the pipe: the child waits on it
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    seen = json.loads(done.stdout)
    assert seen == {"forked": True, "same": True, "reaped": True, "cancelled": True, "left": 0}


_KILLED = """
import os, sys, json
from retold.engine.compare import compare
from retold.engine.options import CompareOptions
original, rewrite = json.load(sys.stdin)
def progress(share):
    if share > 0.5:  # the links' pool and the names' child are up: the caller is killed
        print(os.getpid(), flush=True)
        os.kill(os.getpid(), 9)
compare(original, rewrite, CompareOptions(workers=2, fork_from=1), progress=progress)
"""


def test_a_killed_caller_leaves_no_child() -> None:
    """Killed outright, a caller cannot end its children: they end with it."""
    done = subprocess.run(
        [sys.executable, "-c", _KILLED],
        input=json.dumps(_pair(3000)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL
    caller = int(done.stdout.split()[0])
    deadline = time.monotonic() + 10
    while _children_of(caller) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _children_of(caller) == []


def _children_of(pid: int) -> list[int]:
    """Live processes whose parent was ``pid`` (an orphan's parent becomes init, so this
    looks for processes started with the caller's command instead)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"fork_from=1" in cmdline and "State:\tZ" not in status and int(entry.name) != pid:
            found.append(int(entry.name))
    return found


def test_a_short_pair_or_one_process_finds_them_here() -> None:
    original, rewrite = _pair(10)
    assert not NamesAhead(original, rewrite, CompareOptions(workers=2), 10).forked  # short
    assert not NamesAhead(original, rewrite, CompareOptions(workers=1, fork_from=1), 10).forked
    assert os.getpid() > 0
