"""Alignment accuracy of ``retold.compare`` on the shared evaluation sets, beside a baseline.

    .venv/bin/python benchmarks/accuracy.py [--sets msrp_docs seed_nyt_treasury] [--shared PATH]

Scored on the gold's own units (see ../shared/eval/README.md), so our sentence splitter can
neither help nor hurt: a gold pair (u, v) counts as linked when the links joining them cover at
least half of u's and half of v's non-space characters, summed over links; a gold unit less than
half covered by any link counts as added/removed. The baseline is greedy one-to-one TF-IDF
cosine matching of our sentences, scored the same way.

Two rows for Retold: ``retold`` scores its sentence links (a link joins every sentence of its
group with every other), ``words`` the word-level correspondences the same report gives inside
each link (the kept runs and the changes): a sentence that holds two gold units then joins each
unit only to the words it became.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate
from pathlib import Path
from types import ModuleType
from typing import Any

import retold
from retold.engine.options import CompareOptions
from retold.engine.scoring import Thresholds
from retold.engine.segment import split_sentences
from retold.engine.similarity import Lexical, LexicalOptions
from retold.engine.wordmap import kept_word_pairs

Span = tuple[int, int]
# A match: the original spans, the rewrite spans, a similarity in [0, 1] and, where the
# aligner says, whether the link is flagged as moved.
Match = (
    tuple[Sequence[Span], Sequence[Span], float]
    | tuple[Sequence[Span], Sequence[Span], float, bool]
)
Aligner = Callable[[str, str], list[Match]]

DEFAULT_SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
LINK_LABELS = {"unchanged", "reworded"}
BASELINE_THRESHOLD = 0.3  # loosely tuned on msrp_docs and iterater (0.2-0.5 tried)


# --- aligners -----------------------------------------------------------------------------------


# The 'retold' rows weigh the words alone; the 'semantic' row adds the sentence model.
LEXICAL = CompareOptions(semantic=False)


def retold_matches(original: str, rewrite: str, options: CompareOptions = LEXICAL) -> list[Match]:
    comparison = retold.compare(original, rewrite, options)
    return [(k.original, k.rewrite, k.similarity, k.moved) for k in comparison.links if k.is_match]


def retold_word_matches(
    original: str, rewrite: str, options: CompareOptions = LEXICAL
) -> list[Match]:
    """The finest correspondences the report gives: word by word inside each link.

    Kept runs join their words one to one; a replacement joins its two passages; an inserted
    (deleted) passage joins the pair just before it on its side, or just after at a start.
    """
    comparison = retold.compare(original, rewrite, options)
    matches: list[Match] = []
    for link in (k for k in comparison.links if k.is_match):
        pairs = [([o], [r]) for o, r in kept_word_pairs(link, original, rewrite)]
        pairs += [([c.original], [c.rewrite]) for c in link.changes if c.original and c.rewrite]
        for change in link.changes:
            if change.original and change.rewrite:
                continue
            side, span = (0, change.original) if change.original else (1, change.rewrite)
            assert span is not None
            if not pairs:
                continue  # a link of nothing but one change: nothing to join it with
            before = [p for p in pairs if p[side][0][1] <= span[0]]
            host = (
                max(before, key=lambda p: p[side][0][1])
                if before
                else min(pairs, key=lambda p: p[side][0][0])
            )
            host[side].append(span)
        matches.extend((o, r, link.similarity, link.moved) for o, r in pairs)
    return matches


_TOKEN = re.compile(r"\w+")


def _tfidf(sentences: Sequence[str]) -> list[dict[str, float]]:
    bags = [Counter(_TOKEN.findall(s.lower())) for s in sentences]
    df = Counter(word for bag in bags for word in bag)
    n = len(bags)
    vectors = []
    for bag in bags:
        vec = {w: (1 + math.log(c)) * (math.log((n + 1) / (df[w] + 1)) + 1) for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({w: v / norm for w, v in vec.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def baseline_matches(
    original: str, rewrite: str, threshold: float = BASELINE_THRESHOLD
) -> list[Match]:
    """Greedy one-to-one matching of sentences by TF-IDF cosine, best pairs first."""
    left, right = split_sentences(original), split_sentences(rewrite)
    vectors = _tfidf([original[s:e] for s, e in left] + [rewrite[s:e] for s, e in right])
    lv, rv = vectors[: len(left)], vectors[len(left) :]
    scored = [(_cosine(a, b), i, j) for i, a in enumerate(lv) for j, b in enumerate(rv)]
    scored.sort(reverse=True)
    used_left: set[int] = set()
    used_right: set[int] = set()
    matches: list[Match] = []
    for similarity, i, j in scored:
        if similarity < threshold:
            break
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            matches.append(([left[i]], [right[j]], similarity))
    return matches


# --- scoring ------------------------------------------------------------------------------------


@dataclass
class Counts:
    """Summed over pairs (micro-averaged)."""

    tp: int = 0
    pred: int = 0
    gold: int = 0
    other: dict[str, list[int]] = field(
        default_factory=lambda: {k: [0, 0, 0] for k in ("removed", "added")}
    )  # kind -> [true positives, predicted, gold]
    distractors: int = 0
    distractors_linked: int = 0
    moved: list[int] = field(default_factory=lambda: [0, 0, 0])  # [tp, predicted, gold]

    def add(self, other: Counts) -> None:
        self.tp, self.pred, self.gold = (
            self.tp + other.tp,
            self.pred + other.pred,
            self.gold + other.gold,
        )
        for kind, values in other.other.items():
            self.other[kind] = [a + b for a, b in zip(self.other[kind], values, strict=True)]
        self.distractors += other.distractors
        self.distractors_linked += other.distractors_linked
        self.moved = [a + b for a, b in zip(self.moved, other.moved, strict=True)]


class _Side:
    """Gold units of one text, with fast non-space counts."""

    def __init__(self, text: str, units: list[Span]) -> None:
        self.units = units
        self._prefix = [0, *accumulate(0 if c.isspace() else 1 for c in text)]
        self.sizes = [self.solid(u) for u in units]

    def solid(self, span: Span) -> int:
        start, end = span
        return self._prefix[end] - self._prefix[start] if end > start else 0

    def touched(self, spans: Iterable[Span]) -> dict[int, int]:
        """Non-space characters of each unit that the spans cover."""
        covered: dict[int, int] = {}
        for start, end in spans:
            for k, (u_start, u_end) in enumerate(self.units):
                lo, hi = max(start, u_start), min(end, u_end)
                if lo < hi:
                    covered[k] = covered.get(k, 0) + self.solid((lo, hi))
        return covered


def _units(pair: Any) -> tuple[_Side, _Side, dict[str, set[Any]]]:
    orig = sorted({s.orig for s in pair.segments if s.orig})
    rew = sorted({s.rew for s in pair.segments if s.rew})
    o_index, r_index = {u: k for k, u in enumerate(orig)}, {u: k for k, u in enumerate(rew)}
    gold: dict[str, set[Any]] = {"links": set(), "removed": set(), "added": set()}
    gold |= {"distractor_o": set(), "distractor_r": set(), "moved": set()}
    for s in pair.segments:
        if s.orig and s.rew and s.label in LINK_LABELS:
            gold["links"].add((o_index[s.orig], r_index[s.rew]))
            if s.meta.get("moved"):
                gold["moved"].add((o_index[s.orig], r_index[s.rew]))
            continue
        if s.orig:  # removed, or a non-paraphrase whose sentences must stay unlinked
            gold["removed"].add(o_index[s.orig])
        if s.rew:
            gold["added"].add(r_index[s.rew])
    for s in pair.segments:
        if s.meta.get("distractor"):
            gold["distractor_o" if s.orig else "distractor_r"].add(
                o_index[s.orig] if s.orig else r_index[s.rew]
            )
    return _Side(pair.original, orig), _Side(pair.rewrite, rew), gold


def score_pair(pair: Any, matches: Sequence[Match]) -> Counts:
    """Count hits of ``matches`` against the gold of one pair, on the gold's units."""
    orig, rew, gold = _units(pair)
    pair_o: Counter[tuple[int, int]] = Counter()
    pair_r: Counter[tuple[int, int]] = Counter()
    cover_o: Counter[int] = Counter()
    cover_r: Counter[int] = Counter()
    flagged: set[tuple[int, int]] = set()  # unit pairs a moved link joins
    for match in matches:
        lo, lr = orig.touched(match[0]), rew.touched(match[1])
        cover_o.update(lo)
        cover_r.update(lr)
        for u, cu in lo.items():
            for v, cv in lr.items():
                pair_o[(u, v)] += cu
                pair_r[(u, v)] += cv
                if len(match) > 3 and match[3]:
                    flagged.add((u, v))
    predicted = {
        (u, v)
        for (u, v), cu in pair_o.items()
        if 2 * cu >= orig.sizes[u] and 2 * pair_r[(u, v)] >= rew.sizes[v]
    }
    counts = Counts(len(predicted & gold["links"]), len(predicted), len(gold["links"]))
    moved = predicted & flagged
    counts.moved = [len(moved & gold["moved"]), len(moved), len(gold["moved"])]
    for kind, side, cover in (("removed", orig, cover_o), ("added", rew, cover_r)):
        guessed = {k for k, size in enumerate(side.sizes) if size and 2 * cover[k] < size}
        counts.other[kind] = [len(guessed & gold[kind]), len(guessed), len(gold[kind])]
    for key, side, cover in (("distractor_o", orig, cover_o), ("distractor_r", rew, cover_r)):
        counts.distractors += len(gold[key])
        counts.distractors_linked += sum(2 * cover[k] >= side.sizes[k] for k in gold[key])
    return counts


