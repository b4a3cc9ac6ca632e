"""Word documents: paragraphs and tables in document order, via python-docx.

The text is read from the XML ourselves, because python-docx's ``Paragraph.text`` leaves out
tracked insertions, inline content controls and fields: words a reader of the document sees.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import docx
from docx.oxml.xmlchemy import BaseOxmlElement

from retold.sources.extracted import Extracted, clean_metadata, join_blocks
from retold.sources.model import ExtractionError
from retold.sources.zipsafety import check_xml_parts, open_zip

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TEXT_TAGS = (f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen")
# Text boxes are pull quotes and sidebars (often a copy of the article's words); deleted text
# and drawing fallbacks are not what the reader sees.
_HIDDEN = frozenset({f"{_W}txbxContent", f"{_W}del", f"{_MC}Fallback"})


def _is_hidden(element: BaseOxmlElement, paragraph: BaseOxmlElement) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is paragraph:
            return False
        if ancestor.tag in _HIDDEN:
            return True
    return False


def _paragraph_text(paragraph: BaseOxmlElement) -> str:
    parts = []
    for element in paragraph.iter(*_TEXT_TAGS):
        if _is_hidden(element, paragraph):
            continue
        if element.tag == f"{_W}t":
            parts.append(element.text or "")
        elif element.tag == f"{_W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\t" if element.tag == f"{_W}tab" else "\n")
    return "".join(parts)


def _table_text(table: BaseOxmlElement) -> str:
    """One line a row, cells joined by " | "; a cell's own paragraphs and tables run together."""
    rows = []
    for row in table.iterchildren(f"{_W}tr"):
        cells = [" ".join(" ".join(_blocks(cell)).split()) for cell in row.iterchildren(f"{_W}tc")]
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def _blocks(parent: BaseOxmlElement) -> Iterator[str]:
    """Paragraphs and tables as they come; content controls (w:sdt, e.g. a cover page's
    title) and tracked insertions at block level hold paragraphs of their own."""
    for child in parent.iterchildren():
        if child.tag == f"{_W}p":
            yield _paragraph_text(child)
        elif child.tag == f"{_W}tbl":
            yield _table_text(child)
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}ins", f"{_W}customXml"):
            yield from _blocks(child)


def read_docx(data: bytes, label: str) -> Extracted:
    archive = open_zip(data, label)
    check_xml_parts(archive, label)
    try:
        document = docx.Document(io.BytesIO(data))
        text = join_blocks(list(_blocks(document.element.body)))
        core = document.core_properties
        metadata = clean_metadata(
            {
                "title": core.title,
                "author": core.author,
                "date": core.created.isoformat() if core.created else None,
            }
        )
    except ExtractionError:
        raise
    except Exception as error:  # python-docx raises many kinds on damaged files
        raise ExtractionError(f"{label} is damaged or is not a Word document.") from error
    return Extracted(text, None, metadata)
