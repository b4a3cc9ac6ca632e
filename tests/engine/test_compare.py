"""compare(): documents, options, progress and cancellation."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable, Sequence
from dataclasses import replace

import pytest

import retold
from retold.engine.compare import STAGES, Cancelled, compare, stage_at
from retold.engine.model import LinkKind
from retold.engine.options import CompareOptions
from retold.engine.scoring import Thresholds
from retold.engine.similarity import Lexical, LexicalOptions, LexicalScorer

ORIGINAL = (
    "You have a preview view of this article while we are checking your access.\n"
    "The harbour authority will close the northern pier for repairs in March.\n"
    "Fishing boats will use the southern docks until the work is finished."
)
REWRITE = (
    "The northern pier will be closed by the harbour authority for repairs in March.\n"
    "Until the work is done, fishing boats will moor at the southern docks."
)


def test_builds_both_documents_and_records_options() -> None:
    options = CompareOptions(scorer=Lexical(LexicalOptions(thresholds=Thresholds(link=0.3))))
    c = compare(
        ORIGINAL,
        REWRITE,
        options,
        original_name="a.txt",
        rewrite_name="b.txt",
        original_sha256="00" * 32,
    )
    assert (c.original.name, c.rewrite.name) == ("a.txt", "b.txt")
    assert c.original.sha256 == "00" * 32 and c.rewrite.sha256 is None
    assert c.original.text == ORIGINAL and c.rewrite.text == REWRITE
    assert c.options == {**options.to_dict(), "evidence": "lexical"}
    # retold.compare chooses the scorer (the sentence model where installed); without it, it
    # is the engine's comparison.
    lexical = replace(options, semantic=False)
    again = retold.compare(
        ORIGINAL,
        REWRITE,
        lexical,
        original_name="a.txt",
        rewrite_name="b.txt",
        original_sha256="00" * 32,
    )
    assert again == c


def test_boilerplate_is_flagged_not_linked() -> None:
    c = compare(ORIGINAL, REWRITE)
    flagged = [s.index for s in c.original.sentences if s.boilerplate]
    assert flagged, "the paywall notice is page furniture"
    for link in c.links:
        assert not set(flagged) & set(link.original_sentences)
    assert [link.kind for link in c.links if link.is_match] and c.stats.links == 2


def test_boilerplate_detection_can_be_switched_off() -> None:
    c = compare(ORIGINAL, REWRITE, CompareOptions(detect_boilerplate=False))
    assert not c.original.boilerplate
    assert any(link.kind is LinkKind.REMOVED for link in c.links)


def test_progress_runs_from_zero_to_one() -> None:
    seen: list[float] = []
    compare(ORIGINAL, REWRITE, progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)


def test_cancel_raises() -> None:
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 2

    with pytest.raises(Cancelled):
        compare(ORIGINAL, REWRITE, cancelled=cancelled)


def test_empty_texts() -> None:
    c = compare("", "")
    assert c.links == () and c.stats.links == 0 and c.stats.reused_share == 0.0
    c = compare("", REWRITE)
    assert {link.kind for link in c.links} == {LinkKind.ADDED}


def test_links_in_reading_order_with_removed_after_their_predecessor() -> None:
    a = "The harbour authority will close the northern pier for repairs in March."
    b = "Repairs to the pier are expected to cost the county two million dollars."
    c = "Fishing boats will use the southern docks until the work is finished."
    new = "Critics called the closure a waste of time and money."
    comparison = compare(f"{a} {b} {c}", f"{a} {c} {new}")
    kinds = [link.kind for link in comparison.links]
    assert kinds == [LinkKind.IDENTICAL, LinkKind.REMOVED, LinkKind.IDENTICAL, LinkKind.ADDED]


def test_only_identical_links_show_a_similarity_of_one() -> None:
    """A long sentence with one word changed scores near 1, but never prints as "1.00"."""
    words = " ".join(f"word{k}" for k in range(60))
    original = f"The {words} ended on Monday with 42 votes for the plan."
    rewrite = f"The {words} ended on Monday with 42 votes for the proposal."
    c = compare(original, rewrite)
    (link,) = [link for link in c.links if link.is_match]
    assert link.kind is LinkKind.EDITED
    assert 0.9 < link.similarity <= 0.99 and f"{link.similarity:.2f}" != "1.00"
    same = compare(original, original.replace("  ", " "))
    assert [link.similarity for link in same.links] == [1.0]


def test_progress_moves_through_the_alignment_of_a_long_pair() -> None:
    """The aligner reports its own steps, so a terminal's time left does not stall there."""
    sentences = [f"Sentence {k} tells of item{k} and thing{k % 97} today." for k in range(3000)]
    rewrite = [s.replace("tells of", "is about") for s in sentences]
    seen: list[float] = []
    compare(" ".join(sentences), " ".join(rewrite), progress=seen.append)
    assert seen == sorted(seen) and seen[0] == 0.0 and seen[-1] == 1.0
    starts = dict((name, start) for start, name in STAGES)
    aligning, linking = starts["aligning"], starts["diffing words"]
    inside = {round(f, 3) for f in seen if aligning < f < linking}
    assert len(inside) >= 6  # the steps of the aligner, and its scoring in batches
    # The links, their word diffs and facts are made in chunks, each reported.
    assert len({round(f, 3) for f in seen if linking < f < starts["counting evidence"]}) >= 6
    # The unlinked sentences, the figures, the words, the verbatim runs: each reported.
    assert len({round(f, 3) for f in seen if starts["counting evidence"] < f < 1.0}) >= 4
    assert {stage_at(f) for f in seen} == set(starts)  # every stage is seen


def test_the_scorer_is_let_go_before_the_links_are_made() -> None:
    """On a 50 MB pair the scorer's tables are a quarter of the memory: the links reuse it."""
    made: list[weakref.ref[object]] = []

    class Watched(Lexical):
        def make(
            self,
            original: Sequence[str],
            rewrite: Sequence[str],
            progress: Callable[[float], None],
        ) -> LexicalScorer:
            scorer = super().make(original, rewrite, progress)
            made.append(weakref.ref(scorer))
            return scorer

    alive: dict[str, bool] = {}
    linking = dict((name, start) for start, name in STAGES)["diffing words"]

    def progress(fraction: float) -> None:
        stage = "linking" if fraction > linking else stage_at(fraction)
        if made and stage not in alive:
            gc.collect()  # what compare() still holds, not what a cycle keeps a while
            alive[stage] = made[0]() is not None

    sentences = [f"Sentence {k} tells of item{k} and thing{k % 97} today." for k in range(300)]
    rewrite = [s.replace("tells of", "is about") for s in sentences]
    compare(
        " ".join(sentences), " ".join(rewrite), CompareOptions(scorer=Watched()), progress=progress
    )
    assert alive["aligning"] and not alive["linking"]
