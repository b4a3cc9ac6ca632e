from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from retold.gui.source_model import NONE, ORIGINAL, REWRITE, SourceListModel, display_text
from retold.sources.model import Source


def source(name: str, fmt: str = "text", size: int | None = 1200) -> Source:
    return Source(name, f"Text of {name}. It has words.", fmt, Path(f"/docs/{name}"), size)


def filled() -> SourceListModel:
    model = SourceListModel()
    for name, fmt in (("a.txt", "text"), ("report.docx", "docx"), ("page.html", "html")):
        model.add(source(name, fmt, 12 * 1024 if fmt == "docx" else 1200))
    return model


def test_qtmodeltester_with_changes(qtmodeltester) -> None:
    model = filled()
    qtmodeltester.check(model)
    model.set_role(0, ORIGINAL)
    model.set_role(1, REWRITE)
    model.swap()
    model.remove(0)
    model.add(source("late.md", "markdown"))
    qtmodeltester.check(model)


def test_display_text_and_named_roles() -> None:
    model = filled()
    index = model.index(1, 0)
    assert model.data(index) == "report.docx — Word, 12 KB"
    assert model.data(index, SourceListModel.NameRole) == "report.docx"
    assert model.data(index, SourceListModel.FormatRole) == "docx"
    assert model.data(index, SourceListModel.SizeRole) == 12 * 1024
    assert model.data(index, SourceListModel.PathRole) == str(Path("/docs/report.docx"))
    assert model.data(index, SourceListModel.CompareRole) == NONE
    names = {bytes(v.data()) for v in model.roleNames().values()}
    assert {b"name", b"format", b"size", b"path", b"compareRole"} <= names
    pasted = Source("Pasted text 1", "one two three", "pasted")
    assert display_text(pasted) == "Pasted text 1 — Pasted text, 3 words"


def test_roles_are_exclusive_and_marked() -> None:
    model = filled()
    model.set_role(0, ORIGINAL)
    model.set_role(2, REWRITE)
    assert model.data(model.index(1, 0), Qt.ItemDataRole.DecorationRole) is None
    assert isinstance(model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole), QIcon)
    model.set_role(1, ORIGINAL)  # takes the role from row 0
    assert model.role_of(0) == NONE and model.role_of(1) == ORIGINAL
    model.set_role(1, REWRITE)  # a row holds one role: it leaves "original"
    assert model.row_of(ORIGINAL) is None and model.row_of(REWRITE) == 1
    assert model.role_of(2) == NONE


def test_swap_and_remove_keep_roles_on_the_right_rows(qtbot) -> None:
    model = filled()
    model.set_role(1, ORIGINAL)
    model.set_role(2, REWRITE)
    with qtbot.waitSignals([model.dataChanged, model.dataChanged]):
        model.swap()
    assert model.source_for(ORIGINAL).name == "page.html"  # type: ignore[union-attr]
    assert model.source_for(REWRITE).name == "report.docx"  # type: ignore[union-attr]
    model.remove(0)
    assert model.source_for(ORIGINAL).name == "page.html"  # type: ignore[union-attr]
    model.remove(model.row_of(REWRITE))  # type: ignore[arg-type]
    assert model.source_for(REWRITE) is None
    assert model.rowCount() == 1


def test_adding_the_same_file_again_replaces_it() -> None:
    model = filled()
    model.set_role(0, ORIGINAL)
    newer = Source("a.txt", "New text.", "text", Path("/docs/a.txt"), 9)
    assert model.add(newer) == 0
    assert model.rowCount() == 3
    assert model.source_for(ORIGINAL) is newer
