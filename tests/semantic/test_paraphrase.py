"""Our heavy-paraphrase fixtures, compared end to end (gold in tests/semantic/fixtures)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import retold
from retold.engine.model import Comparison
from retold.engine.options import CompareOptions
from retold.engine.serialize import comparison_to_dict
from retold.engine.similarity import Lexical
from retold.semantic.scorer import Semantic

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _paraphrase() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_paraphrase", BENCHMARKS / "paraphrase.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


PARAPHRASE = _paraphrase()
FIXTURES = PARAPHRASE.fixtures()


def test_there_are_fixtures_with_blended_paragraphs() -> None:
    assert len(FIXTURES) >= 3
    assert sum(len(f.blended) for f in FIXTURES) >= 6


def test_lexical_comparison_keeps_blended_paragraphs_apart() -> None:
    for fixture in FIXTURES:
        tally = PARAPHRASE.evaluate(fixture, retold.compare)  # raises if sentences differ
        assert tally.blended_linked == 0
        assert tally.tp == tally.predicted  # lexical links on these are all right ...
        assert tally.tp < tally.gold  # ... but heavy paraphrase leaves some unlinked


SEMANTIC = CompareOptions(scorer=Semantic())


def _semantic(original: str, rewrite: str) -> Comparison:
    return retold.compare(original, rewrite, SEMANTIC)


def test_semantic_links_no_blended_sentence() -> None:
    for fixture in FIXTURES:
        tally = PARAPHRASE.evaluate(fixture, _semantic)
        assert tally.blended_linked == 0, fixture.name


def test_semantic_finds_more_gold_links_than_lexical() -> None:
    lexical = [PARAPHRASE.evaluate(f, retold.compare) for f in FIXTURES]
    semantic = [PARAPHRASE.evaluate(f, _semantic) for f in FIXTURES]
    assert all(s.tp >= t.tp for s, t in zip(semantic, lexical, strict=True))
    assert sum(s.tp for s in semantic) > sum(t.tp for t in lexical)
    assert sum(s.tp for s in semantic) / sum(s.predicted for s in semantic) >= 0.95


def _texts(fixture: Any) -> list[str]:
    return [PARAPHRASE.Fixture.text(fixture.original), PARAPHRASE.Fixture.text(fixture.rewrite)]


def _linked(comparison: Comparison) -> tuple[set[int], set[int]]:
    matches = [k for k in comparison.links if k.is_match]
    return (
        {i for k in matches for i in k.original_sentences},
        {j for k in matches for j in k.rewrite_sentences},
    )


def test_the_model_only_adds_or_moves_links() -> None:
    """The combined score is never below the lexical one, so no sentence that the lexical
    scorer linked is left unlinked: the model adds links, or gives a sentence a better partner."""
    for fixture in FIXTURES:
        texts = (
            PARAPHRASE.Fixture.text(fixture.original),
            PARAPHRASE.Fixture.text(fixture.rewrite),
        )
        lexical_o, lexical_r = _linked(retold.compare(*texts))
        semantic_o, semantic_r = _linked(_semantic(*texts))
        assert lexical_o <= semantic_o and lexical_r <= semantic_r, fixture.name


_LEXICAL_JSON = (
    "import json, sys; import retold; "
    "from retold.engine.serialize import comparison_to_dict; "
    "a, b = json.loads(sys.stdin.read()); "
    "print(json.dumps(comparison_to_dict(retold.compare(a, b)), sort_keys=True))"
)


def test_without_the_model_results_are_exactly_as_before() -> None:
    """The lexical default gives the same comparison in a fresh process (no model loaded) as
    here, before and after semantic comparisons ran."""
    fixture = FIXTURES[0]
    texts = _texts(fixture)
    before = json.dumps(comparison_to_dict(retold.compare(*texts)), sort_keys=True)
    _semantic(*texts)
    after = json.dumps(comparison_to_dict(retold.compare(*texts)), sort_keys=True)
    bare = subprocess.run(
        [sys.executable, "-c", _LEXICAL_JSON],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert before == after == bare
    assert CompareOptions().scorer == Lexical()
