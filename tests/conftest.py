"""Shared test set-up: offscreen Qt, settings and logs in a temporary folder, shared material."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# On CI (``.ci/run`` sets CI): the same examples every run, and no timing rules, so a loaded
# machine neither fails a deadline nor a run by chance finds what the last one did not; the
# random search still runs wherever CI is not set.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
if os.environ.get("CI"):
    settings.load_profile("ci")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
# RETOLD_SHARED points at the shared material where it is not beside the checkout.
SHARED = Path(os.environ.get("RETOLD_SHARED") or REPO.parent / "shared")


@pytest.fixture(scope="session", autouse=True)
def _one_qt_application(qapp: object) -> object:
    """The QApplication first, in every test process: a PDF report rendered in-process makes a
    bare QGuiApplication when there is none, and a widget made after it aborts the process
    (which test comes first on a worker is the scheduler's choice)."""
    return qapp


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """platformdirs honours XDG_*: keep settings, logs and caches out of the user's home."""
    base = tmp_path_factory.mktemp("xdg")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(base / var.lower()))


@pytest.fixture
def shared() -> Path:
    """The read-only shared material; tests that need it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared (seed articles and eval corpora) is not beside this checkout")
    return SHARED
