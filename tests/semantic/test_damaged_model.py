"""A damaged or hostile model file is ``ModelUnavailable`` with a one-line reason (which the
callers turn into the words alone), never another exception; a pickle is never loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from retold.semantic.encoder import RUNTIMES, SentenceEncoder
from retold.semantic.weights import ModelUnavailable, model_path
from tests.semantic.test_default import _DAMAGED as DAMAGED
from tests.semantic.test_default import ROOT

Arrays = dict[str, NDArray[np.generic]]


def _arrays() -> Arrays:
    with np.load(model_path(), allow_pickle=False) as npz:
        return {name: npz[name] for name in npz.files}


def _with(**changed: NDArray[np.generic]) -> Callable[[Arrays], Arrays]:
    return lambda arrays: arrays | changed


def _bytes(text: bytes) -> NDArray[np.uint8]:
    return np.frombuffer(text, dtype=np.uint8)


DAMAGES: dict[str, Callable[[Arrays], Arrays]] = {
    "a matrix of the wrong shape": lambda a: a | {"layer0.query": a["layer0.query"][:10]},
    "meta not UTF-8": _with(meta=_bytes(b"\xff\xfe")),
    "meta a JSON list": _with(meta=_bytes(b"[1, 2]")),
    "a vocabulary without [UNK]": _with(vocabulary=_bytes(b"a\nb\n")),
    "scales of text": _with(**{"word.scale": np.array(["x", "y"])}),
}


@pytest.fixture(scope="module")
def arrays() -> Arrays:
    return _arrays()


@pytest.mark.parametrize("runtime", RUNTIMES)
@pytest.mark.parametrize("damage", list(DAMAGES))
def test_damaged_arrays_are_model_unavailable(
    arrays: Arrays, damage: str, runtime: str, tmp_path: Path
) -> None:
    if runtime == "onnxruntime":
        pytest.importorskip("onnxruntime", reason="onnxruntime has no wheel here")
    path = tmp_path / "model.npz"
    np.savez(path, **DAMAGES[damage](arrays))  # type: ignore[arg-type]
    with pytest.raises(ModelUnavailable) as raised:
        SentenceEncoder(path, runtime=runtime)
    assert "\n" not in str(raised.value) and str(path) in str(raised.value)


@pytest.mark.parametrize(
    "content",
    [b"", b"not a model", model_path().read_bytes()[:100_000]],
    ids=["empty", "not a zip", "truncated"],
)
def test_unreadable_files_are_model_unavailable(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    path.write_bytes(content)
    with pytest.raises(ModelUnavailable):
        SentenceEncoder(path, runtime="numpy")


def test_a_pickle_is_refused_not_run(tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    np.savez(path, word=np.array([{"a": 1}], dtype=object))
    with pytest.raises(ModelUnavailable, match="not a model file"):
        SentenceEncoder(path, runtime="numpy")


def test_an_unknown_runtime_is_the_callers_mistake() -> None:
    with pytest.raises(ValueError, match="unknown runtime"):
        SentenceEncoder(runtime="cuda")


def test_the_command_line_warns_in_one_line_and_compares_by_the_words(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The river rose overnight. The bridge was closed.", encoding="utf-8")
    b.write_text("Water climbed in the night. Nobody could cross.", encoding="utf-8")
    code = f"import sys\n{DAMAGED}\nfrom retold.cli import main\nsys.exit(main(sys.argv[1:]))"
    run = subprocess.run(
        [sys.executable, "-c", code, "compare", str(a), str(b), "-f", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    warning = run.stderr.strip()
    assert warning.startswith("retold: warning: the sentence model") and "\n" not in warning
    assert warning.endswith("comparing by the words alone")
    assert json.loads(run.stdout)["options"]["evidence"] == "lexical"


def test_semantic_off_turns_an_explicit_semantic_scorer_off_without_loading_the_model() -> None:
    code = (
        f"import sys\n{DAMAGED}\nimport retold\n"
        "from retold.engine.options import CompareOptions\n"
        "from retold.semantic.scorer import Semantic\n"
        "off = CompareOptions(scorer=Semantic(), semantic=False)\n"
        "print(retold.compare('The river rose.', 'Water climbed.', off).options['evidence'])"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert (run.returncode, run.stdout.strip()) == (0, "lexical"), run.stderr
