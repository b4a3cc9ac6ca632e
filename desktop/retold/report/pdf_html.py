"""The report as HTML in the subset Qt's rich text understands, for the PDF writer.

Qt lays out tables but not CSS grid, flex or borders on single cell sides, so kinds are told
apart by their label, a light cell colour and, for word changes, strike-through and underline:
all of which survive a grayscale printer. No Qt import here: the PDF writer feeds this to Qt.
"""

from __future__ import annotations

from html import escape
from typing import NamedTuple

from retold.engine.model import Comparison, LinkKind
from retold.report.meta import ReportInfo, generated_line, source_facts, stat_facts
from retold.report.pdf_blocks import split_pieces
from retold.report.rows import (
    BY_MODEL,
    KIND_HELP,
    KIND_LABELS,
    SET_BY_HAND,
    Piece,
    Row,
    hidden_lines,
    plural,
    report_rows,
    set_by_hand,
)
from retold.report.summary import (
    FACT_MARK,
    HOW_TO_READ,
    evidence_lines,
    options_in_words,
)

# Light enough to print as pale gray; the label carries the meaning.
CELL_COLOURS: dict[LinkKind, str] = {
    LinkKind.IDENTICAL: "#ffffff",
    LinkKind.EDITED: "#fff6dc",
    LinkKind.REWORDED: "#eef3fc",
    LinkKind.ADDED: "#e6f4e9",
    LinkKind.REMOVED: "#fbe9e9",
}
TABLE_STYLE = 'style="border-color: #bbbbbb; border-style: solid; border-collapse: collapse;"'
ROW_TABLE = f'<table width="100%" border="1" cellspacing="0" cellpadding="4" {TABLE_STYLE}>'
WIDTHS = ("4%", "40%", "40%", "16%")
ROW_GROUP = 8  # paragraphs of a side in one table of a row (see pdf_blocks.LIMIT)
COLUMN_LABELS = ("#", "Original", "Rewrite", "Kind")
HEADER_ROW = (
    "<tr>"
    + "".join(
        f'<th width="{width}">{label}</th>'
        for width, label in zip(WIDTHS, COLUMN_LABELS, strict=True)
    )
    + "</tr>"
)
STYLE = """
body { font-family: 'DejaVu Sans', 'Segoe UI', Helvetica, Arial; font-size: 9pt; }
h1 { font-size: 16pt; } h2 { font-size: 12pt; }
th { background-color: #e8e8e8; text-align: left; }
.where { color: #555555; font-size: 7pt; }
.note { color: #444444; font-size: 7.5pt; }
.bp { color: #888888; }
.del { text-decoration: line-through; background-color: #f6c9c9; }
.ins { text-decoration: underline; background-color: #c8eccb; }
.soft { background-color: #dde4f3; }
.hash { font-family: 'DejaVu Sans Mono', 'Courier New', monospace; font-size: 7.5pt;
  white-space: nowrap; }
.warning { background-color: #fff2c2; }
.fact { color: #7a3e00; font-size: 7.5pt; font-weight: bold; }
"""


def render_pdf_html(
    comparison: Comparison, info: ReportInfo, *, hide_boilerplate: bool = False
) -> str:
    rows = report_rows(comparison, hide_boilerplate=hide_boilerplate)
    # One table per row (more for a row of megabytes): the PDF writer cuts pages between them
    # (see ``pdf_pages``), and draws the table of HEADER_ROW again at the top of each new page.
    body = "\n".join(_row(row) for row in rows)
    left_out = ""
    if hide_boilerplate:
        original, rewrite = hidden_lines(comparison)
        left_out = (
            f"; {original + rewrite} lines of page furniture left out ({original} of the "
            f"original, {rewrite} of the rewrite)"
        )
    return (
        f"<html><head><style>{STYLE}</style></head><body>\n"
        f"<h1>Retold comparison</h1>\n<p>{escape(generated_line(info))}</p>\n"
        f"{_sources(comparison, info)}\n{_summary(comparison, hide_boilerplate)}\n"
        f"{_how_to_read()}\n{_legend(comparison.stats.manual > 0)}\n"
        f"<h2>Alignment ({len(rows)} rows, in the order of the rewrite{left_out})</h2>\n"
        f"{ROW_TABLE}{HEADER_ROW}</table>\n{body}\n</body></html>"
    )


