"""Words the comparison view shows: where Next/Previous change went, what furniture is."""

from __future__ import annotations

from collections.abc import Sequence

from retold.engine.model import Comparison, Document, Link
from retold.report.rows import same_sentence


def step_message(stops: tuple[int, ...], link: int, forward: bool) -> str:
    """ "Change 3 of 12", and whether it is the last (or first), or that there is no other."""
    if not stops:
        return "No changes: the two texts are linked sentence for sentence, word for word."
    if link < 0:
        where, end = ("after", "last") if forward else ("before", "first")
        return f"No change {where} this one: that was the {end} of {len(stops)}."
    number = stops.index(link) + 1
    text = f"Change {number} of {len(stops)}"
    if forward and number == len(stops):
        text += ": the last change"
    elif not forward and number == 1:
        text += ": the first change"
    return text


def furniture_tooltip(document: Document, offset: int) -> str:
    """What a line of page furniture is, for the tooltip on it."""
    for sentence in document.sentences:
        if sentence.boilerplate and sentence.start <= offset < sentence.end:
            kind = sentence.furniture or "page furniture"
            return f"Page furniture: {kind}. Not compared, and left out of the figures."
    return ""


def clause_group(comparison: Comparison, links: Sequence[Link], link: int) -> range:
    """``link`` and the links of the other clauses of its sentence, when they are all added (or
    all removed): selecting one clause selects its whole sentence."""
    first = last = link
    original, rewrite = comparison.original, comparison.rewrite
    while first > 0 and same_sentence(original, rewrite, links[first - 1], links[first]):
        first -= 1
    while last + 1 < len(links) and same_sentence(original, rewrite, links[last], links[last + 1]):
        last += 1
    return range(first, last + 1)
