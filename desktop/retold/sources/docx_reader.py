"""Word documents: paragraphs and tables in document order, via python-docx."""

from __future__ import annotations

import io
from collections.abc import Iterator

import docx
from docx.document import Document as DocxDocument
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table
from docx.text.paragraph import Paragraph

from retold.sources.extracted import Extracted, clean_metadata, join_blocks
from retold.sources.model import ExtractionError
from retold.sources.zipsafety import check_xml_parts, open_zip

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _blocks(parent: BaseOxmlElement, document: DocxDocument) -> Iterator[str]:
    """Paragraphs as they come, each table as one block of rows (cells joined by " | ").

    Content controls (w:sdt, e.g. a cover page's title) hold paragraphs of their own.
    """
    for child in parent.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, document).text
        elif child.tag == f"{_W}tbl":
            yield _table_text(Table(child, document))
        elif child.tag == f"{_W}sdt":
            for content in child.iterchildren(f"{_W}sdtContent"):
                yield from _blocks(content, document)


def _table_text(table: Table) -> str:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if not cells or text != cells[-1]:  # merged cells repeat their text
                cells.append(text)
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def read_docx(data: bytes, label: str) -> Extracted:
    archive = open_zip(data, label)
    check_xml_parts(archive, label)
    try:
        document = docx.Document(io.BytesIO(data))
        text = join_blocks(list(_blocks(document.element.body, document)))
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
