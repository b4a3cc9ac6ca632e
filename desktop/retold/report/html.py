"""The HTML report: one self-contained file (inline CSS, no script, nothing fetched).

Every piece of article text goes through ``html.escape``: an article that contains markup shows
it as text and never runs it.
"""

from __future__ import annotations

from html import escape

from retold.engine.model import Comparison, LinkKind
from retold.report.html_style import CSS
from retold.report.meta import (
    ReportInfo,
    generated_line,
    option_facts,
    source_facts,
    stat_facts,
)
from retold.report.rows import (
    KIND_HELP,
    KIND_LABELS,
    SET_BY_HAND,
    Piece,
    Row,
    moved_note,
    report_rows,
    sentence_numbers,
    set_by_hand,
)


def render_html(comparison: Comparison, info: ReportInfo, *, hide_boilerplate: bool = False) -> str:
    rows = report_rows(comparison, hide_boilerplate=hide_boilerplate)
    title = f"Retold: {comparison.original.name} → {comparison.rewrite.name}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        _header(comparison, info),
        _legend(comparison.stats.manual > 0),
        _alignment(rows, hide_boilerplate),
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _header(comparison: Comparison, info: ReportInfo) -> str:
    sources = info.sources or (None, None)
    sides = [
        ("Original", source_facts(comparison.original, sources[0])),
        ("Rewrite", source_facts(comparison.rewrite, sources[1])),
    ]
    boxes = "\n".join(
        f'<div class="source"><h2>{label}</h2>{_facts(facts)}</div>' for label, facts in sides
    )
    stats = "\n".join(
        f"<li><b>{escape(value)}</b> {escape(label)}</li>"
        for label, value in stat_facts(comparison)
    )
    options = ", ".join(f"{escape(k)}: {escape(v)}" for k, v in option_facts(comparison))
    return (
        '<header class="report-header">\n<h1>Retold comparison</h1>\n'
        f'<p class="generated">{escape(generated_line(info))}</p>\n'
        f'<section class="sources">\n{boxes}\n</section>\n'
        f'<section class="summary"><h2>Summary</h2>\n<ul class="stats">\n{stats}\n</ul>\n'
        f'<p class="options">Options: {options or "defaults"}</p></section>\n</header>'
    )


_HASH = ' class="hash"'


def _facts(facts: list[tuple[str, str]]) -> str:
    items = "".join(
        f"<dt>{escape(label)}</dt><dd{_HASH if label == 'SHA-256' else ''}>{escape(value)}</dd>"
        for label, value in facts
    )
    return f'<dl class="facts">{items}</dl>'


def _legend(manual: bool) -> str:
    items = [
        f'<li><span class="swatch kind-{kind.value}"></span><b>{KIND_LABELS[kind]}</b>: '
        f"{escape(KIND_HELP[kind])}</li>"
        for kind in LinkKind
    ]
    items += [
        '<li><del class="change">struck through</del>: words only in the original</li>',
        '<li><ins class="change">underlined</ins>: words only in the rewrite</li>',
        "<li><b>moved</b>: the rewrite tells it in another place; the row says where it was</li>",
        "<li><i>boilerplate</i>: page furniture (bylines, notices), dimmed</li>",
    ]
    if manual:
        items.append(
            f'<li><span class="manual-note">{SET_BY_HAND}</span>: a person made this link, or '
            "took its sentences apart, correcting the alignment</li>"
        )
    return (
        '<section class="legend"><h2>Legend</h2>\n<ul>\n' + "\n".join(items) + "\n</ul></section>"
    )


def _alignment(rows: list[Row], hide_boilerplate: bool) -> str:
    note = " Boilerplate is left out." if hide_boilerplate else ""
    body = "\n".join(_row(row) for row in rows)
    return (
        f'<h2>Alignment</h2>\n<p class="options">{len(rows)} rows in the order of the rewrite; '
        f"removed sentences stand where they were in the original.{note}</p>\n"
        '<table class="alignment">\n'
        '<colgroup><col class="num"><col class="original"><col class="rewrite">'
        '<col class="kind"></colgroup>\n'
        "<thead><tr><th>#</th><th>Original</th><th>Rewrite</th><th>Kind</th></tr></thead>\n"
        f"<tbody>\n{body}\n</tbody>\n</table>"
    )


def _row(row: Row) -> str:
    link = row.link
    classes = ["row", f"kind-{link.kind.value}"]
    if link.moved:
        classes.append("moved")
    if row.boilerplate:
        classes.append("boilerplate")
    if set_by_hand(link):
        classes.append("manual")
    notes = [f'<span class="label">{KIND_LABELS[link.kind]}</span>']
    if link.is_match:
        notes.append(f'<span class="sim">similarity {link.similarity:.2f}</span>')
    if link.moved:
        notes.append(f'<span class="moved-note">{escape(moved_note(link))}</span>')
    if row.boilerplate:
        notes.append('<span class="bp-note">boilerplate</span>')
    if set_by_hand(link):
        notes.append(f'<span class="manual-note">{SET_BY_HAND}</span>')
    return (
        f'<tr class="{" ".join(classes)}" id="row-{row.number}">'
        f'<td class="num">{row.number}</td>'
        f"{_side('original', 'Original', link.original_sentences, row.original)}"
        f"{_side('rewrite', 'Rewrite', link.rewrite_sentences, row.rewrite)}"
        f'<td class="kind">{"".join(notes)}</td></tr>'
    )


def _side(css: str, label: str, sentences: tuple[int, ...], pieces: tuple[Piece, ...]) -> str:
    if not sentences:
        return f'<td class="side {css} empty">—</td>'
    noun = "sentence" if len(sentences) == 1 else "sentences"
    where = f'<span class="where">{label} {noun} {sentence_numbers(sentences)}</span>'
    return f'<td class="side {css}">{where}{_pieces(pieces, css == "original")}</td>'


def _pieces(pieces: tuple[Piece, ...], original: bool) -> str:
    tag = "del" if original else "ins"
    return "".join(
        f'<{tag} class="change">{escape(p.text)}</{tag}>' if p.marked else escape(p.text)
        for p in pieces
    )
