"""Article text out of a saved web page, without navigation, comments, scripts or images.

trafilatura is given a string, so it never fetches anything; when it finds no article we fall
back to the paragraphs and headings the page has.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

import trafilatura

from retold.sources.budget import ReadBudget, ReadLimits, count_start_tags
from retold.sources.encoding import decode_text, normalise_newlines
from retold.sources.extracted import Extracted, clean_metadata, join_blocks

# trafilatura and its helpers log on odd pages; keep that off stderr unless the app logs.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Labels that browsers read as windows-1252 (the WHATWG Encoding Standard): pages that declare
# ISO-8859-1 or ASCII are full of cp1252's curly quotes and dashes.
_WINDOWS_1252 = frozenset(
    {"windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1"}
    | {"l1", "cp819", "ibm819", "iso-ir-100", "csisolatin1", "ascii", "us-ascii"}
)
# Charsets a <meta> cannot truthfully declare: a page whose meta reads as ASCII is not in them
# (browsers read such a page as UTF-8, by the WHATWG rule); its bytes decide instead.
_WIDE = ("utf-16", "utf-32", "ucs-2", "ucs-4", "unicode")
# Above this many elements the article finder takes many seconds (0.15 ms an element), and the
# page is read as its paragraphs and headings only.
_MAX_ARTICLE_ELEMENTS = 50_000
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"})
_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form"}
)


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode with the charset the page declares, else detect it like plain text."""
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii").lower()
        if name in _WINDOWS_1252:
            name = "windows-1252"
        try:
            if not name.replace("_", "-").startswith(_WIDE):
                return normalise_newlines(data.decode(name)), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)


class _BlockParser(HTMLParser):
    """Collect the text of paragraph-like elements outside scripts and page furniture."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] | None = None
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip_depth += 1
        elif tag in _BLOCKS and not self._skip_depth:
            self._flush()
            self._current = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._current is not None and not self._skip_depth:
            self._current.append(data)

    def _flush(self) -> None:
        if self._current is not None:
            self.blocks.append(" ".join("".join(self._current).split()))
        self._current = None

    def close(self) -> None:
        super().close()
        self._flush()


def fallback_text(html: str) -> str:
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    return join_blocks(parser.blocks)


def read_html(data: bytes, label: str = "") -> Extracted:
    budget = ReadBudget(label, ReadLimits(max_elements=500_000))
    count_start_tags(data, budget)
    html, encoding = decode_html(data)
    if budget.elements > _MAX_ARTICLE_ELEMENTS:
        return Extracted(fallback_text(html), encoding)
    document = trafilatura.bare_extraction(
        html,
        favor_precision=True,
        include_comments=False,
        include_tables=True,  # some sites lay articles out in tables; stray rows the engine flags
        include_images=False,
        include_links=False,
        with_metadata=True,
        # Only a date the page states: no guessing from a copyright line or the file.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = ""
    metadata: dict[str, str] = {}
    if document is not None and not isinstance(document, dict):
        # trafilatura's text output puts one paragraph per line: make them blank-line separated.
        text = join_blocks((document.text or "").split("\n"))
        metadata = clean_metadata(
            {"title": document.title, "author": document.author, "date": document.date}
        )
    if not text:
        text = fallback_text(html)
    return Extracted(text, encoding, metadata)
