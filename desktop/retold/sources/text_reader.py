"""Plain text files: decoded as they are, only newlines normalised."""

from __future__ import annotations

from retold.sources.encoding import decode_text
from retold.sources.extracted import Extracted


def read_text(data: bytes, label: str = "") -> Extracted:
    # A .txt holding HTML stays text: the user chose to give us the markup as it is.
    text, encoding = decode_text(data)
    return Extracted(text, encoding)