def _sources(comparison: Comparison, info: ReportInfo) -> str:
    sources = info.sources or (None, None)
    cells = []
    for label, document, source in (
        ("Original", comparison.original, sources[0]),
        ("Rewrite", comparison.rewrite, sources[1]),
    ):
        facts = "".join(
            f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
            for k, v in source_facts(document, source)
            if k != "SHA-256"
        )
        cells.append(
            f'<td width="50%"><h2>{label}</h2><table cellspacing="0" cellpadding="1">'
            f"{facts}</table></td>"
        )
    return (
        f'<table width="100%" cellspacing="0" cellpadding="4"><tr>{"".join(cells)}</tr></table>'
        f"{_hashes(comparison, info)}"
    )


def _hashes(comparison: Comparison, info: ReportInfo) -> str:
    """Each SHA-256 whole on a line of its own, in a monospace face: it copies out exactly
    (split over two lines, or with a ligature, a hash no longer matches its file)."""
    sources = info.sources or (None, None)
    rows = []
    for label, document, source in (
        ("original", comparison.original, sources[0]),
        ("rewrite", comparison.rewrite, sources[1]),
    ):
        sha256 = dict(source_facts(document, source)).get("SHA-256")
        if sha256:
            rows.append(
                f"<tr><td><b>SHA-256 of the {label}</b></td>"
                f'<td class="hash">{escape(sha256)}</td></tr>'
            )
    if not rows:
        return ""
    return f'<table cellspacing="0" cellpadding="1">{"".join(rows)}</table>'


def counted(value: str, label: str) -> str:
    """A figure and its label as one phrase: "4 links", "1 link set by hand"."""
    words = label.lower()
    if value == "1":
        words = words.replace("links", "link").replace("characters", "character")
    return f"<b>{escape(value)}</b> {escape(words)}"


def _summary(comparison: Comparison, hidden: bool) -> str:
    stats = " &nbsp;·&nbsp; ".join(counted(v, k) for k, v in stat_facts(comparison))
    warnings = "".join(
        f'<tr><td class="warning"><b>Warning:</b> {escape(w.message)}</td></tr>'
        for w in comparison.warnings
    )
    if warnings:
        warnings = f'<table width="100%" cellspacing="0" cellpadding="4">{warnings}</table>'
    messages = {w.message for w in comparison.warnings}
    notes = "".join(
        f"<p>{escape(line)}</p>"
        for line in evidence_lines(comparison, hidden=hidden)
        if line not in messages
    )
    options = escape(options_in_words(comparison))
    return f'<h2>Summary</h2>{warnings}<p>{stats}</p>{notes}<p class="note">{options}</p>'


def _how_to_read() -> str:
    items = "".join(
        f"<tr><td><b>{escape(term)}</b></td><td>{escape(meaning)}</td></tr>"
        for term, meaning in HOW_TO_READ
    )
    return f'<h2>How to read this report</h2><table cellspacing="0" cellpadding="2">{items}</table>'


def _legend(manual: bool) -> str:
    kinds = "".join(
        f'<td bgcolor="{CELL_COLOURS[kind]}"><b>{KIND_LABELS[kind]}</b>: '
        f"{escape(KIND_HELP[kind])}</td>"
        for kind in LinkKind
    )
    marks = (
        '<span class="del">struck through</span>: only in the original; '
        '<span class="ins">underlined</span>: only in the rewrite; '
        "<b>moved</b>: told elsewhere, the row says where it was; "
        '<span class="bp">gray: page furniture, labelled with its kind</span>; '
        f'<span class="fact">{FACT_MARK}</span>: a fact changed, the row says what'
        + (
            f"; <b><i>{SET_BY_HAND}</i></b>: a person made the link, or took its sentences apart."
            if manual
            else "."
        )
    )
    return (
        '<h2>Legend</h2><table width="100%" border="1" cellspacing="0" cellpadding="3" '
        f"{TABLE_STYLE}><tr>{kinds}</tr></table>"
        f"<p>{marks}</p>"
    )


