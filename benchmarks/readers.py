"""Where the time and memory of a long Word document go (issue 14 §5, "slow but finishing").

    .venv/bin/python benchmarks/readers.py [--paragraphs 25000 50000 100000 200000] [--full 100000]

For each size, a .docx of that many short paragraphs is read (``load_source``) in a fresh
process: time and peak resident size (wait4). The ratio to the smallest size, over the ratio
of the sizes, is about 1 where reading grows linearly. ``--full N`` then splits a whole
``retold compare`` of the N-paragraph document with a one-paragraph rewrite, to JSON, into
reading, comparing (the engine) and writing the report, with the peak after each.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REWRITE = "Paragraph 7 of the council's minutes was read again on Tuesday.\n"
PARAGRAPH = "<w:p><w:r><w:t>Paragraph {} of the council's minutes, {}.</w:t></w:r></w:p>"
WORDS = ("harbour", "wall", "voted", "spring", "council", "noise", "meeting", "town")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
        'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    ),
}

_READ = """
import json, resource, sys, time
start = time.perf_counter()
from retold.sources.loader import load_source
imported = time.perf_counter()
source = load_source(sys.argv[1])
done = time.perf_counter()
print(json.dumps({"import": imported - start, "read": done - imported, "chars": len(source.text)}))
"""

_FULL = """
import json, resource, sys, time
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from retold.api import compare_sources
from retold.report.json_report import render_json
from retold.sources.loader import load_source
figures = {}
start = time.perf_counter()
sources = (load_source(sys.argv[1]), load_source(sys.argv[2]))
figures["read"] = (time.perf_counter() - start, peak())
start = time.perf_counter()
comparison = compare_sources(*sources)
figures["compare"] = (time.perf_counter() - start, peak())
start = time.perf_counter()
render_json(comparison)
figures["JSON report"] = (time.perf_counter() - start, peak())
print(json.dumps(figures))
"""


def write_docx(path: Path, paragraphs: int) -> None:
    body = "".join(PARAGRAPH.format(n, WORDS[n % len(WORDS)]) for n in range(paragraphs))
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'
    document += body + "</w:body></w:document>"
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in {**_PARTS, "word/document.xml": document}.items():
            archive.writestr(name, text)
    path.write_bytes(data.getvalue())


def child(script: str, *argv: str) -> tuple[dict[str, object], float]:
    """The script's JSON line and the child's peak resident MB."""
    process = subprocess.Popen([sys.executable, "-c", script, *argv], stdout=subprocess.PIPE)
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"the child failed (status {status})")
    result: dict[str, object] = json.loads(out)
    return result, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--paragraphs", type=int, nargs="+", default=[25_000, 50_000, 100_000, 200_000]
    )
    parser.add_argument("--full", type=int, default=100_000, metavar="N", help="0: skip it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        print(f"{'paragraphs':>10} {'MB docx':>7} {'read s':>7} {'/size':>6} {'peak MB':>8}")
        first: tuple[int, float] | None = None
        for count in args.paragraphs:
            path = Path(work) / f"long{count}.docx"
            write_docx(path, count)
            result, peak = child(_READ, str(path))
            seconds = float(str(result["read"]))
            first = first or (count, seconds)
            growth = seconds / first[1] / (count / first[0])
            size = path.stat().st_size / 2**20
            print(f"{count:10,} {size:7.2f} {seconds:7.2f} {growth:6.2f} {peak:8.0f}")
        if args.full:
            path = Path(work) / "full.docx"
            write_docx(path, args.full)
            rewrite = Path(work) / "rewrite.txt"
            rewrite.write_text(REWRITE, encoding="utf-8")
            figures, _ = child(_FULL, str(path), str(rewrite))
            print(f"\nretold compare of {args.full:,} paragraphs, to JSON:")
            for stage, value in figures.items():
                assert isinstance(value, list)
                print(f"  {stage:12} {value[0]:6.2f} s, peak {value[1]:5.0f} MB after it")


if __name__ == "__main__":
    main()
