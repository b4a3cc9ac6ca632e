"""BERT's uncased WordPiece tokenizer, as all-MiniLM-L6-v2 was trained with it.

Basic tokenization (clean control characters, space out CJK ideographs, lower-case, strip
accents, split off punctuation) and then greedy longest-match-first word pieces. Written here
because it is short and the `tokenizers` wheel alone would add 12 MB; a test checks it against
the reference token ids.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

_MAX_WORD = 100  # longer words become [UNK], as in BERT
_CACHED_WORDS = 200_000  # a book has some 30,000 distinct words
# ASCII text, the common case, in one pass: control characters other than tab and newlines
# go (BERT removes them; \x0b, \x0c and \x1c-\x1f are not its whitespace), and every
# character that is not a letter, digit or space is a word of its own.
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ASCII_TOKEN = re.compile(r"[a-z0-9]+|[^ \t\n\ra-z0-9]")


class WordPiece:
    """Text to token ids with a fixed vocabulary (one piece a line, id = line number)."""

    def __init__(self, vocabulary: Sequence[str], max_tokens: int = 256) -> None:
        self._ids = {piece: k for k, piece in enumerate(vocabulary)}
        self.unk = self._ids["[UNK]"]
        self.cls = self._ids["[CLS]"]
        self.sep = self._ids["[SEP]"]
        self.pad = self._ids["[PAD]"]
        self.max_tokens = max_tokens
        self._cache: dict[str, list[int]] = {}

    def encode(self, text: str) -> list[int]:
        """[CLS] pieces [SEP], cut to ``max_tokens`` as sentence-transformers cuts them."""
        ids: list[int] = []
        room = self.max_tokens - 2
        cache = self._cache
        for word in basic_tokens(text):
            pieces = cache.get(word)
            if pieces is None:
                if len(cache) >= _CACHED_WORDS:
                    cache.clear()
                pieces = cache[word] = self._pieces(word)
            ids.extend(pieces)
            if len(ids) >= room:
                del ids[room:]
                break
        return [self.cls, *ids, self.sep]

    def _pieces(self, word: str) -> list[int]:
        if len(word) > _MAX_WORD:
            return [self.unk]
        out: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = -1
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self._ids.get(piece, -1)
                if found >= 0:
                    break
                end -= 1
            if found < 0:
                return [self.unk]  # one unknown piece makes the whole word unknown
            out.append(found)
            start = end
        return out


def basic_tokens(text: str) -> list[str]:
    """Lower-cased, accent-free words and punctuation marks, in order."""
    if text.isascii():
        return _ASCII_TOKEN.findall(_ASCII_CONTROL.sub("", text).lower())
    return unicode_tokens(text)


def unicode_tokens(text: str) -> list[str]:
    """``basic_tokens`` for any text, a character at a time, as BERT's tokenizer does it."""
    spaced: list[str] = []
    for char in text:
        kind = _kind(char)
        if kind == _KEEP:
            spaced.append(char)
        elif kind == _SPACE:
            spaced.append(" ")
        elif kind == _CJK:
            spaced.append(f" {char} ")
    tokens: list[str] = []
    for word in "".join(spaced).split():
        tokens.extend(_word_tokens(word))
    return tokens


_KEEP, _DROP, _SPACE, _CJK = range(4)


@functools.lru_cache(maxsize=1 << 14)
def _kind(char: str) -> int:
    """What BERT's text cleaning does with a character (a book has a few hundred distinct)."""
    code = ord(char)
    if code == 0 or code == 0xFFFD or _is_control(char):
        return _DROP
    if _is_whitespace(char):
        return _SPACE
    return _CJK if _is_cjk(code) else _KEEP


@functools.lru_cache(maxsize=1 << 16)
def _word_tokens(word: str) -> tuple[str, ...]:
    """A word lower-cased, without accents, its punctuation marks split off."""
    plain = "".join(
        c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn"
    )
    tokens: list[str] = []
    current: list[str] = []
    for char in plain:
        if _is_punctuation(char):
            if current:
                tokens.append("".join(current))
                current = []
            tokens.append(char)
        else:
            current.append(char)
    if current:
        tokens.append("".join(current))
    return tuple(tokens)


def _is_whitespace(char: str) -> bool:
    return char in " \t\n\r" or unicodedata.category(char) == "Zs"


def _is_control(char: str) -> bool:
    return char not in "\t\n\r" and unicodedata.category(char).startswith("C")


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True  # BERT counts every ASCII non-letter, non-digit as punctuation ($, ^, `)
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2B73F
        or 0x2B740 <= code <= 0x2B81F
        or 0x2B820 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )
