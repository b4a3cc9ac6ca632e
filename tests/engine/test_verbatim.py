"""Verbatim figures: runs of at least N identical words, joined across sentences and links."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retold.engine.compare import compare
from retold.engine.normalize import normalize_quotes
from retold.engine.verbatim import MIN_RUN_WORDS, verbatim

WORDS = re.compile(r"\w+")

COPIED = (
    "The lighthouse keeper climbed the spiral stairs every evening at dusk. "
    "He wound the clockwork that turned the great lens until midnight."
)
ORIGINAL = (
    f"{COPIED} Fishermen said the beam could be seen from forty miles away. "
    "The station was automated in 1987 and the keeper's cottage became a museum."
)
REWRITE = (
    f"{COPIED} Sailors claimed they spotted its glow at a distance of forty miles. "
    "Machines took over in 1987, and the cottage is now a small museum."
)


def test_a_copied_passage_is_one_run_across_its_sentences() -> None:
    v = verbatim(compare(ORIGINAL, REWRITE))
    assert v.longest is not None
    copied_words = len(WORDS.findall(COPIED))
    assert v.longest_words == copied_words  # two sentences, one run
    o, r = v.longest.original, v.longest.rewrite
    assert ORIGINAL[o[0] : o[1]] == COPIED
    assert REWRITE[r[0] : r[1]] == COPIED
    assert v.original_words == len(WORDS.findall(ORIGINAL))
    assert v.share == pytest.approx(v.kept_words / v.original_words)
    assert v.rewrite_share == pytest.approx(v.kept_words / len(WORDS.findall(REWRITE)))
    assert v.min_words == MIN_RUN_WORDS


def test_short_shared_stretches_are_not_verbatim() -> None:
    original = "The river rose by two metres overnight. Roads near the bridge were closed."
    rewrite = "Overnight the river rose by two metres. Police closed roads near the bridge."
    v = verbatim(compare(original, rewrite))
    assert v.runs == () and v.kept_words == 0 and v.share == 0.0 and v.longest is None
    # With N = 3 the same stretches count: N is what decides.
    short = verbatim(compare(original, rewrite), min_words=3)
    assert short.kept_words > 0 and short.longest_words >= 4


def test_a_moved_sentence_is_a_run_of_its_own() -> None:
    first = "The orchestra will tour eleven cities across the north this autumn."
    second = "Tickets for every concert go on sale at the box office next Monday."
    v = verbatim(compare(f"{first} {second}", f"{second} {first}"))
    assert sorted(run.words for run in v.runs) == sorted(
        [len(WORDS.findall(first)), len(WORDS.findall(second))]
    )


def test_curly_and_straight_quotes_are_the_same_words() -> None:
    original = "The mayor said the town’s new library “will open its doors in the spring”."
    rewrite = 'The mayor said the town\'s new library "will open its doors in the spring".'
    v = verbatim(compare(original, rewrite))
    assert v.share == 1.0 and v.longest_words == len(WORDS.findall(normalize_quotes(original)))


def test_boilerplate_is_left_out_of_the_totals() -> None:
    notice = "You have a preview view of this article while we are checking your access."
    text = "The harvest festival returns to the market square on the first weekend of October."
    v = verbatim(compare(f"{notice}\n{text}", text))
    assert v.original_words == len(WORDS.findall(text))
    assert v.share == 1.0


def test_nothing_in_common() -> None:
    v = verbatim(compare("Snow fell on the hills.", "Prices of copper climbed again."))
    assert (v.kept_words, v.share, v.rewrite_share, v.longest_words) == (0, 0.0, 0.0, 0)


def test_min_words_must_be_positive() -> None:
    with pytest.raises(ValueError):
        verbatim(compare("A b c.", "A b c."), min_words=0)


SENTENCE = st.lists(
    st.sampled_from(
        [
            "north",
            "wind",
            "tide",
            "harbour",
            "boats",
            "nets",
            "gulls",
            "quay",
            "storm",
            "light",
            "keeper",
        ]
    ),
    min_size=3,
    max_size=12,
).map(lambda ws: " ".join(ws).capitalize() + ".")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SENTENCE, min_size=1, max_size=6), st.lists(SENTENCE, min_size=1, max_size=6))
def test_runs_hold_the_same_words_on_both_sides(a: list[str], b: list[str]) -> None:
    original, rewrite = " ".join(a), " ".join(a[: len(a) // 2] + b)
    v = verbatim(compare(original, rewrite))
    assert 0.0 <= v.share <= 1.0 and 0.0 <= v.rewrite_share <= 1.0
    for run in v.runs:
        o_words = WORDS.findall(normalize_quotes(original[run.original[0] : run.original[1]]))
        r_words = WORDS.findall(normalize_quotes(rewrite[run.rewrite[0] : run.rewrite[1]]))
        assert o_words == r_words and len(o_words) == run.words >= MIN_RUN_WORDS
    assert v.kept_words == sum(run.words for run in v.runs) <= v.original_words


@pytest.mark.parametrize("mark", ["’", "“", "`", "´", "«", "ʼ"])
def test_the_figures_read_the_texts_as_if_their_quotes_were_normalised(
    monkeypatch: pytest.MonkeyPatch, mark: str
) -> None:
    """Only ʼ (a word character) changes a count: without it the texts are read as they are,
    and the figures are those of the normalised texts."""
    from retold.engine import verbatim as module

    original = ORIGINAL.replace("keeper's", f"keeper{mark}s") + f" {mark}Quiet{mark} nights."
    rewrite = REWRITE.replace("1987,", f"1987{mark}") + f" {mark}Quiet{mark}  nights."
    comparison = compare(original, rewrite)
    found = verbatim(comparison)
    monkeypatch.setattr(module, "_counted_text", normalize_quotes)
    assert verbatim(comparison) == found


def test_progress_of_the_runs_rises(monkeypatch: pytest.MonkeyPatch) -> None:
    from retold.engine import verbatim as module

    monkeypatch.setattr(module, "_REPORT_EVERY", 1)
    shares: list[float] = []
    verbatim(compare(ORIGINAL, REWRITE), progress=shares.append)
    assert shares and shares == sorted(shares) and shares[-1] < 1.0


def test_a_gap_of_whitespace_is_what_strip_would_leave_empty() -> None:
    from retold.engine.verbatim import _follows

    spaces = [chr(c) for c in range(0x3001) if chr(c).isspace()]
    text = "word" + "".join(spaces) + "word x\u00a0\u2028y"
    for end in range(len(text) + 1):
        for start in range(end - 1, min(len(text), end + 8) + 1):
            assert _follows(text, end, start) is (end <= start and not text[end:start].strip())
    assert _follows(text, 4, 4 + len(spaces))