def roc_auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """Probability that a positive scores above a negative (ties count half)."""
    ranked = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives])
    rank_sum, k = 0.0, 0
    while k < len(ranked):
        j = k
        while j < len(ranked) and ranked[j][0] == ranked[k][0]:
            j += 1
        mean_rank = (k + 1 + j) / 2
        rank_sum += mean_rank * sum(flag for _, flag in ranked[k:j])
        k = j
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg) if n_pos and n_neg else math.nan


def reused_share(pair: Any, matches: Sequence[Match]) -> float:
    side = _Side(pair.original, [(0, len(pair.original))])
    covered = side.touched(span for match in matches for span in match[0])
    return covered.get(0, 0) / side.sizes[0] if side.sizes[0] else 0.0


# --- report -------------------------------------------------------------------------------------


def _ratio(hit: int, total: int) -> str:
    return f"{hit / total:.3f}" if total else "  -  "


def _row(name: str, system: str, pairs: int, counts: Counts, extra: str, seconds: float) -> str:
    p, r = (
        (counts.tp / counts.pred if counts.pred else 0.0),
        (counts.tp / counts.gold if counts.gold else 0.0),
    )
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    rem, add = counts.other["removed"], counts.other["added"]
    cells = [
        f"{name:30s}",
        f"{system:8s}",
        f"{pairs:5d}",
        _ratio(counts.tp, counts.pred),
        _ratio(counts.tp, counts.gold),
        f"{f1:.3f}" if counts.gold else "  -  ",
        _ratio(rem[0], rem[1]),
        _ratio(rem[0], rem[2]),
        _ratio(add[0], add[1]),
        _ratio(add[0], add[2]),
        f"{seconds:6.2f}",
        extra,
    ]
    return "  ".join(cells)


