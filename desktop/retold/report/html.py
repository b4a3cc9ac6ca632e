"""The HTML report: one self-contained file (inline CSS, no script, nothing fetched).

Every piece of article text goes through ``html.escape``: an article that contains markup shows
it as text and never runs it.
"""

from __future__ import annotations

from html import escape

from retold.engine.model import Comparison, LinkKind
from retold.report.html_style import CSS
from retold.report.meta import ReportInfo, generated_line, source_facts, stat_facts
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
    evidence_line,
    facts_line,
    furniture_line,
    options_in_words,
    verbatim_line,
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
        _header(comparison, info, hide_boilerplate),
        _how_to_read(),
        _legend(comparison.stats.manual > 0),
        _alignment(rows, comparison, hide_boilerplate),
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _header(comparison: Comparison, info: ReportInfo, hidden: bool) -> str:
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
    warnings = "".join(
        f'<p class="warning" data-kind="{escape(w.kind)}"><b>Warning:</b> {escape(w.message)}</p>'
        for w in comparison.warnings
    )
    notes = "".join(
        f'<p class="{css}">{escape(line)}</p>'
        for css, line in (
            ("verbatim", verbatim_line(comparison)),
            ("furniture", furniture_line(comparison, hidden=hidden)),
            ("facts", facts_line(comparison)),
            ("evidence", evidence_line(comparison)),
        )
        if line
    )
    return (
        '<header class="report-header">\n<h1>Retold comparison</h1>\n'
        f'<p class="generated">{escape(generated_line(info))}</p>\n'
        f'<section class="sources">\n{boxes}\n</section>\n{_hashes(sides)}\n'
        f'<section class="summary"><h2>Summary</h2>\n{warnings}\n<ul class="stats">\n{stats}\n'
        f"</ul>\n{notes}\n"
        f'<p class="options">{escape(options_in_words(comparison))}</p></section>\n</header>'
    )


def _how_to_read() -> str:
    items = "\n".join(
        f"<dt>{escape(term)}</dt><dd>{escape(meaning)}</dd>" for term, meaning in HOW_TO_READ
    )
    return (
        '<section class="how-to-read"><h2>How to read this report</h2>\n'
        f'<dl class="how">\n{items}\n</dl></section>'
    )


def _hashes(sides: list[tuple[str, list[tuple[str, str]]]]) -> str:
    """Each SHA-256 whole on one line, in a monospace face: it copies out exactly."""
    items = "".join(
        f'<dt>SHA-256 of the {label.lower()}</dt><dd class="hash">{escape(value)}</dd>'
        for label, facts in sides
        for key, value in facts
        if key == "SHA-256"
    )
    return f'<dl class="facts hashes">{items}</dl>' if items else ""


def _facts(facts: list[tuple[str, str]]) -> str:
    items = "".join(
        f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>"
        for label, value in facts
        if label != "SHA-256"
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
        "<li><i>page furniture</i>: bylines, datelines, notices, images, navigation: dimmed, "
        "labelled with their kind, never counted</li>",
        f'<li><span class="fact-mark">{FACT_MARK}</span>: a fact changed (number, date, name, '
        "negation or quotation); the row says what</li>",
    ]
    if manual:
        items.append(
            f'<li><span class="manual-note">{SET_BY_HAND}</span>: a person made this link, or '
            "took its sentences apart, correcting the alignment</li>"
        )
    return (
        '<section class="legend"><h2>Legend</h2>\n<ul>\n' + "\n".join(items) + "\n</ul></section>"
    )


def _alignment(rows: list[Row], comparison: Comparison, hide_boilerplate: bool) -> str:
    note = ""
    if hide_boilerplate:
        original, rewrite = hidden_lines(comparison)
        note = (
            f" {original + rewrite} lines of page furniture are left out ({original} of the "
            f"original, {rewrite} of the rewrite)."
        )
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
    classes = ["row", "furniture" if row.furniture else f"kind-{link.kind.value}"]
    if link.moved:
        classes.append("moved")
    if row.boilerplate:
        classes.append("boilerplate")
    if link.facts:
        classes.append("has-facts")
    if set_by_hand(link):
        classes.append("manual")
    notes = [f'<span class="label">{escape(row.label)}</span>']
    if link.is_match:
        notes.append(f'<span class="sim">similarity {link.similarity:.2f}</span>')
    if link.found_by_model:
        classes.append("by-model")
        notes.append(f'<span class="model-note">{BY_MODEL}</span>')
    if link.moved:
        notes.append(f'<span class="moved-note">{escape(row.moved)}</span>')
    if row.furniture:
        notes.append('<span class="bp-note">page furniture, not compared</span>')
    elif row.boilerplate:
        notes.append('<span class="bp-note">boilerplate</span>')
    notes += [
        f'<span class="fact" data-kind="{escape(fact.kind)}">{FACT_MARK} {escape(fact.kind)}: '
        f"{escape(fact.note)}</span>"
        for fact in link.facts
    ]
    if set_by_hand(link):
        notes.append(f'<span class="manual-note">{SET_BY_HAND}</span>')
    return (
        f'<tr class="{" ".join(classes)}" id="row-{row.number}">'
        f'<td class="num">{row.number}{_mark(link.facts)}</td>'
        f"{_side('original', 'Original', row.original_where, row.original)}"
        f"{_side('rewrite', 'Rewrite', row.rewrite_where, row.rewrite)}"
        f'<td class="kind">{"".join(notes)}</td></tr>'
    )


def _mark(facts: tuple[object, ...]) -> str:
    return f'<br><span class="fact-mark" title="a fact changed">{FACT_MARK}</span>' if facts else ""


def _side(css: str, label: str, numbers: str, pieces: tuple[Piece, ...]) -> str:
    if not numbers:
        return f'<td class="side {css} empty">—</td>'
    where = f'<span class="where">{label} {plural(numbers)}</span>'
    return f'<td class="side {css}">{where}{_pieces(pieces, css == "original")}</td>'


def _pieces(pieces: tuple[Piece, ...], original: bool) -> str:
    tag = "del" if original else "ins"
    return "".join(
        f'<{tag} class="change">{escape(p.text)}</{tag}>' if p.marked else escape(p.text)
        for p in pieces
    )
