"""A cell's text cut into paragraphs of bounded length for Qt: nothing lost, no word split."""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from retold.report.pdf_blocks import LIMIT, RUN, cuts, split_pieces
from retold.report.rows import Piece


def paragraphs(text: str, limit: int = LIMIT, run: int = RUN) -> list[str]:
    edges = [0, *cuts(text, limit, run), len(text)]
    return [text[start:end] for start, end in pairwise(edges)]


def longest_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"[^ \n\t]+", text)), default=0)


def test_a_sentence_of_ordinary_length_is_left_whole() -> None:
    assert cuts("The harbour town voted. " * 800) == []  # 19,200 characters


def test_text_with_spaces_is_cut_after_a_space() -> None:
    text = " ".join(f"word{n}" for n in range(30_000))
    parts = paragraphs(text)
    assert len(parts) > 5 and "".join(parts) == text
    assert all(part.endswith(" ") and len(part) <= LIMIT for part in parts[:-1])
    assert all(len(part) > LIMIT // 2 for part in parts[:-1])  # never many short lines


def test_a_run_without_spaces_is_cut_through_but_not_before_a_combining_mark() -> None:
    text = "x" + "e\u0301" * 3000  # é as e + a combining acute accent, one place off
    parts = paragraphs(text)
    assert len(parts) > 2 and "".join(parts) == text
    assert all(part.startswith("e") and len(part) <= RUN for part in parts[1:])


def test_long_runs_among_words_are_cut_and_the_words_are_not() -> None:
    text = ("harbour wall " * 300 + "x" * 5000 + " ") * 10
    parts = paragraphs(text)
    assert "".join(parts) == text
    assert all(len(part) <= LIMIT and longest_run(part) <= RUN for part in parts)
    words = {word for part in parts for word in re.findall(r"[a-w]+", part)}
    assert words == {"harbour", "wall"}  # no word cut in two


@given(
    st.lists(st.tuples(st.text(alphabet="ab \u0301", max_size=40), st.booleans()), max_size=30),
    st.integers(min_value=8, max_value=50),
    st.integers(min_value=2, max_value=8),
)
def test_pieces_keep_their_text_and_marks(
    parts: list[tuple[str, bool]], limit: int, run: int
) -> None:
    pieces = [Piece(text, marked) for text, marked in parts]
    blocks = split_pieces(pieces, limit, run)
    text = "".join(piece.text for piece in pieces)
    expected = paragraphs(text, limit, run)
    assert ["".join(piece.text for piece in block) for block in blocks] == expected
    assert all(len(paragraph) <= limit for paragraph in expected)
    marks = [marked for piece in pieces for marked in [piece.marked] * len(piece.text)]
    assert [p.marked for block in blocks for p in block for _ in p.text] == marks
    assert all(piece.text for block in blocks for piece in block)  # no empty spans