HEADER = "  ".join(
    [f"{'set':30s}", f"{'system':8s}", "pairs", "linkP", "linkR", "link1", "remP ", "remR ",
     "addP ", "addR ", "  secs", "extra"]
)  # fmt: skip


def evaluate(name: str, pairs: list[Any], system: str, aligner: Aligner) -> str:
    start = time.perf_counter()
    total = Counts()
    best: dict[str, list[float]] = {"pos": [], "neg": []}
    shares: dict[str, list[float]] = {}
    for pair in pairs:
        matches = aligner(pair.original, pair.rewrite)
        if pair.coverage == "none":
            shares.setdefault(pair.doc_label or "?", []).append(reused_share(pair, matches))
            continue
        total.add(score_pair(pair, matches))
        if name == "msrp_test":
            key = "pos" if pair.doc_label == "paraphrase" else "neg"
            best[key].append(max((m[2] for m in matches), default=0.0))
    seconds = time.perf_counter() - start
    extra = ""
    if total.distractors:
        extra = f"distractors linked {_ratio(total.distractors_linked, total.distractors)}"
    if total.moved[2]:
        hit, flagged, gold = total.moved
        extra += f"; moved P {_ratio(hit, flagged)} R {_ratio(hit, gold)}"
    if best["pos"]:
        extra = f"AUC {roc_auc(best['pos'], best['neg']):.3f}"
    if shares:
        extra = "reused " + " ".join(
            f"{label}={sum(v) / len(v):.2f}"
            for label, v in sorted(shares.items(), key=lambda kv: -sum(kv[1]) / len(kv[1]))
        )
    return _row(name, system, len(pairs), total, extra, seconds)


