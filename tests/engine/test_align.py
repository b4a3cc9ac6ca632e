"""Alignment behaviour through the public compare(): merges, splits, moves, distractors."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

import pytest

from retold.engine.align import Match, WholeGroups, align
from retold.engine.compare import compare
from retold.engine.model import Comparison, Link, LinkKind, Side
from retold.engine.options import AlignOptions
from retold.engine.scoring import SentencePairs, Thresholds
from tests.timing import growth


def _texts(c: Comparison, link: Link) -> tuple[list[str], list[str]]:
    return (
        [c.original.sentence_text(i) for i in link.original_sentences],
        [c.rewrite.sentence_text(j) for j in link.rewrite_sentences],
    )


def _link_of(c: Comparison, rewrite_words: str) -> Link:
    for link in c.links:
        if any(rewrite_words in c.rewrite.sentence_text(j) for j in link.rewrite_sentences):
            return link
    raise AssertionError(f"no link holds {rewrite_words!r}")


INTRO_O = "The city council approved the new budget for the harbour district on Monday."
INTRO_R = "On Monday the city council approved a new budget for the harbour district."
OUTRO_O = "Construction of the sea wall is expected to begin in the spring of 2026."
OUTRO_R = "Building work on the sea wall should start in the spring of 2026."


def test_merge_two_original_sentences_into_one() -> None:
    original = (
        f"{INTRO_O} The plan includes a flood barrier near the old lighthouse. "
        f"It also funds a ferry terminal with solar panels on its roof. {OUTRO_O}"
    )
    rewrite = (
        f"{INTRO_R} The plan includes a flood barrier near the old lighthouse and also funds "
        f"a ferry terminal with solar panels on the roof. {OUTRO_R}"
    )
    c = compare(original, rewrite)
    merged = _link_of(c, "flood barrier")
    assert len(merged.original_sentences) == 2 and len(merged.rewrite_sentences) == 1
    assert c.stats.merged == 1
    assert not [link for link in c.links if link.kind is LinkKind.REMOVED]


def test_split_one_original_sentence_into_two() -> None:
    original = (
        f"{INTRO_O} Mayor Ingrid Dahl said the flood barrier near the old lighthouse would "
        f"protect four hundred homes, and that the ferry terminal would open by 2027. {OUTRO_O}"
    )
    rewrite = (
        f"{INTRO_R} Mayor Ingrid Dahl said the flood barrier near the old lighthouse would "
        f"protect four hundred homes. She added that the ferry terminal would open by 2027. "
        f"{OUTRO_R}"
    )
    c = compare(original, rewrite)
    split = _link_of(c, "flood barrier")
    assert len(split.original_sentences) == 1 and len(split.rewrite_sentences) == 2
    assert c.stats.split == 1
    assert not [link for link in c.links if link.kind is LinkKind.ADDED]


def test_moved_sentence_is_linked_and_flagged() -> None:
    s = [
        "The museum reopened its east wing after three years of repairs.",
        "Visitors can again see the collection of Viking ships and tools.",
        "Tickets cost twelve euros for adults and are free for children.",
        "The director, Ola Berg, thanked the volunteers who restored the roof.",
        "A new cafe on the top floor overlooks the fjord.",
    ]
    original = " ".join(s)
    rewrite = " ".join([s[3], s[0], s[1], s[2], s[4]])
    c = compare(original, rewrite)
    matches = [link for link in c.links if link.is_match]
    assert len(matches) == 5 and all(link.kind is LinkKind.IDENTICAL for link in matches)
    moved = [link for link in matches if link.moved]
    assert [_texts(c, link)[0] for link in moved] == [[s[3]]]


def test_related_sentence_with_other_facts_is_not_linked() -> None:
    original = (
        f"{INTRO_O} The Russell 2000 index of smaller companies fell 2.52 points to 410.23 "
        f"as shares of Northwind Traders slid. {OUTRO_O}"
    )
    rewrite = (
        f"{INTRO_R} The Nasdaq composite index of technology companies rose 14.8 points to "
        f"1,650.2 as shares of Contoso Labs climbed. {OUTRO_R}"
    )
    c = compare(original, rewrite)
    distractor = _link_of(c, "Nasdaq")
    assert distractor.kind is LinkKind.ADDED
    assert sum(1 for link in c.links if link.kind is LinkKind.REMOVED) == 1
    assert c.stats.links == 2


def test_unrelated_texts_share_no_link() -> None:
    c = compare(
        "Bees pollinate apple orchards in the valley every April. Honey prices rose sharply.",
        "The submarine surfaced near the Arctic ice shelf. Its crew of forty was unharmed.",
    )
    assert c.stats.links == 0
    assert {link.kind for link in c.links} == {LinkKind.ADDED, LinkKind.REMOVED}


def test_kinds_identical_edited_reworded() -> None:
    original = (
        "The board approved the merger after a long debate on Friday. "
        "Shareholders will vote on the deal at the annual meeting in May. "
        "Analysts expect the combined company to cut hundreds of jobs in its Ohio plants."
    )
    rewrite = (
        "The board approved the merger after a long debate on Friday. "
        "Shareholders will vote on the agreement at the yearly meeting in May. "
        "Hundreds of jobs in Ohio plants are likely to go once the companies combine, "
        "analysts expect."
    )
    c = compare(original, rewrite)
    kinds = [link.kind for link in c.links]
    assert kinds == [LinkKind.IDENTICAL, LinkKind.EDITED, LinkKind.REWORDED]
    sims = [link.similarity for link in c.links]
    assert sims[0] == 1.0 and all(0 < sim < 1 for sim in sims[1:])


def _book(sentences: int) -> tuple[str, str]:
    """Paragraphs of made-up words; the rewrite reorders them and adds a word to each."""
    rng = random.Random(7)
    vocab = [
        "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3))
        for _ in range(4000)
    ]
    text = [
        " ".join(rng.choice(vocab) for _ in range(rng.randint(8, 20))).capitalize() + "."
        for _ in range(sentences)
    ]
    paragraphs = [" ".join(text[k : k + 5]) for k in range(0, len(text), 5)]
    edited = [p.replace(" ", " the ", 1) for p in paragraphs]
    rng.shuffle(edited)
    return "\n\n".join(paragraphs), "\n\n".join(edited)


@pytest.mark.slow
def test_book_length_pair_is_near_linear() -> None:
    """~25k words a side, paragraphs reordered and words added: all linked, and four times
    the text costs about four times the processor time. The two sizes are timed in turn, best
    of three each, so that load on the machine slows both alike (quadratic would be 16)."""
    pairs = {n: _book(n) for n in (450, 1800)}
    assert growth(lambda n: compare(*pairs[n]), 450, 1800, repeat=3) < 7
    assert compare(*pairs[1800]).stats.links >= 0.98 * 1800


SAFETY_O = "If you want to ensure its safety on your house, you should do several hard works."
SAFETY_R = (
    "If you wish to ensure the security of your building, there are some difficult things "
    "you need to do."
)


def test_lone_sentence_between_two_links_is_linked_on_weak_evidence() -> None:
    """Sandwiched alone between in-order links, a heavy rewording is linked; the same pair at
    the end of the texts, with nothing after it, is not."""
    c = compare(f"{INTRO_O} {SAFETY_O} {OUTRO_O}", f"{INTRO_R} {SAFETY_R} {OUTRO_R}")
    middle = _link_of(c, "difficult things")
    assert middle.original_sentences == (1,) and middle.kind is LinkKind.REWORDED
    assert middle.similarity < 0.35  # below link_threshold: the place decided
    at_end = compare(f"{INTRO_O} {OUTRO_O} {SAFETY_O}", f"{INTRO_R} {OUTRO_R} {SAFETY_R}")
    assert _link_of(at_end, "difficult things").kind is LinkKind.ADDED


class _TableScorer:
    """A SentenceScorer from a table of group scores (the aligner's extension point)."""

    thresholds = Thresholds()

    def __init__(self, table: dict[tuple[tuple[int, ...], tuple[int, ...]], float]) -> None:
        self.table = table

    def score(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        return self.table.get((tuple(original), tuple(rewrite)), 0.0)

    def coverage(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        return self.score(original, rewrite)

    def candidates(self, limit: int) -> Iterable[tuple[int, int]]:
        return [pair for pair in {(o[0], r[0]) for o, r in self.table if len(o) == len(r) == 1}]


def test_a_clear_merge_wins_over_a_slightly_better_single_pair_elsewhere() -> None:
    # Original 1 alone scores a little better with rewrite 0 than with rewrite 2, but
    # originals 1 and 2 together retell rewrite 2 far better than any single pair.
    scorer = _TableScorer(
        {
            ((0,), (1,)): 0.9,
            ((1,), (0,)): 0.53,
            ((1,), (2,)): 0.51,
            ((2,), (2,)): 0.5,
            ((1, 2), (2,)): 0.77,
        }
    )
    matches = align(scorer, [0, 1, 2], [0, 1, 2], AlignOptions())
    assert Match((1, 2), (2,), 0.77) in matches
    assert not any(m.rewrite == (0,) for m in matches)


class _ModelTableScorer(_TableScorer):
    """A _TableScorer that is also ``WholeGroups``: a table of the model's own scores of single
    pairs; it knows no sentence's nearest, so steps 6 find nothing and only ``link_near`` acts."""

    def __init__(
        self,
        table: dict[tuple[tuple[int, ...], tuple[int, ...]], float],
        model: dict[tuple[int, int], float],
    ) -> None:
        super().__init__(table)
        self.model = model

    def joined_cosines(self, pairs: Sequence[tuple[Sequence[int], Sequence[int]]]) -> list[float]:
        return [0.0 for _ in pairs]

    def nearest(self, side: Side, s: int) -> int | None:
        return None

    def new_numbers(self, side: Side, s: int, group: Sequence[int]) -> bool:
        return False

    def model_scores(self, pairs: SentencePairs) -> list[float]:
        return [self.model.get((o[0], r[0]), 0.0) for o, r in pairs]


def _chain(pairs: Iterable[int]) -> dict[tuple[tuple[int, ...], tuple[int, ...]], float]:
    return {((k,), (k,)): 0.9 for k in pairs}


# In the gap between the links of 1 and 4, originals 2, 3 and rewrites 2, 3 share no word
# (the words score 0). By the model three pairs clear the bar (0.8 of 0.35 = 0.28) and stay
# under the link bar; 2 and 2 are each other's nearest, 3 and 3 are not: both are nearer to a 2
# (and once 2 and 2 are linked, 3 and 3, alone in their gap, score under every bar).
GAP_MODEL = {(2, 2): 0.34, (2, 3): 0.32, (3, 2): 0.31, (3, 3): 0.20}
NEAR = AlignOptions(near_bar=0.8, near_linked=0.4, near_lone=0.66)


def test_a_gap_pair_that_the_model_calls_mutual_nearest_is_linked() -> None:
    scorer = _ModelTableScorer(_chain([0, 1, 4, 5]), GAP_MODEL)
    assert isinstance(scorer, WholeGroups)
    matches = align(scorer, range(6), range(6), NEAR)
    linked = {(m.original, m.rewrite) for m in matches}
    assert ((2,), (2,)) in linked
    assert not any(3 in m.original or 3 in m.rewrite for m in matches)
    # Its similarity stays the scorer's (the words' here), as a gap link's does.
    assert Match((2,), (2,), 0.0, by_model=True) in matches
    # Below the bar, the same pair stays apart; and the words alone never link it.
    high = AlignOptions(near_bar=0.34 / 0.35 + 0.01)
    assert ((2,), (2,)) not in {
        (m.original, m.rewrite) for m in align(scorer, range(6), range(6), high)
    }
    lexical = align(_TableScorer(_chain([0, 1, 4, 5])), range(6), range(6), NEAR)
    assert ((2,), (2,)) not in {(m.original, m.rewrite) for m in lexical}


def test_a_mostly_unlinked_pair_gains_no_gap_link() -> None:
    """Two links in ten sentences a side (a share of 0.2, under ``near_linked``): the gap
    between them is no evidence that its sentences retell each other."""
    model = {(i, j): 0.05 for i in range(1, 9) for j in range(1, 9)} | {(4, 4): 0.5}
    scorer = _ModelTableScorer(_chain([0, 9]), model)
    matches = align(scorer, range(10), range(10), NEAR)
    assert {(m.original, m.rewrite) for m in matches} == {((0,), (0,)), ((9,), (9,))}
    # The share is what stops it: under a lower guard the same gap pair is linked.
    lower = align(scorer, range(10), range(10), AlignOptions(near_bar=0.8, near_linked=0.1))
    assert ((4,), (4,)) in {(m.original, m.rewrite) for m in lower}


def _linked(matches: Iterable[Match]) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(m.original, m.rewrite) for m in matches}


def test_a_gap_pair_left_alone_by_a_link_made_on_the_model_is_linked_next_round() -> None:
    """Once 2 and 2 are linked, 3 and 3 are each other's nearest in the gap left between that
    link and 4's (0.30 clears the bar of 0.28); before, both were nearer to a 2."""
    scorer = _ModelTableScorer(_chain([0, 1, 4, 5]), GAP_MODEL | {(3, 3): 0.30})
    linked = _linked(align(scorer, range(6), range(6), NEAR))
    assert {((2,), (2,)), ((3,), (3,))} <= linked


def test_the_texts_start_and_end_bound_a_gap_for_the_model() -> None:
    """Before the first link and after the last, sentences are linked by the model's score as
    between two links: the opening and the closing of an article retold in other words."""
    model = {(0, 0): 0.30, (1, 1): 0.30, (0, 1): 0.1, (1, 0): 0.1, (6, 6): 0.30, (7, 7): 0.30}
    model |= {(6, 7): 0.1, (7, 6): 0.1}
    scorer = _ModelTableScorer(_chain([2, 3, 4, 5]), model)
    linked = _linked(align(scorer, range(8), range(8), NEAR))
    assert {((0,), (0,)), ((1,), (1,)), ((6,), (6,)), ((7,), (7,))} <= linked


def test_a_gap_sentence_alone_on_its_side_links_its_neighbour_on_a_lower_bar() -> None:
    """Original 2 is the gap's only free sentence, right before the link of 3 and 4; its
    nearest, rewrite 3, is right before the same link: linked at 0.25 (over near_lone's 0.66
    of 0.35, under near_bar's 0.8). Not so for a nearest inside the gap, nor under that bar."""
    links = {((0,), (0,)): 0.9, ((1,), (1,)): 0.9, ((3,), (4,)): 0.9}
    links |= {((k,), (k + 1,)): 0.9 for k in range(4, 8)}
    beside = _ModelTableScorer(links, {(2, 3): 0.25, (2, 2): 0.1})
    assert ((2,), (3,)) in _linked(align(beside, range(8), range(9), NEAR))
    weak = _ModelTableScorer(links, {(2, 3): 0.22, (2, 2): 0.1})
    assert not any(2 in m.original for m in align(weak, range(8), range(9), NEAR))
    # Rewrites 2, 3, 4 free before the link of 3 and 5: original 2's nearest, 3, is inside.
    inside_links = {((0,), (0,)): 0.9, ((1,), (1,)): 0.9, ((3,), (5,)): 0.9}
    inside_links |= {((k,), (k + 2,)): 0.9 for k in range(4, 8)}
    inside = _ModelTableScorer(inside_links, {(2, 3): 0.25, (2, 2): 0.1, (2, 4): 0.1})
    assert not any(2 in m.original for m in align(inside, range(8), range(10), NEAR))


def test_a_pair_three_tenths_linked_gains_gap_links() -> None:
    """Three links in ten sentences a side: at the default ``near_linked`` (0.3) the pair is
    linked enough for the gap's place to count (two links in ten, above, is not)."""
    model = {(i, j): 0.05 for i in range(1, 4) for j in range(1, 4)} | {(2, 2): 0.5}
    scorer = _ModelTableScorer(_chain([0, 4, 8]), model)
    assert ((2,), (2,)) in _linked(align(scorer, range(10), range(10), AlignOptions()))


class _GrowingScorer(_ModelTableScorer):
    """Original 3's nearest is rewrite 2; joined to original 2 it brings the link of 2 and 2
    a little closer to rewrite 2 (0.60 -> 0.61), and the grown link scores at the bar."""

    def joined_cosines(self, pairs: Sequence[tuple[Sequence[int], Sequence[int]]]) -> list[float]:
        table = {((2,), (2,)): 0.60, ((2, 3), (2,)): 0.61}
        return [table.get((tuple(o), tuple(r)), 0.0) for o, r in pairs]

    def nearest(self, side: Side, s: int) -> int | None:
        return 2 if (side, s) == (Side.ORIGINAL, 3) else None


def test_a_link_made_on_the_model_grows_by_a_neighbour_that_lifts_it_to_the_bar() -> None:
    """Linked on the model's score under the link bar (step 7), 2-2 takes its free neighbour,
    original 3: the grown link scores at the bar (0.4) and its joined text comes no further
    from rewrite 2, though closer by less than ``whole_gain``."""
    table = _chain([0, 1]) | {((4,), (3,)): 0.9, ((5,), (4,)): 0.9, ((2, 3), (2,)): 0.4}
    scorer = _GrowingScorer(table, {(2, 2): 0.34, (3, 2): 0.1})
    linked = _linked(align(scorer, range(6), range(5), NEAR))
    assert ((2, 3), (2,)) in linked


class _ClearGainScorer(_GrowingScorer):
    """As _GrowingScorer, but original 3 brings the link clearly closer (0.60 -> 0.65)."""

    def joined_cosines(self, pairs: Sequence[tuple[Sequence[int], Sequence[int]]]) -> list[float]:
        table = {((2,), (2,)): 0.60, ((2, 3), (2,)): 0.65}
        return [table.get((tuple(o), tuple(r)), 0.0) for o, r in pairs]


def test_a_link_made_on_the_model_grows_on_a_clear_joined_gain_under_the_bar() -> None:
    """Linked on the model's score (step 7), 2-2 takes original 3, whose nearest is rewrite 2
    and which brings the joined texts closer by ``whole_gain`` or more, though the grown link
    scores under the bar (0.1): it stays a link found by the model."""
    table = _chain([0, 1]) | {((4,), (3,)): 0.9, ((5,), (4,)): 0.9, ((2, 3), (2,)): 0.1}
    scorer = _ClearGainScorer(table, {(2, 2): 0.34, (3, 2): 0.1})
    matches = align(scorer, range(6), range(5), NEAR)
    assert Match((2, 3), (2,), 0.1, by_model=True) in matches
