"""A table cell's text cut into paragraphs of bounded length, for Qt to lay out in linear time.

Qt lays out a paragraph in time that grows with the square of its longest unbreakable run (a
word of 400k characters took 14 s, of 5 MB hours), and draws a page by walking every line of
each paragraph it touches. A sentence longer than ``LIMIT`` is therefore given to Qt as several
paragraphs: cut after a space where there is one, so that no word is split and the text copies
out of the PDF as it was, else (a run with no space) through the run, never before a mark that
combines with the character before it. Sentences of ordinary length are left whole.
No Qt import here: plain strings in, plain strings out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from retold.report.rows import Piece

LIMIT = 2000  # characters in a paragraph given to Qt; a cut falls in its second half
SPACES = (" ", "\n", "\t", "\u00a0")
JOINERS = frozenset("\u200c\u200d")  # zero-width (non-)joiners belong with both neighbours


def cuts(text: str, limit: int = LIMIT) -> list[int]:
    """Where ``text`` is cut into paragraphs of at most ``limit`` characters (none if it fits)."""
    positions: list[int] = []
    start = 0
    while len(text) - start > limit:
        space = max(text.rfind(space, start + limit // 2, start + limit) for space in SPACES)
        cut = space + 1 if space >= 0 else _through_a_run(text, start + limit, start)
        positions.append(cut)
        start = cut
    return positions


def _through_a_run(text: str, cut: int, start: int) -> int:
    """``cut``, moved back off a combining mark or a joiner, so that a glyph stays whole."""
    while cut - 1 > start and (unicodedata.combining(text[cut]) or text[cut] in JOINERS):
        cut -= 1
    return cut


def split_pieces(pieces: Sequence[Piece], limit: int = LIMIT) -> list[list[Piece]]:
    """``pieces`` in paragraphs of at most ``limit`` characters, each piece keeping its mark."""
    text = "".join(piece.text for piece in pieces)
    blocks: list[list[Piece]] = [[]]
    edges = iter(cuts(text, limit))
    edge = next(edges, None)
    offset = 0  # where the current piece starts in ``text``
    for piece in pieces:
        rest, at = piece.text, offset
        while edge is not None and edge < at + len(rest):
            head, rest = rest[: edge - at], rest[edge - at :]
            if head:
                blocks[-1].append(Piece(head, piece.marked))
            blocks.append([])
            at, edge = edge, next(edges, None)
        if rest:
            blocks[-1].append(Piece(rest, piece.marked))
        offset += len(piece.text)
    return blocks
