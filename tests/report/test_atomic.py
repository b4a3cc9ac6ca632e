"""A report file is complete or absent: failures leave the old file and no temporary files."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from retold import atomic
from retold.engine.model import Comparison
from retold.report.errors import ExportCancelled, ExportError
from retold.report.export import write_report, write_report_bytes


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    write_report_bytes(target, b"first")
    write_report_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert os.listdir(tmp_path) == ["report.txt"]


def test_new_file_gets_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    write_report_bytes(target, b"x")
    assert target.stat().st_mode & 0o044  # readable by others, unlike mkstemp's 0600


def test_failure_midway_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.html"
    target.write_bytes(b"old report")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    with pytest.raises(ExportError, match="disk is full"):
        write_report_bytes(target, b"new report")
    assert target.read_bytes() == b"old report"
    assert os.listdir(tmp_path) == ["report.html"]


def test_cancel_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_bytes(b"old report")
    with pytest.raises(ExportCancelled):
        write_report_bytes(target, b"new report", cancelled=lambda: True)
    assert target.read_bytes() == b"old report"
    assert os.listdir(tmp_path) == ["report.html"]


def test_folder_as_target(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="it is a folder"):
        write_report_bytes(tmp_path, b"x")


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        write_report_bytes(tmp_path / "nowhere" / "report.html", b"x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into read-only folders")
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "report.html").write_bytes(b"old")
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="permission denied"):
            write_report_bytes(folder / "report.html", b"new")
        assert (folder / "report.html").read_bytes() == b"old"
    finally:
        folder.chmod(0o700)


def test_permission_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs as root too: a refused rename reads as 'permission denied'."""
    target = tmp_path / "report.csv"

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(ExportError, match="permission denied"):
        write_report_bytes(target, b"x")
    assert os.listdir(tmp_path) == []


def test_serializer_failure_leaves_the_old_report(
    comparison: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    target.write_bytes(b"old report")

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("serializer failed midway")

    monkeypatch.setattr("retold.report.html.render_html", broken)
    with pytest.raises(RuntimeError):
        write_report(comparison, "html", target)
    assert target.read_bytes() == b"old report"
    assert os.listdir(tmp_path) == ["report.html"]
