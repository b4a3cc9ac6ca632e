"""Archive search and scale: which original did a page retell, among many synthetic articles?

    .venv/bin/python benchmarks/archive.py [--shared PATH] [--scales 10000 20000 100000]
        [--work DIR] [--scan-scale 20000] [--no-scan]

The archive holds every distinct original of the shared document sets (``../shared/eval``:
seed, iterater, msrp_docs, onestopenglish, Clough's five sources) and N synthetic articles. It is
queried with every rewrite (derived) and with Clough's ``non`` answers (written on the same
subject without the source). Reported per N: recall@1 and @5, the share of right top matches
called derived, the share of independent answers with no derived match; index build rate, size
per article and peak memory (``retold index``'s own code, in a child process reaped with
``wait4``); ``find`` time per suspect in a batch (p50/p95, and the candidate step alone). Then
the ``scan`` speed-up from one Dask worker process to two.

Synthetic articles come from a word-bigram chain trained on all the shared texts (seeded): they
have the real texts' vocabulary, names and numbers at the real frequencies, so every query's
rare words also turn up in them by chance. They are written once into ``--work`` and reused.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DOCUMENT_SETS = (
    "seed_nyt_treasury",
    "iterater_human_doc",
    "msrp_docs",
    "onestopenglish_adv_ele_SILVER",
    "clough_stevenson",
)
SENTENCE_SETS = ("msrp_test", "arxivedits_sentences")  # training text for the chain only
FOLDER_SIZE = 10_000  # synthetic articles per folder: an archive of N takes the first N/10k
TOP = 5


@dataclass(frozen=True)
class Query:
    key: str  # dataset/pair_id
    text: str
    derived: bool  # False: a Clough `non` answer
    truth: frozenset[str]  # sha256 of the originals that count as right (a document's revisions)
    strict: str  # sha256 of the pair's own original


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_corpus(shared: Path) -> tuple[dict[str, str], list[Query], list[str]]:
    """Distinct originals (sha → text), the queries, and all texts to train the chain on."""
    sys.path.insert(0, str(shared / "eval"))
    import load

    originals: dict[str, str] = {}
    families: dict[tuple[str, str], set[str]] = defaultdict(set)
    pairs = []
    training: list[str] = []
    for name in DOCUMENT_SETS:
        for pair in load.load(name, str(shared / "eval")):
            sha = _sha(pair.original)
            originals.setdefault(sha, pair.original)
            family = (name, str(pair.meta.get("doc_id") or pair.meta.get("task") or pair.pair_id))
            families[family].add(sha)
            pairs.append((name, pair, family))
            training += [pair.original, pair.rewrite]
    for name in SENTENCE_SETS:
        training += [
            t for p in load.load(name, str(shared / "eval")) for t in (p.original, p.rewrite)
        ]
    queries = []
    for name, pair, family in pairs:
        derived = not (name == "clough_stevenson" and pair.doc_label == "non")
        truth = frozenset(families[family]) if derived else frozenset()
        strict = _sha(pair.original)
        queries.append(Query(f"{name}/{pair.pair_id}", pair.rewrite, derived, truth, strict))
    return originals, queries, training


# --- synthetic articles ------------------------------------------------------------------------


class BigramChain:
    """Words follow words as they do in the training texts; sentences start as theirs do."""

    def __init__(self, texts: Iterable[str]) -> None:
        follows: dict[str, list[str]] = defaultdict(list)
        starts: list[str] = []
        for text in texts:
            words = text.split()
            if not words:
                continue
            starts.append(words[0])
            for a, b in itertools.pairwise(words):
                follows[a].append(b)
                if a.endswith((".", "!", "?")) and b[:1].isupper():
                    starts.append(b)
        self.follows = dict(follows)
        self.starts = starts

    def article(self, rng: random.Random, length: int) -> str:
        out: list[str] = []
        word = rng.choice(self.starts)
        while True:
            out.append(word)
            ends = word.endswith((".", "!", "?"))
            if ends and len(out) >= length:
                break
            if ends and rng.random() < 0.25:
                out.append("\n\n")
            successors = self.follows.get(word)
            word = rng.choice(successors) if successors and len(out) < 3 * length else ""
            if not word:
                if len(out) >= length:
                    break
                word = rng.choice(self.starts)
        return " ".join(out).replace(" \n\n ", "\n\n") + "\n"


def write_synthetic(
    work: Path, training: list[str], lengths: list[int], count: int, seed: int
) -> None:
    """``count`` synthetic articles in folders of FOLDER_SIZE under ``work/synthetic``, once."""
    marker = work / "synthetic" / "done.json"
    wanted = {"count": count, "seed": seed, "training": _sha("".join(training))}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        return
    chain = BigramChain(training)
    rng = random.Random(seed)
    started = time.perf_counter()
    for i in range(count):
        folder = work / "synthetic" / f"{i // FOLDER_SIZE:03}"
        folder.mkdir(parents=True, exist_ok=True)
        text = chain.article(rng, rng.choice(lengths))
        (folder / f"syn-{i:06}.txt").write_text(text, encoding="utf-8")
    marker.write_text(json.dumps(wanted))
    print(f"# {count} synthetic articles written in {time.perf_counter() - started:.0f} s")


def write_real(work: Path, originals: dict[str, str], queries: list[Query]) -> dict[str, str]:
    """The originals and the queries as files; returns query file path → query key."""
    real = work / "real"
    real.mkdir(parents=True, exist_ok=True)
    for sha, text in originals.items():
        (real / f"{sha[:16]}.txt").write_text(text, encoding="utf-8")
    folder = work / "queries"
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for i, query in enumerate(queries):
        path = folder / f"q{i:04}.txt"
        path.write_text(query.text, encoding="utf-8")
        paths[str(path.resolve())] = query.key
    return paths


# --- the measured children -----------------------------------------------------------------------


def child_build(db: Path, paths: list[Path]) -> dict[str, Any]:
    from retold.archive.indexing import update_index

    db.unlink(missing_ok=True)
    started = time.perf_counter()
    report = update_index(db, paths, jobs=os.cpu_count() or 1)
    seconds = time.perf_counter() - started
    return {"articles": report.added, "seconds": seconds, "failed": len(report.failed)}


def child_find(db: Path, suspects: list[Path]) -> dict[str, Any]:
    from retold.archive.candidates import ArchiveReader
    from retold.archive.find import (
        FindOptions,
        align,
        fetch_originals,
        find_candidates,
        summarise,
    )
    from retold.batch.reading import read_record

    options = FindOptions(top=TOP)
    rows = []
    with ArchiveReader(db) as reader:
        for path in suspects:
            started = time.perf_counter()
            record = read_record(path)
            candidates = find_candidates(reader, record, options)
            retrieved = time.perf_counter()
            originals = fetch_originals(reader, candidates)
            result = summarise(record, align(record, originals), options.top)
            done = time.perf_counter()
            rows.append(
                {
                    "path": str(path.resolve()),
                    "seconds": done - started,
                    "candidate_seconds": retrieved - started,
                    "candidates": [c.sha256 for c in candidates],
                    "matches": [(m.sha256, m.score, m.derived) for m in result.matches],
                }
            )
    return {"rows": rows}


def _spawn(arguments: list[str]) -> tuple[dict[str, Any], float]:
    """Run this script as a child; its JSON output and its peak resident MB (wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen([sys.executable, __file__, *arguments], stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        if os.waitstatus_to_exitcode(status):
            err.seek(0)
            raise RuntimeError(err.read().decode(errors="replace")[-800:])
        out.seek(0)
        return json.loads(out.read()), usage.ru_maxrss / 1024


# --- metrics -----------------------------------------------------------------------------------


def search_metrics(rows: Sequence[dict[str, Any]], queries: dict[str, Query]) -> dict[str, float]:
    """recall@1/@5 (a document's other revisions count; strict: only the pair's own original),
    the right top matches called derived, and the independent answers with no derived match."""
    derived = [(queries[r["path"]], r) for r in rows if queries[r["path"]].derived]
    independent = [r for r in rows if not queries[r["path"]].derived]
    top1 = [bool(r["matches"]) and r["matches"][0][0] in q.truth for q, r in derived]
    top5 = [any(m[0] in q.truth for m in r["matches"][:5]) for q, r in derived]
    strict = [bool(r["matches"]) and r["matches"][0][0] == q.strict for q, r in derived]
    called = [r["matches"][0][2] for (q, r), ok in zip(derived, top1, strict=True) if ok]
    cleared = [not any(m[2] for m in r["matches"]) for r in independent]
    return {
        "derived_queries": len(derived),
        "independent_queries": len(independent),
        "recall@1": _mean(top1),
        "recall@1_strict": _mean(strict),
        "recall@5": _mean(top5),
        "right_top_called_derived": _mean(called),
        "independent_cleared": _mean(cleared),
    }


def _mean(values: Sequence[bool]) -> float:
    return sum(values) / len(values) if values else float("nan")


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# --- the run -----------------------------------------------------------------------------------


def run_scale(
    work: Path, n: int, suspects: list[Path], queries: dict[str, Query]
) -> dict[str, Any]:
    folders = [work / "synthetic" / f"{i:03}" for i in range((n + FOLDER_SIZE - 1) // FOLDER_SIZE)]
    db = work / f"archive-{n}.db"
    paths = [str(work / "real"), *map(str, folders)]
    built, build_mb = _spawn(["_build", str(db), *paths])
    found, find_mb = _spawn(["_find", str(db), *map(str, suspects)])
    rows = found["rows"]
    seconds = [r["seconds"] for r in rows]
    candidate_seconds = [r["candidate_seconds"] for r in rows]
    return {
        "synthetic": n,
        "articles": built["articles"],
        "build_s": built["seconds"],
        "rate": built["articles"] / built["seconds"],
        "kb_per_article": db.stat().st_size / 1024 / built["articles"],
        "build_mb": build_mb,
        "find_p50": statistics.median(seconds),
        "find_p95": _percentile(seconds, 0.95),
        "cand_p50": statistics.median(candidate_seconds),
        "cand_p95": _percentile(candidate_seconds, 0.95),
        "find_mb": find_mb,
        **search_metrics(rows, queries),
    }


def run_scan(db: Path, suspects: list[Path], work: Path) -> dict[int, tuple[float, float]]:
    from retold.archive.find import FindOptions
    from retold.archive.scan import scan

    times = {}
    for workers in (1, 2):
        out = work / f"scan-{workers}.jsonl"
        out.unlink(missing_ok=True)
        arrivals: list[float] = []
        started = time.perf_counter()
        scan(
            db,
            suspects,
            out,
            workers=workers,
            options=FindOptions(top=TOP),
            progress=lambda _done, _total, seen=arrivals: seen.append(time.perf_counter()),
        )
        times[workers] = (time.perf_counter() - started, arrivals[-1] - arrivals[0])
    return times


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("_build", "_find"):  # a measured child
        db, paths = Path(args[1]), [Path(p) for p in args[2:]]
        result = child_build(db, paths) if args[0] == "_build" else child_find(db, paths)
        print(json.dumps(result))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "retold-archive-bench"
    )
    parser.add_argument("--scales", type=int, nargs="+", default=[10_000, 20_000, 100_000])
    parser.add_argument("--scan-scale", type=int, default=20_000)
    parser.add_argument("--no-scan", action="store_true")
    parser.add_argument("--seed", type=int, default=20261204)
    options = parser.parse_args(args)
    if not (options.shared / "eval").is_dir():
        print(
            f"no shared evaluation sets at {options.shared / 'eval'}: pass --shared",
            file=sys.stderr,
        )
        return 2
    work = options.work
    originals, query_list, training = load_corpus(options.shared)
    lengths = [len(text.split()) for text in originals.values()]
    write_synthetic(work, training, lengths, max(options.scales), options.seed)
    query_paths = write_real(work, originals, query_list)
    by_key = {q.key: q for q in query_list}
    queries = {path: by_key[key] for path, key in query_paths.items()}
    suspects = [Path(p) for p in query_paths]
    print(f"# {len(originals)} distinct originals; {len(suspects)} queries")
    results = [run_scale(work, n, suspects, queries) for n in sorted(options.scales)]
    print_table(results)
    if not options.no_scan:
        db = work / f"archive-{options.scan_scale}.db"
        if not db.exists():
            run_scale(work, options.scan_scale, suspects, queries)
        times = run_scan(db, suspects, work)
        (wall1, steady1), (wall2, steady2) = times[1], times[2]
        print(
            f"scan of {len(suspects)} suspects on the {options.scan_scale}-article archive "
            f"(LocalCluster, worker processes): start-up included 1 worker {wall1:.1f} s, "
            f"2 workers {wall2:.1f} s, speed-up {wall1 / wall2:.2f}x; first to last result "
            f"{steady1:.1f} s and {steady2:.1f} s, speed-up {steady1 / steady2:.2f}x"
        )
    print(f"# load average during the run: {os.getloadavg()}")
    return 0


def print_table(results: list[dict[str, Any]]) -> None:
    print(
        "synthetic articles  build s  art/s  KB/art  build MB  find p50  p95    cand p50  p95"
        "     find MB  R@1    R@1str R@5    derived  cleared"
    )
    for r in results:
        print(
            f"{r['synthetic']:>9} {r['articles']:>8} {r['build_s']:8.1f} {r['rate']:6.0f} "
            f"{r['kb_per_article']:6.2f} {r['build_mb']:9.0f} {r['find_p50']:9.3f} "
            f"{r['find_p95']:6.3f} {r['cand_p50']:9.4f} {r['cand_p95']:7.4f} {r['find_mb']:8.0f} "
            f"{r['recall@1']:.3f}  {r['recall@1_strict']:.3f}  {r['recall@5']:.3f}  "
            f"{r['right_top_called_derived']:.3f}    {r['independent_cleared']:.3f}"
        )
    if results:
        r = results[0]
        print(f"# {r['derived_queries']} derived queries, {r['independent_queries']} independent")


if __name__ == "__main__":
    sys.exit(main())
