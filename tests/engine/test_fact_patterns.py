"""The fact patterns behind a lookahead (``fact_names.prefiltered``) find exactly what their
bodies alone find: the lookahead only lets the engine skip positions faster."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from retold.engine import fact_names, fact_speech, facts


# Pieces that open or end dates, numbers and negations, and what sits around them.
def _split(pieces: str) -> list[str]:
    return pieces.split()


_PIECES = _split(
    "March Mar. May Sept. Dec Monday Thursday 1 12 2010 1999 3:30 5 p.m. 7pm 1st 22nd of "
    "one Twenty-five eleven dozen hundred million percent per cent % $ € 4.5 1,200 "
    "not no never nobody without unless cannot can't don’t n't stop stopped denied lacks "
    "The the said Mr. U.S. A.B. O’Neil Lee’s X. , . - / ’ ' \" ( ) ١٢ ſ K"
)
_TEXTS = st.lists(
    st.one_of(st.sampled_from(_PIECES), st.text(alphabet="aAnN0 .,-’'\n", max_size=3)),
    max_size=30,
).map(lambda parts: "".join(p + s for p, s in zip(parts, [" ", "", "\n", " "] * 8, strict=False)))


# The number pattern as first written: each number word an alternative of its own (the
# engine's lists them as a tree of shared beginnings, ``fact_names.alternatives``).
_PLAIN_NUMBER = (
    rf"{facts._DIGITS_BODY}|\b(?P<word>(?:{'|'.join(facts._TENS)})-"
    rf"(?:{'|'.join(facts._SMALL[1:10])})"
    rf"|{'|'.join(sorted(facts._WORD_VALUES, key=len, reverse=True))})\b"
)


def _matches(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[object]:
    return [(m.span(), m.lastgroup, m.groups()) for m in pattern.finditer(text, start, end)]


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.integers(0, 5), st.integers(0, 5))
def test_prefiltered_patterns_find_what_their_bodies_find(text: str, cut: int, trim: int) -> None:
    start, end = min(cut, len(text)), max(min(cut, len(text)), len(text) - trim)
    for fast, body, flags in (
        (facts._DATE, facts._DATE_BODY, 0),
        (facts._NUMBER, _PLAIN_NUMBER, re.IGNORECASE),
        (fact_speech._NEGATIONS, fact_speech._NEGATIONS_BODY, re.IGNORECASE),
        (fact_names._NAME, fact_names._NAME_BODY, 0),
    ):
        plain = re.compile(body, flags)
        assert _matches(fast, text, start, end) == _matches(plain, text, start, end)


def _found(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[object]:
    return [(m.span(), m.lastgroup, m.group()) for m in pattern.finditer(text, start, end)]


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.integers(0, 5), st.integers(0, 5))
def test_without_a_digit_the_word_patterns_find_what_the_whole_ones_find(
    text: str, cut: int, trim: int
) -> None:
    """Where a span holds no digit, only its number words and month or weekday names can be
    found: the shorter patterns the engine scans such spans with find just those."""
    text = re.sub(r"\d", "x", text)
    start, end = min(cut, len(text)), max(min(cut, len(text)), len(text) - trim)
    for whole, words in ((facts._NUMBER, facts._NUMBER_WORDS), (facts._DATE, facts._DATE_WORDS)):
        assert _found(words, text, start, end) == _found(whole, text, start, end)
    for scan in (facts._dates, facts._numbers):
        assert list(scan(text, start, end, False)) == list(scan(text, start, end, True))