def _row(row: Row) -> str:
    link = row.link
    colour = "#f4f4f4" if row.furniture else CELL_COLOURS[link.kind]
    notes = [f"<b>{escape(row.label)}</b>"]
    if link.is_match:
        notes.append(f'<span class="note">similarity {link.similarity:.2f}</span>')
    if link.found_by_model:
        notes.append(f'<span class="note"><i>{BY_MODEL}</i></span>')
    if link.moved:
        notes.append(f'<span class="note"><b>{escape(row.moved)}</b></span>')
    if row.furniture:
        notes.append('<span class="note">page furniture, not compared</span>')
    elif row.boilerplate:
        notes.append('<span class="note">boilerplate</span>')
    notes += [
        f'<span class="fact">{FACT_MARK} {escape(fact.kind)}: {escape(fact.note)}</span>'
        for fact in link.facts
    ]
    if set_by_hand(link):
        notes.append(f'<span class="note"><b><i>{SET_BY_HAND}</i></b></span>')
    number = f"<b>{row.number}</b>" if link.moved else str(row.number)
    if link.facts:
        number += f'<br><span class="fact">{FACT_MARK}</span>'
    # Reworded rows share few words: striking all the others out would bury the text.
    mark = "soft" if link.kind == LinkKind.REWORDED else ""
    sides = [
        _Side(label, where, split_pieces(pieces), mark, row.boilerplate)
        for label, where, pieces in (
            ("Original", row.original_where, row.original),
            ("Rewrite", row.rewrite_where, row.rewrite),
        )
    ]
    # A row of megabytes continues in more tables, each of at most ROW_GROUP paragraphs a
    # side: Qt draws a page by walking every paragraph of the tables it touches.
    groups = max(-(-len(side.blocks) // ROW_GROUP) for side in sides)
    tables = [
        f'<tr><td width="{WIDTHS[0]}">{number}</td>'
        f"{''.join(side.cell(0, colour) for side in sides)}"
        f'<td width="{WIDTHS[3]}" bgcolor="{colour}">{"<br>".join(notes)}</td></tr>'
    ]
    continued = f'<span class="note">{escape(row.label)}, row {row.number} continued</span>'
    tables += [
        f'<tr><td width="{WIDTHS[0]}"><span class="note">{row.number}</span></td>'
        f"{''.join(side.cell(group, colour) for side in sides)}"
        f'<td width="{WIDTHS[3]}" bgcolor="{colour}">{continued}</td></tr>'
        for group in range(1, groups)
    ]
    return "".join(f"{ROW_TABLE}{table}</table>" for table in tables)


class _Side(NamedTuple):
    label: str  # "Original" or "Rewrite"
    numbers: str  # the sentence numbers, empty when the side has none
    blocks: list[list[Piece]]  # its text in paragraphs of bounded length (see pdf_blocks)
    mark: str
    dim: bool

    def cell(self, group: int, colour: str) -> str:
        """The side's cell in the row's table ``group``: ROW_GROUP paragraphs of its text."""
        width = WIDTHS[1]
        if not self.numbers:
            return f'<td width="{width}"><span class="bp">{"" if group else "—"}</span></td>'
        blocks = self.blocks[group * ROW_GROUP : (group + 1) * ROW_GROUP]
        first, *rest = [
            _text(block, self.mark or self.only_here, self.dim) for block in blocks
        ] or [""]
        where = (
            "" if group else f'<span class="where">{self.label} {plural(self.numbers)}</span><br>'
        )
        text = where + first + "".join(f"<div>{block}</div>" for block in rest)
        return f'<td width="{width}" bgcolor="{colour}">{text}</td>'

    @property
    def only_here(self) -> str:
        """How words only on this side are marked: struck out, or underlined."""
        return "del" if self.label == "Original" else "ins"


def _text(pieces: list[Piece], mark: str, dim: bool) -> str:
    text = "".join(
        f'<span class="{mark}">{escape(p.text)}</span>' if p.marked else escape(p.text)
        for p in pieces
    )
    return f'<span class="bp">{text}</span>' if dim else text
