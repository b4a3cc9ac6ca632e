"""Word-level changes inside a link."""

from __future__ import annotations

import itertools
import re
from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from retold.engine.inline import (
    _TOKEN,
    _Codec,
    _encoded,
    _join,
    _Piece,
    python_token_diff,
    token_diff,
    word_diff,
)
from retold.engine.model import ChangeKind
from retold.engine.normalize import normalize_quotes

# Tokens as the word diff sees them: words, spaces, punctuation and quote marks.
WORDS = ["the", "council", "voted", "Monday", " ", "  ", ",", ".", "’", "'", "barrier", "1.3"]


def _diff(a: str, b: str) -> list[tuple[str, str | None, str | None]]:
    result = word_diff(a, [(0, len(a))], b, [(0, len(b))], timeout=0.5)
    return [
        (
            c.kind.value,
            a[c.original[0] : c.original[1]] if c.original else None,
            b[c.rewrite[0] : c.rewrite[1]] if c.rewrite else None,
        )
        for c in result.changes
    ]


def test_one_word_swapped_is_one_replace() -> None:
    changes = _diff(
        "The administration is making a final push to reinforce the channels.",
        "The administration is making a final effort to reinforce the channels.",
    )
    assert changes == [("replace", "push", "effort")]


def test_quote_style_and_whitespace_are_not_changes() -> None:
    assert _diff("The world’s largest  economies.", "The world's largest\neconomies.") == []
    assert _diff("“Yes,” she said.", '"Yes," she said.') == []


def test_insert_and_delete() -> None:
    assert _diff("The officials met in Nanjing.", "The senior officials met in Nanjing.") == [
        ("insert", None, "senior")
    ]
    assert _diff("Officials met in Nanjing this week.", "Officials met in Nanjing.") == [
        ("delete", "this week", None)
    ]


def test_group_changes_map_back_across_gaps() -> None:
    # Two original sentences that are not adjacent in the text, diffed against one rewrite.
    original = "Alpha beta gamma. Unrelated filler here. Delta epsilon zeta."
    first, second = (0, 17), (41, len(original))
    rewrite = "Alpha beta gamma and delta epsilon eta."
    result = word_diff(original, [first, second], rewrite, [(0, len(rewrite))], timeout=0.5)
    for change in result.changes:
        if change.original:
            start, end = change.original
            inside = first[0] <= start < end <= first[1] or second[0] <= start < end <= second[1]
            assert inside, "a change must never cover text between the group's sentences"
    changed = {original[s:e] for c in result.changes if c.original for s, e in [c.original]}
    assert "zeta" in changed and "filler" not in " ".join(changed)


def test_kept_shares_reflect_the_amount_of_change() -> None:
    a = "One two three four five six seven eight nine ten."
    small = word_diff(a, [(0, len(a))], a.replace("five", "5"), [(0, len(a) - 3)], 0.5)
    b = "Completely different words appear in this sentence now."
    large = word_diff(a, [(0, len(a))], b, [(0, len(b))], 0.5)
    assert small.kept_original > 0.85 > large.kept_original
    assert all(c.kind in ChangeKind for c in small.changes)


def _kept(original: str, o_spans: list[tuple[int, int]], rewrite: str) -> list[tuple[str, str]]:
    result = word_diff(original, o_spans, rewrite, [(0, len(rewrite))], timeout=0.5)
    return [(original[o[0] : o[1]], rewrite[r[0] : r[1]]) for o, r in result.kept]


def test_kept_runs_trace_a_merged_sentence_to_its_sources() -> None:
    original = "The ferry will run at night. Tickets cost ten kroner."
    first, second = (0, 28), (29, len(original))
    rewrite = "The ferry will run at night, and tickets cost ten kroner."
    kept = _kept(original, [first, second], rewrite)
    assert kept == [
        ("The ferry will run at night", "The ferry will run at night"),
        ("cost ten kroner.", "cost ten kroner."),
    ]


def test_a_kept_run_is_cut_where_a_sentence_of_either_side_ends() -> None:
    original = "Alpha beta gamma. Delta epsilon."
    rewrite = "Noise first. Alpha beta gamma. Delta epsilon."
    rewrite_spans = [(13, 30), (31, len(rewrite))]  # two sentences, joined with one space
    result = word_diff(original, [(0, len(original))], rewrite, rewrite_spans, timeout=0.5)
    pairs = [(original[o[0] : o[1]], rewrite[r[0] : r[1]]) for o, r in result.kept]
    assert pairs == [
        ("Alpha beta gamma.", "Alpha beta gamma."),
        ("Delta epsilon.", "Delta epsilon."),
    ]
    assert not result.changes


def test_kept_runs_see_through_quote_style_and_spacing() -> None:
    original = "He said “no”  twice."
    assert _kept(original, [(0, len(original))], 'He said "no" twice.') == [
        (original, 'He said "no" twice.')
    ]


