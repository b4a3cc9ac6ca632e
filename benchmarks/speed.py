"""Wall time and peak memory of a comparison, in-process and through the command line.

    .venv/bin/python benchmarks/speed.py [--shared PATH] [--repeat 5]

Three sizes built from the shared evaluation texts: an article pair (~1k words), a long pair
(~20k words) and a book-length pair (~100k words a side: originals concatenated on one side,
their rewrites on the other, in the same order). Each measurement runs in a fresh process, so
the peak resident size (ru_maxrss from wait4) is that of one comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DEFAULT_SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
BIN = Path(sys.executable).parent
# Document sets first: they read like articles; sentence sets pad the book-length pair.
BOOK_SETS = (
    "seed_nyt_treasury",
    "msrp_docs",
    "iterater_human_doc",
    "onestopenglish_adv_ele_SILVER",
    "clough_stevenson",
    "msrp_test",
    "arxivedits_sentences",
)
TARGETS = {  # size -> (in-process seconds, CLI seconds, peak MB)
    "article": (0.05, 0.5, None),
    "book": (5.0, None, 500.0),
}

_WORKER = """
import json, sys, time
start = time.perf_counter()
import retold
imported = time.perf_counter() - start
a = open(sys.argv[1], encoding="utf-8").read()
b = open(sys.argv[2], encoding="utf-8").read()
runs = []
for _ in range(int(sys.argv[3])):
    t = time.perf_counter()
    result = retold.compare(a, b)
    runs.append(time.perf_counter() - t)
print(json.dumps({"import": imported, "runs": runs, "links": len(result.links)}))
"""


def _load_module(shared: Path) -> Any:
    sys.path.insert(0, str(shared / "eval"))
    import load

    return load


def _pairs(load: Any, shared: Path) -> Iterator[Any]:
    while True:  # cycle: the sets hold a little less than 100k words of rewrites
        for name in BOOK_SETS:
            yield from load.load(name, str(shared / "eval"))


def build_texts(shared: Path) -> dict[str, tuple[str, str]]:
    """The three sizes, as (original, rewrite)."""
    load = _load_module(shared)
    articles = load.load("onestopenglish_adv_ele_SILVER", str(shared / "eval"))
    article = min(articles, key=lambda p: abs(len(p.original.split()) - 1000))
    texts = {"article": (article.original, article.rewrite)}
    for size, words in (("long", 20_000), ("book", 100_000)):
        originals: list[str] = []
        rewrites: list[str] = []
        counts = [0, 0]
        for pair in _pairs(load, shared):
            if min(counts) >= words:
                break
            originals.append(pair.original.strip())
            rewrites.append(pair.rewrite.strip())
            counts[0] += len(pair.original.split())
            counts[1] += len(pair.rewrite.split())
        texts[size] = ("\n\n".join(originals), "\n\n".join(rewrites))
    return texts


def _spawn(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak resident MB and output of a child, reaped with wait4 for its peak."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        child = subprocess.Popen(command, stdout=out_file, stderr=err_file)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out_file.seek(0)
        err_file.seek(0)
        if child.returncode:
            tail = err_file.read().decode(errors="replace")[-400:]
            raise RuntimeError(f"{' '.join(command[:3])} failed: {tail}")
        return seconds, usage.ru_maxrss / 1024, out_file.read().decode()


def measure(texts: dict[str, tuple[str, str]], repeat: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        for size, (original, rewrite) in texts.items():
            a, b = Path(folder, f"{size}-a.txt"), Path(folder, f"{size}-b.txt")
            a.write_text(original, encoding="utf-8")
            b.write_text(rewrite, encoding="utf-8")
            runs = repeat if size == "article" else 1
            _, peak, out = _spawn([sys.executable, "-c", _WORKER, str(a), str(b), str(runs)])
            result = json.loads(out)
            report = Path(folder, f"{size}.json")
            cli = [str(BIN / "retold"), "compare", str(a), str(b), "--format", "json"]
            cli_times = [_spawn([*cli, "-o", str(report)]) for _ in range(runs)]
            rows.append(
                {
                    "size": size,
                    "words": (len(original.split()), len(rewrite.split())),
                    "in_process": statistics.median(result["runs"]),
                    "peak_mb": peak,
                    "links": result["links"],
                    "cli": statistics.median(t for t, _, _ in cli_times),
                    "cli_peak_mb": max(p for _, p, _ in cli_times),
                }
            )
    return rows


def _against(value: float, target: float | None) -> str:
    return f"{value / target:5.2f}x of {target:g}" if target else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--repeat", type=int, default=5, help="runs of the article pair")
    args = parser.parse_args(argv)
    imports = [_spawn([sys.executable, "-c", "import retold.cli"])[0] for _ in range(3)]
    print(f"python -c 'import retold.cli': {statistics.median(imports):.3f} s (median of 3)")
    rows = measure(build_texts(args.shared), args.repeat)
    print(
        f"{'size':8s} {'words (orig/rew)':>17s} {'links':>6s} {'in-proc s':>10s} {'peak MB':>8s} "
        f"{'CLI s':>7s} {'CLI MB':>7s}  against targets"
    )
    for row in rows:
        target_s, target_cli, target_mb = TARGETS.get(row["size"], (None, None, None))
        notes = [
            _against(row["in_process"], target_s),
            _against(row["cli"], target_cli),
            _against(row["peak_mb"], target_mb),
        ]
        print(
            f"{row['size']:8s} {'{}/{}'.format(*row['words']):>17s} {row['links']:6d} "
            f"{row['in_process']:10.3f} {row['peak_mb']:8.1f} {row['cli']:7.3f} "
            f"{row['cli_peak_mb']:7.1f}  {'; '.join(n for n in notes if n)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
