"""The find report: JSON (``data/schema/retold-find.schema.json``), CSV and plain text.

A ``retold scan`` line is one element of the JSON report's ``results``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from retold.archive.find import FindResult
from retold.batch.assess import evidence_line
from retold.report.csv_report import FORMULA_STARTS

FORMAT = "retold-find"
VERSION = 1
_MATCH_COLUMNS = ("score", "derived", "reused", "new", "verbatim", "longest_run_words")


def to_json(results: Sequence[FindResult]) -> str:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "results": [result.to_dict() for result in results],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def to_line(result: FindResult) -> str:
    """One scan line: the result as compact JSON, ending in a newline."""
    return json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"


def to_csv(results: Sequence[FindResult]) -> str:
    """One row per (suspect, match); a suspect without matches or with an error gets one row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = ("suspect", "suspect_path", "suspect_sha256", "rank", "match", "match_path")
    writer.writerow([*names, "match_sha256", *_MATCH_COLUMNS, "error", "evidence"])
    for result in results:
        head = [_cell(result.name), _cell(result.path), _cell(result.sha256)]
        if not result.matches:
            writer.writerow(
                [*head, "", "", "", "", *[""] * len(_MATCH_COLUMNS), _cell(result.error), ""]
            )
        for rank, match in enumerate(result.matches, 1):
            row = match.to_dict()
            writer.writerow(
                [*head, rank, _cell(match.name), _cell(match.path), _cell(match.sha256)]
                + [_cell(row[column]) for column in _MATCH_COLUMNS]
                + [_cell(row.get("error")), _cell(row.get("evidence"))]
            )
    return out.getvalue()


def _cell(value: object) -> str:
    """A CSV cell as triage writes them: yes/no, blank for None, and no formula injection (a
    file named ``=cmd|…`` must not run in a spreadsheet)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = f"{value:.3f}" if isinstance(value, float) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_text(results: Sequence[FindResult]) -> str:
    lines: list[str] = []
    for result in results:
        lines.append(f"{result.name}  ({result.path})")
        if result.error is not None:
            lines.append(f"  cannot be read: {result.error}")
        elif not result.matches:
            lines.append("  no candidate in the archive shares its rare words, names or numbers")
        for rank, match in enumerate(result.matches, 1):
            if match.score is None or match.reused is None or match.verbatim is None:
                lines.append(f"  {rank}. {match.name}: {match.error}")
                continue
            verdict = "derived" if match.derived else "not derived"
            lines.append(
                f"  {rank}. {match.score:.2f} {verdict:<11}  reused {match.reused:.0%}  "
                f"verbatim {match.verbatim:.0%}  {match.name}  ({match.path})"
            )
        lines.append("")
    if any(result.matches for result in results):
        lines += [evidence_line(m for result in results for m in result.matches), ""]
    return "\n".join(lines)
