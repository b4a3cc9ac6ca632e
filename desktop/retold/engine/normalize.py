"""Text normalisation shared by the scorer, the kinds and the word diff.

Quote styles and whitespace are presentation, not content: the rewrite of an article often
swaps ’ for ' and reflows lines, and neither should count as a change.
"""

from __future__ import annotations

import re
from functools import lru_cache

_QUOTES = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′
        "\u02bc": "'",  # ʼ
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u2033": '"',  # ″
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
    }
)

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+(?:'\w+)*")

# Function words carry little evidence that two sentences say the same thing.
_STOPWORD_TEXT = """a an the and or but nor of to in on at by for from with as is are was were be
been being it its this that these those there their they them he she his her him we our us you your
i me my not no so if than then also has have had do does did will would can could may might
shall should must into over under about after before while which who whom whose what when where
why how all any some such more most other very just only own same too s t said says"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def normalize_quotes(text: str) -> str:
    """Map typographic quote marks to their ASCII forms."""
    return text.translate(_QUOTES)


def normalize_text(text: str) -> str:
    """Quotes to ASCII and runs of whitespace to one space, trimmed: the 'identical' test."""
    return _SPACE.sub(" ", normalize_quotes(text)).strip()


@lru_cache(maxsize=1 << 16)  # articles repeat their words: stem each once
def stem(word: str) -> str:
    """A light suffix stripper: enough to match 'talks'/'talk', 'imposed'/'imposing'."""
    w = word
    if w.endswith("'s"):
        w = w[:-2]
    n = len(w)
    if n > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif n > 4 and w.endswith("sses"):
        w = w[:-2]
    elif n > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    n = len(w)
    if n > 5 and w.endswith("ing"):
        w = w[:-3]
    elif (n > 4 and w.endswith("ed")) or (n > 5 and w.endswith("ly")):
        w = w[:-2]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # 'stopped' -> 'stopp' -> 'stop'
    return w


def words(text: str) -> list[str]:
    """Words of a text, quote-normalised and case-folded, apostrophes kept inside words."""
    return _WORD.findall(normalize_quotes(text).casefold())
