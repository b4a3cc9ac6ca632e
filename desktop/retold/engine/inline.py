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
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, compress

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
    # The same characters but for whitespace (quote marks normalised): what an identical link
    # needs (whether the spacing agrees too is for ``normalize_text`` to tell).
    same_characters: bool = False


class _Codec:
    """Maps tokens (quote marks already normalised) to single characters, shared by both
    sides of one diff; every run of whitespace is one token. It also tells which codes stand
    for words."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}  # by token as written: any whitespace shares a code
        self.count = 0  # distinct codes given
        self.space: str | None = None
        self.words: set[str] = set()  # the codes of words (``\w+``)

    def encode(self, tokens: Sequence[str]) -> str | None:
        """The code string, or None when the tokens outnumber the code points."""
        codes = self.codes
        # New tokens get codes in order of appearance (whitespace at its first run).
        for token in dict.fromkeys(tokens):
            if token in codes:
                continue
            if token[0].isspace() and self.space is not None:
                codes[token] = self.space
                continue
            n = self.count = self.count + 1
            n += len(_SURROGATES) if n >= _SURROGATES.start else 0
            if n > sys.maxunicode:
                return None
            code = codes[token] = chr(n)
            if token[0].isspace():
                self.space = code
            elif _WORDS.match(token):
                self.words.add(code)
        return "".join(map(codes.__getitem__, tokens))

    def word_counts(self, codes: str) -> list[int]:
        """How many words come before each token, and (last) in all."""
        return list(accumulate(map(self.words.__contains__, codes), initial=0))


def _encoded(
    a_tokens: list[str], b_tokens: list[str], plain: bool
) -> tuple[str | None, str | None, _Codec]:
    """Both sides' code strings (``_Codec.encode`` of one, then the other) and their codec.
    ``plain`` says that every whitespace token is one space: then each distinct token is a
    code of its own, given in order of appearance without a step of Python per token."""
    codec = _Codec()
    order = dict.fromkeys(a_tokens + b_tokens)
    if not plain or len(order) >= _SURROGATES.start:
        return codec.encode(a_tokens), codec.encode(b_tokens), codec
    codes = dict(zip(order, map(chr, range(1, len(order) + 1)), strict=True))
    codec.codes, codec.count = codes, len(codes)
    codec.words = set(compress(codes.values(), map(_WORDS.match, order)))
    get = codes.__getitem__
    return "".join(map(get, a_tokens)), "".join(map(get, b_tokens)), codec


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
    # Whitespace but one space is not printable: most links have none, nor two spaces.
    plain = a.isprintable() and b.isprintable() and "  " not in a and "  " not in b
    a_codes, b_codes, codec = _encoded(a_tokens, b_tokens, plain)
    if a_codes is None or b_codes is None:  # over a million distinct words: all changed
        diffs = [(-1, len(a_tokens)), (1, len(b_tokens))]
        a_words, b_words = _word_counts(a_tokens), _word_counts(b_tokens)
    else:
        diffs = token_diff(a_codes, b_codes, timeout)
        a_words, b_words = codec.word_counts(a_codes), codec.word_counts(b_codes)
    # Where each token starts (and, one past the last, where the text ends).
    a_at = list(accumulate(map(len, a_tokens), initial=0))
    b_at = list(accumulate(map(len, b_tokens), initial=0))
    raw = _raw_changes(diffs, a_at, b_at, a, b)
    if len(a_pieces) == 1 == len(b_pieces):  # most links: a shift maps each change
        changes = _shifted(raw, a_pieces[0].doc_start, b_pieces[0].doc_start)
    else:
        changes = [c for o, r in raw for c in _to_document(o, a_pieces, r, b_pieces)]
    changed_a, changed_b = _changed_words(diffs, a_words, b_words)
    return WordDiff(
        tuple(changes),
        _kept_runs(diffs, a_tokens, a_at, b_at, a_pieces, b_pieces),
        _kept(a_words[-1], changed_a),
        _kept(b_words[-1], changed_b),
        "".join(a.split()) == "".join(b.split()),
    )


def token_diff(a: str, b: str, timeout: float) -> list[Op]:
    """diff-match-patch's diff of two code strings after its semantic clean-up, as lengths."""
    if a == b:  # all kept (or nothing at all): what diff-match-patch says, without asking it
        return [(0, len(a))] if a else []
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
    diffs: list[Op], a_at: list[int], b_at: list[int], a: str, b: str
) -> list[tuple[Span | None, Span | None]]:
    """Changes in joined-text offsets, whitespace trimmed, delete+insert merged to replace."""
    out: list[tuple[Span | None, Span | None]] = []
    ai = bi = 0  # token positions
    pending_del: Span | None = None
    for op, n in diffs:
        if op == 0:
            _flush(out, pending_del, None)
            pending_del = None
            ai += n
            bi += n
        elif op == -1:
            _flush(out, pending_del, None)
            pending_del = _trim(a, a_at[ai], a_at[ai + n])
            ai += n
        else:
            _flush(out, pending_del, _trim(b, b_at[bi], b_at[bi + n]))
            pending_del = None
            bi += n
    _flush(out, pending_del, None)
    return out


