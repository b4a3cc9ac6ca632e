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
_SPACES = re.compile(r"[ \t\u00a0]+")
_SENTENCE_END = re.compile(r"""[.!?:;…]["'”’»)\]]*$""")
_EDGE_LINES = 2  # how many lines at the top and at the bottom of a page may be furniture
_REPEAT_SHARE = 0.5  # a line is furniture when it repeats at an edge of more than half the pages
_FULL_LINE = 0.75  # a line this share of the usual width continues its paragraph


def clean_line(line: str) -> str:
    """NFKC undoes ligatures (ﬁ → fi); tabs and runs of spaces become one space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", line)).strip()


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


def _joins(line: str, following: str, width: int) -> str | None:
    """How ``line`` goes on into ``following``: "" glued, " " spaced, None a new paragraph."""
    if not following:
        return None
    if line.endswith("-") and len(line) > 1 and (line[-2].isalpha() or line[-2] == "."):
        # "eco-" + "nomic" is one hyphenated word; "U.S.-" + "China" keeps its hyphen.
        return ""
    if len(line) >= _FULL_LINE * width:
        return " "
    if following[0].islower() and not _SENTENCE_END.search(line):
        return " "
    return None


def reflow(lines: list[str], width: int) -> list[str]:
    """Join one page's printed lines into paragraphs."""
    paragraphs: list[str] = []
    current = ""
    for index, line in enumerate(lines):
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        current += line
        following = lines[index + 1] if index + 1 < len(lines) else ""
        glue = _joins(line, following, width)
        if glue is None:
            paragraphs.append(current)
            current = ""
        elif glue == "" and following[0].islower():
            current = current[:-1]  # drop the hyphen that split the word
        else:
            current += glue
    if current:
        paragraphs.append(current)
    return paragraphs


def _join_pages(pages: list[list[str]]) -> list[str]:
    """A paragraph runs on over a page break unless the page ended on a finished sentence."""
    paragraphs: list[str] = []
    for page in pages:
        if paragraphs and page:
            last, first = paragraphs[-1], page[0]
            if last.endswith("-") and first[0].islower():
                paragraphs[-1] = last[:-1] + first
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
    width = _usual_width([line for page in cleaned for line in page])
    return "\n\n".join(_join_pages([reflow(page, width) for page in cleaned]))
