"""Rich Text Format via striprtf."""

from __future__ import annotations

import re

from striprtf.striprtf import rtf_to_text

from retold.sources.encoding import normalise_newlines
from retold.sources.extracted import Extracted, join_blocks
from retold.sources.model import ExtractionError

_BLANK_LINES = re.compile(r"\n\s*\n")
_EMBEDDED = re.compile(r"\{(?:\\\*)?\\(?:pict|objdata)\b")
_BRACE = re.compile(r"(?<!\\)[{}]")


def drop_embedded(rtf: str) -> str:
    """Cut picture and object groups (megabytes of hex) before striprtf's slow regex pass."""
    parts = []
    position = 0
    while found := _EMBEDDED.search(rtf, position):
        parts.append(rtf[position : found.start()])
        depth, position = 0, len(rtf)
        for brace in _BRACE.finditer(rtf, found.start()):
            depth += 1 if brace.group() == "{" else -1
            if depth == 0:
                position = brace.end()
                break
    parts.append(rtf[position:])
    return "".join(parts)


def read_rtf(data: bytes, label: str) -> Extracted:
    if not data.lstrip().startswith(b"{\\rtf"):
        raise ExtractionError(f"{label} is not a Rich Text file (it does not start with {{\\rtf).")
    try:
        # RTF is 7-bit ASCII by definition; other characters are escaped inside it.
        text = rtf_to_text(drop_embedded(data.decode("latin-1")), errors="replace")  # type: ignore[no-untyped-call]
    except Exception as error:  # striprtf raises assorted errors on damaged input
        raise ExtractionError(f"{label} is damaged: its Rich Text cannot be read.") from error
    text = normalise_newlines(text)
    # striprtf ends each \par with a newline; a paragraph is a line here, a blank line between.
    lines = [line for block in _BLANK_LINES.split(text) for line in block.split("\n")]
    return Extracted(join_blocks(lines), None, {})
