"""Turn the bytes of a text file into text: pick the encoding, refuse binary data."""

from __future__ import annotations

import codecs
import re
import unicodedata

from retold.sources.utf16 import SAMPLE, unlike_code_page_text, utf16_without_bom

# Magic numbers of common binary formats that are never text, and what to call them.
_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a zip archive (Word and OpenDocument files are zip archives)",
    b"\x7fELF": "a program",
    b"MZ": "a Windows program",
    b"\xd0\xcf\x11\xe0": "an old-style Office file (.doc, .xls): save it as .docx",
    b"\x1f\x8b": "a gzip archive",
    b"BZh": "a bzip2 archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"\x00\x00\x01\x00": "an icon",
}
# cp1250's neighbours that charset-normalizer reports on a tie with cp1252.
_CP1252_RIVALS = frozenset({"cp1250", "cp1257", "iso8859_2", "iso8859_13", "mac_latin2", "cp857"})
# Detected names that already read the Latin-1 letters right: a Western guess would not improve.
_LATIN = frozenset({"cp1252", "latin_1", "iso8859_15"})
# Three bytes above ASCII in a row: a word of another script (or a CJK character), never the
# lone accent or curly quote of Western text.
_HIGH_RUN = re.compile(rb"[\x80-\xff]{3}")
_NEWLINES = re.compile(r"\r\n?")
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_CP1252_FALLBACK = "retold-cp1252-fallback"
_MIN_READABLE_SHARE = 0.95  # of characters, for text in mixed encodings
_MAX_CONTROL_SHARE = 0.05  # of characters decoded by a byte-order mark's encoding
_TEXT_CONTROLS = frozenset("\t\n\v\f\r\x1b")


def normalise_newlines(text: str) -> str:
    return _NEWLINES.sub("\n", text)


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces, and the mark's length."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return name, len(bom)
    return None


def binary_kind(data: bytes) -> str | None:
    """What a known binary format's magic number says the data is, e.g. "a PNG image"."""
    return next((kind for magic, kind in _BINARY_MAGIC.items() if data.startswith(magic)), None)


def looks_binary(data: bytes) -> bool:
    """True for data no text reader should try: known binary magic, or NULs or many control
    bytes that do not read as UTF-16 text.

    A magic number of letters ("MZ", "GIF8", "%PDF") may open a line of prose: it counts only
    with NULs or control bytes after it, which the files it announces have."""
    bom = _bom_encoding(data)
    if bom is not None:  # the mark names the encoding: binary if what it decodes is not text
        name, length = bom
        sample = data[length : length + 4 * SAMPLE].decode(name, errors="replace")
        return _control_share(sample) > _MAX_CONTROL_SHARE
    magic = next((m for m in _BINARY_MAGIC if data.startswith(m)), b"")
    if magic and not magic.decode("latin-1").isprintable():
        return True
    return utf16_without_bom(data) is None and unlike_code_page_text(data)


def bom_encoding(data: bytes) -> str | None:
    """The encoding the data's byte-order mark announces, if it has one."""
    bom = _bom_encoding(data)
    return None if bom is None else bom[0]


def _control_share(text: str) -> float:
    """The share of ``text`` that no writing holds: control characters (NULs above all) and
    bytes the encoding could not decode."""
    odd = sum(
        char == "\ufffd" or (unicodedata.category(char) == "Cc" and char not in _TEXT_CONTROLS)
        for char in text
    )
    return odd / max(len(text), 1)


def salvage_text(data: bytes) -> tuple[str, str] | None:
    """Text in mixed encodings, which looks binary only for its NUL bytes (a paragraph pasted
    as UTF-16 into a UTF-8 file): decoded with the NULs dropped, as (text, encoding).

    None where what is left still looks binary (random bytes keep their control bytes) or
    carries a binary format's magic number."""
    if binary_kind(data) is not None or bom_encoding(data) not in (None, "utf-8"):
        return None  # dropping NULs from UTF-16 or UTF-32 leaves no text
    stripped = data.replace(b"\x00", b"")
    if not stripped.strip() or unlike_code_page_text(stripped):
        return None
    # UTF-8 where the bytes are UTF-8, cp1252 for the bytes that are not: what mixed files hold.
    text = normalise_newlines(stripped.decode("utf-8", errors=_CP1252_FALLBACK))
    encoding = "utf-8 with some cp1252 bytes"
    sample = text[:SAMPLE]
    readable = sum(char.isprintable() or char.isspace() for char in sample)
    if readable < _MIN_READABLE_SHARE * len(sample):
        return None
    return text, encoding


def _odd_symbols(text: str) -> int:
    """Non-ASCII symbols sitting between letters: what a wrong single-byte code page leaves.

    A curly apostrophe (“it’s”) belongs there."""
    count = 0
    for before, char, after in zip(text, text[1:], text[2:], strict=False):
        if ord(char) > 0x7F and char != "’" and not char.isalpha():
            count += before.isalpha() and after.isalpha()
    return count


def _detect(data: bytes) -> str:
    """Guess a legacy encoding; Western text is taken as cp1252 when the detector hesitates.

    On a short text whose only non-ASCII bytes are curly quotes, charset-normalizer can name a
    DOS or CJK code page ("It’s" came out as Big5); such text, and a tie with cp1252's Central
    European neighbours, is read as cp1252 unless that leaves symbols inside words.
    """
    from charset_normalizer import from_bytes  # imported here: slow, and only legacy files need it

    best = from_bytes(data).best()
    name = "latin-1" if best is None else str(best.encoding)
    if name in _LATIN or (name not in _CP1252_RIVALS and _HIGH_RUN.search(data)):
        return name
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        return name
    if _odd_symbols(western) <= _odd_symbols(data.decode(name, errors="replace")):
        return "cp1252"
    return name


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode a byte that is not UTF-8 as cp1252 (latin-1 where cp1252 has a hole)."""
    assert isinstance(error, UnicodeDecodeError)
    byte = error.object[error.start : error.start + 1]
    try:
        return byte.decode("cp1252"), error.start + 1
    except UnicodeDecodeError:
        return byte.decode("latin-1"), error.start + 1


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def _mostly_utf8(data: bytes) -> bool:
    """A UTF-8 file with a few stray legacy bytes (pasted from another editor): it has more
    well-formed UTF-8 characters than bytes that break the rules."""
    sequences = _UTF8_SEQUENCE.findall(data)
    if not sequences:
        return False
    valid_bytes = sum(len(sequence) for sequence in sequences)
    high_bytes = sum(1 for byte in data if byte > 0x7F)
    return len(sequences) >= high_bytes - valid_bytes


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode file bytes to text with ``\\n`` newlines; returns (text, encoding name)."""
    bom = _bom_encoding(data)
    if bom is not None:
        name, length = bom
        text = data[length:].decode(name, errors="replace")
        return normalise_newlines(text), name + "-sig" if name == "utf-8" else name
    utf16 = utf16_without_bom(data)
    if utf16 is not None:  # checked first: its NULs or control bytes would pass for UTF-8
        return normalise_newlines(data.decode(utf16, errors="replace")), utf16
    try:
        return normalise_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        text = data.decode("utf-8", errors=_CP1252_FALLBACK)
        return normalise_newlines(text), "utf-8 with some cp1252 bytes"
    name = _detect(data)
    try:
        text = data.decode(name)
    except (UnicodeDecodeError, LookupError):
        name = "latin-1"
        text = data.decode(name)
    return normalise_newlines(text), name
