"""Build the hostile inputs of issue 14 §5: files a careless or malicious user can hand Retold.

Each case writes its files into a folder and says how to run it: the arguments of
``retold compare`` or, for a saved ``.retold`` file, the file to open. Nothing big is
committed; the battery (``test_hostile.py``) builds every case into a temporary folder.

    python tests/hostile/make_cases.py OUT_DIR    # write them all, to try by hand
"""

from __future__ import annotations

import io
import json
import os
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE = (
    "The harbour town voted on Tuesday to rebuild its old sea wall. The council said the work "
    "would start in spring and last two years.\n\nFishermen welcomed the plan, though some "
    "worried about the noise. A public meeting is set for next month.\n"
)
MB = 1 << 20


@dataclass(frozen=True)
class Case:
    """``argv`` for ``retold compare`` (paths inside the case folder), or ``saved`` to open."""

    argv: tuple[str, ...] = ()
    saved: str | None = None
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict)


Builder = Callable[[Path], Case]
# Cases whose folder must be on tmpfs: ext4 clamps modification times to the years 1901-2446.
NEEDS_TMPFS = frozenset({"mtime_year_11476", "mtime_before_year_1"})
CASES: dict[str, Builder] = {}


def case(builder: Builder) -> Builder:
    CASES[builder.__name__.removeprefix("build_")] = builder
    return builder


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _article(folder: Path) -> str:
    _write(folder, "article.txt", ARTICLE)
    return "article.txt"


def _read_only(built: Case) -> Case:
    """Only the reading of the first file is tried: comparing it is the engine's speed, which
    issue 12 ("Fast at every size") bounds (a 50 MB text takes minutes there)."""
    return Case(argv=built.argv, extra={"stage": "read"})


def _pair(folder: Path, name: str, data: bytes | str, *extra: str) -> Case:
    _write(folder, name, data)
    return Case(argv=(name, _article(folder), *extra))


# --- a word of megabytes --------------------------------------------------------------------

_HUGE_WORD = "x" * (5 * MB)


@case
def build_huge_word_one_side(folder: Path) -> Case:
    return _pair(folder, "word.txt", _HUGE_WORD)


@case
def build_huge_word_both_sides(folder: Path) -> Case:
    _write(folder, "a.txt", _HUGE_WORD)
    _write(folder, "b.txt", _HUGE_WORD[:-1] + "y")
    return Case(argv=("a.txt", "b.txt"))


@case
def build_huge_word_pdf_report(folder: Path) -> Case:
    return _pair(folder, "word.txt", _HUGE_WORD, "-o", "report.pdf")


@case
def build_long_sentence_pdf_report(folder: Path) -> Case:
    """1.2 MB of short words and no full stop: one sentence, hundreds of pages of one row."""
    words = ("harbour", "wall", "voted", "spring", "council", "noise", "meeting", "town")
    text = " ".join(words[i * 7 % len(words)] for i in range(170_000))
    return _pair(folder, "sentence.txt", text, "-o", "report.pdf")


# --- Markdown that makes a regex backtrack ---------------------------------------------------

_REPEATS = 100_000


@case
def build_markdown_stars(folder: Path) -> Case:
    return _pair(folder, "stars.md", "*a " * _REPEATS)


@case
def build_markdown_underscores(folder: Path) -> Case:
    return _pair(folder, "underscores.md", "_a " * _REPEATS)


@case
def build_markdown_open_links(folder: Path) -> Case:
    return _pair(folder, "links.md", "[a](" * _REPEATS)


@case
def build_markdown_open_images(folder: Path) -> Case:
    return _pair(folder, "images.md", "![" * _REPEATS)


@case
def build_markdown_nested_brackets(folder: Path) -> Case:
    return _pair(folder, "brackets.md", "[" * _REPEATS + "x" + "]" * _REPEATS)


# --- web pages --------------------------------------------------------------------------------


@case
def build_html_200k_attributes(folder: Path) -> Case:
    attributes = " ".join(f"a{n}='v'" for n in range(200_000))
    return _pair(folder, "attributes.html", f"<html><body><p {attributes}>Hello.</p></body></html>")


@case
def build_html_50_mb(folder: Path) -> Case:
    paragraph = b"<p>The harbour town voted on Tuesday to rebuild its old sea wall again.</p>\n"
    count = (50 * MB - 100) // len(paragraph)
    return _pair(folder, "big.html", b"<html><body>" + paragraph * count + b"</body></html>")


