"""Text normalisation shared by the scorer, the kinds and the word diff.

Quote styles and whitespace are presentation, not content: the rewrite of an article often
swaps ’ for ' and reflows lines, and neither should count as a change.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import Stemmer

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

# One class of marks per ASCII form: a substitution with a fixed string runs in C.
_QUOTE_MARKS = [
    (re.compile("[" + re.escape("".join(chr(k) for k, v in _QUOTES.items() if v == q)) + "]"), q)
    for q in ("'", '"')
]
_WORD = re.compile(r"\w+(?:'\w+)*")

# Function words carry little evidence that two sentences say the same thing.
_STOPWORD_TEXT = """a an the and or but nor of to in on at by for from with as is are was were be
been being it its this that these those there their they them he she his her him we our us you your
i me my not no so if than then also has have had do does did will would can could may might
shall should must into over under about after before while which who whom whose what when where
why how all any some such more most other very just only own same too s t said says"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_THREAD = threading.local()


def normalize_quotes(text: str) -> str:
    """Map typographic quote marks to their ASCII forms."""
    # The same as text.translate(_QUOTES), which looks up every character of a text that is
    # not all ASCII: most texts have a few quote marks or none.
    if text.isascii():
        return text.replace("`", "'") if "`" in text else text
    for marks, ascii_form in _QUOTE_MARKS:
        text = marks.sub(ascii_form, text)
    return text


def normalize_text(text: str) -> str:
    """Quotes to ASCII and runs of whitespace to one space, trimmed: the 'identical' test."""
    # str.split() splits on exactly the characters regex \s matches: no regex pass needed.
    return " ".join(normalize_quotes(text).split())


def stemmer_languages() -> frozenset[str]:
    """The languages ``stem`` knows (Snowball algorithm names)."""
    return frozenset(Stemmer.algorithms())


@lru_cache(maxsize=1 << 16)  # articles repeat their words: stem each once
def stem(word: str, language: str = "english") -> str:
    """The Snowball stem of a case-folded word: 'talks'/'talk', 'imposed'/'imposing'."""
    stemmed: str = _stemmer(language).stemWord(word)
    return stemmed


def stem_all(words: list[str], language: str = "english") -> list[str]:
    """The stems of many distinct words in one call (the same as ``stem`` of each)."""
    stemmed: list[str] = _stemmer(language).stemWords(words)
    return stemmed


def _stemmer(language: str) -> Stemmer.Stemmer:
    # A Snowball stemmer is not safe to share between threads: one per thread and language.
    stemmers: dict[str, Stemmer.Stemmer] = _THREAD.__dict__.setdefault("stemmers", {})
    found = stemmers.get(language)
    if found is None:
        found = stemmers[language] = Stemmer.Stemmer(language)
    return found


def words(text: str) -> list[str]:
    """Words of a text, quote-normalised and case-folded, apostrophes kept inside words."""
    return plain_words(normalize_quotes(text))


def plain_words(plain: str) -> list[str]:
    """``words`` of a text whose quotes are already normalised."""
    return _WORD.findall(plain.casefold())
