"""Invariants of compare() on arbitrary text pairs."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retold.engine.compare import compare
from retold.engine.model import Comparison, LinkKind
from retold.engine.normalize import normalize_text

VOCAB = [
    "the",
    "council",
    "harbour",
    "budget",
    "ferry",
    "storm",
    "Oslo",
    "Dahl",
    "2026",
    "12.5",
    "’s",
    "said",
    "pier",
    "boats",
    "tickets",
    "repairs",
    "“quoted”",
    "north",
    "south",
    "will",
    "and",
    "of",
    "in",
    "a",
    "donʼt",
    "don't",
]

_word = st.one_of(st.sampled_from(VOCAB), st.text(min_size=1, max_size=6))
_sentence = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(_word, min_size=1, max_size=12),
    st.sampled_from([".", "!", "?", "", ".\n", ".\n\n", "; "]),
)
_text = st.builds(" ".join, st.lists(_sentence, max_size=8))
_pairs = st.one_of(
    st.tuples(_text, _text),
    # A rewrite built from the original's sentences shuffled and edited.
    st.lists(_sentence, max_size=8).flatmap(
        lambda ss: st.tuples(
            st.just(" ".join(ss)),
            st.permutations(ss).map(lambda p: " ".join(s.replace("the", "a") for s in p)),
        )
    ),
)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _owner_counts(c: Comparison, side: str) -> list[int]:
    doc = c.original if side == "original" else c.rewrite
    counts = [0] * len(doc.text)
    spans = [sp for link in c.links for sp in getattr(link, side)]
    spans += list(doc.boilerplate)
    for s, e in spans:
        for k in range(s, e):
            counts[k] += 1
    return counts


@FAST
@given(_pairs)
def test_every_character_in_exactly_one_link_or_boilerplate(pair: tuple[str, str]) -> None:
    original, rewrite = pair
    c = compare(original, rewrite)
    for side, text in (("original", original), ("rewrite", rewrite)):
        counts = _owner_counts(c, side)
        for k, ch in enumerate(text):
            if not ch.isspace():
                assert counts[k] == 1, (side, k, ch)
            assert counts[k] <= 1


@FAST
@given(_pairs)
def test_spans_in_range_and_changes_inside_their_link(pair: tuple[str, str]) -> None:
    original, rewrite = pair
    c = compare(original, rewrite)
    for link in c.links:
        assert 0.0 <= link.similarity <= 1.0
        for spans, text in ((link.original, original), (link.rewrite, rewrite)):
            assert all(0 <= s < e <= len(text) for s, e in spans)
            assert list(spans) == sorted(spans)
        for change in link.changes:
            if change.original:
                assert any(
                    s <= change.original[0] < change.original[1] <= e for s, e in link.original
                )
            if change.rewrite:
                assert any(s <= change.rewrite[0] < change.rewrite[1] <= e for s, e in link.rewrite)
        if not link.is_match:
            assert link.kind in (LinkKind.ADDED, LinkKind.REMOVED)
            assert len(link.original_sentences) + len(link.rewrite_sentences) == 1


@FAST
@given(_pairs)
def test_kept_runs_and_changes_account_for_every_word_of_a_link(pair: tuple[str, str]) -> None:
    original, rewrite = pair
    c = compare(original, rewrite)
    for link in (k for k in c.links if k.is_match):
        for o, r in link.kept:
            assert normalize_text(original[o[0] : o[1]]) == normalize_text(rewrite[r[0] : r[1]])
        for side, text, spans in (
            (0, original, link.original),
            (1, rewrite, link.rewrite),
        ):
            owned = [kept[side] for kept in link.kept]
            owned += [span for ch in link.changes if (span := (ch.original, ch.rewrite)[side])]
            counts = [0] * len(text)
            doc = c.original if side == 0 else c.rewrite
            sentences = [
                doc.sentences[i].span
                for i in (link.original_sentences, link.rewrite_sentences)[side]
            ]
            for s, e in owned:
                assert any(a <= s < e <= b for a, b in sentences), "a run stays in one sentence"
                for k in range(s, e):
                    counts[k] += 1
            for s, e in spans:
                for k in range(s, e):
                    assert counts[k] == 1 or (text[k].isspace() and counts[k] == 0), (side, k)


@FAST
@given(_pairs)
def test_deterministic(pair: tuple[str, str]) -> None:
    assert compare(*pair) == compare(*pair)


@FAST
@given(_text)
def test_text_compared_with_itself_is_all_identical(text: str) -> None:
    c = compare(text, text)
    assert all(link.kind is LinkKind.IDENTICAL and not link.moved for link in c.links)
    assert c.stats.removed_share == 0.0 and c.stats.new_share == 0.0
