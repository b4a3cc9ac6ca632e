"""Word documents: paragraphs and tables in document order, via python-docx."""

from __future__ import annotations

import io
from collections.abc import Iterator

import docx
from docx.document import Document as DocxDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

from retold.sources.extracted import Extracted, clean_metadata, join_blocks
from retold.sources.model import ExtractionError
from retold.sources.zipsafety import check_xml_parts, open_zip

_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
_TBL = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tbl"


def _blocks(document: DocxDocument) -> Iterator[str]:
    """Body paragraphs as they come, each table as one block of rows (cells joined by " | ")."""
    for child in document.element.body.iterchildren():
        if child.tag == _P:
            yield Paragraph(child, document).text
        elif child.tag == _TBL:
            yield _table_text(Table(child, document))


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
        text = join_blocks(list(_blocks(document)))
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
