"""The triage report in its four formats: JSON (the schema's), CSV, plain text and HTML.

Every renderer takes the same ``TriageReport`` and returns text; ``render`` gives the bytes of
a file (CSV files get a byte-order mark for Excel, as ``retold compare`` writes them).
"""

from __future__ import annotations

import csv
import html
import io
import json
from datetime import UTC, datetime

from retold import __version__
from retold.batch.assess import evidence_line
from retold.batch.records import Assessment
from retold.batch.triage import TriageReport
from retold.engine.verbatim import MIN_RUN_WORDS
from retold.report.csv_report import FORMULA_STARTS

FORMATS: dict[str, tuple[str, ...]] = {
    "json": (".json",),
    "csv": (".csv",),
    "html": (".html", ".htm"),
    "text": (".txt", ".text"),
}

CSV_HEADER = (
    "rank", "name", "path", "sha256", "score", "derived", "reused", "new", "verbatim",
    "longest_run_words", "linked", "moved", "error", "evidence",
)  # fmt: skip


def format_for(suffix: str) -> str | None:
    """The format a file extension names, or None."""
    for fmt, extensions in FORMATS.items():
        if suffix.lower() in extensions:
            return fmt
    return None


def render(report: TriageReport, fmt: str, *, to_file: bool) -> bytes:
    if fmt == "json":
        text = render_json(report)
    elif fmt == "csv":
        text = render_csv(report)
        if to_file:
            return text.encode("utf-8-sig")
    elif fmt == "html":
        text = render_html(report)
    elif fmt == "text":
        text = render_text(report)
    else:
        raise ValueError(f"unknown triage format {fmt!r}")
    return text.encode("utf-8")


