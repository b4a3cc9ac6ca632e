"""Word, OpenDocument and RTF files, and hostile containers refused before parsing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from retold.sources.loader import load_source
from retold.sources.model import EmptyFileError, ExtractionError
from tests.timing import fastest, growth


def _make_docx(path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Quarterly talks"
    document.core_properties.author = "A. Writer"
    document.add_heading("Quarterly talks", level=1)
    document.add_paragraph("The first paragraph comes before the table.")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("Year", "Meetings"), ("2024", "Four")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("The last paragraph comes after the table.")
    document.save(str(path))


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    path = tmp_path / "talks.docx"
    _make_docx(path)
    source = load_source(path)
    assert source.format == "docx"
    assert source.text == (
        "Quarterly talks\n\n"
        "The first paragraph comes before the table.\n\n"
        "Year | Meetings\n2024 | Four\n\n"
        "The last paragraph comes after the table."
    )
    assert source.metadata["title"] == "Quarterly talks"
    assert source.metadata["author"] == "A. Writer"
    assert source.encoding is None


def test_docx_without_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    with pytest.raises(EmptyFileError, match=r"blank\.docx"):
        load_source(path)


def _docx_variant(tmp_path: Path, name: str, member: str, data: bytes) -> Path:
    """A copy of a good .docx with ``member`` replaced by, or added as, ``data``."""
    plain = tmp_path / "plain.docx"
    _make_docx(plain)
    target = tmp_path / name
    with zipfile.ZipFile(plain) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            if item.filename != member:
                new.writestr(item, old.read(item))
        new.writestr(member, data)
    return target


def test_docx_zip_bomb_is_refused_fast(tmp_path: Path) -> None:
    bomb = _docx_variant(tmp_path, "bomb.docx", "word/media/pad.bin", b"\0" * (120 * 2**20))
    assert bomb.stat().st_size < 2**20
    with pytest.raises(ExtractionError, match=r"bomb\.docx.*zip bomb"):
        load_source(bomb)
    # Refused from the zip's table of contents: no slower than reading the plain document.
    plain = _docx_variant(tmp_path, "reference.docx", "word/media/pad.bin", b"")

    def refuse() -> None:
        with pytest.raises(ExtractionError):
            load_source(bomb)

    assert fastest(refuse) < 5 * fastest(lambda: load_source(plain)) + 0.05


def test_highly_compressed_part_is_refused(tmp_path: Path) -> None:
    # 20 MB is under the total cap: the compression ratio alone gives it away.
    dense = _docx_variant(tmp_path, "dense.docx", "word/media/fill.bin", b"a" * (20 * 2**20))
    with pytest.raises(ExtractionError, match="compressed suspiciously well"):
        load_source(dense)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>
"""


def test_docx_with_entity_declarations_is_refused_fast(tmp_path: Path) -> None:
    hostile = _docx_variant(tmp_path, "laughs.docx", "word/document.xml", BILLION_LAUGHS)
    with pytest.raises(ExtractionError, match=r"laughs\.docx.*entity declarations"):
        load_source(hostile)
    plain = _docx_variant(tmp_path, "reference.docx", "word/media/pad.bin", b"")

    def refuse() -> None:
        with pytest.raises(ExtractionError):
            load_source(hostile)

    # Refused before any parser expands an entity: no slower than reading a plain document.
    assert fastest(refuse) < 5 * fastest(lambda: load_source(plain)) + 0.05


def test_damaged_docx(tmp_path: Path) -> None:
    plain = tmp_path / "plain.docx"
    _make_docx(plain)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(plain.read_bytes()[:300])
    with pytest.raises(ExtractionError, match=r"broken\.docx.*damaged"):
        load_source(broken)


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "other.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a document")
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ExtractionError, match=r"other\.docx"):
        load_source(path)


ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content
 xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" office:version="1.2">
<office:body><office:text>
<text:h text:outline-level="1">A heading</text:h>
<text:p>First <text:span>para</text:span>graph,<text:s text:c="2"/>spaced.<text:note>
<text:note-body><text:p>NOTE</text:p></text:note-body></text:note></text:p>
<text:p>Pull quote follows.<draw:frame><draw:text-box><text:p>QUOTE</text:p></draw:text-box>
</draw:frame></text:p>
<text:list><text:list-item><text:p>A list item.</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>Cell 1</text:p></table:table-cell>
<table:table-cell><text:p>Cell 2</text:p></table:table-cell></table:table-row></table:table>
<text:p>Last paragraph.</text:p>
</office:text></office:body></office:document-content>
"""
ODT_META = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta>
<dc:title>Odt title</dc:title><dc:creator>O. Author</dc:creator></office:meta>
</office:document-meta>
"""


