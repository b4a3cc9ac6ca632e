"""What ``Opening`` and ``Saving`` may use of the window, given to them explicitly.

They are parts of the controller's job, but they reach nothing of the controller: it passes
this context in and listens to their signals, so neither module imports ``controller.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from retold.gui.main_window import MainWindow
from retold.gui.settings import Preferences
from retold.gui.source_model import SourceListModel
from retold.gui.worker import Worker


@dataclass(frozen=True, slots=True)
class Context:
    window: MainWindow
    model: SourceListModel
    worker: Worker
    preferences: Callable[[], Preferences]  # the preferences as they are now
    set_preferences: Callable[..., Any]  # ``set_preferences(last_folder=...)``: apply and keep
