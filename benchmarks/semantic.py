"""The sentence model's own figures: size on disk, sentences a second, agreement.

    .venv/bin/python benchmarks/semantic.py [--shared PATH] [--limit 600]
        [--sentences S.jsonl --reference R.npy] [--pairs article long book]

Sentences are the gold units of the shared evaluation sets (read from ``../shared``, never
copied), embedded in one batched call. Speed is given both as wall-clock sentences a second and
per second of CPU time of this process: on a shared machine the second shows what the encoder
does with the CPU it gets. Agreement needs reference embeddings of the same sentences made by
``packaging/semantic_reference.py`` (float64, the original weights, outside our environment).
``--pairs`` also times whole comparisons of speed.py's pairs, lexical and semantic in one run.
"""

from __future__ import annotations

import argparse
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
    args = parser.parse_args(argv)
    if args.sentences:
        lines = args.sentences.read_text(encoding="utf-8").splitlines()
        sentences = [json.loads(line) for line in lines]
    else:
        sentences = shared_sentences(args.shared, args.limit)
    numpy_dir = Path(np.__file__).parent
    libs = numpy_dir.parent / "numpy.libs"
    numpy_mb = folder_mb(numpy_dir) + (folder_mb(libs) if libs.is_dir() else 0.0)
    tests_mb = sum(folder_mb(t) for t in numpy_dir.rglob("tests"))
    model_mb = model_path().stat().st_size / 1e6
    print(f"model file {model_mb:.1f} MB; numpy {np.__version__} installed {numpy_mb:.1f} MB "
          f"(its tests {tests_mb:.1f} MB)")  # fmt: skip
    started = time.perf_counter()
    encoder = SentenceEncoder()
    print(f"load: {time.perf_counter() - started:.2f} s ({encoder.name})")
    encoder.embed(sentences[:16])  # warm up
    wall, cpu = time.perf_counter(), time.process_time()
    vectors = encoder.embed(sentences)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    tokens = sum(len(s.split()) for s in sentences) / max(1, len(sentences))
    print(f"{len(sentences)} sentences (~{tokens:.0f} words each), "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'default')}: "
          f"{wall:.2f} s wall = {len(sentences) / wall:.0f} sentences/s; "
          f"{cpu:.2f} s CPU = {len(sentences) / cpu:.0f} sentences per CPU-second")  # fmt: skip
    if args.reference:
        reference = np.load(args.reference)
        cosines = np.sum(vectors * reference, axis=1)
        low, mean = np.percentile(cosines, 1), cosines.mean()
        print(f"agreement with the reference ({len(cosines)} sentences): cosine min "
              f"{cosines.min():.4f}, 1st percentile {low:.4f}, mean {mean:.5f}")  # fmt: skip
    if args.pairs:
        time_pairs(args.shared, args.pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
