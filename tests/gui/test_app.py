"""``retold`` start-up: screenshot, self-test, version, arguments."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QImage

from retold import __version__
from retold.gui.app import APP_ID, main


def _distinct_colours(image: QImage) -> int:
    step = 16
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


def test_screenshot_of_the_sample(tmp_path: Path) -> None:
    shot = tmp_path / "shots" / "x.png"
    assert main(["--screenshot", str(shot)]) == 0
    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 800 and image.height() >= 500
    assert _distinct_colours(image) > 20  # a drawn window, not a blank rectangle
    assert QGuiApplication.desktopFileName() == APP_ID
    assert QGuiApplication.applicationName() == "Retold"


def test_screenshot_of_named_files(tmp_path: Path, sample_pair) -> None:
    shot = tmp_path / "named.png"
    assert main([str(sample_pair[1]), str(sample_pair[0]), "--screenshot", str(shot)]) == 0
    assert shot.stat().st_size > 10_000


def test_screenshot_fails_cleanly_for_a_missing_file(tmp_path: Path, sample_pair) -> None:
    shot = tmp_path / "never.png"
    code = main([str(tmp_path / "gone.txt"), str(sample_pair[0]), "--screenshot", str(shot)])
    assert code == 1 and not shot.exists()


def test_screenshot_goes_on_without_an_empty_file_when_a_pair_is_left(
    tmp_path: Path, sample_pair, capsys: pytest.CaptureFixture[str]
) -> None:
    """As the window does: the first two files it could read are compared, and the one it
    could not is named (on stderr: nobody reads the banner of a headless run)."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    shot = tmp_path / "shot.png"
    original, rewrite = (str(path) for path in sample_pair)
    assert main([rewrite, str(empty), original, "--screenshot", str(shot)]) == 0
    assert shot.stat().st_size > 10_000
    assert "retold: warning: “empty.txt” is empty." in capsys.readouterr().err


def test_screenshot_fails_cleanly_when_an_empty_file_leaves_no_pair(
    tmp_path: Path, sample_pair, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    shot = tmp_path / "never.png"
    assert main([str(empty), str(sample_pair[0]), "--screenshot", str(shot)]) == 1
    assert not shot.exists()
    assert "“empty.txt” is empty" in capsys.readouterr().err


def test_self_test_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out
    assert "self-test passed" in out and "report.html" in out and "report.json" in out


def test_version_from_the_command_line() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "retold", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"retold {__version__}"


def test_corrupt_settings_do_not_stop_start_up(tmp_path: Path) -> None:
    from retold.gui.settings import SettingsStore

    store = SettingsStore.default()  # inside the test's XDG_CONFIG_HOME (tests/conftest.py)
    store.folder.mkdir(parents=True, exist_ok=True)
    store.path.write_text("{ not json", encoding="utf-8")
    assert main(["--screenshot", str(tmp_path / "s.png")]) == 0
    assert list(store.folder.glob("settings.json.corrupt-*"))


def test_no_display_is_a_message_not_an_abort(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main([]) == 1
    err = capsys.readouterr().err
    assert "no display" in err and "retold compare ORIGINAL REWRITE" in err
