"""Turn the per-page text pypdf gives into prose: no running headers, whole words, paragraphs.

pypdf returns one string per page with a line break at every printed line end, ligatures as
single characters and (for Qt-written files) tabs between words.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—(\[]?\s*\d{1,5}\s*[-–—)\]]?(?:\s*(?:of|/)\s*\d{1,5})?$", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Typographic ligatures (ﬁ, ﬂ, ﬃ ...): NFKC spells them out. The rest of NFKC is not applied, so
# superscript note marks, fractions and ellipses stay as the document prints them.
_LIGATURES = re.compile("[\ufb00-\ufb06]")
_SENTENCE_END = re.compile(r"""[.!?:;…]["'”’»)\]]*$""")
_EDGE_LINES = 2  # how many lines at the top and at the bottom of a page may be furniture
_REPEAT_SHARE = 0.5  # a line is furniture when it repeats at an edge of more than half the pages
_FULL_LINE = 0.75  # a line this share of the usual width continues its paragraph
_SOFT_HYPHEN = "\u00ad"  # marks where a typesetter broke a word: never part of the word
_EDGE_PUNCTUATION = ".,;:!?\"'“”‘’()[]{}"


def clean_line(line: str) -> str:
    """Ligatures spelled out (ﬁ → fi); tabs and runs of spaces become one space; soft hyphens
    go, except one that ends the line (it says the word goes on)."""
    line = _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), line)
    line = _SPACES.sub(" ", line).strip()
    return line[:-1].replace(_SOFT_HYPHEN, "") + line[-1:]


def _edge_key(line: str) -> str:
    """Lines that differ only in numbers (page 3, page 4) count as the same furniture."""
    return _DIGITS.sub("#", line.casefold())


def _repeated(edges: list[list[str]]) -> set[str]:
    """Keys of lines found in the same edge (all tops, or all bottoms) of most pages."""
    if len(edges) < 2:
        return set()
    counts = Counter(key for lines in edges for key in {_edge_key(line) for line in lines})
    threshold = max(2, int(len(edges) * _REPEAT_SHARE) + 1)
    return {key for key, n in counts.items() if n >= threshold}


def strip_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and lines that repeat at the top or bottom of most pages.

    Tops and bottoms are counted apart, so a line that runs over a page edge (written on both
    pages, as Qt does) is not taken for a running header.
    """
    furniture = _repeated([lines[:_EDGE_LINES] for lines in pages])
    furniture |= _repeated([lines[-_EDGE_LINES:] for lines in pages])
    cleaned = []
    for lines in pages:
        edge_positions = set(range(_EDGE_LINES)) | {len(lines) - 1 - i for i in range(_EDGE_LINES)}
        cleaned.append(
            [
                line
                for i, line in enumerate(lines)
                if i not in edge_positions
                or not (_PAGE_NUMBER.match(line) or _edge_key(line) in furniture)
            ]
        )
    return _drop_carried_lines(cleaned)


def _drop_carried_lines(pages: list[list[str]]) -> list[list[str]]:
    """A page that starts with the line the previous page ended on repeats it: keep one."""
    for previous, page in itertools.pairwise(pages):
        if previous and page and page[0] == previous[-1]:
            del page[0]
    return pages


def _usual_width(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if line)
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def vocabulary(lines: list[str]) -> frozenset[str]:
    """The word forms the document prints whole on a line, case-folded (hyphenated ones too)."""
    words: set[str] = set()
    for line in lines:
        tokens = line.split()
        if tokens and tokens[-1].endswith(("-", _SOFT_HYPHEN)):
            tokens.pop()  # a word broken at the line end is not a whole form
        words.update(token.strip(_EDGE_PUNCTUATION).casefold() for token in tokens)
    return frozenset(words)


def _split_word(line: str, following: str, words: frozenset[str]) -> str | None:
    """``line`` ready to be glued to ``following`` when a word breaks between them, else None.

    "eco-" + "nomic" loses its hyphen; "U.S.-" + "China" keeps it, and so does
    "President-" + "elect" when the document prints "President-elect" whole elsewhere.
    """
    if not following:
        return None
    if line.endswith(_SOFT_HYPHEN):
        return line[:-1]
    if not (line.endswith("-") and len(line) > 1 and (line[-2].isalpha() or line[-2] == ".")):
        return None
    if not following[0].islower():
        return line
    head = line.split()[-1][:-1].lstrip(_EDGE_PUNCTUATION)
    tail = following.split()[0].rstrip(_EDGE_PUNCTUATION)
    whole, hyphenated = (head + tail).casefold(), f"{head}-{tail}".casefold()
    return line if hyphenated in words and whole not in words else line[:-1]


def _continues(line: str, following: str, width: int) -> bool:
    """Whether the paragraph goes on after ``line``: it fills the width, or the next line
    carries on an unfinished sentence in lower case."""
    if not following:
        return False
    if len(line) >= _FULL_LINE * width:
        return True
    return following[0].islower() and not _SENTENCE_END.search(line)


def reflow(lines: list[str], width: int, words: frozenset[str]) -> list[str]:
    """Join one page's printed lines into paragraphs."""
    paragraphs: list[str] = []
    current = ""
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        glued = _split_word(line, following, words) if line else None
        if glued is not None:
            current += glued
        elif line and _continues(line, following, width):
            current += line + " "
        else:  # a line that ends its paragraph, or a blank line between paragraphs
            if current + line:
                paragraphs.append(current + line)
            current = ""
    if current:
        paragraphs.append(current.rstrip())
    return paragraphs


def _join_pages(pages: list[list[str]], words: frozenset[str]) -> list[str]:
    """A paragraph runs on over a page break unless the page ended on a finished sentence."""
    paragraphs: list[str] = []
    for page in pages:
        if paragraphs and page:
            last, first = paragraphs[-1], page[0]
            glued = _split_word(last, first, words)
            if glued is not None:
                paragraphs[-1] = glued + first
                page = page[1:]
            elif not _SENTENCE_END.search(last) or first[0].islower():
                paragraphs[-1] = f"{last} {first}"
                page = page[1:]
        paragraphs.extend(page)
    return paragraphs


def _page_lines(page: str) -> list[str]:
    lines = [clean_line(line) for line in page.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def pages_to_text(pages: list[str]) -> str:
    """The whole document's prose from pypdf's per-page strings."""
    cleaned = strip_furniture([_page_lines(page) for page in pages])
    lines = [line for page in cleaned for line in page]
    width, words = _usual_width(lines), vocabulary(lines)
    return "\n\n".join(_join_pages([reflow(page, width, words) for page in cleaned], words))
