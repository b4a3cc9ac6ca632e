"""Guard against a Qt binding that leaks references to True or None (PySide6 6.12.0 did).

On Python 3.11, where True and None are not immortal, such a leak aborts the interpreter after a
few thousand signal emits or void calls, so the check runs in a child process.
"""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

class Emitter(QObject):
    ping = Signal(int)

app = QApplication([])
emitter, widget = Emitter(), QWidget()
received = []
emitter.ping.connect(received.append)
true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
for n in range(5000):
    emitter.ping.emit(n)
    widget.setMinimumWidth(n % 50)
print(len(received), sys.getrefcount(True) - true_before, sys.getrefcount(None) - none_before)
"""


def test_signals_and_void_calls_keep_true_and_none_alive() -> None:
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True)
    assert run.returncode == 0, f"the Qt binding aborted the interpreter:\n{run.stderr[-2000:]}"
    received, true_delta, none_delta = map(int, run.stdout.split())
    assert received == 5000
    assert abs(true_delta) < 50 and abs(none_delta) < 50
