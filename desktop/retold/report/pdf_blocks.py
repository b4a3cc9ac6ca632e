"""A table cell's text cut into paragraphs of bounded length, for Qt to lay out in linear time.

Qt lays out a paragraph in time that grows with the square of its longest run without a space
(a word of 400k characters took 14 s, of 5 MB hours), and draws a page by walking the lines of
each paragraph it touches. So a run longer than ``RUN`` characters is cut through every ``RUN``
characters (never before a mark that combines with the character before it), and a sentence
longer than ``LIMIT`` is given to Qt as several paragraphs, cut after a space: no word is split
and the text copies out of the PDF as it was. Each cut starts a new line, so they are rare:
sentences of ordinary length are left whole.
No Qt import here: plain strings in, plain strings out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from retold.report.rows import Piece

LIMIT = 20_000  # characters in a paragraph given to Qt; a cut after a space in its second half
RUN = 2_000  # characters of a run without a space (a word, a hash, a URL) in one paragraph
SPACES = (" ", "\n", "\t")  # where Qt may break a line (a no-break space is not one)
JOINERS = frozenset("\u200c\u200d")  # zero-width (non-)joiners belong with both neighbours


def cuts(text: str, limit: int = LIMIT, run: int = RUN) -> list[int]:
    """Where ``text`` is cut into paragraphs: each at most ``limit`` characters long, and no
    run without a space in it longer than ``run`` (none if it fits)."""
    positions: list[int] = []
    start = 0
    for edge in [*_through_runs(text, run), len(text)]:
        while edge - start > limit:  # a long stretch with spaces: cut after one
            space = max(text.rfind(space, start + limit // 2, start + limit) for space in SPACES)
            start = space + 1 if space >= 0 else _off_a_mark(text, start + limit, start)
            positions.append(start)
        if edge < len(text):
            positions.append(edge)
            start = edge
    return positions


def _through_runs(text: str, run: int) -> list[int]:
    """Cuts every ``run`` characters through each run without a space that is longer."""
    edges = []
    for match in re.finditer(rf"[^ \n\t]{{{run + 1},}}", text):
        start = match.start()
        while match.end() - start > run:
            start = _off_a_mark(text, start + run, start)
            edges.append(start)
    return edges


def _off_a_mark(text: str, cut: int, start: int) -> int:
    """``cut``, moved back off a combining mark or a joiner, so that a glyph stays whole."""
    while cut - 1 > start and (unicodedata.combining(text[cut]) or text[cut] in JOINERS):
        cut -= 1
    return cut


def split_pieces(pieces: Sequence[Piece], limit: int = LIMIT, run: int = RUN) -> list[list[Piece]]:
    """``pieces`` in the paragraphs of ``cuts``, each piece keeping its mark."""
    text = "".join(piece.text for piece in pieces)
    blocks: list[list[Piece]] = [[]]
    edges = iter(cuts(text, limit, run))
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
