"""Word-level changes inside a link, as character spans into each side's text.

diff-match-patch in word mode: every distinct token (``\\w+|\\s+|[^\\w\\s]``) becomes one
character, the character strings are diffed, and the result is mapped back to offsets. The
diff is the C++ port of diff-match-patch (``fast_diff_match_patch``: the same algorithm, the
same semantic clean-up, the same results, five times faster on sentences); the Python original
runs where the C++ build cannot hold a code above U+FFFF (16-bit ``wchar_t``, Windows). Tokens
are normalised first (quote marks to ASCII, any whitespace to one class) so that quote style
and reflowed lines never show as changes.

Besides the changes, the diff gives the words kept as they were, as pairs of spans (one run on
each side), so that every word of a link can be traced to the words it became: a merged
sentence shows which part of it came from which original sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import fast_diff_match_patch
from diff_match_patch import diff_match_patch

from retold.engine.model import Change, ChangeKind, KeptRun, Span
from retold.engine.normalize import normalize_quotes

# A word or a punctuation mark: what the diff keeps or changes (whitespace is not a change).
WORD = re.compile(r"\w+|[^\w\s]")
_TOKEN = re.compile(rf"{WORD.pattern}|\s+")
_SURROGATES = range(0xD800, 0xE000)
_WORDS = re.compile(r"\w+")
_OPS = {"=": 0, "-": -1, "+": 1}
# One operation of a diff: 0 kept, -1 deleted, 1 inserted, and how many tokens it spans.
Op = tuple[int, int]


@dataclass(frozen=True, slots=True)
class _Piece:
    """A stretch of the concatenated group text and where it lives in the document."""

    joined_start: int
    doc_start: int
    length: int


@dataclass(frozen=True, slots=True)
class WordDiff:
    """The changes of one link and how much of each side's words they leave untouched."""

    changes: tuple[Change, ...]
    kept: tuple[KeptRun, ...]  # runs of words kept as they were, in order
    kept_original: float  # share of the original group's words outside any change
    kept_rewrite: float


class _Codec:
    """Maps normalised tokens to single characters, shared by both sides of one diff."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}

    def encode(self, tokens: Sequence[str]) -> str:
        out = []
        for token in tokens:
            key = " " if token.isspace() else normalize_quotes(token)
            code = self.codes.get(key)
            if code is None:
                n = len(self.codes) + 1
                code = chr(n + len(_SURROGATES) if n >= _SURROGATES.start else n)
                self.codes[key] = code
            out.append(code)
        return "".join(out)


def _join(text: str, spans: Sequence[Span]) -> tuple[str, list[_Piece]]:
    """The group's sentences read as one string, separated by a space."""
    parts: list[str] = []
    pieces: list[_Piece] = []
    at = 0
    for start, end in spans:
        if parts:
            parts.append(" ")
            at += 1
        pieces.append(_Piece(at, start, end - start))
        parts.append(text[start:end])
        at += end - start
    return "".join(parts), pieces


def word_diff(
    original_text: str,
    original_spans: Sequence[Span],
    rewrite_text: str,
    rewrite_spans: Sequence[Span],
    timeout: float,
) -> WordDiff:
    """Diff two groups of sentences word by word."""
    # Quote marks normalised before tokenising too ("donʼt" is one word, "don't" three), so
    # that both sides split alike; the normalisation keeps every offset.
    a, a_pieces = _join(original_text, original_spans)
    b, b_pieces = _join(rewrite_text, rewrite_spans)
    a, b = normalize_quotes(a), normalize_quotes(b)
    a_tokens, b_tokens = _TOKEN.findall(a), _TOKEN.findall(b)
    codec = _Codec()
    diffs = token_diff(codec.encode(a_tokens), codec.encode(b_tokens), timeout)
    raw = _raw_changes(diffs, a_tokens, b_tokens, a, b)
    changes: list[Change] = []
    for orig, rew in raw:
        changes.extend(_to_document(orig, a_pieces, rew, b_pieces))
    return WordDiff(
        tuple(changes),
        _kept_runs(diffs, a_tokens, b_tokens, a_pieces, b_pieces),
        _kept(a, [o for o, _ in raw if o]),
        _kept(b, [r for _, r in raw if r]),
    )


def token_diff(a: str, b: str, timeout: float) -> list[Op]:
    """diff-match-patch's diff of two code strings after its semantic clean-up, as lengths."""
    if fast_diff_match_patch.CHAR_WIDTH >= 4 or max(a + b, default="\0") < "\U00010000":
        found = fast_diff_match_patch.diff(
            a, b, timelimit=timeout, checklines=False, cleanup="Semantic"
        )
        return [(_OPS[op], n) for op, n in found]
    return python_token_diff(a, b, timeout)


