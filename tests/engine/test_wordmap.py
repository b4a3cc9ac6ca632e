"""What each word of a link became, through the public compare()."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from retold.engine.compare import compare
from retold.engine.model import Side
from retold.engine.normalize import normalize_text
from retold.engine.wordmap import WordPartner, kept_word_pairs, word_partner
from tests.engine.test_properties import FAST, _pairs

ORIGINAL = "The ferry will run at night. Tickets cost ten kroner, the council said."
REWRITE = "The ferry will run at night, and tickets cost twelve kroner, the council said."


def _partner(side: Side, word: str) -> tuple[str, str | None] | None:
    c = compare(ORIGINAL, REWRITE)
    text = ORIGINAL if side is Side.ORIGINAL else REWRITE
    offset = text.index(word)
    for link in c.links:
        found = word_partner(link, side, offset, ORIGINAL, REWRITE)
        if found:
            other = REWRITE if side is Side.ORIGINAL else ORIGINAL
            here = text[found.here[0] : found.here[1]]
            return here, other[found.there[0] : found.there[1]] if found.there else None
    return None


def test_a_kept_word_maps_to_its_twin_across_a_merge() -> None:
    assert _partner(Side.ORIGINAL, "council") == ("council", "council")
    assert _partner(Side.REWRITE, "night") == ("night", "night")


def test_a_replaced_word_maps_to_its_replacement() -> None:
    assert _partner(Side.ORIGINAL, "ten") == ("ten", "twelve")
    assert _partner(Side.REWRITE, "twelve") == ("twelve", "ten")


def test_an_inserted_word_maps_to_nothing() -> None:
    original, rewrite = "Tickets cost ten kroner.", "Tickets now cost ten kroner."
    (link,) = compare(original, rewrite).links
    found = word_partner(link, Side.REWRITE, rewrite.index("now"), original, rewrite)
    assert found is not None and rewrite[found.here[0] : found.here[1]] == "now"
    assert found.there is None


def test_spaces_map_to_nothing() -> None:
    c = compare(ORIGINAL, REWRITE)
    space = ORIGINAL.index(" ferry")
    assert all(word_partner(k, Side.ORIGINAL, space, ORIGINAL, REWRITE) is None for k in c.links)


@FAST
@given(_pairs)
def test_kept_words_pair_with_equal_words(pair: tuple[str, str]) -> None:
    original, rewrite = pair
    for link in compare(original, rewrite).links:
        for (os, oe), (rs, re) in kept_word_pairs(link, original, rewrite):
            assert normalize_text(original[os:oe]) == normalize_text(rewrite[rs:re])
            found = word_partner(link, Side.REWRITE, rs, original, rewrite)
            assert found is not None and found.there == (os, oe)


@given(st.text(max_size=40))
def test_a_text_against_itself_maps_every_word_to_itself(text: str) -> None:
    c = compare(text, text)
    words = [(o, r) for link in c.links for o, r in kept_word_pairs(link, text, text)]
    assert all(o == r for o, r in words)
    mapped = {k for (start, end), _ in words for k in range(start, end)}
    prose = {k for s in c.original.sentences if not s.boilerplate for k in range(s.start, s.end)}
    assert {k for k in prose if not text[k].isspace()} <= mapped


def test_a_modifier_apostrophe_is_a_quote_mark_like_any_other() -> None:
    original, rewrite = (
        "We donʼt know why the ferry stopped.",
        "We don't know why the ferry stopped.",
    )
    (link,) = compare(original, rewrite).links
    assert link.kind.value == "identical" and link.kept == (((0, 36), (0, 36)),)
    found = word_partner(link, Side.ORIGINAL, original.index("ʼ"), original, rewrite)
    assert found is not None and found.there == found.here


def test_a_hand_edited_report_with_uneven_runs_does_not_break_the_lookup() -> None:
    original, rewrite = "One two three.", "One two."
    link = replace(
        compare(original, original).links[0], kept=(((0, 14), (0, 8)),)
    )  # three words and a stop against two words and a stop
    assert len(list(kept_word_pairs(link, original, rewrite))) == 3
    assert word_partner(link, Side.ORIGINAL, original.index("."), original, rewrite) == (
        WordPartner((13, 14), None)
    )
