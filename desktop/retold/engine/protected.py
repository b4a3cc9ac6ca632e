"""Markdown links and images, bare URLs and e-mail addresses, found in linear time.

The segmenter must not end a sentence inside them, and the boilerplate rules recognise lines
made of nothing else. The obvious regex for a markdown link, ``!?\\[[^\\]\\n]*\\]\\([^)\\s]*\\)``,
rescans the rest of the line from every ``[`` when the closing ``)`` never comes ("[a](" a
hundred thousand times took 20 s). ``MarkdownLinks`` finds the same matches, remembering
where each run it scanned stopped, so that every character is scanned once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from retold.engine.model import Span

# Bare URLs, and e-mail addresses starting where a run of address characters starts: the
# address part cannot end in another "@", so a start inside the run would fail the same way
# after rescanning it (quadratic on a long run of letters followed by "@").
URL_OR_EMAIL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]'’”]|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
URL = re.compile(r"(?:https?://|www\.)\S+")
_LABEL_STOP = re.compile(r"[\]\n]")  # what ends the label of "[label](target)"
_TARGET_STOP = re.compile(r"[)\s]")  # ... and its target


class MarkdownLinks:
    """Leftmost matches of the link regex above in ``text[:end]``, in linear time."""

    def __init__(self, text: str, end: int) -> None:
        self.text = text
        self.end = end
        self._label = (-1, -1)  # last label scan: (from, stop); every start in between stops there
        self._target = (-1, -1)

    def _stop(self, pattern: re.Pattern[str], memo: tuple[int, int], at: int) -> tuple[int, int]:
        if memo[0] <= at <= memo[1]:
            return memo
        found = pattern.search(self.text, at, self.end)
        return (at, found.start() if found else self.end)

    def search(self, pos: int) -> Span | None:
        """The first link or image starting at or after ``pos``."""
        text = self.text
        p = text.find("[", pos, self.end)
        while p >= 0:
            self._label = self._stop(_LABEL_STOP, self._label, p + 1)
            q = self._label[1]
            if text.startswith("](", q, self.end):
                self._target = self._stop(_TARGET_STOP, self._target, q + 2)
                r = self._target[1]
                if r < self.end and text[r] == ")":
                    start = p - 1 if p > pos and text[p - 1] == "!" else p
                    return (start, r + 1)
            # Every "[" before the label's stop stops there too and fails the same way.
            p = text.find("[", max(p + 1, q), self.end)
        return None


Finder = Callable[[int], Span | None]


def _leftmost(finders: Sequence[Finder], start: int) -> Iterator[Span]:
    """What ``re.finditer`` over the finders' alternation gives: the leftmost match (the first
    finder's on a tie), then on from its end. A match found earlier stays the leftmost one
    while it starts at or after the new position, so no stretch is searched twice."""
    found = [find(start) for find in finders]
    while any(span is not None for span in found):
        span = min((s for s in found if s is not None), key=lambda s: s[0])
        yield span
        pos = span[1]
        found = [
            find(pos) if s is not None and s[0] < pos else s
            for find, s in zip(finders, found, strict=True)
        ]


def _regex(pattern: re.Pattern[str], text: str, end: int) -> Finder:
    def find(pos: int) -> Span | None:
        match = pattern.search(text, pos, end)
        return match.span() if match else None

    return find


def protected_spans(text: str, start: int, end: int) -> list[Span]:
    """Disjoint spans of links, images, URLs and e-mail addresses in ``text[start:end]``."""
    finders = [MarkdownLinks(text, end).search, _regex(URL_OR_EMAIL, text, end)]
    return list(_leftmost(finders, start))


def without_links(line: str) -> str:
    """The line with its markdown links, images and bare URLs taken out."""
    finders = [MarkdownLinks(line, len(line)).search, _regex(URL, line, len(line))]
    parts: list[str] = []
    pos = 0
    for start, end in _leftmost(finders, 0):
        parts.append(line[pos:start])
        pos = end
    parts.append(line[pos:])
    return "".join(parts)
