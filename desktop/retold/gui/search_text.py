"""A text made ready for Find: a case-folded copy made once, searched at each keystroke.

Qt-free. ``re.IGNORECASE`` over a book took a few milliseconds a letter and side, and lowering
the whole text per search several more. Here the copy is made once per text (on the worker,
with the comparison), the same length as the text so its offsets are the text's, and a needle of
ASCII characters is found in it with ``str.find``. Other needles go to the regular expression.
The matches are those of ``re.finditer(re.escape(needle), text, re.IGNORECASE)`` exactly.
"""

from __future__ import annotations

import re

from retold.engine.model import Span

# The characters other than A-Z that re.IGNORECASE matches to an ASCII letter, and that letter
# (found by trying every code point against a-z).
_TO_ASCII = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_FOLD = str.maketrans({**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}, **_TO_ASCII})


def ascii_folded(text: str) -> str:
    """``text`` with each character that matches an ASCII letter under ``re.IGNORECASE`` made
    that lower-case letter; as long as ``text``, every other character left as it is or made
    another character that is not ASCII."""
    if text.isascii():
        return text.lower()
    lowered = text.lower()  # fast, and it only makes one other character ASCII: K (Kelvin)
    if len(lowered) == len(text) and not any(c in text for c in "\u0130\u0131\u017f"):
        return lowered
    return text.translate(_FOLD)


class SearchText:
    """``text`` and its folded copy (made here: a few milliseconds for a book)."""

    __slots__ = ("folded", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = ascii_folded(text)

    def find(self, needle: str, match_case: bool, limit: int) -> list[Span]:
        """Code-point spans of ``needle``, left to right, not overlapping; at most one more
        than ``limit`` (so a caller can tell there are more)."""
        if not needle:
            return []
        if match_case:
            return _find_all(self.text, needle, limit)
        if needle.isascii():
            return _find_all(self.folded, needle.lower(), limit)
        spans = []
        for match in re.finditer(re.escape(needle), self.text, re.IGNORECASE):
            spans.append(match.span())
            if len(spans) > limit:
                break
        return spans


def _find_all(text: str, needle: str, limit: int) -> list[Span]:
    spans, size = [], len(needle)
    at = text.find(needle)
    while at >= 0:
        spans.append((at, at + size))
        if len(spans) > limit:
            break
        at = text.find(needle, at + size)
    return spans