@case
def build_html_charset_lies(folder: Path) -> Case:
    page = f'<html><head><meta charset="utf-16"></head><body><p>{ARTICLE}</p></body></html>'
    page += " " * (len(page) % 2)  # an even length decodes as UTF-16: to nonsense
    return _pair(folder, "lies.html", page)


# --- OpenDocument and Word --------------------------------------------------------------------

_ODT_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
    "<office:body><office:text>{}</office:text></office:body></office:document-content>"
)


def _odt(paragraphs: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", _ODT_CONTENT.format(paragraphs))
    return buffer.getvalue()


@case
def build_odt_billion_spaces(folder: Path) -> Case:
    return _pair(folder, "spaces.odt", _odt('<text:p>a<text:s text:c="1000000000"/>b</text:p>'))


@case
def build_odt_twenty_runs_of_spaces(folder: Path) -> Case:
    runs = '<text:p>a<text:s text:c="400000000"/>b</text:p>' * 20
    return _pair(folder, "runs.odt", _odt(runs))


@case
def build_odt_trillion_spaces(folder: Path) -> Case:
    return _pair(folder, "trillion.odt", _odt('<text:p>a<text:s text:c="1000000000000"/></text:p>'))


@case
def build_odt_nested_deep(folder: Path) -> Case:
    depth = 5000  # under the zip ratio check: the reader's own depth budget must see it
    spans = "<text:span>" * depth + "x" + "</text:span>" * depth
    return _pair(folder, "deep.odt", _odt(f"<text:p>{spans}</text:p>"))


_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(document: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _DOCX_TYPES)
        archive.writestr("_rels/.rels", _DOCX_RELS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def _docx_body(paragraphs: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="{{}}"?>{prolog}'
        f'<w:document xmlns:w="{_W}"><w:body>{paragraphs}</w:body></w:document>'
    )


@case
def build_docx_utf16_entities(folder: Path) -> Case:
    prolog = '<!DOCTYPE w:document [<!ENTITY e "expanded">]>'
    body = _docx_body("<w:p><w:r><w:t>&e; text</w:t></w:r></w:p>", prolog).format("UTF-16")
    return _pair(folder, "utf16.docx", _docx(body.encode("utf-16")))


@case
def build_docx_100k_paragraphs(folder: Path) -> Case:
    paragraph = "<w:p><w:r><w:t>Paragraph {} of the council's minutes, {}.</w:t></w:r></w:p>"
    words = ARTICLE.split()
    paragraphs = "".join(paragraph.format(n, words[n % len(words)]) for n in range(100_000))
    body = _docx_body(paragraphs).format("UTF-8")
    return _read_only(_pair(folder, "long.docx", _docx(body.encode("utf-8"))))


# --- plain text -------------------------------------------------------------------------------


@case
def build_text_50_mb(folder: Path) -> Case:
    line = ARTICLE.encode("utf-8")
    return _read_only(_pair(folder, "big.txt", line * ((50 * MB - 1) // len(line))))


@case
def build_text_utf16_bom_nuls(folder: Path) -> Case:
    """A UTF-16 byte-order mark, then a megabyte of NULs: U+0000 a million times, not text."""
    return _pair(folder, "nuls.txt", b"\xff\xfe" + bytes(MB))


@case
def build_text_mixed_encodings(folder: Path) -> Case:
    data = (
        "Café owners met in the square.\n".encode()
        + "Die Straße wurde gesperrt, sagte der Bürgermeister.\n".encode("utf-16-le")
        + "Señor García said the résumé was ready.\n".encode("cp1252")
        + ARTICLE.encode()
    )
    return _pair(folder, "mixed.txt", data)


def _dated(folder: Path, name: str, timestamp: float) -> Case:
    built = _pair(folder, name, ARTICLE.replace("harbour", "river"))
    os.utime(folder / name, (timestamp, timestamp))
    return built


@case
def build_mtime_year_11476(folder: Path) -> Case:
    return _dated(folder, "future.txt", 300e9)


@case
def build_mtime_before_year_1(folder: Path) -> Case:
    return _dated(folder, "ancient.txt", -62_170_156_800.0)


# --- saved comparisons (.retold) --------------------------------------------------------------


def _saved_source(role: str, **changes: object) -> dict[str, object]:
    import hashlib

    text = ARTICLE if role == "original" else ARTICLE.replace("harbour", "river")
    entry: dict[str, object] = {
        "name": f"{role}.txt",
        "format": "text",
        "text": text,
        "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "modified": 1_700_000_000.0,
    }
    entry.update(changes)
    return entry


def _saved(folder: Path, file_name: str, raw: str | None = None, **changes: object) -> Case:
    document = {
        "format": "retold-comparison",
        "version": 1,
        "original": _saved_source("original", **changes),
        "rewrite": _saved_source("rewrite"),
        "view_options": {},
    }
    _write(folder, file_name, raw if raw is not None else json.dumps(document))
    return Case(saved=file_name)


@case
def build_saved_nested_deep(folder: Path) -> Case:
    depth = 100_000
    raw = '{"format": "retold-comparison", "version": 1, "view_options": ' + (
        "[" * depth + "]" * depth + "}"
    )
    return _saved(folder, "deep.retold", raw)


@case
def build_saved_5000_digits(folder: Path) -> Case:
    raw = json.dumps({"format": "retold-comparison", "version": 1}).replace(
        '"version": 1', '"version": ' + "9" * 5000
    )
    return _saved(folder, "digits.retold", raw)


@case
def build_saved_lone_surrogate(folder: Path) -> Case:
    built = _saved(folder, "surrogate.retold", name="x")
    path = folder / "surrogate.retold"
    path.write_text(path.read_text().replace('"name": "x"', '"name": "bad \\ud800 name"'))
    return built


def _modified(folder: Path, name: str, literal: str) -> Case:
    built = _saved(folder, name)
    path = folder / name
    text = path.read_text().replace('"modified": 1700000000.0', f'"modified": {literal}', 1)
    path.write_text(text)
    return built


@case
def build_saved_modified_infinity(folder: Path) -> Case:
    return _modified(folder, "infinity.retold", "Infinity")


@case
def build_saved_modified_nan(folder: Path) -> Case:
    return _modified(folder, "nan.retold", "NaN")


@case
def build_saved_modified_1e300(folder: Path) -> Case:
    return _modified(folder, "huge.retold", "1e300")


@case
def build_saved_modified_negative(folder: Path) -> Case:
    return _modified(folder, "negative.retold", "-5")


@case
def build_saved_modified_before_year_1(folder: Path) -> Case:
    return _modified(folder, "ancient.retold", "-62170156800")


# --- where the report goes --------------------------------------------------------------------


def _to(folder: Path, target: str) -> Case:
    _write(folder, "rewrite.txt", ARTICLE.replace("harbour", "river"))
    return Case(argv=(_article(folder), "rewrite.txt", "-o", target))


@case
def build_output_name_too_long(folder: Path) -> Case:
    return _to(folder, "r" * 300 + ".txt")


@case
def build_output_stdout_closed(folder: Path) -> Case:
    built = _to(folder, "-")
    return Case(argv=built.argv[:2], extra={"stdout": "closed"})


@case
def build_output_unsearchable_folder(folder: Path) -> Case:
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0o600)  # readable, not searchable
    return Case(argv=_to(folder, "locked/report.txt").argv, extra={"permissions": "enforced"})


@case
def build_output_into_proc(folder: Path) -> Case:
    return _to(folder, "/proc/report.txt")


@case
def build_output_dev_stdout_pipe(folder: Path) -> Case:
    return Case(argv=(*_to(folder, "/dev/stdout").argv, "-f", "text"))


@case
def build_output_parent_is_a_file(folder: Path) -> Case:
    _write(folder, "plain.txt", "not a folder")
    return _to(folder, "plain.txt/report.txt")


@case
def build_output_fifo(folder: Path) -> Case:
    os.mkfifo(folder / "pipe")
    return Case(argv=(*_to(folder, "pipe").argv, "-f", "text"), extra={"read": "pipe"})


@case
def build_output_char_device(folder: Path) -> Case:
    os.mknod(folder / "null", 0o666 | 0o020000, os.makedev(1, 3))  # a /dev/null of our own
    return Case(argv=(*_to(folder, "null").argv, "-f", "text"))


def build(name: str, folder: Path) -> Case:
    folder.mkdir(parents=True, exist_ok=True)
    return CASES[name](folder)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-cases")
    for name in CASES:
        try:
            print(name, build(name, out / name))
        except OSError as error:  # mknod needs root, utime far dates need tmpfs
            print(name, "not built:", error)
