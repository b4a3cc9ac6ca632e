"""The sentence model is the default where it is installed; without it, or turned off,
Retold compares exactly as by the words alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import retold
from retold.cli import EXIT_OK, main
from retold.engine.compare import compare as engine_compare
from retold.engine.options import AlignOptions, CompareOptions
from retold.engine.scoring import SentencePairs
from retold.engine.serialize import comparison_to_dict
from retold.scorer_choice import chosen_options
from retold.semantic.scorer import Semantic, SemanticScorer
from tests.semantic.test_paraphrase import FIXTURES, LEXICAL, PARAPHRASE

TEXTS = [
    PARAPHRASE.Fixture.text(FIXTURES[0].original),
    PARAPHRASE.Fixture.text(FIXTURES[0].rewrite),
]
ROOT = Path(__file__).resolve().parents[2]


def _json(comparison: retold.Comparison) -> str:
    return json.dumps(comparison_to_dict(comparison), sort_keys=True)


def _in_a_fresh_process(prelude: str, env: dict[str, str] | None = None) -> str:
    """retold.compare(*TEXTS) as JSON, in a new interpreter after ``prelude``."""
    code = (
        f"{prelude}\nimport json, sys, retold\n"
        "from retold.engine.serialize import comparison_to_dict\n"
        "a, b = json.loads(sys.stdin.read())\n"
        "print(json.dumps(comparison_to_dict(retold.compare(a, b)), sort_keys=True))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(TEXTS),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    ).stdout.strip()


def test_the_model_is_the_default_and_semantic_false_turns_it_off() -> None:
    on, off = retold.compare(*TEXTS), retold.compare(*TEXTS, LEXICAL)
    assert str(on.options["evidence"]).startswith("lexical + all-MiniLM-L6-v2")
    assert off.options["evidence"] == "lexical"
    assert sum(k.is_match for k in on.links) > sum(k.is_match for k in off.links)
    # Off is the lexical engine itself, before and after the model has run.
    assert _json(off) == _json(engine_compare(*TEXTS)) == _json(retold.compare(*TEXTS, LEXICAL))


def test_semantic_false_also_turns_off_an_explicit_semantic_scorer() -> None:
    opts = chosen_options(CompareOptions(scorer=Semantic(), semantic=False))
    assert opts.scorer == CompareOptions().scorer


_DAMAGED = (
    "import pathlib, tempfile; sys._MEIPASS = tempfile.mkdtemp()\n"
    "data = pathlib.Path(sys._MEIPASS, 'retold', 'semantic', 'data')\n"
    "data.mkdir(parents=True)\n"
    "from retold.semantic.weights import MODEL_FILE, model_path\n"
    "(data / MODEL_FILE).write_bytes(b'not a model')\n"
    "assert model_path().read_bytes() == b'not a model'"
)


@pytest.mark.parametrize(
    "prelude",
    [
        "sys.modules['threadpoolctl'] = None",  # the extra's library is not installed
        "import tempfile; sys._MEIPASS = tempfile.mkdtemp()",  # no model file (a bundle without)
        _DAMAGED,  # a model file that is not one: the words alone, and the report says lexical
    ],
    ids=["no extra", "no model file", "damaged model file"],
)
def test_without_the_model_results_are_exactly_the_lexical_ones(prelude: str) -> None:
    """Only a damaged file, which the user meant to use, is named: ``evidence_fallback``."""
    bare = json.loads(_in_a_fresh_process(f"import sys\n{prelude}"))
    why = bare["options"].pop("evidence_fallback", None)
    assert json.dumps(bare, sort_keys=True) == _json(retold.compare(*TEXTS, LEXICAL))
    if prelude is _DAMAGED:
        assert why is not None and why.endswith("not a model file.")
    else:
        assert why is None


def test_no_semantic_on_the_command_line_is_the_lexical_comparison(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TEXTS[0], encoding="utf-8")
    b.write_text(TEXTS[1], encoding="utf-8")
    reports = {}
    for flags in ((), ("--no-semantic",)):
        out = tmp_path / f"report{len(flags)}.json"
        assert main(["compare", str(a), str(b), "-o", str(out), *flags]) == EXIT_OK
        reports[flags] = json.loads(out.read_text(encoding="utf-8"))
    lexical = comparison_to_dict(retold.compare(*TEXTS, LEXICAL))
    off = reports[("--no-semantic",)]
    for key in ("links", "options", "stats", "warnings"):
        assert off[key] == json.loads(json.dumps(lexical[key])), key
    assert reports[()]["options"]["evidence"].startswith("lexical + ")


def test_compares_offline_with_sockets_blocked() -> None:
    blocked = (
        "import socket\n"
        "def no_network(*args, **kwargs):\n"
        "    raise OSError('network blocked in this test')\n"
        "socket.socket = no_network\nsocket.create_connection = no_network"
    )
    assert _in_a_fresh_process(blocked) == _json(retold.compare(*TEXTS))


def test_the_same_comparison_whatever_the_number_of_threads() -> None:
    """BLAS told to use one thread or two: the same comparison. (The encoder itself runs
    small calls on one thread, and the scorer embeds in slices, so threads rarely start.)"""
    runs = {
        _in_a_fresh_process("", {name: threads for name in _THREAD_VARIABLES})
        for threads in ("1", "2")
    }
    assert runs == {_json(retold.compare(*TEXTS))}


_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def test_links_found_by_the_model_are_marked_and_only_those() -> None:
    """found_by_model: the words alone score the link below the link bar, and the model lifted
    it to the bar or, below it, linked it on its own score (align.py step 7: a pair at
    ``near_bar``, or at ``near_lone`` alone in its gap, maybe grown since by a neighbour)."""
    marked = 0
    for fixture in FIXTURES:
        texts = PARAPHRASE.Fixture.text(fixture.original), PARAPHRASE.Fixture.text(fixture.rewrite)
        comparison = retold.compare(*texts)
        scorer = SemanticScorer(fixture.original_sentences, fixture.rewrite_sentences)
        for link in comparison.links:
            if not link.is_match:
                assert not link.found_by_model
                continue
            groups = link.original_sentences, link.rewrite_sentences
            lexical, bar = scorer.lexical.score(*groups), scorer.thresholds.link
            lifted = lexical < bar <= scorer.score(*groups)
            if lifted or not link.found_by_model:
                assert link.found_by_model == lifted
            else:  # below the bar: linked on the model's own score (a pair of it, at least)
                pairs = [(i, j) for i in groups[0] for j in groups[1]]
                o, r = (np.array(side) for side in zip(*pairs, strict=True))
                near = max(scorer.model_scores(SentencePairs(o, r)))
                opts = AlignOptions()
                assert lexical < bar and near >= min(opts.near_bar, opts.near_lone) * bar
            marked += link.found_by_model
        assert not any(k.found_by_model for k in retold.compare(*texts, LEXICAL).links)
    assert marked >= 3