def python_token_diff(a: str, b: str, timeout: float) -> list[Op]:
    """The same diff by the pure-Python diff-match-patch."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = timeout
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    return [(op, len(chunk)) for op, chunk in diffs]


def _raw_changes(
    diffs: list[Op],
    a_tokens: list[str],
    b_tokens: list[str],
    a: str,
    b: str,
) -> list[tuple[Span | None, Span | None]]:
    """Changes in joined-text offsets, whitespace trimmed, delete+insert merged to replace."""
    out: list[tuple[Span | None, Span | None]] = []
    ai = bi = 0  # token positions
    ac = bc = 0  # character positions
    pending_del: Span | None = None
    for op, n in diffs:
        if op == 0:
            _flush(out, pending_del, None)
            pending_del = None
            ac += sum(len(t) for t in a_tokens[ai : ai + n])
            bc += sum(len(t) for t in b_tokens[bi : bi + n])
            ai += n
            bi += n
        elif op == -1:
            length = sum(len(t) for t in a_tokens[ai : ai + n])
            _flush(out, pending_del, None)
            pending_del = _trim(a, ac, ac + length)
            ac += length
            ai += n
        else:
            length = sum(len(t) for t in b_tokens[bi : bi + n])
            _flush(out, pending_del, _trim(b, bc, bc + length))
            pending_del = None
            bc += length
            bi += n
    _flush(out, pending_del, None)
    return out


def _kept_runs(
    diffs: list[Op],
    a_tokens: list[str],
    b_tokens: list[str],
    a_pieces: list[_Piece],
    b_pieces: list[_Piece],
) -> tuple[KeptRun, ...]:
    """Runs of equal words, each contiguous on both sides (cut where a span of either ends:
    callers pass one span per sentence)."""
    runs: list[KeptRun] = []
    ai = bi = ac = bc = 0
    for op, n in diffs:
        current: tuple[_Piece, _Piece] | None = None  # a run never crosses a change
        for _ in range(n):
            a_len = len(a_tokens[ai]) if op != 1 else 0
            b_len = len(b_tokens[bi]) if op != -1 else 0
            if op == 0 and not a_tokens[ai].isspace():
                a_piece, b_piece = _piece_at(ac, a_pieces), _piece_at(bc, b_pieces)
                o = a_piece.doc_start + ac - a_piece.joined_start
                r = b_piece.doc_start + bc - b_piece.joined_start
                if current == (a_piece, b_piece):
                    (o_start, _), (r_start, _) = runs[-1]
                    runs[-1] = ((o_start, o + a_len), (r_start, r + b_len))
                else:
                    runs.append(((o, o + a_len), (r, r + b_len)))
                    current = (a_piece, b_piece)
            ac, bc = ac + a_len, bc + b_len
            ai, bi = ai + (op != 1), bi + (op != -1)
    return tuple(runs)


def _piece_at(position: int, pieces: list[_Piece]) -> _Piece:
    """The piece holding a joined offset of a word (words never sit on the joining spaces)."""
    for piece in pieces:
        if position < piece.joined_start + piece.length:
            return piece
    return pieces[-1]


def _flush(out: list[tuple[Span | None, Span | None]], orig: Span | None, rew: Span | None) -> None:
    if orig is not None or rew is not None:
        out.append((orig, rew))


def _trim(text: str, start: int, end: int) -> Span | None:
    """The span without its surrounding whitespace; None when nothing but whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _to_document(
    orig: Span | None, a_pieces: list[_Piece], rew: Span | None, b_pieces: list[_Piece]
) -> list[Change]:
    """Map joined offsets to document offsets; a change crossing sentences is cut in parts."""
    a_parts = _map(orig, a_pieces) if orig else []
    b_parts = _map(rew, b_pieces) if rew else []
    changes: list[Change] = []
    for k in range(max(len(a_parts), len(b_parts))):
        o = a_parts[k] if k < len(a_parts) else None
        r = b_parts[k] if k < len(b_parts) else None
        kind = ChangeKind.REPLACE if o and r else ChangeKind.DELETE if o else ChangeKind.INSERT
        changes.append(Change(kind, o, r))
    return changes


def _map(span: Span, pieces: list[_Piece]) -> list[Span]:
    out = []
    for p in pieces:
        lo = max(span[0], p.joined_start)
        hi = min(span[1], p.joined_start + p.length)
        if lo < hi:
            out.append((p.doc_start + lo - p.joined_start, p.doc_start + hi - p.joined_start))
    return out


def _kept(text: str, spans: list[Span]) -> float:
    """Share of the text's words that no change touches."""
    total = len(_WORDS.findall(text))
    if not total:
        return 1.0
    changed = sum(len(_WORDS.findall(text, s, e)) for s, e in spans)
    return 1.0 - changed / total
