"""Fit the semantic scorer's combination of lexical similarity and embedding cosine.

    .venv/bin/python benchmarks/fit_semantic.py [--shared PATH] [--sets NAME ...]

Every pair of gold units inside each document of the dev sets (and of our own fixtures
``bridge``, ``clinic``, ``drought`` and ``orchard``; those of ``paraphrase.HELD_OUT`` are kept out
to check on) is a row: label 1 when the gold links them. Two logistic models of that label are
fitted, on the lexical score alone and on the lexical score, the cosine and its margin; the
combination maps the second onto the first's scale (see ``retold/semantic/scorer.py``) and is
printed as the ``Combination`` to paste there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from paraphrase import HELD_OUT, fixtures
from retold.engine.segment import segment_document
from retold.semantic.scorer import Semantic

DEFAULT_SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
# The fixtures FITTED was fitted on. Those written later are the aligner's dev material
# (library, heatwave) or held out (HELD_OUT); the combination was not refitted on them.
FIT_FIXTURES = ("bridge", "clinic", "drought", "orchard")
assert not HELD_OUT & set(FIT_FIXTURES)
LINK_LABELS = {"unchanged", "reworded"}

Rows = list[tuple[float, float, float, int]]  # lexical score, cosine, margin, gold label


def document_rows(original: list[str], rewrite: list[str], gold: set[tuple[int, int]]) -> Rows:
    scorer = Semantic()(original, rewrite)
    return [
        (
            scorer.lexical.score((i,), (j,)),
            scorer.cosine((i,), (j,)),
            scorer.margin((i,), (j,)),
            int((i, j) in gold),
        )
        for i in range(len(original))
        for j in range(len(rewrite))
    ]


def shared_rows(shared: Path, name: str) -> Rows:
    sys.path.insert(0, str(shared / "eval"))
    import load

    rows: Rows = []
    for pair in load.load(name, str(shared / "eval")):
        orig = sorted({s.orig for s in pair.segments if s.orig})
        rew = sorted({s.rew for s in pair.segments if s.rew})
        o_index, r_index = {u: k for k, u in enumerate(orig)}, {u: k for k, u in enumerate(rew)}
        gold = {
            (o_index[s.orig], r_index[s.rew])
            for s in pair.segments
            if s.orig and s.rew and s.label in LINK_LABELS
        }
        texts_o = [pair.original[a:b] for a, b in orig]
        texts_r = [pair.rewrite[a:b] for a, b in rew]
        if texts_o and texts_r:
            rows += document_rows(texts_o, texts_r, gold)
    return rows


def independent_rows(shared: Path, name: str = "clough_stevenson") -> Rows:
    """Every sentence pair of the answers written independently of their source (Clough's
    ``non``): one topic, other sentences, so all negatives. They teach the fit that closeness
    on one topic is not derivation, which the linked dev sets barely show."""
    sys.path.insert(0, str(shared / "eval"))
    import load

    rows: Rows = []
    for pair in load.load(name, str(shared / "eval")):
        if pair.doc_label != "non":
            continue
        sides = [segment_document(text)[0] for text in (pair.original, pair.rewrite)]
        texts_o, texts_r = (
            [text[s.start : s.end] for s in side]
            for side, text in zip(sides, (pair.original, pair.rewrite), strict=True)
        )
        rows += document_rows(texts_o, texts_r, set())
    return rows


def logistic(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    weight: NDArray[np.float64],
    ridge: float = 1e-3,
) -> NDArray[np.float64]:
    """Newton's method on the weighted log-likelihood, a constant column first."""
    design = np.column_stack([np.ones(len(x)), x])
    beta = np.zeros(design.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-design @ beta))
        gradient = design.T @ (weight * (y - p)) - ridge * beta
        curvature = weight * p * (1 - p)
        hessian = (design * curvature[:, None]).T @ design + ridge * np.eye(len(beta))
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.abs(step).max() < 1e-9:
            break
    return beta


def gather(args: argparse.Namespace) -> dict[str, Rows]:
    """Rows of each source (a dev set, Clough's independent answers, our fixtures); those
    already in ``--cache`` are read from it."""
    sources: dict[str, Rows] = {}
    if args.cache and args.cache.is_file():
        with np.load(args.cache) as cached:
            sources = {name: [tuple(row) for row in cached[name].tolist()] for name in cached.files}
    for name in args.sets:
        if name not in sources:
            sources[name] = shared_rows(args.shared, name)
        print(f"{name}: {len(sources[name])} rows", flush=True)
    if "clough_non" not in sources:
        sources["clough_non"] = independent_rows(args.shared)
    sources["fixtures"] = [
        row
        for fixture in fixtures()
        if fixture.name in FIT_FIXTURES
        for row in document_rows(
            fixture.original_sentences, fixture.rewrite_sentences, fixture.gold_pairs()
        )
    ]
    if args.cache:
        np.savez(args.cache, **{k: np.array(v) for k, v in sources.items()})  # type: ignore[arg-type]
    return sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--sets", nargs="*", default=["msrp_docs", "iterater_human_doc"])
    parser.add_argument("--cache", type=Path, help="keep the rows here (.npz) and reuse them")
    args = parser.parse_args(argv)
    sources = gather(args)
    data = np.array([row for rows in sources.values() for row in rows], dtype=np.float64)
    # Each source weighs the same: heavy paraphrase (our fixtures), the case the model is
    # for, counts as much as the lightly edited dev sets with their thousands of pairs.
    weight = np.concatenate(
        [np.full(len(rows), len(data) / len(rows)) for rows in sources.values()]
    )
    weight /= len(sources)
    lex, cos, margin, y = data[:, 0], data[:, 1], data[:, 2], data[:, 3]
    a0, a1 = logistic(lex[:, None], y, weight)
    b0, b1, b2, b3 = logistic(np.column_stack([lex, cos, margin]), y, weight)
    counts = ", ".join(f"{k} {len(v)} rows" for k, v in sources.items())
    print(f"{counts}; {int(y.sum())} gold links")
    print(f"lexical alone: p = σ({a0:.3f} + {a1:.3f}·lex)")
    print(f"all three:     p = σ({b0:.3f} + {b1:.3f}·lex + {b2:.3f}·cos + {b3:.3f}·margin)")
    print(
        f"Combination(bias={(b0 - a0) / a1:.4f}, lexical={b1 / a1:.4f}, semantic={b2 / a1:.4f}, "
        f"margin={b3 / a1:.4f}, "
        f'fitted_on="{" + ".join([*args.sets, "clough non", *FIT_FIXTURES])}, each source '
        'weighted equally")'
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
