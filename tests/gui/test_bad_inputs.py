"""Every bad file a user may drop or open, through the real window: a banner that names the
file and says what is wrong, and the comparison on screen left exactly as it was."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from retold.engine.model import Side
from retold.gui import dialogs
from retold.sources.loader import DEFAULT_MAX_BYTES


def _binary(folder: Path) -> Path:
    path = folder / "blob.txt"
    path.write_bytes(bytes(range(256)) * 8)
    return path


def _empty(folder: Path) -> Path:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return path


def _huge(folder: Path) -> Path:
    path = folder / "huge.txt"
    path.write_bytes(b"x")
    os.truncate(path, DEFAULT_MAX_BYTES + 1)  # sparse: nothing is written, nothing is read
    return path


def _missing(folder: Path) -> Path:
    return folder / "gone.txt"


def _folder(folder: Path) -> Path:
    path = folder / "articles"
    path.mkdir()
    return path


def _damaged_docx(folder: Path) -> Path:
    path = folder / "report.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>cut sho")
    return path


def _damaged_pdf(folder: Path) -> Path:
    path = folder / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n" + b"\0" * 64)
    return path


def _damaged_saved(folder: Path) -> Path:
    path = folder / "flood.retold"
    path.write_bytes(b'{"format": "retold-comparison", "version": 1, "original": {"te')
    return path


BAD_FILES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "binary": (_binary, "“blob.txt” holds binary data, not text."),
    "empty": (_empty, "“empty.txt” is empty."),
    "huge": (_huge, "“huge.txt” is more than 50 MB; Retold opens files up to 50 MB."),
    "missing": (_missing, "“gone.txt” does not exist"),
    "folder": (_folder, "“articles” is a folder; drop text, Word, PDF or web page files."),
    "damaged docx": (_damaged_docx, "“report.docx” is damaged"),
    "damaged pdf": (_damaged_pdf, "“report.pdf” is damaged"),
    "damaged saved comparison": (_damaged_saved, "“flood.retold” is incomplete"),
}


def _drop_on_window(window, path: Path, drop, monkeypatch) -> None:
    assert drop(window, [path])


def _drop_on_a_pane(window, path: Path, drop, monkeypatch) -> None:
    assert drop(window.compare_view.panes[Side.REWRITE].viewport(), [path])


def _open_with_the_menu(window, path: Path, drop, monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "ask_open_files", lambda *args, **kwargs: [path])
    window.commands.open.trigger()


@pytest.fixture
def on_screen(app_window, sample_pair):
    """The sample pair compared, with a link selected: what must survive a bad file."""
    window, controller = app_window
    controller.open_paths(*sample_pair)
    window.commands.next_change.trigger()
    assert controller.comparison is not None and window.compare_view.selected >= 0
    return window, controller


@pytest.mark.parametrize("how", [_drop_on_window, _drop_on_a_pane, _open_with_the_menu])
@pytest.mark.parametrize("bad", BAD_FILES, ids=str)
def test_a_bad_file_is_a_banner_and_the_comparison_stays(
    qtbot, on_screen, tmp_path, drop, monkeypatch, bad, how
) -> None:
    window, controller = on_screen
    before, selected = controller.comparison, window.compare_view.selected
    texts = {side: pane.toPlainText() for side, pane in window.compare_view.panes.items()}
    make, expected = BAD_FILES[bad]
    how(window, make(tmp_path), drop, monkeypatch)
    qtbot.waitUntil(window.banner.isVisible)
    assert window.banner.level == "error"
    assert window.banner.text().startswith(expected), window.banner.text()
    assert controller.comparison is before and window.compare_view.comparison is before
    assert window.compare_view.selected == selected  # not even recompared
    assert {side: pane.toPlainText() for side, pane in window.compare_view.panes.items()} == texts
    assert window.commands.export.isEnabled() and window.commands.save.isEnabled()


def test_an_unreadable_file_is_a_banner_and_the_comparison_stays(
    qtbot, on_screen, tmp_path, drop, monkeypatch
) -> None:
    """Refused by the system when read (root reads any file, so the refusal is staged)."""
    window, controller = on_screen
    before = controller.comparison
    locked = tmp_path / "locked.txt"
    locked.write_text("A secret article.", encoding="utf-8")
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    assert drop(window, [locked])
    qtbot.waitUntil(window.banner.isVisible)
    assert window.banner.level == "error"
    assert window.banner.text() == "“locked.txt” cannot be read: permission denied."
    assert controller.comparison is before


def test_a_cp1252_file_with_curly_quotes_is_decoded_right(qtbot, on_screen, tmp_path, drop):
    window, controller = on_screen
    text = "It’s the “new” flood barrier — the council’s pride.\n\nCrews weren’t told."
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(text.encode("cp1252"))
    assert drop(window.compare_view.panes[Side.REWRITE].viewport(), [legacy])
    qtbot.waitUntil(lambda: controller.comparison.rewrite.name == "legacy.txt")
    assert controller.comparison.rewrite.text == text
    assert window.compare_view.panes[Side.REWRITE].toPlainText() == text
    assert controller.model.source_for("rewrite").encoding == "cp1252"
    assert not window.banner.isVisible()


def test_a_reader_bug_is_a_banner_and_the_comparison_stays(
    on_screen, tmp_path, drop, monkeypatch
) -> None:
    window, controller = on_screen
    before = controller.comparison
    failures: list[str] = []
    controller.loadFailed.connect(failures.append)

    def broken(*args: object) -> None:
        raise RuntimeError("a reader bug")

    monkeypatch.setattr("retold.gui.opening.load_paths", broken)
    controller.open_paths(tmp_path / "any.txt")
    assert window.banner.level == "error"
    assert window.banner.text() == "Something went wrong while reading: a reader bug"
    assert failures == [window.banner.text()] and controller.comparison is before
