"""The evidence an article keeps when it is retold: its content words, names and numbers.

A paraphrase rewrites phrasing, so exact word n-grams (what passim and most reuse detectors
index) do not survive it; the rare words, the names and the figures do. An article's evidence is
the *set* of its terms (how often a word recurs is style, not provenance), each hashed to a signed
64-bit integer so that postings are two integers and need no term-id lookup while indexing.

Terms carry a kind prefix, so the number 1945 and a word spelt ``1945`` never collide, and a name
counts both as a word and as a name: names are the evidence a rewrite is least able to change.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from retold.engine.normalize import STOPWORDS, stem

# A number (with thousands or decimal separators), or a word with inner apostrophes (any style).
_TOKEN = re.compile(r"(\d+(?:[.,]\d+)*)|([^\W\d_]+(?:['\u2019\u02bc][^\W\d_]+)*)")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})
_BEFORE_WORD = frozenset(" \t\"'([\u201c\u201d\u2018\u2019")  # skipped looking back for a stop
_SENTENCE_END = frozenset(".!?:\n")  # what may precede a capital that starts a sentence
MIN_WORD_LENGTH = 3  # "us", "go": too short to be evidence


def terms(text: str) -> frozenset[str]:
    """The distinct evidence terms of ``text``: ``w:stem``, ``n:name`` and ``#:number``."""
    found: set[str] = set()
    for match in _TOKEN.finditer(text):
        number, word = match.groups()
        if number is not None:
            found.add("#:" + number.replace(",", ""))
            continue
        term, name = _word_terms(word)
        if term is not None:
            found.add(term)
            if name is not None and not _starts_sentence(text, match.start()):
                found.add(name)
    return frozenset(found)


@lru_cache(maxsize=1 << 18)  # words repeat across an archive: work each out once
def _word_terms(word: str) -> tuple[str | None, str | None]:
    """A word's term (None for a stop word) and, if it is capitalised, its name term."""
    folded = word.casefold()
    if "\u2019" in folded or "\u02bc" in folded:
        folded = folded.translate(_APOSTROPHES)
    if len(folded) < MIN_WORD_LENGTH or folded in STOPWORDS:
        return None, None
    name = "n:" + folded.removesuffix("'s") if word[0].isupper() else None
    return "w:" + stem(folded), name


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence (its capital then says nothing)."""
    i = start - 1
    while i >= 0 and text[i] in _BEFORE_WORD:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


@lru_cache(maxsize=1 << 18)  # an archive's vocabulary repeats: hash each term once
def term_key(term: str) -> int:
    """A stable signed 64-bit key for a term (Python's ``hash`` changes between processes)."""
    digest = hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def term_keys(text: str) -> list[int]:
    """The hashed evidence of ``text``, sorted (so postings are inserted in key order)."""
    return sorted({term_key(term) for term in terms(text)})


_PROBE = (
    "On 4 March 2025, Janet Yellen's aides said the Treasury was \u201cwatching\u201d "
    "1,250 banks closely; stopped talks resumed in Geneva, imposing 3.5% tariffs."
)


def fingerprint() -> str:
    """Identifies the extractor: an index built with other terms cannot be queried with these.

    Hashes what the extractor makes of a probe sentence, so a change to the engine's stemmer or
    stop words (which this module reuses) is caught without anyone remembering to bump a number."""
    joined = "\n".join(sorted(terms(_PROBE)))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]
