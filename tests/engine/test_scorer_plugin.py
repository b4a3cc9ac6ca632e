"""The engine is extended without editing it: a scorer of our own plugs into compare().

``TableScorer`` is a second ``SentenceScorer`` with a scale of its own: it knows nothing of
words, only a table of sentence pairs. Its thresholds, not the lexical scorer's, decide what
is linked and what counts as edited.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence
from dataclasses import FrozenInstanceError, dataclass, field
from pathlib import Path

import pytest

from retold.engine.compare import compare
from retold.engine.model import LinkKind
from retold.engine.normalize import stem
from retold.engine.options import AlignOptions, CompareOptions
from retold.engine.scoring import Thresholds
from retold.engine.serialize import comparison_from_dict, comparison_to_dict
from retold.engine.similarity import Lexical, LexicalOptions, LexicalScorer

ENGINE = Path(__file__).resolve().parents[2] / "desktop" / "retold" / "engine"

ORIGINAL = "Apples are red. Bees are busy. Dogs bark loudly. Clouds are grey."
REWRITE = "Zebras have stripes. Yaks are shaggy. Bees are busy all day. Clouds look grey."
# Scores by (original sentence, rewrite sentence), on a scale whose link bar is 0.6; the last
# pair, after every link, needs 0.85 of it (0.51) to fill the gap.
TABLE = {
    ("Apples are red.", "Zebras have stripes."): 0.7,  # nothing shared, linked all the same
    ("Bees are busy.", "Bees are busy all day."): 0.95,
    ("Dogs bark loudly.", "Yaks are shaggy."): 0.61,
    ("Clouds are grey.", "Clouds look grey."): 0.45,  # a close paraphrase, under this bar
}


@dataclass(frozen=True)
class TableScorer:
    original: Sequence[str]
    rewrite: Sequence[str]
    table: dict[tuple[str, str], float]
    thresholds: Thresholds

    def score(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        if len(original) != 1 or len(rewrite) != 1:
            return 0.0
        return self.table.get((self.original[original[0]], self.rewrite[rewrite[0]]), 0.0)

    def coverage(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        return self.score(original, rewrite)

    def candidates(self, limit: int) -> Iterable[tuple[int, int]]:
        for i, a in enumerate(self.original):
            for j, b in enumerate(self.rewrite):
                if (a, b) in self.table:
                    yield i, j


@dataclass(frozen=True)
class Table:
    """The factory: what CompareOptions.scorer holds."""

    table: dict[tuple[str, str], float] = field(default_factory=lambda: TABLE)
    thresholds: Thresholds = field(default_factory=lambda: Thresholds(link=0.6, edited=0.9))

    def __call__(self, original: Sequence[str], rewrite: Sequence[str]) -> TableScorer:
        return TableScorer(original, rewrite, self.table, self.thresholds)


def _pairs(options: CompareOptions) -> dict[tuple[str, str], LinkKind]:
    c = compare(ORIGINAL, REWRITE, options)
    return {
        (c.original.sentence_text(link.original_sentences[0]), c.rewrite.sentence_text(j)): (
            link.kind
        )
        for link in c.links
        if link.is_match
        for j in link.rewrite_sentences
    }


def test_a_table_scorer_decides_the_links_on_its_own_scale() -> None:
    pairs = _pairs(CompareOptions(scorer=Table(), align=AlignOptions(band=0)))
    assert pairs == {
        ("Apples are red.", "Zebras have stripes."): LinkKind.REWORDED,
        ("Bees are busy.", "Bees are busy all day."): LinkKind.EDITED,  # 0.95: over 0.9
        ("Dogs bark loudly.", "Yaks are shaggy."): LinkKind.REWORDED,
    }


def test_the_lexical_scorer_judges_the_same_pair_otherwise() -> None:
    pairs = _pairs(CompareOptions())
    assert ("Clouds are grey.", "Clouds look grey.") in pairs
    assert ("Apples are red.", "Zebras have stripes.") not in pairs


def test_lowering_the_scorers_bar_links_the_pair_under_it() -> None:
    options = CompareOptions(scorer=Table(thresholds=Thresholds(link=0.5, edited=0.9)))
    assert ("Clouds are grey.", "Clouds look grey.") in _pairs(options)


def test_the_report_records_the_scorers_thresholds_and_cannot_be_changed() -> None:
    c = compare(ORIGINAL, REWRITE, CompareOptions(scorer=Table()))
    assert dict(c.options) == {
        "link_threshold": 0.6,
        "edited_threshold": 0.9,
        "max_group": 3,
        "detect_boilerplate": True,
        "diff_timeout": 0.5,
        "evidence": "lexical",
    }
    with pytest.raises(TypeError):
        c.options["link_threshold"] = 0.1  # type: ignore[index]
    with pytest.raises(FrozenInstanceError):
        c.options = {}  # type: ignore[misc]
    again = comparison_from_dict(comparison_to_dict(c))
    assert again == c and again.options == c.options


@pytest.mark.parametrize("module", ["align.py", "similarity.py", "compare.py"])
def test_no_tunable_is_a_module_global(module: str) -> None:
    """Numbers at module level would be tunables outside the options objects."""
    tree = ast.parse((ENGINE / module).read_text(encoding="utf-8"))
    numbers = [
        node.targets[0].id  # type: ignore[attr-defined]
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, int | float)
        and not isinstance(node.value.value, bool)
    ]
    assert numbers == []


def test_stems_are_snowball_stems_in_the_chosen_language() -> None:
    assert stem("talks") == stem("talking") == "talk"
    assert stem("government's") == stem("governments")
    assert stem("häuser", "german") == stem("haus", "german")
    german = LexicalScorer(
        ["Die Häuser sind alt."], ["Das Haus ist alt."], LexicalOptions("german")
    )
    english = LexicalScorer(["Die Häuser sind alt."], ["Das Haus ist alt."])
    assert german.score((0,), (0,)) > english.score((0,), (0,))


def test_an_unknown_language_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="no stemmer for language 'klingon'"):
        Lexical(LexicalOptions(language="klingon"))
