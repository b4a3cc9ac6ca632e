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
from dataclasses import replace

import pytest

from retold.engine.compare import compare
from retold.engine.linking import CHUNK, _free_cores, _pool
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


@pytest.mark.slow
def test_the_number_of_workers_does_not_change_the_comparison() -> None:
    original, rewrite = _pair(3 * CHUNK)
    alone = compare(original, rewrite, CompareOptions(workers=1, fork_from=1))
    assert alone.stats.links > 2 * CHUNK  # several chunks of links
    assert any(link.facts for link in alone.links)  # the facts are found in the workers too
    forked = CompareOptions(fork_from=1)
    fresh = CompareOptions(fork_from=1, parallel_from=1, fresh_workers=True)
    for workers in (2, 3):
        assert compare(original, rewrite, replace(forked, workers=workers)) == alone
        # From a thread, the workers are fresh interpreters.
        found: list[object] = []

        def in_a_thread(options: CompareOptions, found: list[object] = found) -> None:
            found.append(compare(original, rewrite, options))

        thread = threading.Thread(target=in_a_thread, args=(replace(fresh, workers=workers),))
        thread.start()
        thread.join()
        assert found == [alone]


def test_a_pool_is_forked_only_where_no_other_thread_runs() -> None:
    options = CompareOptions(workers=2, fork_from=100, parallel_from=1000)
    assert _pool(options, 99) == ("", 1)  # too few links to pay for a pool
    linux = sys.platform.startswith("linux")
    assert _pool(options, 500) == ("fork", 2) or not linux
    assert _pool(options, 5000) == ("fork", 2) or not linux  # forked at any length
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert _pool(options, 500) == ("", 1)  # a thread: no fork, and no fresh workers asked
        fresh = replace(options, fresh_workers=True)
        assert _pool(fresh, 500) == ("", 1)  # fresh ones only pay for a long pair
        assert _pool(fresh, 5000)[1] == 2
    finally:
        stop.set()
        other.join()


_DIGEST = """
import hashlib, json, sys
from retold.engine.compare import compare
from retold.engine.serialize import comparison_to_dict
original, rewrite = json.load(sys.stdin)
found = comparison_to_dict(compare(original, rewrite))
found.pop("generator")
print(hashlib.sha256(json.dumps(found, sort_keys=True).encode()).hexdigest())
"""


@pytest.mark.slow
def test_the_hash_seed_does_not_change_the_comparison() -> None:
    """Sets of names, words and links are iterated in hash order: none of it may show."""
    pair = json.dumps(_pair(300))
    digests = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run(
            [sys.executable, "-c", _DIGEST],
            input=pair,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        digests.add(done.stdout.strip())
    found = comparison_to_dict(compare(*json.loads(pair)))
    found.pop("generator")
    assert digests == {hashlib.sha256(json.dumps(found, sort_keys=True).encode()).hexdigest()}


@pytest.mark.parametrize(("load", "free"), [(0.2, 2), (1.2, 2), (1.6, 1), (2.0, 1), (8.0, 1)])
def test_the_free_cores_leave_out_other_work_not_this_process(
    monkeypatch: pytest.MonkeyPatch, load: float, free: int
) -> None:
    """On 2 cores: this process's own unit of load does not keep it from the second core;
    another busy process does."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    assert _free_cores() == free