_CODES = st.text(alphabet="abcde \U0001f600xyz\u4e00", max_size=120)


@settings(max_examples=400, deadline=None)
@given(_CODES, _CODES)
def test_the_c_diff_gives_what_the_python_diff_gives(a: str, b: str) -> None:
    """The C++ diff-match-patch and the Python original: the same kept and changed runs."""
    assert token_diff(a, b, 0) == python_token_diff(a, b, 0)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.lists(st.sampled_from(WORDS), max_size=40))
def test_word_diffs_of_token_sequences_agree(a: list[str], b: list[str]) -> None:
    x, y = ("".join(chr(0x4E00 + WORDS.index(t)) for t in side) for side in (a, b))
    assert token_diff(x, y, 0) == python_token_diff(x, y, 0)


def _token_by_token_runs(
    original: str, o_spans: list[tuple[int, int]], rewrite: str, r_spans: list[tuple[int, int]]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Kept runs found word by word, the way the word diff first found them: each equal word
    extends the run before it when both sit in the same sentences and no change came between."""
    a, a_pieces = _join(original, o_spans)
    b, b_pieces = _join(rewrite, r_spans)
    a, b = normalize_quotes(a), normalize_quotes(b)
    a_tokens, b_tokens = _TOKEN.findall(a), _TOKEN.findall(b)
    codec = _Codec()
    diffs = token_diff(codec.encode(a_tokens) or "", codec.encode(b_tokens) or "", 0.5)
    a_at = list(accumulate(map(len, a_tokens), initial=0))
    b_at = list(accumulate(map(len, b_tokens), initial=0))

    def place(pieces: list[_Piece], at: int) -> tuple[_Piece, int]:
        piece = [p for p in pieces if p.joined_start <= at][-1]
        return piece, piece.doc_start + at - piece.joined_start

    runs: list[tuple[tuple[int, int], tuple[int, int]]] = []
    ai = bi = 0
    for op, n in diffs:
        if op == 0:
            current = None
            for k in range(n):
                if not a_tokens[ai + k][0].isspace():
                    (a_piece, o), (b_piece, r) = (
                        place(a_pieces, a_at[ai + k]),
                        place(b_pieces, b_at[bi + k]),
                    )
                    o_end, r_end = o + len(a_tokens[ai + k]), r + len(b_tokens[bi + k])
                    if current == (a_piece, b_piece):
                        runs[-1] = ((runs[-1][0][0], o_end), (runs[-1][1][0], r_end))
                    else:
                        runs.append(((o, o_end), (r, r_end)))
                        current = (a_piece, b_piece)
        ai += n if op != 1 else 0
        bi += n if op != -1 else 0
    return runs


def _sentences(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    """``text`` cut at word boundaries into stripped pieces (as sentences are)."""
    edges = sorted({0, len(text), *(m.start() for m in re.finditer(r" ", text))})
    chosen = sorted({edges[c % len(edges)] for c in cuts} | {0, len(text)})
    spans = []
    for start, end in itertools.pairwise(chosen):
        piece = text[start:end]
        left = len(piece) - len(piece.lstrip())
        if piece.strip():
            spans.append((start + left, start + len(piece.rstrip())))
    return spans


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=40),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=40),
    st.lists(st.integers(0, 60), max_size=4),
    st.lists(st.integers(0, 60), max_size=4),
)
def test_kept_runs_are_those_found_word_by_word(
    a: list[str], b: list[str], a_cuts: list[int], b_cuts: list[int]
) -> None:
    """Kept runs taken stretch by stretch agree with runs grown word by word."""
    original, rewrite = " ".join(a), " ".join(b)
    o_spans, r_spans = _sentences(original, a_cuts), _sentences(rewrite, b_cuts)
    if not o_spans or not r_spans:
        return
    result = word_diff(original, o_spans, rewrite, r_spans, timeout=0.5)
    assert list(result.kept) == _token_by_token_runs(original, o_spans, rewrite, r_spans)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*WORDS, "_x", "\n", "é", "“"]), max_size=40),
    st.lists(st.sampled_from([*WORDS, "_x", "\n", "é", "“"]), max_size=40),
)
def test_codes_given_at_once_are_those_given_token_by_token(a: list[str], b: list[str]) -> None:
    """Where every whitespace token is one space, the codes are given in one step; they are
    the codes, and the words, that the codec gives one token at a time."""
    a_tokens, b_tokens = (_TOKEN.findall("".join(side)) for side in (a, b))
    codec = _Codec()
    slow = codec.encode(a_tokens), codec.encode(b_tokens)
    plain = all(t == " " for t in a_tokens + b_tokens if t.isspace())
    a_codes, b_codes, fast = _encoded(a_tokens, b_tokens, plain)
    assert (a_codes, b_codes) == slow
    assert fast.words == codec.words
    assert fast.word_counts(a_codes or "")[-1] == len(re.findall(r"\w+", "".join(a)))
