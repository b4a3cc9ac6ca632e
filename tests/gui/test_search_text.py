"""Find's search of a text folded once finds what the plain case-insensitive search finds."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from retold.gui.find_bar import find_spans
from retold.gui.search_text import SearchText, ascii_folded

# Letters that fold to ASCII ones (İ, ı, ſ, Kelvin K), their neighbours and other scripts.
ALPHABET = "aAbBiIkKsSzZ \n.,\u0130\u0131\u017f\u212a\u00e9\u00c9\u00df\u1e9e\u03a3\u03c3\u0345😀"
texts = st.text(alphabet=ALPHABET, max_size=60)
needles = st.text(alphabet=ALPHABET, min_size=0, max_size=4)


@given(texts, needles, st.booleans(), st.integers(min_value=0, max_value=8))
@example("İstanbul, istanbul and ISTANBUL", "istanbul", False, 5)
@example("ſs Kk", "s", False, 5)
@example("aaaa", "aa", False, 5)  # not overlapping
def test_search_text_finds_what_the_plain_search_finds(
    text: str, needle: str, match_case: bool, limit: int
) -> None:
    assert SearchText(text).find(needle, match_case, limit) == find_spans(
        text, needle, match_case, limit
    )


@given(texts)
def test_the_folded_copy_keeps_every_offset(text: str) -> None:
    """As long as the text; ASCII just where the text matches an ASCII letter or is ASCII."""
    folded = ascii_folded(text)
    assert len(folded) == len(text)
    for here, there in zip(text, folded, strict=True):
        assert there.isascii() == (here.isascii() or here in "\u0130\u0131\u017f\u212a")
