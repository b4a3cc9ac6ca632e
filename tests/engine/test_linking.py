"""The links stage gives the same comparison in one process or several, and whatever the hash
seed: a result is a function of the two texts and the options alone."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from retold.engine.compare import compare
from retold.engine.linking import CHUNK, _free_cores, _pool
from retold.engine.model import Comparison
from retold.engine.options import CompareOptions
from retold.engine.serialize import comparison_to_dict

_NAMES = ["Ana Ruiz", "the U.S.", "Lisbon", "Carl Redeker", "the Bank of England", "Madrid"]


def _pair(sentences: int, seed: int = 3) -> tuple[str, str]:
    """Made-up news sentences with names, numbers and dates; the rewrite edits, rewords,
    drops, adds and moves some of them."""
    rng = random.Random(seed)
    words = ("council", "budget", "harbour", "bridge", "plan", "vote", "report", "talks")
    original = [
        f"{_opening(rng.choice(_NAMES))} said on {rng.choice(['Monday', 'May 3', '1 March'])} "
        f"that the {rng.choice(words)} would cost {rng.randint(2, 900)} million "
        f"{rng.choice(['dollars', 'percent', 'euros'])} and {rng.choice(words)} {k} "
        f"{'would not' if k % 7 == 0 else 'would'} change."
        for k in range(sentences)
    ]
    rewrite = []
    for k, sentence in enumerate(original):
        if k % 11 == 0:
            continue  # removed
        if k % 5 == 0:
            sentence = sentence.replace("said", "told reporters").replace("million", "billion")
        if k % 13 == 0:
            rewrite.append(f"Critics called item {k} a waste of time and money.")  # added
        rewrite.append(sentence)
    rewrite[10:20] = rewrite[30:40] + rewrite[10:20]  # a passage moved up (and repeated)
    del rewrite[40:50]
    return " ".join(original), " ".join(rewrite)


def _opening(name: str) -> str:
    return name[0].upper() + name[1:]


_DIGEST = """
import hashlib, json, sys
from retold.engine.compare import compare
from retold.engine.forking import can_fork
from retold.engine.model import Comparison
from retold.engine.options import CompareOptions
from retold.engine.serialize import comparison_to_dict
original, rewrite, options = json.load(sys.stdin)
found = comparison_to_dict(compare(original, rewrite, CompareOptions(**options)))
found.pop("generator")
print(can_fork(), hashlib.sha256(json.dumps(found, sort_keys=True).encode()).hexdigest())
"""


def _digest(comparison: Comparison) -> str:
    found = comparison_to_dict(comparison)
    found.pop("generator")
    return hashlib.sha256(json.dumps(found, sort_keys=True).encode()).hexdigest()


def _in_a_fresh_python(
    pair: tuple[str, str], options: dict[str, object], env: dict[str, str] | None = None
) -> tuple[bool, str]:
    """(could it fork, the comparison's digest), from a process with no Qt loaded (this
    one may have it: the test processes make a QApplication)."""
    done = subprocess.run(
        [sys.executable, "-c", _DIGEST],
        input=json.dumps([*pair, options]),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    forked, digest = done.stdout.split()
    return forked == "True", digest


@pytest.mark.slow
def test_the_number_of_workers_does_not_change_the_comparison() -> None:
    original, rewrite = _pair(3 * CHUNK)
    alone = compare(original, rewrite, CompareOptions(workers=1, fork_from=1))
    assert alone.stats.links > 2 * CHUNK  # several chunks of links
    assert any(link.facts for link in alone.links)  # the facts are found in the workers too
    linux = sys.platform.startswith("linux")
    for workers in (2, 3):
        forked, digest = _in_a_fresh_python(
            (original, rewrite), {"workers": workers, "fork_from": 1}
        )
        assert forked == linux and digest == _digest(alone)
        # From a thread, the workers are fresh interpreters.
        found: list[object] = []
        fresh = CompareOptions(workers=workers, fork_from=1, parallel_from=1, fresh_workers=True)

        def in_a_thread(options: CompareOptions, found: list[object] = found) -> None:
            found.append(compare(original, rewrite, options))

        thread = threading.Thread(target=in_a_thread, args=(fresh,))
        thread.start()
        thread.join()
        assert found == [alone]


_WORKER_KILLED = """
import hashlib, json, multiprocessing, os, signal, sys
from retold.engine.compare import _ALIGNED, compare
from retold.engine.options import CompareOptions
from retold.engine.serialize import comparison_to_dict
original, rewrite = json.load(sys.stdin)
killed = []
def progress(share):
    children = multiprocessing.active_children()
    if share > _ALIGNED and children and not killed:  # the links' pool's worker is killed
        killed.append(children[0].pid)
        os.kill(children[0].pid, signal.SIGKILL)
