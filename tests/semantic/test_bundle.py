"""The bundle carries the sentence model and its licence where ``retold.semantic`` looks."""

from __future__ import annotations

import pytest

from retold.semantic.weights import model_path
from tests.test_packaging import _run_spec


def test_spec_bundles_the_model_and_its_licence(monkeypatch: pytest.MonkeyPatch) -> None:
    datas = _run_spec(monkeypatch, "linux")["Analysis"]["datas"]
    folder = model_path().parent
    assert (str(folder), "retold/semantic/data") in datas
    assert (folder / "LICENSE-all-MiniLM-L6-v2.txt").is_file()
    assert (folder / "NOTICE.md").is_file()


def test_frozen_app_finds_the_model_in_the_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert model_path().relative_to(str(tmp_path)).parts == (
        "retold",
        "semantic",
        "data",
        model_path().name,
    )
