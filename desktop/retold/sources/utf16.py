"""UTF-16 without a byte-order mark, told apart from binary data and from legacy code pages.

Notepad and other Windows tools can write UTF-16 without a mark. Latin text then has a NUL in
every other byte; Greek, Cyrillic or Chinese text has NULs only where it has spaces, digits or
line breaks, and sometimes none. So both byte orders are decoded strictly and a reading counts
as text only when it looks like writing: mostly letters and digits, with no control characters
and no unassigned or private-use code points (which random or binary bytes soon produce). Where
both orders read as text, the one whose spaces and punctuation are not byte-swapped wins.
"""

from __future__ import annotations

import codecs
import string
import unicodedata
from collections import Counter

SAMPLE = 8192
# Control bytes that text in a code page holds only by accident (a DOS end-of-file mark): all
# but tab, newline, vertical tab, form feed, carriage return and escape.
_CONTROL_BYTES = bytes(sorted(set(range(0x20)) - set(b"\t\n\v\f\r\x1b")))
_MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset("\t\n\v\f\r")
_MAX_UNASSIGNED_SHARE = 0.005  # characters newer than Python's Unicode tables, in long text
_MIN_WORD_SHARE = 0.5  # letters, marks and digits among the characters that are not spaces
# ... or, for text of symbols and digits, this share in two blocks of 256 code points (ASCII
# and Latin-1 are one: a NUL in every other byte)
_MIN_BLOCK_SHARE = 0.9
_SPACING = frozenset(string.whitespace + string.punctuation)
_ORDERS = ("utf-16-le", "utf-16-be")  # on a tie, little-endian: what Windows writes


def _category(char: str) -> str:
    """The Unicode category, with tab and line breaks as spaces and an unknown character outside
    the first plane (an emoji newer than Python's tables) as a symbol."""
    if char in _TEXT_CONTROLS:
        return "Zs"
    category = unicodedata.category(char)
    return "So" if category in ("Cn", "Co") and char > "\uffff" else category


def _reads_as_text(text: str) -> bool:
    """Mostly letters and digits (or characters of one script), no control character, hardly an
    unassigned or private-use one."""
    categories = Counter(map(_category, text))
    if not text or categories["Cc"]:
        return False
    if categories["Cn"] + categories["Co"] > len(text) * _MAX_UNASSIGNED_SHARE:
        return False
    visible = len(text) - sum(n for category, n in categories.items() if category[0] == "Z")
    words = sum(n for category, n in categories.items() if category[0] in "LMN")
    blocks = Counter(ord(char) >> 8 for char in text).most_common(2)
    one_script = sum(n for _, n in blocks) >= _MIN_BLOCK_SHARE * len(text)
    return words >= _MIN_WORD_SHARE * visible or one_script


def _reading(data: bytes, name: str) -> str | None:
    """The sample decoded strictly; a surrogate pair cut by the sample's end is left out."""
    try:
        decoder = codecs.getincrementaldecoder(name)("strict")
        return decoder.decode(data[:SAMPLE], final=len(data) <= SAMPLE)
    except UnicodeDecodeError:
        return None


def _order_score(text: str) -> tuple[int, int, int]:
    """How right this byte order looks, best highest: few characters that are an ASCII space or
    punctuation mark with its bytes swapped (U+2000 for a space, U+2E00 for a full stop), many
    characters below U+0100 (a NUL in the high byte), few blocks of 256 code points (Greek keeps
    to two or three, its bytes swapped spread over dozens)."""
    swapped = sum(1 for char in text if ord(char) & 0xFF == 0 and chr(ord(char) >> 8) in _SPACING)
    latin = sum(1 for char in text if char < "\u0100")
    return -swapped, latin, -len({ord(char) >> 8 for char in text})


def unlike_code_page_text(data: bytes) -> bool:
    """Whether the bytes hold what text in a code page (8-bit, or Chinese and Japanese ones) does
    not: a NUL, or control bytes in more than one byte in twenty."""
    sample = data[:SAMPLE]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _MAX_CONTROL_SHARE * len(sample)


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``data`` reads as text in that byte order.

    Only bytes unlike code-page text are tried: a GBK or Shift JIS text with a stray control byte
    can read as plausible Korean in UTF-16, and stays with the code-page detector. So do 7-bit
    bytes without a NUL: ISO-2022 Korean or Japanese, whose shift bytes are controls."""
    sample = data[:SAMPLE]
    if len(data) % 2 or not unlike_code_page_text(sample):
        return None
    if b"\x00" not in sample and max(sample) < 0x80:
        return None
    readings = {name: _reading(data, name) for name in _ORDERS}
    texts = {name: text for name, text in readings.items() if text and _reads_as_text(text)}
    return max(texts, key=lambda name: _order_score(texts[name]), default=None)
