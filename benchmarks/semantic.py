"""The sentence model's own figures: size on disk, sentences a second, agreement.

    .venv/bin/python benchmarks/semantic.py [--shared PATH] [--limit 600] [--rounds 3]
        [--runtimes onnxruntime numpy] [--threads 1 2]
        [--sentences S.jsonl --reference R.npy] [--pairs article long book]

Sentences are the gold units of the shared evaluation sets (read from ``../shared``, never
copied), embedded in one batched call (sorted by length inside). Each runtime and thread count
is timed in turn, ``--rounds`` times, so that all see the same load; the best round of each is
printed with the load average beside it, as wall-clock sentences a second and per second of
CPU time of this process, and as a ratio to numpy on one thread of the same round. Agreement
needs reference embeddings of the same sentences made by ``packaging/semantic_reference.py``
(float64, the original weights, outside our environment). ``--pairs`` also times whole
comparisons of speed.py's pairs, lexical and semantic in one run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

import retold
from retold.engine.options import CompareOptions
from retold.semantic import SentenceEncoder
from retold.semantic.encoder import RUNTIMES
from retold.semantic.scorer import Semantic
from retold.semantic.weights import model_path
from speed import build_texts

DEFAULT_SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SETS = ("msrp_test", "msrp_docs", "iterater_human_doc", "onestopenglish_adv_ele_SILVER")


def shared_sentences(shared: Path, limit: int) -> list[str]:
    sys.path.insert(0, str(shared / "eval"))
    import load

    texts: set[str] = set()
    for name in SETS:
        for pair in load.load(name, str(shared / "eval")):
            for seg in pair.segments:
                for span, text in ((seg.orig, pair.original), (seg.rew, pair.rewrite)):
                    if span:
                        texts.add(text[span[0] : span[1]].strip())
    chosen = sorted(t for t in texts if t)
    random.Random(15).shuffle(chosen)
    return chosen[:limit]


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def onnxruntime_mb() -> str:
    """What the bundle takes of onnxruntime: its Python module (one shared library) and its
    Python files, without the C API library, tests, tools and model converters."""
    spec = importlib.util.find_spec("onnxruntime")
    if spec is None or spec.origin is None:
        return "(not installed)"
    folder = Path(spec.origin).parent
    total = folder_mb(folder)
    left_out = sum(f.stat().st_size for f in folder.glob("capi/libonnxruntime.so*")) / 1e6
    left_out += sum(folder_mb(folder / d) for d in ("quantization", "transformers", "tools"))
    return f"{total:.1f} MB, of which the bundle takes {total - left_out:.1f} MB"


def time_pairs(shared: Path, sizes: list[str]) -> None:
    """Wall and CPU seconds of compare() on speed.py's pairs, without and with the model."""
    texts = build_texts(shared)
    semantic = CompareOptions(scorer=Semantic())
    retold.compare("A warm-up.", "A warm up.", semantic)  # loads the model once
    for size in sizes:
        original, rewrite = texts[size]
        cells = []
        for name, options in (("lexical", CompareOptions(semantic=False)), ("semantic", semantic)):
            wall, cpu = time.perf_counter(), time.process_time()
            comparison = retold.compare(original, rewrite, options)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            links = sum(k.is_match for k in comparison.links)
            cells.append(f"{name} {wall:.2f} s wall, {cpu:.2f} s CPU, {links} links")
        words = f"{len(original.split())}/{len(rewrite.split())} words"
        print(f"{size} ({words}): " + "; ".join(cells), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--limit", type=int, default=600)
    parser.add_argument("--sentences", type=Path, help="JSON lines, one sentence each")
    parser.add_argument("--reference", type=Path, help="their reference embeddings (.npy)")
    parser.add_argument("--pairs", nargs="*", default=[], choices=["article", "long", "book"])
    parser.add_argument("--runtimes", nargs="+", default=list(RUNTIMES), choices=RUNTIMES)
    parser.add_argument("--threads", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if args.sentences:
        lines = args.sentences.read_text(encoding="utf-8").splitlines()
        sentences = [json.loads(line) for line in lines]
    else:
        sentences = shared_sentences(args.shared, args.limit)
    print(f"model file {model_path().stat().st_size / 1e6:.1f} MB; "
          f"onnxruntime installed {onnxruntime_mb()}")  # fmt: skip
    encoders = {}
    for runtime in args.runtimes:
        for threads in args.threads:
            started = time.perf_counter()
            encoder = SentenceEncoder(runtime=runtime, threads=threads)
            loaded = time.perf_counter() - started
            encoder.embed(sentences[:16])  # warm up
            encoders[runtime, threads] = encoder
            print(f"{runtime}, {threads} thread(s): loaded in {loaded:.2f} s ({encoder.version})")
    tokens = sum(len(s.split()) for s in sentences) / max(1, len(sentences))
    print(f"{len(sentences)} sentences, ~{tokens:.0f} words each; best of {args.rounds} rounds")
    best: dict[tuple[str, int], tuple[float, float, str]] = {}
    vectors = {}
    for _ in range(args.rounds):
        for key, encoder in encoders.items():
            load = os.getloadavg()[0]
            wall, cpu = time.perf_counter(), time.process_time()
            vectors[key[0]] = encoder.embed(sentences)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if key not in best or wall < best[key][0]:
                best[key] = (wall, cpu, f"load {load:.2f}")
    base = best.get(("numpy", 1))
    for (runtime, threads), (wall, cpu, load) in best.items():
        ratio = f", {base[1] / cpu:.2f}x numpy's per CPU-second" if base else ""
        print(f"  {runtime:11} {threads} thread(s): {len(sentences) / wall:5.0f} sentences/s wall, "
              f"{len(sentences) / cpu:5.0f} per CPU-second{ratio} ({load})")  # fmt: skip
    if args.reference:
        reference = np.load(args.reference)
        for runtime, found in vectors.items():
            cosines = np.sum(found * reference, axis=1)
            low, mean = np.percentile(cosines, 1), cosines.mean()
            print(f"agreement of {runtime} with the reference ({len(cosines)} sentences): "
                  f"cosine min {cosines.min():.4f}, 1st percentile {low:.4f}, "
                  f"mean {mean:.5f}")  # fmt: skip
    if args.pairs:
        time_pairs(args.shared, args.pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
