"""The semantic scorer: never below the lexical score, candidates from the embedding too,
near-linear, deterministic."""

from __future__ import annotations

import itertools

import pytest

from retold.engine.model_scorer import evidence_of
from retold.semantic.scorer import FITTED, Search, Semantic, SemanticScorer
from tests.semantic.test_paraphrase import FIXTURES


@pytest.fixture(scope="module")
def scorers() -> list[SemanticScorer]:
    return [SemanticScorer(f.original_sentences, f.rewrite_sentences) for f in FIXTURES]


def test_never_below_the_lexical_score(scorers: list[SemanticScorer]) -> None:
    for scorer, fixture in zip(scorers, FIXTURES, strict=True):
        n_o, n_r = len(fixture.original_sentences), len(fixture.rewrite_sentences)
        groups_o = [(i,) for i in range(n_o)] + [(i, i + 1) for i in range(n_o - 1)]
        groups_r = [(j,) for j in range(n_r)] + [(j, j + 1) for j in range(n_r - 1)]
        for o, r in itertools.product(groups_o, groups_r):
            combined, lexical = scorer.score(o, r), scorer.lexical.score(o, r)
            assert lexical <= combined <= 1.0
            # The model lifts a pair to the link bar or not at all.
            assert combined == lexical or combined >= scorer.thresholds.link


def test_a_pair_with_no_word_in_common_is_a_candidate() -> None:
    original = [
        "The ferry service will stop running next winter, officials said.",
        "Ticket prices for the new stadium rose sharply this year.",
        "Cold rain soaked the marathon runners on Sunday morning.",
    ]
    rewrite = [
        "Authorities announced that boats across the strait are to be halted once snow comes.",
        "Athletes in the weekend road race were drenched by icy showers.",
    ]
    scorer = SemanticScorer(original, rewrite)
    lexical = set(scorer.lexical.candidates(6))
    candidates = set(scorer.candidates(6))
    assert (0, 0) not in lexical and (2, 1) not in lexical
    assert {(0, 0), (2, 1)} <= candidates
    assert scorer.cosine((0,), (0,)) > scorer.cosine((1,), (0,))


def test_candidates_grow_linearly_with_the_documents(scorers: list[SemanticScorer]) -> None:
    for scorer, fixture in zip(scorers, FIXTURES, strict=True):
        n_o, n_r = len(fixture.original_sentences), len(fixture.rewrite_sentences)
        lexical = set(scorer.lexical.candidates(6))
        added = set(scorer.candidates(6)) - lexical
        # band and unlinked searches keep `neighbours` per sentence of either side
        assert len(added) <= 3 * (2 * n_r + n_o)


def test_same_scores_from_a_second_scorer(scorers: list[SemanticScorer]) -> None:
    fixture = FIXTURES[0]
    again = SemanticScorer(fixture.original_sentences, fixture.rewrite_sentences)
    assert list(again.candidates(6)) == list(scorers[0].candidates(6))
    pairs = list(scorers[0].candidates(6))
    assert [again.score((i,), (j,)) for i, j in pairs] == [
        scorers[0].score((i,), (j,)) for i, j in pairs
    ]


def test_the_combination_says_what_it_was_fitted_on() -> None:
    assert "msrp_docs" in FITTED.fitted_on


def test_one_sentence_texts_have_no_margin() -> None:
    scorer = SemanticScorer(["The river rose overnight."], ["Water levels climbed in the night."])
    assert scorer.margin((0,), (0,)) == 0.0
    assert scorer.score((0,), (0,)) == scorer.lexical.score((0,), (0,))


def test_the_model_lifts_no_pair_whose_facts_disagree() -> None:
    original = ["Shares of the carmaker fell 4 percent to 31 dollars on Monday."]
    rewrite = ["On Monday the carmaker's stock dropped 9 percent, to 27 dollars."]
    close = ["On Monday the carmaker's stock dropped 4 percent, to 31 dollars."]
    other = (["The weather was mild."], ["Mild weather."])
    conflicting = SemanticScorer([*original, *other[0]], [*rewrite, *other[1]])
    agreeing = SemanticScorer([*original, *other[0]], [*close, *other[1]])
    assert conflicting.cosine((0,), (0,)) > 0.75  # the model finds them alike ...
    score = conflicting.score((0,), (0,))  # ... and is not heard: no link
    assert score == conflicting.lexical.score((0,), (0,)) < conflicting.thresholds.link
    assert agreeing.score((0,), (0,)) > agreeing.lexical.score((0,), (0,))  # same facts: lifted


def test_long_pairs_search_unlinked_sentences_near_the_diagonal_only() -> None:
    """Past ``full_pairs`` the unlinked are searched among the other side's unlinked, within
    ``window`` of the diagonal that the lexical links draw: wordless pairs are still found,
    and nothing far from the diagonal."""
    original = [
        "The ferry service will stop running next winter, officials said.",
        "Ticket prices for the new stadium rose sharply this year.",
        "A local bakery won a national prize for its sourdough.",
        "The council approved a budget of four million pounds for repairs.",
        "Cold rain soaked the marathon runners on Sunday morning.",
    ]
    rewrite = [
        "Authorities announced that boats across the strait are to be halted once snow comes.",
        "Ticket prices for the new stadium rose sharply this year, fans complained.",
        "A neighbourhood baker was honoured nationally for his crusty loaves.",
        "The council approved a budget of four million pounds for repairs on Monday.",
        "Athletes in the weekend road race were drenched by icy showers.",
    ]
    near = Semantic(search=Search(full_pairs=0, window=1, band=0, neighbours=2))
    scorer = near(original, rewrite)
    assert isinstance(scorer, SemanticScorer)
    lexical = set(scorer.lexical.candidates(6))
    candidates = set(scorer.candidates(6))
    assert (0, 0) not in lexical and (4, 4) not in lexical
    assert {(0, 0), (4, 4)} <= candidates
    assert not {(0, 4), (4, 0)} & candidates  # three sentences from the diagonal: not searched


def test_past_the_size_limit_the_words_alone_are_weighed() -> None:
    texts = ["The river rose overnight.", "Water levels climbed in the night."]
    small = Semantic(search=Search(max_sentences=1))
    assert isinstance(small(texts[:1], texts[1:]), SemanticScorer) is False
    assert evidence_of(small(texts[:1], texts[1:])) == "lexical"
    assert evidence_of(Semantic()(texts[:1], texts[1:])).startswith("lexical + all-MiniLM-L6-v2")