def render_json(report: TriageReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_csv(report: TriageReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for rank, row in enumerate(report.rows, start=1):
        data = row.to_dict()
        cells = [rank] + [_csv_cell(data.get(key)) for key in CSV_HEADER[1:]]
        writer.writerow(cells)
    return out.getvalue()


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text  # no formula injection


def verdict(row: Assessment) -> str:
    if row.error is not None:
        return "error"
    return "derived" if row.derived else "not derived"


def percent(share: float | None) -> str:
    return "" if share is None else f"{share * 100:.0f}%"


def generated_line() -> str:
    moment = datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M %Z").strip()
    return f"Compared {moment} with Retold {__version__}"


def suspects(count: int) -> str:
    """ "1 suspect", "6 suspects"."""
    return f"{count} suspect" if count == 1 else f"{count} suspects"


def summary_line(report: TriageReport) -> str:
    derived = sum(1 for row in report.rows if row.derived)
    failed = sum(1 for row in report.rows if row.error is not None)
    line = f"{suspects(len(report.rows))}: {derived} derived from the original"
    return line + (f", {failed} could not be read" if failed else "")


def render_text(report: TriageReport) -> str:
    original = report.original
    lines = [
        f"Retold triage: {original.name}",
        f"Original: {original.path}  sha256 {original.sha256 or 'unknown'}",
        generated_line(),
        summary_line(report),
        evidence_line(report.rows),
        "",
        f"{'#':>3}  {'verdict':<11}  {'score':>5}  {'reused':>6}  {'new':>4}  {'verbatim':>8}"
        f"  {'run':>4}  {'linked':>6}  {'moved':>5}  suspect",
    ]
    for rank, row in enumerate(report.rows, start=1):
        if row.error is not None:
            lines.append(f"{rank:>3}  {'error':<11}  {row.path}: {row.error}")
            continue
        lines.append(
            f"{rank:>3}  {verdict(row):<11}  {row.score:>5.2f}  {percent(row.reused):>6}"
            f"  {percent(row.new):>4}  {percent(row.verbatim):>8}  {row.longest_run_words:>4}"
            f"  {row.linked:>6}  {row.moved:>5}  {row.path}"
        )
    lines += ["", _legend()]
    return "\n".join(lines) + "\n"


def _legend() -> str:
    return (
        "score: how likely the suspect is derived from the original (0 to 1; derived from 0.5). "
        "reused: share of the original the suspect retells. new: share of the suspect that is "
        f"its own. verbatim: share of the original kept word for word, in runs of {MIN_RUN_WORDS} "
        "words or more; run: the longest such run, in words. linked, moved: the suspect's "
        "sentences linked to the original, and those out of its order."
    )


_CSS = """
body { font: 15px/1.5 "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; color: #1d1d1f;
  margin: 0 auto; padding: 24px; max-width: 1280px; }
h1 { font-size: 22px; margin: 0 0 4px; }
.hash, td.path { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 12px;
  overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin-top: 12px; }
th { cursor: pointer; text-align: left; border-bottom: 2px solid #333; padding: 4px 8px;
  background: #f4f4f4; }
td { padding: 5px 8px; border-bottom: 1px solid #ddd; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; width: 90px; height: 10px; border: 1px solid #777;
  vertical-align: middle; margin-right: 6px; background: #fff; }
.bar span { display: block; height: 100%; background: #2a62c9; }
.verdict { font-weight: 600; }
tr.derived .verdict { color: #a32020; }
tr.derived td:first-child { border-left: 5px solid #c62828; }
tr.independent td:first-child { border-left: 5px dotted #9e9e9e; }
tr.failed td:first-child { border-left: 5px double #8a5d00; }
tr.failed .verdict { color: #8a5d00; }
.legend { color: #444; font-size: 13px; max-width: 60em; }
@media print { * { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""


# Click a header to sort the rows by it (again to reverse); rows that failed stay below, in a
# body of their own. The page reads the same without scripts.
_SORT_SCRIPT = """
document.querySelectorAll("th[data-col]").forEach((th) => th.addEventListener("click", () => {
  const body = document.querySelector("tbody.ranked"), col = Number(th.dataset.col);
  const down = th.dataset.order !== "desc";
  th.dataset.order = down ? "desc" : "asc";
  const key = (tr) => {
    const cell = tr.children[col], v = cell.dataset.v ?? cell.textContent.toLowerCase();
    return cell.dataset.v === undefined ? v : Number(v);
  };
  [...body.rows].sort((a, b) => {
    const x = key(a), y = key(b);
    return (x < y ? -1 : x > y ? 1 : 0) * (down ? -1 : 1);
  }).forEach((tr) => body.appendChild(tr));
}));
"""
_HEADERS = (
    "#", "Suspect", "Verdict", "Score", "Reused", "New", "Verbatim", "Longest run", "Linked",
    "Moved",
)  # fmt: skip


def render_html(report: TriageReport) -> str:
    esc = html.escape
    original = report.original
    headers = "".join(
        f"<th data-col='{k}' title='Click to sort'>{name}</th>" for k, name in enumerate(_HEADERS)
    )
    head = (
        f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>Retold triage: {esc(original.name)}</title><style>{_CSS}</style></head><body>"
        f"<h1>Which files retell {esc(original.name)}?</h1>"
        f"<p>Original: {esc(original.path)}<br><span class='hash'>SHA-256 "
        f"{esc(original.sha256 or 'unknown')}</span><br>{esc(generated_line())}</p>"
        f"<p><b>{esc(summary_line(report))}</b>, most likely first."
        f"<br>{esc(evidence_line(report.rows))}</p>"
        f"<table><thead><tr>{headers}</tr></thead>"
    )
    ranked = [_html_row(k, row) for k, row in enumerate(report.rows, start=1) if row.ok]
    failed = [_html_row(k, row) for k, row in enumerate(report.rows, start=1) if not row.ok]
    body = f"<tbody class='ranked'>{''.join(ranked)}</tbody>"
    if failed:
        body += f"<tbody class='failed'>{''.join(failed)}</tbody>"
    tail = (
        f"</table><p class='legend'>{esc(_legend())}</p>"
        f"<script>{_SORT_SCRIPT}</script></body></html>\n"
    )
    return head + body + tail


def _html_row(rank: int, row: Assessment) -> str:
    esc = html.escape
    sha = esc(row.sha256 or "unknown")
    name = (
        f"<td><b>{esc(row.name)}</b><br><span class='hash' title='SHA-256 {sha}'>"
        f"{esc(row.path)}</span></td>"
    )
    if row.error is not None:
        return (
            f"<tr class='failed'><td class='num'>{rank}</td>{name}"
            f"<td class='verdict'>error</td><td colspan='7'>{esc(row.error)}</td></tr>"
        )
    css = "derived" if row.derived else "independent"
    reused = row.reused or 0.0

    def num(value: object, text: str) -> str:
        return f"<td class='num' data-v='{value}'>{text}</td>"

    return (
        f"<tr class='{css}'>{num(rank, str(rank))}{name}"
        f"<td class='verdict' data-v='{row.score}'>{verdict(row)}</td>"
        f"{num(row.score, f'{row.score:.2f}')}"
        f"<td data-v='{reused}'><span class='bar'><span style='width:{reused * 100:.0f}%'>"
        f"</span></span>{percent(row.reused)}</td>"
        f"{num(row.new, percent(row.new))}{num(row.verbatim, percent(row.verbatim))}"
        f"{num(row.longest_run_words, f'{row.longest_run_words} words')}"
        f"{num(row.linked, str(row.linked))}{num(row.moved, str(row.moved))}</tr>"
    )
