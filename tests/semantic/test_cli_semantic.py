"""``retold compare --semantic``: the sentence model on the command line, on by default where
it is installed; ``--no-semantic`` turns it off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retold.cli import EXIT_OK, EXIT_USAGE, main
from tests.semantic.test_paraphrase import FIXTURES, PARAPHRASE


def _pair(tmp_path: Path) -> tuple[str, str]:
    fixture = next(f for f in FIXTURES if f.name == "drought")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(PARAPHRASE.Fixture.text(fixture.original), encoding="utf-8")
    b.write_text(PARAPHRASE.Fixture.text(fixture.rewrite), encoding="utf-8")
    return str(a), str(b)


def _report(tmp_path: Path, *flags: str) -> dict[str, object]:
    out = tmp_path / f"report{len(flags)}{''.join(flags)}.json"
    assert main(["compare", *_pair(tmp_path), "-o", str(out), *flags]) == EXIT_OK
    report: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return report


def _matches(report: dict[str, object]) -> int:
    links = report["links"]
    assert isinstance(links, list)
    return sum(1 for link in links if link["original"] and link["rewrite"])


def test_semantic_is_the_default_and_links_more_than_no_semantic(tmp_path: Path) -> None:
    default, off, on = (_report(tmp_path, *f) for f in ((), ("--no-semantic",), ("--semantic",)))
    assert default == on
    assert _matches(on) > _matches(off)


def test_semantic_without_the_model_is_a_one_line_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)  # no model file there
    monkeypatch.setattr("retold.semantic.scorer.shared_encoder", _missing)
    assert main(["compare", *_pair(tmp_path), "--semantic"]) == EXIT_USAGE
    message = capsys.readouterr().err.strip()
    assert message.startswith("retold: the sentence model is not installed") and "\n" not in message


def _missing() -> object:
    from retold.semantic import SentenceEncoder

    return SentenceEncoder()  # looks in the (empty) bundle folder
