"""Quote marks map to their ASCII forms, and nothing else changes."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from retold.engine.normalize import normalize_quotes, normalize_text

SINGLE = "\u2018\u2019\u201a\u201b\u2032\u02bc`\u00b4"
DOUBLE = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"


@given(st.text(alphabet=st.sampled_from(SINGLE + DOUBLE + "ab '\"é\u2014\n"), max_size=40))
def test_each_mark_becomes_its_ascii_form(text: str) -> None:
    want = "".join("'" if c in SINGLE else '"' if c in DOUBLE else c for c in text)
    assert normalize_quotes(text) == want


@given(st.text(max_size=60))
def test_text_without_marks_is_unchanged(text: str) -> None:
    plain = "".join(c for c in text if c not in SINGLE + DOUBLE)
    assert normalize_quotes(plain) == plain


# Every character Python's regex \s matches, with some that it does not.
SPACES = "".join(c for c in map(chr, range(0x3000 + 1)) if re.fullmatch(r"\s", c))


@given(st.text(alphabet=st.sampled_from(SPACES + "ab\u200b\u2060\u00a0’“"), max_size=40))
def test_normalize_text_collapses_runs_of_regex_whitespace(text: str) -> None:
    want = re.sub(r"\s+", " ", normalize_quotes(text)).strip()
    assert normalize_text(text) == want
