"""Properties of the text paths that must hold for any input, checked with hypothesis."""

from __future__ import annotations

import codecs

from hypothesis import given, settings
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
