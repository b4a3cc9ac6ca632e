"""The command line loads what a command uses, when it uses it: ``import retold.cli`` loads
neither Qt, nor the engine and numpy, nor the reports (issue 12: a quick start); ``import
retold`` gives its public names on first use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import retold
from retold.resources import sample_paths

HEAVY = ("PySide6", "shiboken6", "numpy", "retold.engine", "retold.report", "retold.sources")


def _loaded(code: str) -> dict[str, list[str]]:
    """The heavy modules loaded by ``code`` in a fresh interpreter, by package."""
    probe = (
        f"import json, sys\n{code}\n"
        f"heavy = {HEAVY!r}\n"
        "print(json.dumps({h: sorted(m for m in sys.modules if m == h or m.startswith(h + '.'))"
        " for h in heavy}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_importing_the_cli_loads_no_engine_nor_report_nor_qt() -> None:
    assert all(not found for found in _loaded("import retold.cli").values())


@pytest.mark.parametrize(
    "argv",
    [["--version"], ["compare", "--help"], ["compare", "only-one.txt", "-f", "nonsense"]],
)
def test_answers_before_the_work_load_no_engine(argv: list[str]) -> None:
    code = f"import retold.cli\ntry:\n    retold.cli.main({argv!r})\nexcept SystemExit:\n    pass"
    assert all(not found for found in _loaded(code).values())


def test_a_json_comparison_loads_its_writer_but_no_qt_nor_other_reports(tmp_path: Path) -> None:
    original, rewrite = sample_paths()
    target = tmp_path / "report.json"
    code = (
        "import retold.cli\n"
        f"retold.cli.main(['compare', {str(original)!r}, {str(rewrite)!r}, '-o', {str(target)!r},"
        " '--no-semantic'])"
    )
    found = _loaded(code)
    assert found["PySide6"] == found["shiboken6"] == []
    assert "retold.engine.compare" in found["retold.engine"] and found["numpy"]
    assert "retold.report.json_report" in found["retold.report"]
    assert {"retold.report.rows", "retold.report.html", "retold.report.pdf"}.isdisjoint(
        found["retold.report"]
    )


def test_the_public_names_load_on_first_use() -> None:
    from retold.engine.model import Comparison
    from retold.scorer_choice import compare

    assert retold.compare is compare and retold.Comparison is Comparison
    assert set(retold.__all__) <= set(dir(retold))
    assert retold.__version__.count(".") >= 2
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        retold.nonsense  # noqa: B018
    namespace: dict[str, object] = {}
    exec("from retold import *", namespace)
    assert set(retold.__all__) <= set(namespace)
