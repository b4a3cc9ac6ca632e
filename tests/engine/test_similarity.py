"""The lexical scorer: paraphrases score high, related sentences with other facts do not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from retold.engine.normalize import normalize_text, stem
from retold.engine.similarity import LexicalScorer

FILLER_O = [
    "The museum reopened its east wing after three years of repairs.",
    "Tickets cost twelve euros for adults and are free for children.",
]
FILLER_R = [
    "A new cafe on the top floor overlooks the fjord.",
    "The director thanked the volunteers who restored the roof.",
]


def _score(a: str, b: str) -> float:
    scorer = LexicalScorer([a, *FILLER_O], [b, *FILLER_R])
    return scorer.score((0,), (0,))


PARAPHRASE = (
    "The Biden administration is making a final push to reinforce the channels it built "
    "with China before Donald Trump takes office.",
    "The Biden administration is making a final effort to strengthen channels established "
    "with China ahead of Donald Trump's term.",
)


def test_paraphrase_beats_unrelated() -> None:
    paraphrase = _score(*PARAPHRASE)
    unrelated = _score(PARAPHRASE[0], "Bees pollinate apple orchards in the valley every April.")
    assert paraphrase > 0.5 > 0.1 > unrelated


def test_conflicting_numbers_and_names_lower_the_score() -> None:
    base = "Shares of Northwind Traders fell 2.52 points to 410.23 on Tuesday."
    same_facts = "On Tuesday shares of Northwind Traders dropped 2.52 points to 410.23."
    other_facts = "On Tuesday shares of Contoso Labs dropped 7.10 points to 388.50."
    assert _score(base, same_facts) > _score(base, other_facts) + 0.15


def test_quote_marks_case_and_word_forms_do_not_matter() -> None:
    a = "The officials’ “final” talks were held in Nanjing."
    b = 'the officials\' "final" talk was held in nanjing.'
    assert _score(a, b) > 0.8
    assert stem("talks") == stem("talk") and stem("imposed") == stem("imposing")
    assert normalize_text("a  ’b’\n c") == "a 'b' c"


def test_groups_score_merges_higher_than_either_part() -> None:
    original = [
        "The plan includes a flood barrier near the old lighthouse.",
        "It also funds a ferry terminal with solar panels on its roof.",
    ]
    rewrite = [
        "The plan includes a flood barrier near the old lighthouse and also funds a ferry "
        "terminal with solar panels on the roof."
    ]
    scorer = LexicalScorer(original + FILLER_O, rewrite + FILLER_R)
    merged = scorer.score((0, 1), (0,))
    assert merged > scorer.score((0,), (0,)) and merged > scorer.score((1,), (0,))


def test_candidates_come_from_shared_rare_words() -> None:
    scorer = LexicalScorer([PARAPHRASE[0], *FILLER_O], [*FILLER_R, PARAPHRASE[1]])
    pairs = set(scorer.candidates(3))
    assert (0, 2) in pairs
    assert (0, 0) not in pairs  # nothing but common words in common


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_score_in_unit_range(a: str, b: str) -> None:
    scorer = LexicalScorer([a, b], [b, a])
    value = scorer.score((0,), (0,))
    assert 0.0 <= value <= 1.0
    assert scorer.score((0, 1), (0, 1)) >= 0.0


def test_coverage_is_the_less_covered_sides_share() -> None:
    first = "Construction is scheduled to begin in April before the autumn rains."
    second = "The barrier will run for about a mile from the bridge to the rail yard."
    merged = (
        "Construction will begin in April before the autumn rains, and the barrier will run "
        "for about a mile from the bridge to the rail yard."
    )
    scorer = LexicalScorer([first, second, *FILLER_O], [merged, *FILLER_R])
    alone, both = scorer.coverage((1,), (0,)), scorer.coverage((0, 1), (0,))
    assert 0 < alone < 0.6 < both <= 1  # one sentence leaves half the merged one unexplained
    assert scorer.coverage((2,), (0,)) < 0.2  # unrelated
    same = LexicalScorer([first], [first])
    assert same.coverage((0,), (0,)) == 1.0
