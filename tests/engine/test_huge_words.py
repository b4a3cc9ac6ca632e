"""A word of a megabyte is text: every stage of a comparison stays linear in its length.

Ratio tests: the processor time at 4n against the time at n (best of three each; processor
time, not wall time, so that waiting on a loaded machine does not count). Linear work gives
about 4, quadratic work 16.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retold.engine.compare import compare
from retold.engine.protected import protected_spans, without_links

N = 25_000
# Shapes of a line without spaces that each hit a different stage: one long word (3-grams,
# stemming), markdown links that never close (protected spans, boilerplate), letters then
# "@" (e-mail addresses), names glued by commas (names), dotted and quoted runs (segmenter).
SHAPES = {
    "letters": "abcdefghij",
    "open links": "[a](",
    "address": "abcdefgh@",
    "names": "x,Yz",
    "dots": "ab.Cd",
    "quotes": 'a."B',
}


def _best_of_three(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best


def _line(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _growth(make: Callable[[int], tuple[str, str]]) -> float:
    small, large = make(N), make(4 * N)
    return _best_of_three(lambda: compare(*large)) / _best_of_three(lambda: compare(*small))


@pytest.mark.parametrize("shape", SHAPES)
def test_a_long_line_on_one_side_costs_linear_time(shape: str) -> None:
    unit = SHAPES[shape]
    assert _growth(lambda n: (_line(unit, n), "A short rewrite of it.")) < 8


@pytest.mark.parametrize("shape", ["letters", "open links", "names"])
def test_a_long_line_on_both_sides_costs_linear_time(shape: str) -> None:
    unit = SHAPES[shape]
    assert _growth(lambda n: (_line(unit, n), "Lead. " + _line(unit, n)[::-1])) < 8


def test_a_long_word_is_linked_to_itself_and_kept() -> None:
    word = _line("abcdefghij", 200_000)
    c = compare(word, word + " and more")
    (link,) = c.links
    assert link.is_match
    assert link.kept[0] == ((0, len(word)), (0, len(word)))


# The alternation the segmenter used before it was rewritten as a linear scan; the e-mail
# part starts where a run of address characters starts (a start inside the run fails alike).
_OLD_PROTECTED = re.compile(
    r"!?\[[^\]\n]*\]\([^)\s]*\)"
    r"|(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]'’”]"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_OLD_IMAGE_OR_URL = re.compile(
    r"!\[[^\]\n]*\]\([^)\s]*\)|\[[^\]\n]*\]\([^)\s]*\)|(?:https?://|www\.)\S+"
)
_MARKUP = st.text(alphabet="[]()!a b.@\nhttp:/w", max_size=60) | st.lists(
    st.sampled_from(["[a](", "![x]", "(u)", "]", "http://a.b", "www.c", "x@y.z", " ", ".", "\n"]),
    max_size=20,
).map("".join)


@given(_MARKUP, st.integers(0, 5), st.integers(0, 5))
def test_protected_spans_match_the_regex(text: str, left: int, right: int) -> None:
    start, end = min(left, len(text)), max(min(left, len(text)), len(text) - right)
    expected = [m.span() for m in _OLD_PROTECTED.finditer(text, start, end)]
    assert protected_spans(text, start, end) == expected


@given(_MARKUP)
def test_links_are_taken_out_as_the_regex_did(text: str) -> None:
    assert without_links(text) == _OLD_IMAGE_OR_URL.sub("", text)
