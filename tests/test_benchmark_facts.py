"""The facts benchmark builds its cases right on hand-made pairs, and runs on the shared sets."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_facts", BENCHMARKS / "facts.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _module()
ORIGINAL = "In 2019 the mayor of Lisbon said the port will reopen on June 4 with 300 workers."
REWRITE = "The mayor of Lisbon said in 2019 that the port will reopen on June 4 with 300 staff."


def test_controls_agree_only_when_their_facts_do() -> None:
    assert bench.agree(ORIGINAL, REWRITE)
    assert not bench.agree(ORIGINAL, REWRITE.replace("300", "200"))
    assert not bench.agree(ORIGINAL, REWRITE.replace("Lisbon", "Porto"))
    assert not bench.agree(ORIGINAL, REWRITE.replace("will", "will not"))
    assert not bench.agree('He said "we won".', 'He said "we lost".')


def test_each_perturbation_changes_what_it_says_and_is_caught() -> None:
    cases = {case.kind: case for case in bench.perturbations(ORIGINAL, REWRITE)}
    assert set(cases) == {"date", "name", "negation"}  # the year comes first among numbers
    name = cases["name"]
    assert name.rewrite[name.span[0] : name.span[1]] in bench.POOL
    negation = cases["negation"]
    assert negation.rewrite[negation.span[0] : negation.span[1]] == "not"
    for case in cases.values():
        assert bench.caught(case), case
    control = bench.Case("control", ORIGINAL, REWRITE, (0, 0))
    assert bench.flagged(control) == []


def test_a_day_of_a_month_is_a_date() -> None:
    text = "They met on June 30 at 9 a.m. with 40 people."
    cases = list(bench.perturbations(text, text))
    number = next(c for c in cases if c.kind in ("number", "date") and c.span[0] == 17)
    assert number.kind == "date"


def test_runs_on_the_shared_sets(shared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--shared", str(shared), "--sets", "seed_nyt_treasury", "msrp_docs"]) == 0
    out = capsys.readouterr().out
    assert "controls flagged" in out and "negation" in out
