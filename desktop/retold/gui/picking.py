"""Which sentences a pane's selection (or caret) picks for Link and Unlink. Qt-free."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from retold.engine.model import Document
from retold.engine.navigate import SideIndex


def picked_sentences(document: Document, index: SideIndex, start: int, end: int) -> tuple[int, ...]:
    """The prose sentences that ``start``–``end`` touches; a caret (``start == end``) picks the
    sentence it is in, or the one before when it rests between two. Page furniture is never
    picked: it is in no link."""
    if start == end:
        at = index.sentence_at(start)
        chosen: range | list[int] = [at if at >= 0 else index.sentence_before(start)]
    else:
        first = bisect_right(index.ends, start)  # the first sentence ending after ``start``
        chosen = range(first, bisect_left(index.starts, end))
    return tuple(i for i in chosen if i >= 0 and not document.sentences[i].boilerplate)
