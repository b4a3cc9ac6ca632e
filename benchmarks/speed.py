"""Wall time and peak memory of a comparison, in-process and through the command line.

    .venv/bin/python benchmarks/speed.py [--shared PATH] [--repeat 5] [--big] [--huge]

Sizes built from the shared evaluation texts: an article pair (~1k words), a long pair (~20k
words) and a book-length pair (~100k words a side: originals concatenated on one side, their
rewrites on the other, in the same order). Each measurement runs in a fresh process, so the
peak resident size (ru_maxrss from wait4) is that of one comparison. Beside the book pair's
CLI time stands ``dwdiff -s`` on the same files, when dwdiff is installed. The growth exponent
is the slope of log(time) over log(words), fitted on pairs of 25k, 50k, 100k and 200k words.
``--big`` adds the book pair repeated to 5 MB a side; ``--huge`` adds 50 MB a side (the
reader's cap) through the CLI with its standard error on a pseudo-terminal: its peak memory
(of the largest process, and of all its processes together, sampled), the progress lines it
drew, when the first said the time left, and the longest stretch without a new line.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pty
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from itertools import pairwise
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
# Issue "Fast at every size": size -> (in-process seconds, CLI seconds, peak MB)
TARGETS = {
    "article": (0.02, None, None),
    "book": (1.0, None, 300.0),
    "5MB": (10.0, None, 400.0),
    "50MB": (None, None, 2000.0),
}
DWDIFF_FACTOR = 6.0  # the book pair through the CLI: at most this many times dwdiff -s
GROWTH_WORDS = (25_000, 50_000, 100_000, 200_000)
GROWTH_TARGET = 1.15

_WORKER = """
import json, resource, sys, time
start = time.perf_counter()
import retold
compare, Options = retold.compare, retold.CompareOptions  # the engine loads on first use
imported = time.perf_counter() - start
a = open(sys.argv[1], encoding="utf-8").read()
b = open(sys.argv[2], encoding="utf-8").read()
def cpu_seconds():  # this process's and its reaped children's (the links' pool)
    me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
runs, cpu = [], []
for _ in range(int(sys.argv[3])):
    t, c = time.perf_counter(), cpu_seconds()
    result = compare(a, b, Options(semantic=False))  # the lexical engine
    runs.append(time.perf_counter() - t)
    cpu.append(cpu_seconds() - c)
