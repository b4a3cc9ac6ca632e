from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from retold.gui.qtfix import emit_steals_true


class _Emitter(QObject):
    ping = Signal(int)


def test_many_emits_leave_true_alive() -> None:
    """Without the workaround in conftest this aborts the interpreter (PySide6 6.12, Py 3.11)."""
    emitter = _Emitter()
    received: list[int] = []
    emitter.ping.connect(received.append)
    for n in range(5000):
        emitter.ping.emit(n)
    assert len(received) == 5000
    assert sys.getrefcount(True) > 1000


def test_probe_leaves_the_count_as_it_found_it() -> None:
    before = sys.getrefcount(True)
    emit_steals_true()
    assert before <= sys.getrefcount(True) <= before + 8  # the probe's 8 emits are repaid
