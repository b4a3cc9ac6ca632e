"""Our heavy-paraphrase fixtures, compared end to end (gold in tests/semantic/fixtures)."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import retold
from retold.engine.model import Comparison
from retold.engine.options import CompareOptions
from retold.engine.scoring import SentencePairs
from retold.semantic.scorer import Semantic, SemanticScorer

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
SEMANTIC = CompareOptions(scorer=Semantic())
LEXICAL = CompareOptions(semantic=False)


# Each fixture is compared once a run, whichever test asks first (a comparison is immutable).
@functools.cache
def _semantic(original: str, rewrite: str) -> Comparison:
    return retold.compare(original, rewrite, SEMANTIC)


@functools.cache
def _lexical(original: str, rewrite: str) -> Comparison:
    return retold.compare(original, rewrite, LEXICAL)


# Blended sentences a fixture is known to have linked, with the words alone already. wildfire
# (held out; written for issue 15's gap step and measured before it): the original's closing
# sentence, which the rewrite dropped, "An investigation into the cause of the fire has been
# opened.", is linked to the blended "That fire was started by lightning, investigators
# believe." (fire, investigat-): a miss of the lexical engine that the fixture found, not
# fixed (nor made worse) since. Any other blended link fails these tests.
KNOWN_BLENDED = {"wildfire": 1}


def test_there_are_fixtures_with_blended_paragraphs() -> None:
    assert len(FIXTURES) >= 3
    assert sum(len(f.blended) for f in FIXTURES) >= 6


def test_lexical_comparison_keeps_blended_paragraphs_apart() -> None:
    for fixture in FIXTURES:
        tally = PARAPHRASE.evaluate(fixture, _lexical)  # raises if sentences differ
        assert tally.blended_linked <= KNOWN_BLENDED.get(fixture.name, 0), fixture.name
    tallies = [PARAPHRASE.evaluate(f, _lexical) for f in FIXTURES]
    assert sum(t.tp for t in tallies) < sum(t.gold for t in tallies)  # heavy paraphrase


def test_semantic_links_no_blended_sentence() -> None:
    for fixture in FIXTURES:
        tally = PARAPHRASE.evaluate(fixture, _semantic)
        assert tally.blended_linked <= KNOWN_BLENDED.get(fixture.name, 0), fixture.name


def test_semantic_finds_more_gold_links_than_lexical() -> None:
    lexical = [PARAPHRASE.evaluate(f, _lexical) for f in FIXTURES]
    semantic = [PARAPHRASE.evaluate(f, _semantic) for f in FIXTURES]
    assert all(s.tp >= t.tp for s, t in zip(semantic, lexical, strict=True))
    assert sum(s.tp for s in semantic) > sum(t.tp for t in lexical)
    assert sum(s.tp for s in semantic) / sum(s.predicted for s in semantic) >= 0.97


def _texts(fixture: Any) -> list[str]:
    return [PARAPHRASE.Fixture.text(fixture.original), PARAPHRASE.Fixture.text(fixture.rewrite)]


def _linked(comparison: Comparison) -> tuple[set[int], set[int]]:
    matches = [k for k in comparison.links if k.is_match]
    return (
        {i for k in matches for i in k.original_sentences},
        {j for k in matches for j in k.rewrite_sentences},
    )


Group = tuple[tuple[int, ...], tuple[int, ...]]


def _groups(comparison: Comparison) -> set[Group]:
    return {(k.original_sentences, k.rewrite_sentences) for k in comparison.links if k.is_match}


def _touch(a: Group, b: Group) -> bool:
    return bool(set(a[0]) & set(b[0]) or set(a[1]) & set(b[1]))


def adds_or_moves(lexical: set[Group], semantic: set[Group]) -> list[str]:
    """The lexical links that break "the model only adds links where the words had none, or
    moves them": gone, and none of their sentences in a new link. (A new link that shares no
    sentence with a lost one joins sentences the words left unlinked: links never overlap.)"""
    gone, new = lexical - semantic, semantic - lexical
    return [f"dropped {g}" for g in sorted(gone) if not any(_touch(g, n) for n in new)]


def test_the_model_only_adds_or_moves_links() -> None:
    """The combined score is never below the lexical one, and the model lifts a pair only to
    or past the link bar: so each link the words made stays, or one of its sentences moves
    to a group the model scores higher; every other new link joins sentences left unlinked."""
    changed = 0
    for fixture in FIXTURES:
        texts = _texts(fixture)
        lexical, semantic = _groups(_lexical(*texts)), _groups(_semantic(*texts))
        assert adds_or_moves(lexical, semantic) == [], fixture.name
        changed += semantic != lexical
    assert changed >= len(FIXTURES) // 2  # the model does add links on heavy paraphrase


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_model_only_adds_or_moves_links_on_reshuffled_rewrites(data: st.DataObject) -> None:
    """The same on rewrites made of the fixtures' paragraphs, some dropped, in another order."""
    fixture = data.draw(st.sampled_from(FIXTURES))
    paragraphs = data.draw(st.permutations(fixture.rewrite))
    keep = data.draw(st.integers(min_value=1, max_value=len(paragraphs)))
    texts = PARAPHRASE.Fixture.text(fixture.original), PARAPHRASE.Fixture.text(paragraphs[:keep])
    lexical, semantic = _groups(_lexical(*texts)), _groups(_semantic(*texts))
    assert adds_or_moves(lexical, semantic) == []