found = comparison_to_dict(
    compare(original, rewrite, CompareOptions(workers=2, fork_from=1), progress=progress)
)
found.pop("generator")
print(bool(killed), hashlib.sha256(json.dumps(found, sort_keys=True).encode()).hexdigest())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux only")
def test_a_worker_that_dies_leaves_its_chunks_to_the_caller() -> None:
    """Killed (out of memory, say), a worker takes no links with it: the caller makes the
    chunks it held, and the comparison is the same."""
    pair = _pair(12 * CHUNK)  # the worker holds chunks still to do when it dies
    done = subprocess.run(
        [sys.executable, "-c", _WORKER_KILLED],
        input=json.dumps(pair),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    killed, digest = done.stdout.split()
    assert killed == "True"
    assert digest == _digest(compare(*pair, CompareOptions(workers=1)))


_FORKS = """
import json, multiprocessing, threading
from retold.engine.forking import can_fork
from retold.engine.linking import _pool
from retold.engine.model import Comparison
from retold.engine.options import CompareOptions
options = CompareOptions(workers=2, fork_from=100, parallel_from=1000)
seen = {"few": _pool(options, 99), "alone": _pool(options, 500), "long": _pool(options, 5000)}
found = []
other = threading.Thread(target=lambda: found.append(_pool(options, 500)))
other.start(); other.join()
seen["thread"] = found[0]
def daemon(queue):
    queue.put(can_fork())
if __name__ == "__main__":
    queue = multiprocessing.get_context("fork").Queue()
    child = multiprocessing.get_context("fork").Process(target=daemon, args=(queue,), daemon=True)
    child.start(); seen["daemon"] = queue.get(); child.join()
    import PySide6.QtCore
    seen["qt"] = _pool(options, 500)
    print(json.dumps(seen))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux only")
def test_a_pool_is_forked_only_from_a_lone_main_thread_without_qt(tmp_path: Path) -> None:
    script = tmp_path / "forks.py"
    script.write_text(_FORKS, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True)
    seen = json.loads(done.stdout)
    assert seen["few"] == ["", 1]  # too few links to pay for a pool
    assert seen["alone"] == seen["long"] == ["fork", 2]  # forked at any length
    assert seen["thread"] == ["", 1]  # another thread: no fork, and no fresh workers asked for
    assert seen["daemon"] is False  # a daemon process may have no children
    assert seen["qt"] == ["", 1]  # Qt's threads are not Python's: never forked


def test_fresh_workers_only_for_a_long_pair_and_a_caller_that_asks() -> None:
    options = CompareOptions(workers=2, fork_from=100, parallel_from=1000, fresh_workers=True)
    found: list[tuple[str, int]] = []
    other = threading.Thread(
        target=lambda: found.extend([_pool(options, 500), _pool(options, 5000)])
    )
    other.start()
    other.join()
    assert found[0] == ("", 1)  # fresh ones only pay for a long pair
    assert found[1][1] == 2 and found[1][0] in ("forkserver", "spawn")


@pytest.mark.slow
def test_the_hash_seed_does_not_change_the_comparison() -> None:
    """Sets of names, words and links are iterated in hash order: none of it may show."""
    pair = _pair(300)
    digests = {_in_a_fresh_python(pair, {}, {"PYTHONHASHSEED": seed})[1] for seed in "123"}
    assert digests == {_digest(compare(*pair))}


@pytest.mark.parametrize(("load", "free"), [(0.2, 2), (1.2, 2), (1.6, 1), (2.0, 1), (8.0, 1)])
def test_the_free_cores_leave_out_other_work_not_this_process(
    monkeypatch: pytest.MonkeyPatch, load: float, free: int
) -> None:
    """On 2 cores: this process's own unit of load does not keep it from the second core;
    another busy process does."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    assert _free_cores() == free
