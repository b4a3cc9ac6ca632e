"""``Opening`` and ``Saving`` get an explicit ``Context``: neither imports the controller."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import retold.gui

GUI = Path(retold.gui.__file__).parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize(
    "module", ["opening.py", "saving.py", "context.py", "correcting.py", "copies.py"]
)
def test_the_controller_s_parts_do_not_import_it(module: str) -> None:
    assert "retold.gui.controller" not in _imports(GUI / module)


def test_the_check_sees_an_import_of_the_controller(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("if TYPE_CHECKING:\n    from retold.gui.controller import Controller\n")
    assert "retold.gui.controller" in _imports(sample)