def _fixture(name: str) -> Any:
    return next(f for f in FIXTURES if f.name == name)


def test_a_merge_judged_whole_is_linked_though_no_half_reaches_the_bar() -> None:
    """heatwave: "stay inside from noon to five, drink, check on neighbours" was split in two
    sentences that share few words with it; neither alone is a link, the two joined are."""
    texts = _texts(_fixture("heatwave"))
    assert ((3,), (3, 4)) in _groups(_semantic(*texts))
    assert not any(3 in o for o, _ in _groups(_lexical(*texts)))


def test_a_link_grows_by_a_neighbour_that_completes_it_whole() -> None:
    """library: "Residents were angry." is folded into the petition's sentence; alone it shares
    no word with it."""
    texts = _texts(_fixture("library"))
    assert ((3, 4), (3,)) in _groups(_semantic(*texts))
    assert ((4,), (3,)) in _groups(_lexical(*texts))


def test_a_gap_pair_whose_words_were_all_replaced_is_linked_by_the_model() -> None:
    """Fitted fixtures, between two in-order links: heatwave "Schools will close early for the
    rest of the week." / "Pupils will be sent home early until the weekend, ..."; library's
    mobile library van / "a visiting book bus". The words leave both apart; the model's own
    score makes each pair the other's nearest in its gap (align.py step 7), and each link says
    the model found it (its tooltip and the report tell the reader so)."""
    for name, pair in (("heatwave", ((7,), (8,))), ("library", ((8,), (8,)))):
        texts = _texts(_fixture(name))
        by_group = {(k.original_sentences, k.rewrite_sentences): k for k in _semantic(*texts).links}
        assert pair in by_group and by_group[pair].is_match, name
        assert by_group[pair].found_by_model, name
        assert not any(pair[0][0] in o or pair[1][0] in r for o, r in _groups(_lexical(*texts)))


def test_model_scores_are_the_combination_uncut() -> None:
    """``model_scores`` is ``score`` where the combination reaches the link bar, and below it
    the combination itself rather than the words' score."""
    fixture = _fixture("heatwave")
    scorer = Semantic()(fixture.original_sentences, fixture.rewrite_sentences)
    assert isinstance(scorer, SemanticScorer)
    pairs = SentencePairs(np.array([0, 7, 7], dtype=np.int64), np.array([0, 8, 2], dtype=np.int64))
    model, scores = scorer.model_scores(pairs), scorer.score_pairs(pairs)
    bar = scorer.thresholds.link
    assert scores[0] >= bar and model[0] <= scores[0]
    assert scores[1] < bar * 0.8 <= model[1] < bar  # the gap pair above: lifted, if not to the bar
    assert all(0.0 <= m <= 1.0 for m in model)


def test_joined_cosines_of_single_sentences_are_their_cosines() -> None:
    fixture = _fixture("library")
    scorer = Semantic()(fixture.original_sentences, fixture.rewrite_sentences)
    assert isinstance(scorer, SemanticScorer)
    pairs = [((0,), (0,)), ((3,), (3,)), ((5,), (4,))]
    for joined, (o, r) in zip(scorer.joined_cosines(pairs), pairs, strict=True):
        assert abs(joined - scorer.cosine(o, r)) < 1e-6
    # A group is embedded as one text, not averaged: and the same each time it is asked.
    group = [((3, 4), (3,))]
    first = scorer.joined_cosines(group)
    assert first == scorer.joined_cosines(group)
    assert abs(first[0] - scorer.cosine((3, 4), (3,))) > 1e-4
