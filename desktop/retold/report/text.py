"""The plain-text report: what ``retold compare`` prints by default."""

from __future__ import annotations

import textwrap

from retold.engine.model import Comparison
from retold.report.meta import ReportInfo, generated_line, source_facts, stat_facts
from retold.report.rows import (
    BY_MODEL,
    SET_BY_HAND,
    Piece,
    Row,
    report_rows,
    set_by_hand,
)
from retold.report.summary import FACT_MARK, HOW_TO_READ, evidence_lines, options_in_words

WIDTH = 100
# textwrap breaks a long word by re-slicing the rest of it for every line (quadratic): a text
# holding a word longer than this is wrapped by ``wrap_long`` instead, the same way in linear time.
_LONG_WORD = 10 * WIDTH


def render_text(comparison: Comparison, info: ReportInfo, *, hide_boilerplate: bool = False) -> str:
    lines = [f"Retold comparison: {comparison.original.name} → {comparison.rewrite.name}"]
    lines.append(generated_line(info))
    sources = info.sources or (None, None)
    for label, document, source in (
        ("Original", comparison.original, sources[0]),
        ("Rewrite", comparison.rewrite, sources[1]),
    ):
        facts = "; ".join(f"{k}: {v}" for k, v in source_facts(document, source))
        lines.append(f"{label}: {facts}")
    lines.append("")
    lines.append("Summary: " + "; ".join(f"{k} {v}" for k, v in stat_facts(comparison)))
    for line in [
        *evidence_lines(comparison, hidden=hide_boilerplate),
        options_in_words(comparison),
    ]:
        lines += textwrap.wrap(line, WIDTH, subsequent_indent="  ", break_on_hyphens=False)
    lines.append("")
    lines.append("How to read this report:")
    for term, meaning in HOW_TO_READ:
        lines += textwrap.wrap(
            f"{term}: {meaning}", WIDTH, initial_indent="- ", subsequent_indent="  "
        )
    lines.append(f"Marks: [-deleted words-] {{+inserted words+}}; {FACT_MARK} a fact changed")
    for row in report_rows(comparison, hide_boilerplate=hide_boilerplate):
        lines.append("")
        lines.extend(_row(row))
    return "\n".join(lines) + "\n"


def _row(row: Row) -> list[str]:
    link = row.link
    head = f"{row.number}. {row.label.upper()}"
    if link.is_match:
        head += f"  similarity {link.similarity:.2f}"
    if link.found_by_model:
        head += f"  [{BY_MODEL}]"
    if link.moved:
        head += f"  ({row.moved})"
    if row.furniture:
        head += "  [page furniture, not compared]"
    elif row.boilerplate:
        head += "  [boilerplate]"
    if set_by_hand(link):
        head += f"  [{SET_BY_HAND}]"
    lines = [head]
    if link.original_sentences:
        where = f"original {row.original_where}"
        lines += _indented(f"- {where}: ", _marked(row.original, "[-", "-]"))
    if link.rewrite_sentences:
        where = f"rewrite {row.rewrite_where}"
        lines += _indented(f"+ {where}: ", _marked(row.rewrite, "{+", "+}"))
    for fact in link.facts:
        lines += _indented(f"{FACT_MARK} {fact.kind}: ", fact.note)
    return lines


def _marked(pieces: tuple[Piece, ...], opening: str, closing: str) -> str:
    return "".join(f"{opening}{p.text}{closing}" if p.marked else p.text for p in pieces)


def _indented(prefix: str, text: str) -> list[str]:
    words = text.split()  # sentences may hold line breaks from the source
    if any(len(w) > _LONG_WORD for w in words):
        return wrap_long(words, WIDTH, "   " + prefix, "      ")
    return textwrap.wrap(
        " ".join(words),
        WIDTH,
        initial_indent="   " + prefix,
        subsequent_indent="      ",
        break_on_hyphens=False,
    ) or ["   " + prefix]


def wrap_long(words: list[str], width: int, initial: str, subsequent: str) -> list[str]:
    """``textwrap.wrap`` of the words joined by spaces, without hyphen breaks, in linear time:
    a word longer than a line fills the rest of the current one, then whole lines (textwrap
    re-slices the rest of it for every line)."""
    lines: list[str] = []
    parts, used, empty = [initial], len(initial), True
    for word in words:
        spaced = not empty and used < width  # textwrap keeps the space if it fits the line
        if used + spaced + len(word) <= width:
            parts += [" "] * spaced + [word]
            used, empty = used + spaced + len(word), False
            continue
        at = 0
        if len(word) > width - len(parts[0]):  # longer than this whole line: it fills the rest
            parts += [" "] * spaced + [word[: width - used - spaced]]
            at = width - used - spaced
        lines.append("".join(parts))
        while len(word) - at > width - len(subsequent):
            lines.append(subsequent + word[at : at + width - len(subsequent)])
            at += width - len(subsequent)
        parts, used = [subsequent, word[at:]], len(subsequent) + len(word) - at
        empty = at == len(word)
    if not empty or not lines:
        lines.append("".join(parts))
    return lines
