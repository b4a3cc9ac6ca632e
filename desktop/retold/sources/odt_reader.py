"""OpenDocument text (.odt): headings, paragraphs, lists and tables from content.xml."""

from __future__ import annotations

import io
from collections.abc import Iterator
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from retold.sources.budget import ReadBudget
from retold.sources.extracted import Extracted, clean_metadata, join_blocks
from retold.sources.model import ExtractionError
from retold.sources.zipsafety import ZipLimits, check_xml_parts, open_zip, read_member

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
# Notes, comments, deleted text kept for change tracking, and text boxes (pull quotes that
# repeat the article's words) are not part of the running text.
_SKIPPED = {
    f"{_TEXT}note",
    f"{_OFFICE}annotation",
    f"{_TEXT}tracked-changes",
    f"{_DRAW}text-box",
}


def _spaces(element: Element, budget: ReadBudget) -> str:
    """``<text:s text:c="n"/>``: n spaces, paid for before they are made (a billion of them
    took 8 GB)."""
    count = element.get(f"{_TEXT}c", "1")
    number = int(count) if count.isdigit() and len(count) < 12 else budget.limits.max_chars + 1
    budget.spend_chars(number)
    return " " * number


def _inline_text(element: Element, budget: ReadBudget) -> str:
    """The text of a paragraph, with ODF's space, tab and line-break elements expanded."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{_TEXT}s":
            parts.append(_spaces(child, budget))
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        elif child.tag not in _SKIPPED:
            parts.append(_inline_text(child, budget))
        parts.append(child.tail or "")
    return "".join(parts)


def _table_rows(table: Element, budget: ReadBudget) -> str:
    rows = []
    for row in table.iter(f"{_TABLE}table-row"):
        cells = [
            " ".join(" ".join(_inline_text(p, budget) for p in cell.iter(f"{_TEXT}p")).split())
            for cell in row.findall(f"{_TABLE}table-cell")
        ]
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def _blocks(element: Element, budget: ReadBudget) -> Iterator[str]:
    for child in element:
        if child.tag in (f"{_TEXT}p", f"{_TEXT}h"):
            yield _inline_text(child, budget)
        elif child.tag == f"{_TABLE}table":
            yield _table_rows(child, budget)
        elif child.tag not in _SKIPPED:  # sections, lists, list items, frames
            yield from _blocks(child, budget)


def _parse(data: bytes, label: str, part: str, budget: ReadBudget) -> Element:
    """The part's tree, its elements, attributes and depth counted as the parser goes."""
    depth = 0
    root: Element | None = None
    try:
        events = SafeET.iterparse(io.BytesIO(data), events=("start", "end"), forbid_dtd=True)
        for event, element in events:
            if event == "start":
                depth += 1
                budget.element(len(element.attrib), depth)
                root = element if root is None else root
            else:
                depth -= 1
    except (SafeET.ParseError, DefusedXmlException) as error:
        raise ExtractionError(f"{label} is damaged: its {part} cannot be read.") from error
    if root is None:
        raise ExtractionError(f"{label} is damaged: its {part} is empty.")
    return root


def _metadata(archive_meta: bytes | None, label: str) -> dict[str, str]:
    if archive_meta is None:
        return {}
    root = _parse(archive_meta, label, "meta.xml", ReadBudget(label))
    return clean_metadata(
        {
            "title": root.findtext(f".//{_DC}title"),
            "author": root.findtext(f".//{_DC}creator")
            or root.findtext(f".//{_META}initial-creator"),
            "date": root.findtext(f".//{_DC}date") or root.findtext(f".//{_META}creation-date"),
        }
    )


def read_odt(data: bytes, label: str) -> Extracted:
    limits = ZipLimits()
    archive = open_zip(data, label, limits)
    check_xml_parts(archive, label, limits)
    budget = ReadBudget(label)
    content = read_member(archive, "content.xml", label, limits.max_total_size)
    root = _parse(content, label, "text", budget)
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise ExtractionError(f"{label} is not a text document (it has no office text body).")
    meta = None
    if "meta.xml" in archive.namelist():
        meta = read_member(archive, "meta.xml", label, limits.max_total_size)
    return Extracted(join_blocks(list(_blocks(body, budget))), None, _metadata(meta, label))