def segmentation_agreement(pairs: list[Any]) -> tuple[int, int]:
    """Gold units whose stripped span is exactly a run of our sentences, and all gold units."""
    hits = total = 0
    for pair in pairs:
        for side in ("orig", "rew"):
            text = pair.original if side == "orig" else pair.rewrite
            spans = split_sentences(text)
            starts, ends = {s for s, _ in spans}, {e for _, e in spans}
            for unit in {getattr(seg, side) for seg in pair.segments} - {None}:
                start, end = unit
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if start < end:
                    total += 1
                    hits += start in starts and end in ends
    return hits, total


def _load_module(shared: Path) -> ModuleType:
    sys.path.insert(0, str(shared / "eval"))
    import load

    return load  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--sets", nargs="*", help="default: every set in SHARED/eval")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--no-words",
        action="store_true",
        help="leave out the row that scores retold's word-level correspondences",
    )
    parser.add_argument(
        "--segmentation", action="store_true", help="also: gold units that are runs of sentences"
    )
    parser.add_argument(
        "--link-threshold",
        type=float,
        nargs="*",
        default=[],
        help=f"also run retold with these link thresholds (default options: {Thresholds().link})",
    )
    parser.add_argument(
        "--semantic",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="also run retold with the sentence model (row 'semantic'; needs the semantic extra)",
    )
    args = parser.parse_args(argv)
    load = _load_module(args.shared)
    systems: list[tuple[str, Aligner]] = [("retold", retold_matches)]
    if not args.no_words:
        systems.append(("words", retold_word_matches))
    for threshold in args.link_threshold:
        thresholds = Thresholds(link=threshold)
        lexical = Lexical(LexicalOptions(thresholds=thresholds))
        options = CompareOptions(scorer=lexical, semantic=False)
        systems.append((f"t={threshold:g}", partial(retold_matches, options=options)))
    if args.semantic:
        from retold.semantic.scorer import Semantic

        semantic = CompareOptions(scorer=Semantic())
        systems.insert(1, ("semantic", partial(retold_matches, options=semantic)))
    if not args.no_baseline:
        systems.append(("tfidf", baseline_matches))
    print(HEADER)
    for name in args.sets or load.datasets(str(args.shared / "eval")):
        pairs = load.load(name, str(args.shared / "eval"))
        for system, aligner in systems:
            print(evaluate(name, pairs, system, aligner), flush=True)
        if args.segmentation:
            hits, total = segmentation_agreement(pairs)
            print(f"{name:30s}  segmentation: {hits}/{total} gold units are runs of our sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
