"""Properties of the text paths that must hold for any input, checked with hypothesis."""

from __future__ import annotations

import codecs
import random

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from retold.sources.encoding import decode_text, looks_binary, normalise_newlines
from retold.sources.markdown_reader import markdown_to_text
from retold.sources.pdf_text import pages_to_text

# Any text a person could write: no surrogates, no control characters but tab and newlines.
TEXT = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n\r", max_codepoint=0x2FFFF
    ),
    max_size=300,
)


@given(TEXT)
def test_utf8_decodes_exactly(text: str) -> None:
    assert decode_text(text.encode("utf-8")) == (normalise_newlines(text), "utf-8")


@given(
    TEXT, st.sampled_from([("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
)
def test_utf16_with_a_bom_decodes_exactly(text: str, codec: tuple[str, bytes]) -> None:
    name, bom = codec
    assert decode_text(bom + text.encode(name)) == (normalise_newlines(text), name)


@given(TEXT)
def test_written_text_is_never_called_binary(text: str) -> None:
    assert not looks_binary(text.encode("utf-8"))


# Alphabets of scripts whose UTF-16 has NULs only at spaces, digits and line breaks (or none),
# with what goes between their words.
SPACED = [" ", ", ", ". ", " – ", " 42 "]
UNSPACED = ["", "", "、", "。", "，", "　"]
ALPHABETS = [
    *[(alphabet, SPACED) for alphabet in [(0x3B1, 0x3C9), (0x430, 0x44F), (0x5D0, 0x5EA)]],
    *[(alphabet, SPACED) for alphabet in [(0x627, 0x64A), (0x915, 0x939), (0xAC00, 0xD7A3)]],
    *[(alphabet, UNSPACED) for alphabet in [(0xE01, 0xE2E), (0x3041, 0x3093), (0x4E00, 0x9FA5)]],
]


@st.composite
def prose(draw: st.DrawFn) -> str:
    """Lines of words of one script, a dozen characters at least: shorter, a text can read as
    well in both byte orders (一、 in one is Nİ in the other). Line breaks put NULs in the
    bytes; UTF-16 without any (one line of Chinese) is left to charset-normalizer."""
    (low, high), gaps = draw(st.sampled_from(ALPHABETS))
    word = st.text(st.characters(min_codepoint=low, max_codepoint=high), min_size=2, max_size=8)
    lines = []
    for _ in range(draw(st.integers(2, 4))):
        words = draw(st.lists(word, min_size=3, max_size=12))
        lines.append("".join(w + draw(st.sampled_from(gaps)) for w in words[:-1]) + words[-1])
    text = "\n".join(lines)
    assume(len(text) >= 12)
    return text


@given(prose(), st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_utf16_prose_without_a_bom_decodes_exactly(text: str, order: str) -> None:
    assert decode_text(text.encode(order)) == (text, order)


@given(st.integers(0, 2**64), st.integers(1024, 20_000))
def test_random_bytes_are_binary(seed: int, size: int) -> None:
    """A guard: from 1 KB on, random data never reads as UTF-16 (or any) text."""
    assert looks_binary(random.Random(seed).randbytes(size))


@given(TEXT)
def test_markdown_output_is_clean_text(text: str) -> None:
    result = markdown_to_text(normalise_newlines(text))
    assert "\r" not in result
    assert result == result.strip("\n")
    assert "\n\n\n" not in result


@settings(max_examples=60)
@given(st.lists(TEXT, max_size=5))
def test_pdf_clean_up_keeps_no_tabs_and_loses_no_long_words(pages: list[str]) -> None:
    result = pages_to_text(pages)
    assert "\t" not in result and "\n\n\n" not in result
    # Words of letters only, away from page edges, are neither lost nor split.
    for page in pages:
        for line in page.split("\n")[2:-2]:
            for word in line.split():
                if word.isalpha() and len(word) > 3 and word.isascii():
                    assert word in result