print(json.dumps({"import": imported, "runs": runs, "cpu": cpu, "links": len(result.links)}))
"""


def _load_module(shared: Path) -> Any:
    sys.path.insert(0, str(shared / "eval"))
    import load

    return load


def _pairs(load: Any, shared: Path) -> Iterator[Any]:
    while True:  # cycle: the sets hold a little less than 100k words of rewrites
        for name in BOOK_SETS:
            yield from load.load(name, str(shared / "eval"))


def _joined(load: Any, shared: Path, words: int) -> tuple[str, str]:
    """Pairs concatenated until both sides hold ``words`` words."""
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
    return "\n\n".join(originals), "\n\n".join(rewrites)


def _repeated(pair: tuple[str, str], chars: int) -> tuple[str, str]:
    """The pair repeated until each side holds ``chars`` characters."""
    return tuple(  # type: ignore[return-value]
        "\n\n".join([side] * math.ceil(chars / (len(side) + 2))) for side in pair
    )


def build_texts(shared: Path, big: bool = False, huge: bool = False) -> dict[str, tuple[str, str]]:
    """The sizes, as (original, rewrite)."""
    load = _load_module(shared)
    articles = load.load("onestopenglish_adv_ele_SILVER", str(shared / "eval"))
    article = min(articles, key=lambda p: abs(len(p.original.split()) - 1000))
    texts = {"article": (article.original, article.rewrite)}
    texts["long"] = _joined(load, shared, 20_000)
    texts["book"] = _joined(load, shared, 100_000)
    if big:
        texts["5MB"] = _repeated(texts["book"], 5_000_000)
    if huge:
        texts["50MB"] = _repeated(texts["book"], 50_000_000)
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


def _on_terminal(command: list[str]) -> tuple[float, float, float, dict[str, Any]]:
    """Wall seconds, peak resident MB (of the largest process, and of the whole process tree
    sampled every 0.2 s) and what a child drew on its standard error, a pseudo-terminal."""
    master, slave = pty.openpty()
    drawn: list[tuple[float, str]] = []  # (seconds since start, text) as it arrived
    start = time.perf_counter()

    def read() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child's end is closed
                return
            if not chunk:
                return
            drawn.append((time.perf_counter() - start, chunk.decode(errors="replace")))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    with tempfile.TemporaryFile() as out_file:
        child = subprocess.Popen(command, stdout=out_file, stderr=slave)
        os.close(slave)
        tree = [0.0]
        sampler = threading.Thread(target=_sample_tree, args=(child, tree), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
    reader.join(timeout=10)
    os.close(master)
    if child.returncode:
        tail = "".join(t for _, t in drawn)[-400:]
        raise RuntimeError(f"{' '.join(command[:3])} failed: {tail}")
    return seconds, usage.ru_maxrss / 1024, tree[0], _progress_seen(drawn, seconds)


def _sample_tree(child: subprocess.Popen[bytes], peak: list[float]) -> None:
    """The largest sum of resident MB of ``child`` and its descendants, until it ends."""
    while child.poll() is None:
        peak[0] = max(peak[0], sum(_rss_mb(pid) for pid in _tree(child.pid)))
        time.sleep(0.2)


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                    todo += map(int, children.read().split())
        except OSError:  # gone meanwhile
            continue
    return found


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return 0.0


def _progress_seen(drawn: list[tuple[float, str]], seconds: float) -> dict[str, Any]:
    """The progress lines among what was drawn: how many, the first that said the time
    left (seconds since the start), and the longest stretch with no new line (the start
    and the end of the run included: reading the files and writing the report)."""
    # A chunk read after the child ended was drawn before it ended: the reader thread can
    # stamp it a moment late.
    lines = [
        (min(t, seconds), frame) for t, text in drawn for frame in text.split("\r\x1b[K") if frame
    ]
    progress = [(t, f) for t, f in lines if "%" in f]
    times = [0.0, *(t for t, _ in progress), seconds]
    first_left = next((t for t, f in progress if " left" in f), None)
    return {
        "lines": len(progress),
        "first_left": first_left,
        "longest_gap": max(b - a for a, b in pairwise(times)),
        "last": progress[-1][1] if progress else "",
    }


def _in_process(a: Path, b: Path, runs: int) -> tuple[float, float, int, float]:
    """Median seconds of compare() alone, the child's peak MB, the number of links and the
    median processor seconds (steadier than wall time on a shared machine)."""
    _, peak, out = _spawn([sys.executable, "-c", _WORKER, str(a), str(b), str(runs)])
    result = json.loads(out)
    wall, cpu = statistics.median(result["runs"]), statistics.median(result["cpu"])
    return wall, peak, result["links"], cpu


def _dwdiff(a: Path, b: Path) -> float | None:
    """Seconds of ``dwdiff -s`` (statistics only) on the same files, if dwdiff is installed."""
    if shutil.which("dwdiff") is None:
        return None
    start = time.perf_counter()
    # dwdiff exits 1 when the files differ: that is its answer, not a failure.
    subprocess.run(["dwdiff", "-s", str(a), str(b)], capture_output=True, check=False)
    return time.perf_counter() - start


def measure(texts: dict[str, tuple[str, str]], repeat: int, folder: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for size, (original, rewrite) in texts.items():
        a, b = folder / f"{size}-a.txt", folder / f"{size}-b.txt"
        a.write_text(original, encoding="utf-8")
        b.write_text(rewrite, encoding="utf-8")
        row: dict[str, Any] = {"size": size, "words": (len(original.split()), len(rewrite.split()))}
        runs = repeat if size == "article" else 1
        if size != "50MB":  # in-process at 50 MB would only repeat the CLI's figures
            row["in_process"], row["peak_mb"], row["links"], row["cpu"] = _in_process(a, b, runs)
        cli = [str(BIN / "retold"), "compare", str(a), str(b), "--format", "json", "--no-semantic"]
        cli += ["-o", str(folder / f"{size}.json")]
        if size == "50MB":  # on a terminal, to see its progress
            row["cli"], row["cli_peak_mb"], row["tree_mb"], row["progress"] = _on_terminal(cli)
            rows.append(row)
            continue
        cli_times = [_spawn(cli) for _ in range(runs)]
        row["cli"] = statistics.median(t for t, _, _ in cli_times)
        row["cli_peak_mb"] = max(p for _, p, _ in cli_times)
        if size == "book":
            row["dwdiff"] = _dwdiff(a, b)
        rows.append(row)
    return rows


def growth_exponent(shared: Path, folder: Path) -> dict[str, tuple[float, list[tuple[int, float]]]]:
    """Least-squares slope of log(seconds) over log(words) of in-process comparisons, for
    wall and for processor seconds."""
    load = _load_module(shared)
    points: dict[str, list[tuple[int, float]]] = {"wall": [], "cpu": []}
    for words in GROWTH_WORDS:
        original, rewrite = _joined(load, shared, words)
        a, b = folder / f"g{words}-a.txt", folder / f"g{words}-b.txt"
        a.write_text(original, encoding="utf-8")
        b.write_text(rewrite, encoding="utf-8")
        wall, _, _, cpu = _in_process(a, b, 1)
        points["wall"].append((len(rewrite.split()), wall))
        points["cpu"].append((len(rewrite.split()), cpu))
    return {name: (_slope(found), found) for name, found in points.items()}


def _slope(points: list[tuple[int, float]]) -> float:
    xs = [math.log(w) for w, _ in points]
    ys = [math.log(s) for _, s in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def _against(value: float | None, target: float | None) -> str:
    if value is None or not target:
        return ""
    return f"{value / target:5.2f}x of {target:g}"


def _print(rows: list[dict[str, Any]]) -> None:
    print(
        f"{'size':8s} {'words (orig/rew)':>19s} {'links':>6s} {'in-proc s':>10s} {'cpu s':>7s} "
        f"{'peak MB':>8s} {'CLI s':>7s} {'CLI MB':>7s}  against targets"
    )
    for row in rows:
        target_s, _, target_mb = TARGETS.get(row["size"], (None, None, None))
        peak = row.get("peak_mb", row["cli_peak_mb"])
        notes = [_against(row.get("in_process"), target_s), _against(peak, target_mb)]
        if row.get("dwdiff"):
            ratio = row["cli"] / row["dwdiff"]
            notes.append(
                f"dwdiff -s {row['dwdiff']:.3f} s: CLI {ratio:.1f}x (target {DWDIFF_FACTOR:g}x)"
            )
        elif "dwdiff" in row:
            notes.append("dwdiff not installed")
        in_process = f"{row['in_process']:10.3f}" if "in_process" in row else f"{'-':>10s}"
        in_process += f" {row['cpu']:7.3f}" if "cpu" in row else f" {'-':>7s}"
        peak_text = f"{row['peak_mb']:8.1f}" if "peak_mb" in row else f"{'-':>8s}"
        links = f"{row['links']:6d}" if "links" in row else f"{'-':>6s}"
        print(
            f"{row['size']:8s} {'{}/{}'.format(*row['words']):>19s} {links} {in_process} "
            f"{peak_text} {row['cli']:7.3f} {row['cli_peak_mb']:7.1f}  "
            f"{'; '.join(n for n in notes if n)}"
        )
        if "progress" in row:
            seen = row["progress"]
            left = f"{seen['first_left']:.0f} s" if seen["first_left"] is not None else "never"
            gap = f"{seen['longest_gap']:.0f} s"
            print(
                f"{'':8s} all processes {row['tree_mb']:.0f} MB; progress: {seen['lines']} lines, "
                f"time left first shown at {left}, longest without a line {gap}; "
                f"last: {seen['last']!r}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--repeat", type=int, default=5, help="runs of the article pair")
    parser.add_argument("--big", action="store_true", help="add 5 MB a side")
    parser.add_argument("--huge", action="store_true", help="add 50 MB a side (CLI only)")
    parser.add_argument("--no-growth", action="store_true", help="skip the growth exponent")
    args = parser.parse_args(argv)
    imports = [_spawn([sys.executable, "-c", "import retold.cli"])[0] for _ in range(3)]
    print(f"python -c 'import retold.cli': {statistics.median(imports):.3f} s (median of 3)")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        _print(measure(build_texts(args.shared, args.big, args.huge), args.repeat, folder))
        if not args.no_growth:
            for name, (slope, points) in growth_exponent(args.shared, folder).items():
                fitted = ", ".join(f"{w // 1000}k {s:.2f} s" for w, s in points)
                print(f"growth exponent ({name}) {slope:.2f} (target {GROWTH_TARGET}): {fitted}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
