"""packaging/requirements.lock agrees with pyproject.toml: every declared dependency and every
extra's is pinned within its range (refresh with ``bash packaging/lock.sh``), and what Retold
imports directly is declared directly (an old pip once skipped lxml_html_clean, reached only
through jusText's lxml[html_clean] extra)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parent.parent
LOCK = REPO / "packaging" / "requirements.lock"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def _declared() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    groups = [project["dependencies"], *project.get("optional-dependencies", {}).values()]
    return [Requirement(line) for group in groups for line in group]


def _pins() -> dict[str, set[Version]]:
    pins: dict[str, set[Version]] = {}
    for name, version in _PIN.findall(LOCK.read_text(encoding="utf-8")):
        pins.setdefault(canonicalize_name(name), set()).add(Version(version))
    return pins


def test_every_declared_dependency_is_pinned_within_its_range() -> None:
    pins = _pins()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in the lock: run bash packaging/lock.sh"
        for version in pins[name]:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"the lock pins {name}=={version}, outside {requirement}: run packaging/lock.sh"
            )


def test_every_pin_has_hashes() -> None:
    entries = re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text(encoding="utf-8").strip())
    assert entries and all("--hash=sha256:" in entry for entry in entries)


def test_what_retold_imports_is_declared() -> None:
    declared = {canonicalize_name(requirement.name) for requirement in _declared()}
    distributions = packages_distributions()
    undeclared = set()
    for path in (REPO / "desktop" / "retold").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                tops = [alias.name.partition(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                tops = [node.module.partition(".")[0]]
            else:
                continue
            for top in tops:
                if top in sys.stdlib_module_names or top == "retold":
                    continue
                names = {canonicalize_name(d) for d in distributions.get(top, [])}
                if names and not names & declared:  # not installed here: nothing to check
                    undeclared.add(f"{top} ({', '.join(sorted(names))})")
    assert sorted(undeclared) == []
