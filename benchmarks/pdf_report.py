"""Time and peak memory of the PDF report as its input grows (issue 14 §5, "a PDF report of the
5 MB line").

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/pdf_report.py [--sizes 0.1 0.5 1 5]
        [--kinds word words sentences] [--repeat 1]

Each input is compared with a one-sentence rewrite, then printed as a PDF, in a fresh process
(its peak resident size comes from wait4). Kinds:
- ``word``: one line of that many megabytes with no space (the hostile case);
- ``words``: short words and no full stop: one sentence of that size;
- ``sentences``: an article's sentences repeated: as many rows as it takes.
Beside each time stands its ratio to the smallest size's, and that ratio over the ratio of the
sizes: about 1 where the time grows linearly, the ratio of the sizes where it grows with the
square. The fastest of ``--repeat`` runs counts.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

MB = 1 << 20
REWRITE = "The harbour town voted on Tuesday to rebuild its old sea wall.\n"
ARTICLE = (
    "The harbour town voted on Tuesday to rebuild its old sea wall. The council said the work "
    "would start in spring and last two years. Fishermen welcomed the plan, though some "
    "worried about the noise. A public meeting is set for next month. "
)

_WORKER = """
import json, re, sys, time
from datetime import UTC, datetime
from retold.engine.compare import compare
from retold.report.meta import ReportInfo
from retold.report.pdf import render_pdf
text = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
comparison = compare(text, sys.argv[2])
compared = time.perf_counter()
data = render_pdf(comparison, ReportInfo(datetime(2025, 1, 2, tzinfo=UTC), "bench"))
printed = time.perf_counter()
print(json.dumps({"compare": compared - start, "pdf": printed - compared,
                  "pages": len(re.findall(rb"/Type\\s*/Page(?![a-z])", data)),
                  "rows": len(comparison.links), "bytes": len(data)}))
"""


def make_text(kind: str, size: int) -> str:
    if kind == "word":
        return "x" * size
    if kind == "words":
        words = ("harbour", "wall", "voted", "spring", "council", "noise", "meeting", "town")
        out, length, index = [], 0, 0
        while length < size:
            word = words[index * 7 % len(words)]
            out.append(word)
            length += len(word) + 1
            index += 1
        return " ".join(out)[:size]
    if kind == "sentences":
        return (ARTICLE * (size // len(ARTICLE) + 1))[:size]
    raise ValueError(kind)


def measure(path: Path) -> dict[str, float]:
    process = subprocess.Popen(
        [sys.executable, "-c", _WORKER, str(path), REWRITE],
        stdout=subprocess.PIPE,
        env={**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")},
    )
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"the worker failed on {path.name} (status {status})")
    result: dict[str, float] = json.loads(out)
    result["peak_mb"] = usage.ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 0.5, 1.0, 5.0])
    parser.add_argument("--kinds", nargs="+", default=["word", "words"])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print(
        f"{'kind':10} {'MB':>5} {'rows':>6} {'pages':>6} {'compare s':>9} {'pdf s':>7} "
        f"{'ratio':>6} {'/size':>6} {'peak MB':>8}"
    )
    with tempfile.TemporaryDirectory() as work:
        for kind in args.kinds:
            first: tuple[float, float] | None = None
            for megabytes in args.sizes:
                path = Path(work) / f"{kind}.txt"
                path.write_text(make_text(kind, int(megabytes * MB)), encoding="utf-8")
                runs = [measure(path) for _ in range(args.repeat)]
                best = min(runs, key=lambda run: run["pdf"])
                first = first or (megabytes, best["pdf"])
                ratio = best["pdf"] / first[1]
                print(
                    f"{kind:10} {megabytes:5.1f} {best['rows']:6.0f} {best['pages']:6.0f} "
                    f"{best['compare']:9.2f} {best['pdf']:7.2f} {ratio:6.1f} "
                    f"{ratio / (megabytes / first[0]):6.2f} {best['peak_mb']:8.0f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
