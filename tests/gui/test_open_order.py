"""Two quick opens: the newer one wins, whichever file is read first (worker groups)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from retold.gui import loading
from retold.gui.source_model import ORIGINAL, REWRITE


@pytest.fixture
def slow_first(monkeypatch):
    """Reading any path named "slow*" waits until the test releases it."""
    release = threading.Event()

    def load_paths(
        paths: Sequence[Path],
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[loading.Loaded]:
        if any(p.name.startswith("slow") for p in paths):
            assert release.wait(10), "the test never released the slow read"
        return loading.load_paths(paths, progress, cancelled)

    monkeypatch.setattr("retold.gui.opening.load_paths", load_paths)
    return release


def _pair(folder: Path, stem: str) -> tuple[Path, Path]:
    original, rewrite = folder / f"{stem}-a.txt", folder / f"{stem}-b.txt"
    original.write_text(f"The {stem} cat sat on the mat. It was warm.", encoding="utf-8")
    rewrite.write_text(f"The {stem} cat sat on a mat. It was warm there.", encoding="utf-8")
    return original, rewrite


def _names(controller) -> tuple[str | None, str | None]:
    sources = (controller.model.source_for(ORIGINAL), controller.model.source_for(REWRITE))
    return tuple(s.name if s else None for s in sources)  # type: ignore[return-value]


def test_a_slow_open_that_finishes_last_does_not_replace_a_newer_one(
    qtbot, tmp_path: Path, threaded_window, slow_first
) -> None:
    _window, controller = threaded_window
    controller.open_paths(*_pair(tmp_path, "slow"))
    controller.open_paths(*_pair(tmp_path, "fast"))
    qtbot.waitUntil(lambda: controller.comparison is not None, timeout=10_000)
    assert controller.comparison.original.name == "fast-a.txt"

    slow_first.set()  # the first open is read now, after the second was shown
    controller.worker.wait(10_000)
    qtbot.wait(50)  # let any queued delivery reach the GUI thread
    assert _names(controller) == ("fast-a.txt", "fast-b.txt")
    assert controller.comparison.original.name == "fast-a.txt"
    assert controller.model.rowCount() == 2  # the superseded files were not even listed


def test_opening_a_pair_supersedes_a_drop_on_one_pane_still_being_read(
    qtbot, tmp_path: Path, threaded_window, slow_first
) -> None:
    _window, controller = threaded_window
    slow = tmp_path / "slow-rewrite.txt"
    slow.write_text("A slow rewrite of nothing in particular.", encoding="utf-8")
    controller.opening.open_side(REWRITE, str(slow))
    controller.open_paths(*_pair(tmp_path, "fast"))
    qtbot.waitUntil(lambda: controller.comparison is not None, timeout=10_000)
    slow_first.set()
    controller.worker.wait(10_000)
    qtbot.wait(50)
    assert _names(controller) == ("fast-a.txt", "fast-b.txt")


def test_drops_on_the_two_panes_do_not_supersede_each_other(
    qtbot, tmp_path: Path, threaded_window
) -> None:
    _window, controller = threaded_window
    original, rewrite = _pair(tmp_path, "sides")
    controller.opening.open_side(ORIGINAL, str(original))
    controller.opening.open_side(REWRITE, str(rewrite))
    qtbot.waitUntil(lambda: controller.comparison is not None, timeout=10_000)
    assert _names(controller) == ("sides-a.txt", "sides-b.txt")