def _kept_runs(
    diffs: list[Op],
    a_tokens: list[str],
    a_at: list[int],
    b_at: list[int],
    a_pieces: list[_Piece],
    b_pieces: list[_Piece],
) -> tuple[KeptRun, ...]:
    """Runs of equal words, each contiguous on both sides (cut where a span of either ends:
    callers pass one span per sentence).

    A run never crosses a change, nor the space joining two pieces on either side: within an
    equal stretch, the runs lie between those joins and go from their first word to their
    last (whitespace tokens never stand next to each other, so these are at most one token in
    from either end)."""
    if len(a_pieces) == 1 == len(b_pieces):
        return _kept_runs_of_one(diffs, a_tokens, a_at, b_at, a_pieces[0], b_pieces[0])
    runs: list[KeptRun] = []
    a_side, b_side = _Side(a_pieces, a_at), _Side(b_pieces, b_at)
    ai = bi = 0
    for op, n in diffs:
        if op != 0:
            ai, bi = (ai + n, bi) if op == -1 else (ai, bi + n)
            continue
        cuts = sorted({*a_side.joins(ai, ai + n), *b_side.joins(bi, bi + n), n})
        k0 = 0
        for k1 in cuts:  # tokens k0..k1-1 of the stretch, then the join at k1 (or its end)
            first = k0 + a_tokens[ai + k0][0].isspace() if k0 < k1 else k1
            last = k1 - 1 - (a_tokens[ai + k1 - 1][0].isspace() if k1 > k0 else 0)
            if first <= last:
                runs.append(
                    (a_side.span(ai + first, ai + last), b_side.span(bi + first, bi + last))
                )
            k0 = k1 + 1
        ai, bi = ai + n, bi + n
    return tuple(runs)


def _kept_runs_of_one(
    diffs: list[Op],
    a_tokens: list[str],
    a_at: list[int],
    b_at: list[int],
    a_piece: _Piece,
    b_piece: _Piece,
) -> tuple[KeptRun, ...]:
    """``_kept_runs`` where each side is one piece (most links): no join cuts a stretch, so
    each equal stretch is one run, from its first word to its last."""
    runs: list[KeptRun] = []
    a_shift = a_piece.doc_start - a_piece.joined_start
    b_shift = b_piece.doc_start - b_piece.joined_start
    ai = bi = 0
    for op, n in diffs:
        if op == 0 and n:
            first = a_tokens[ai][0].isspace()
            last = n - 1 - a_tokens[ai + n - 1][0].isspace()
            if first <= last:
                o = (a_at[ai + first] + a_shift, a_at[ai + last + 1] + a_shift)
                runs.append((o, (b_at[bi + first] + b_shift, b_at[bi + last + 1] + b_shift)))
        if op != 1:
            ai += n
        if op != -1:
            bi += n
    return tuple(runs)


class _Side:
    """One side of a diff: where its tokens sit in the document, and which of them hold the
    space that joins two of its pieces."""

    def __init__(self, pieces: list[_Piece], at: list[int]) -> None:
        self.pieces = pieces
        self.at = at
        self.starts = [p.joined_start for p in pieces]
        # The token holding each joining space (one before every piece but the first).
        self.join_tokens = [bisect_right(at, p.joined_start - 1) - 1 for p in pieces[1:]]

    def joins(self, start: int, end: int) -> list[int]:
        """The joining tokens among tokens ``start``..``end - 1``, counted from ``start``."""
        tokens = self.join_tokens
        lo, hi = bisect_left(tokens, start), bisect_left(tokens, end)
        return [t - start for t in tokens[lo:hi]]

    def span(self, first: int, last: int) -> Span:
        """Document span from the start of token ``first`` to the end of token ``last``, both
        words of one piece."""
        start = self.at[first]
        piece = self.pieces[bisect_right(self.starts, start) - 1]
        shift = piece.doc_start - piece.joined_start
        return (start + shift, self.at[last + 1] + shift)


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


def _shifted(raw: list[tuple[Span | None, Span | None]], a_at: int, b_at: int) -> list[Change]:
    """``_to_document`` of each change where each side is one piece, starting at ``a_at`` and
    ``b_at`` in its document."""
    changes = []
    for o, r in raw:
        kind = ChangeKind.REPLACE if o and r else ChangeKind.DELETE if o else ChangeKind.INSERT
        o = (o[0] + a_at, o[1] + a_at) if o else None
        changes.append(Change(kind, o, (r[0] + b_at, r[1] + b_at) if r else None))
    return changes


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


def _word_counts(tokens: Sequence[str]) -> list[int]:
    """How many words come before each token, and (last) in all."""
    return list(accumulate((_WORDS.match(t) is not None for t in tokens), initial=0))


def _changed_words(diffs: list[Op], a_words: list[int], b_words: list[int]) -> tuple[int, int]:
    """The words of each side that the diff deletes or inserts: those a change covers (a
    change is its operation's tokens, trimmed of whitespace, and words are whole tokens)."""
    ai = bi = changed_a = changed_b = 0
    for op, n in diffs:
        if op != 1:
            if op == -1:
                changed_a += a_words[ai + n] - a_words[ai]
            ai += n
        if op != -1:
            if op == 1:
                changed_b += b_words[bi + n] - b_words[bi]
            bi += n
    return changed_a, changed_b


def _kept(total: int, changed: int) -> float:
    """Share of a side's words that no change touches."""
    if not total:
        return 1.0
    return 1.0 - changed / total
