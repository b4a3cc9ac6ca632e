"""The one atomic-write routine: callers get the OSError to word; nothing is half-written."""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from retold import atomic
from retold.atomic import WriteCancelled, reason, write_atomic
from retold.gui.settings import Settings, SettingsStore
from retold.savefile import SaveFileError, save_comparison_file
from retold.sources.model import Source


def _disk_full(fd: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_failure_raises_the_os_error_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.bin"
    target.write_bytes(b"old")
    monkeypatch.setattr(atomic.os, "fsync", _disk_full)
    with pytest.raises(OSError) as info:
        write_atomic(target, b"new")
    assert info.value.errno == errno.ENOSPC
    assert reason(info.value) == "the disk is full. Free some space or choose another drive."
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["file.bin"]


def test_cancel_before_replacing(tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    with pytest.raises(WriteCancelled):
        write_atomic(target, b"new", cancelled=lambda: True)
    assert os.listdir(tmp_path) == []


def test_existing_mode_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "private.json"
    target.write_bytes(b"{}")
    target.chmod(0o600)
    write_atomic(target, b"[]")
    assert target.stat().st_mode & 0o777 == 0o600 and target.read_bytes() == b"[]"


def test_saved_comparison_words_the_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic.os, "fsync", _disk_full)
    source = Source(name="a.txt", text="Some text.", format="text")
    with pytest.raises(SaveFileError, match=r"Cannot save “x\.retold”: the disk is full"):
        save_comparison_file(tmp_path / "x.retold", source, source, {})
    assert os.listdir(tmp_path) == []


def test_settings_failure_keeps_the_old_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SettingsStore(tmp_path)
    store.save(Settings())
    before = store.path.read_bytes()
    monkeypatch.setattr(atomic.os, "fsync", _disk_full)
    with pytest.raises(OSError):
        store.save(Settings())
    assert store.path.read_bytes() == before and json.loads(before)["version"] == 1
    assert os.listdir(tmp_path) == ["settings.json"]


def test_a_symbolic_link_stays_a_link(tmp_path: Path) -> None:
    kept = tmp_path / "dotfiles" / "settings.json"
    kept.parent.mkdir()
    kept.write_bytes(b"{}")
    link = tmp_path / "settings.json"
    link.symlink_to(kept)
    write_atomic(link, b"[]")
    assert link.is_symlink() and kept.read_bytes() == b"[]"
    assert sorted(os.listdir(kept.parent)) == ["settings.json"]


def test_a_fifo_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, b"report")
    reader.join(timeout=10)
    assert received == [b"report"] and stat.S_ISFIFO(fifo.stat().st_mode)
    assert os.listdir(tmp_path) == ["pipe"]


def test_a_character_device_is_written_in_place(tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    write_atomic(device, b"report")
    assert stat.S_ISCHR(device.stat().st_mode) and os.listdir(tmp_path) == ["null"]


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(OSError) as info:
            write_atomic(path, b"report")
    assert "not a regular file" in reason(info.value) and stat.S_ISSOCK(path.stat().st_mode)


def test_pieces_are_written_as_one_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    write_atomic(target, (piece for piece in (b"[", b"1, ", b"2]")))
    assert target.read_bytes() == b"[1, 2]"
