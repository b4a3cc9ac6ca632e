"""The layers, enforced: read every module's imports (ast, nothing is imported) and check them.

- the engine imports only the standard library, its numeric and diff libraries, and itself;
- ``sources`` imports neither ``report`` nor ``gui``; ``report`` does not import ``gui``;
- ``semantic`` imports only the engine of Retold, and only ``scorer_choice`` and the CLI import it;
- Qt is imported only in ``gui/`` and the PDF writer.

Imports inside functions count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "desktop" / "retold"
# What the engine may use besides the standard library: diffs, stemming, numbers.
ENGINE_LIBRARIES = frozenset(
    {"diff_match_patch", "fast_diff_match_patch", "Stemmer", "snowballstemmer", "numpy"}
    | {"rapidfuzz", "scipy"}
)
QT_ALLOWED = ("retold.gui", "retold.report.pdf")
# Where the sentence model is chosen; everything else (the window, reports, triage, the
# archive) gets its scorer through these, and the model package knows only the engine.
MODEL_CHOOSERS = ("retold.scorer_choice", "retold.cli")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, relative imports made absolute."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                yield ".".join([*base, *([node.module] if node.module else [])])
            else:
                yield node.module or ""


MODULES = {_module_name(path): sorted(set(imports(path))) for path in PACKAGE.rglob("*.py")}


def _in(name: str, *packages: str) -> bool:
    return any(name == package or name.startswith(package + ".") for package in packages)


def _violations(rule: str) -> list[str]:
    found = []
    for module, names in sorted(MODULES.items()):
        for name in names:
            top = name.partition(".")[0]
            if rule == "engine" and _in(module, "retold.engine"):
                allowed = (
                    top in sys.stdlib_module_names
                    or top in ENGINE_LIBRARIES
                    or _in(name, "retold.engine")
                )
            elif rule == "sources" and _in(module, "retold.sources"):
                allowed = not _in(name, "retold.report", "retold.gui")
            elif rule == "report" and _in(module, "retold.report"):
                allowed = not _in(name, "retold.gui")
            elif rule == "semantic" and _in(module, "retold.semantic"):
                allowed = not _in(name, "retold") or _in(name, "retold.semantic", "retold.engine")
            elif rule == "semantic" and _in(name, "retold.semantic"):
                allowed = _in(module, *MODEL_CHOOSERS)
            elif rule == "qt":
                allowed = top != "PySide6" or _in(module, *QT_ALLOWED)
            else:
                continue
            if not allowed:
                found.append(f"{module} imports {name}")
    return found


@pytest.mark.parametrize("rule", ["engine", "sources", "report", "semantic", "qt"])
def test_layers(rule: str) -> None:
    assert _violations(rule) == []


def test_the_checker_sees_imports() -> None:
    """The rules above pass only if the reading finds imports at all, lazy ones included."""
    assert "PySide6.QtGui" in MODULES["retold.report.pdf"]
    assert "retold.engine.model" in MODULES["retold.engine.compare"]
    assert "retold.gui.app" in MODULES["retold.cli"]  # imported inside main()
    assert len(MODULES) > 60