def _write_odt(path: Path, content: str | bytes) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
        archive.writestr("meta.xml", ODT_META)


def test_odt_blocks_in_order(tmp_path: Path) -> None:
    path = tmp_path / "doc.odt"
    _write_odt(path, ODT_CONTENT)
    source = load_source(path)
    assert source.format == "odt"
    assert source.text == (
        "A heading\n\nFirst paragraph,  spaced.\n\nPull quote follows.\n\nA list item.\n\n"
        "Cell 1 | Cell 2\n\nLast paragraph."
    )
    assert source.metadata == {"title": "Odt title", "author": "O. Author"}


def test_odt_with_entities_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "laughs.odt"
    _write_odt(path, BILLION_LAUGHS)
    with pytest.raises(ExtractionError, match="entity declarations"):
        load_source(path)


def test_rtf(tmp_path: Path) -> None:
    path = tmp_path / "letter.rtf"
    path.write_bytes(
        rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times;}}"
        rb"\f0 First paragraph with caf\'e9 and \ldblquote quotes\rdblquote.\par"
        rb"\par Second paragraph.\par}"
    )
    source = load_source(path)
    assert source.format == "rtf"
    assert source.text == "First paragraph with café and “quotes”.\n\nSecond paragraph."


def test_odt_without_content(tmp_path: Path) -> None:
    path = tmp_path / "hollow.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    with pytest.raises(ExtractionError, match=r"hollow\.odt.*no content\.xml"):
        load_source(path)


def test_odt_with_broken_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.odt"
    _write_odt(path, ODT_CONTENT[: len(ODT_CONTENT) // 2])
    with pytest.raises(ExtractionError, match=r"broken\.odt.*damaged"):
        load_source(path)


def _rtf_with_picture(path: Path, hex_quads: int) -> Path:
    picture = rb"{\*\shppict{\pict{\*\picprop}\pngblip " + b"89504e47" * hex_quads + b"}}"
    path.write_bytes(rb"{\rtf1\ansi Before.\par " + picture + rb"\par After.\par}")
    return path


def test_rtf_pictures_are_skipped_in_linear_time(tmp_path: Path) -> None:
    """A picture four times as big takes about four times as long, not sixteen (a ratio in one
    run: absolute times vary with the machine's load)."""

    def read(quads: int) -> None:
        path = _rtf_with_picture(tmp_path / f"photo{quads}.rtf", quads)
        assert load_source(path).text == "Before.\n\nAfter."

    assert growth(read, 400_000, 1_600_000) < 8


def test_entity_declarations_in_an_oddly_named_part(tmp_path: Path) -> None:
    hostile = _docx_variant(tmp_path, "odd.docx", "word/settings.dat", BILLION_LAUGHS)
    with pytest.raises(ExtractionError, match=r"odd\.docx.*entity declarations.*settings\.dat"):
        load_source(hostile)


def test_docx_content_controls_are_read(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Body text after the cover.")
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    cover = parse_xml(
        f'<w:sdt xmlns:w="{w}"><w:sdtContent><w:p><w:r><w:t>Cover title</w:t></w:r></w:p>'
        "</w:sdtContent></w:sdt>"
    )
    document.element.body.insert(0, cover)
    path = tmp_path / "cover.docx"
    document.save(str(path))
    assert load_source(path).text == "Cover title\n\nBody text after the cover."


def test_docx_tracked_changes_show_the_current_text(tmp_path: Path) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraph = parse_xml(
        f'<w:p xmlns:w="{w}"><w:r><w:t xml:space="preserve">Talks were </w:t></w:r>'
        '<w:del w:id="1" w:author="Ed"><w:r><w:delText>tense</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="Ed"><w:r><w:t>calm</w:t></w:r></w:ins>'
        '<w:r><w:t xml:space="preserve"> in U.S.</w:t><w:noBreakHyphen/><w:t>China</w:t>'
        "<w:tab/><w:t>talks.</w:t></w:r></w:p>"
    )
    document = docx.Document()
    document.element.body.insert(0, paragraph)
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    assert load_source(path).text == "Talks were calm in U.S.-China\ttalks."
