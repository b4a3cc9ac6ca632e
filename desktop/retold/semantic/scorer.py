"""A sentence scorer that adds embedding evidence to the lexical scorer's.

The similarity stays on the lexical scale: both were calibrated on the same gold pairs as
logistic models of "this pair is a true link", ``p = σ(a₀ + a₁·lex)`` and
``p = σ(b₀ + b₁·lex + b₂·cos)``; a pair's semantic similarity is the lexical score that carries
the same probability, ``(b₀ − a₀ + b₁·lex + b₂·cos) / a₁``, which is linear in both signals.
So ``link_threshold`` and ``edited_threshold`` mean the same with either scorer.

Property: the combined score is never below the lexical score (``max`` of the two). Evidence
from the model can only lift a pair, so it adds links where words were all replaced, or moves
a sentence to a partner it fits better; it never drops a link for lack of embedding agreement.
It lifts a pair only to or past the link threshold: below it, the aligner's own evidence of
place (gap filling, orphans) would count the band-local margin twice, and on independently
written texts on one topic (Clough's "non" answers) such lifts linked sentences that were not
derived from each other.

Candidates come from the embedding too (a sentence with no word in common is never a lexical
candidate), near-linearly. Each sentence is embedded once. The diagonal is the lexical pass's:
its confident links (at or above the link bar), interpolated between them, so that a band
follows an insertion or a move instead of the two lengths' ratio. Searched are the nearest
few sentences by cosine within a band around that diagonal, and, for each sentence the
lexical pass leaves without a partner at the link bar, the nearest few of the other side: of
all its sentences on a small pair (``Search.full_pairs`` cosines at most), else of the other
side's unlinked sentences within ``Search.window`` of the diagonal. No all-pairs matrix over
two books.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from retold.engine.model import Side
from retold.engine.scoring import SentenceScorer, Thresholds
from retold.engine.similarity import Features, LexicalOptions, LexicalScorer, features
from retold.semantic.encoder import SentenceEncoder

_CHUNK = 512  # rows of the other side scored at once when searching all of it
_SLICE = 128  # sentences embedded between two progress reports (about a second or two)


@dataclass(frozen=True, slots=True)
class Combination:
    """``max(lex, bias + lexical·lex + semantic·cos + margin·m)``, clipped to [0, 1].

    ``m`` is the cosine's margin over the best rival: how much closer the two groups are to
    each other than either is to any other sentence near it. Sentences of one article (or of
    one abstract) are all about the same thing, so a cosine alone says little; being each
    other's nearest neighbours says more.
    """

    bias: float
    lexical: float
    semantic: float
    margin: float
    fitted_on: str


# Fitted by benchmarks/fit_semantic.py; see ``fitted_on`` (our fixtures museum and ferry are
# held out). As probabilities of a true link: σ(-5.771 + 15.749·lex) for the lexical score
# alone and σ(-2.240 + 6.863·lex - 1.263·cos + 7.477·margin) with the model: the margin
# carries it. Clough's answers written independently of their source are all negatives.
FITTED = Combination(
    bias=0.2242,
    lexical=0.4358,
    semantic=-0.0802,
    margin=0.4748,
    fitted_on="msrp_docs + iterater_human_doc + clough_stevenson's non (../shared/eval) + our "
    "fixtures bridge, clinic, drought and orchard, each source weighted equally",
)


@dataclass(frozen=True, slots=True)
class Search:
    """Where the scorer looks for embedding candidates."""

    band: int = 8  # sentences either side of the diagonal
    neighbours: int = 3  # nearest sentences kept per sentence as candidates
    rivals: int = 4  # nearest sentences kept per sentence for the margin (> largest group)
    # A pair with at most this many sentence pairs (about two 500-sentence articles) searches
    # all of the other side for an unlinked sentence; a longer one only the other side's
    # unlinked sentences within ``window`` of the diagonal.
    full_pairs: int = 250_000
    window: int = 400
    lexical_candidates: int = 6  # per rewrite sentence, to find the lexical diagonal
    # Past these (both sides together) the words alone are weighed: a 200,000-word pair.
    max_sentences: int = 12_000
    max_chars: int = 3_000_000


@dataclass(frozen=True, slots=True)
class Semantic:
    """Makes a ``SemanticScorer`` for each pair: ``CompareOptions(scorer=Semantic())``.

    Its thresholds are the lexical scorer's: the combination is calibrated onto that scale.
    """

    lexical: LexicalOptions = field(default_factory=LexicalOptions)
    combination: Combination = FITTED
    search: Search = field(default_factory=Search)

    @property
    def thresholds(self) -> Thresholds:
        return self.lexical.thresholds

    @property
    def evidence(self) -> str:
        """ "lexical + <model> <version>", for the report and the window (loads the model)."""
        return f"lexical + {model_label(shared_encoder())}"

    def __call__(
        self, original: Sequence[str], rewrite: Sequence[str]
    ) -> SemanticScorer | LexicalScorer:
        """The semantic scorer; the lexical one alone past ``Search.max_sentences`` or
        ``max_chars`` (embedding them would take minutes: the report then says "lexical")."""
        return self.make(original, rewrite, _no_progress)

    def make(
        self, original: Sequence[str], rewrite: Sequence[str], progress: Callable[[float], None]
    ) -> SemanticScorer | LexicalScorer:
        """As a call, telling ``progress`` the share of sentences embedded (it may raise)."""
        sentences = len(original) + len(rewrite)
        chars = sum(map(len, original)) + sum(map(len, rewrite))
        if sentences > self.search.max_sentences or chars > self.search.max_chars:
            return LexicalScorer(original, rewrite, self.lexical)
        return SemanticScorer(original, rewrite, factory=self, progress=progress)


def model_label(encoder: SentenceEncoder) -> str:
    """The model's short name, its quantization, the start of its weights' hash and the
    runtime that ran it, from ``encoder.version``: "all-MiniLM-L6-v2 int8 1e5558ea onnxruntime".
    Two labels alike mean the same vectors (numpy's fallback rounds a little differently)."""
    name = encoder.name.rpartition("/")[2].partition(" (")[0]
    weights, _, runtime = encoder.version.partition(", ")
    recipe, _, digest = weights.rpartition(" ")
    quantization = recipe.partition("-")[0]
    return f"{name} {quantization} {digest[:8]} {runtime.partition(' ')[0]}"


@functools.cache
def shared_encoder() -> SentenceEncoder:
    """The encoder, loaded once a process (reading the model file takes a fraction of a second)."""
    return SentenceEncoder()


class SemanticScorer(SentenceScorer):
    """Lexical similarity lifted by the cosine of sentence embeddings. A ``SentenceScorer``
    by name, so that what the protocol gives every scorer (a batched form of ``score``, say)
    it gives this one too."""

    def __init__(
        self,
        original: Sequence[str],
        rewrite: Sequence[str],
        *,
        factory: Semantic | None = None,
        encoder: SentenceEncoder | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> None:
        factory = factory or Semantic()
        self.lexical = LexicalScorer(original, rewrite, factory.lexical)
        self._thresholds = factory.thresholds
        model = encoder or shared_encoder()
        self.model_name = model.name
        self.evidence = f"lexical + {model_label(model)}"
        embedded = _Embedding(model, len(original) + len(rewrite), progress or _no_progress)
        self._model, self._texts = model, (list(original), list(rewrite))
        self._joined: dict[tuple[int, tuple[int, ...]], NDArray[np.float32]] = {}
        self._orig = embedded.rows(original)
        self._rew = embedded.rows(rewrite)
        self._combination = factory.combination
        self._search = factory.search
        self._lexical_pairs = list(self.lexical.candidates(self._search.lexical_candidates))
        self._linked_o, self._linked_r, diagonal = self._lexical_links()
        # Each side's place on the other's: rewrite -> original, and original -> rewrite.
        self._diagonal, self._inverse = diagonal, _inverse(diagonal, len(self._orig))
        self._near_r = _band_neighbours(self._rew, self._orig, diagonal, self._search)
        self._near_o = _band_neighbours(self._orig, self._rew, self._inverse, self._search)
        language = factory.lexical.language
        self._facts_o = [_facts(features(t, language)) for t in original]
        self._facts_r = [_facts(features(t, language)) for t in rewrite]

    def _lexical_links(self) -> tuple[NDArray[np.bool_], NDArray[np.bool_], NDArray[np.float64]]:
        """Sentences with a lexical partner at the link bar, and for each rewrite sentence its
        place on the original's side: interpolated between those links, in rewrite order."""
        n_o, n_r = len(self._orig), len(self._rew)
        best = np.zeros(n_r)
        where = np.zeros(n_r, dtype=np.int64)
        linked_o = np.zeros(n_o, dtype=bool)
        bar = self.thresholds.link
        for i, j in self._lexical_pairs:
            score = self.lexical.score((i,), (j,))
            if score >= bar:
                linked_o[i] = True
            if score > best[j]:
                best[j], where[j] = score, i
        linked_r = best >= bar
        anchors = np.flatnonzero(linked_r)
        if len(anchors):
            diagonal = np.interp(np.arange(n_r), anchors, where[anchors].astype(np.float64))
        else:
            diagonal = np.arange(n_r, dtype=np.float64) * (n_o / max(1, n_r))
        return linked_o, linked_r, diagonal

    @property
    def thresholds(self) -> Thresholds:
        return self._thresholds

    def cosine(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        """Cosine of the two groups' mean embeddings."""
        a = self._orig[list(original)].sum(axis=0)
        b = self._rew[list(rewrite)].sum(axis=0)
        norm = float(np.linalg.norm(a) * np.linalg.norm(b))
        return float(a @ b) / norm if norm else 0.0

    def joined_cosines(self, pairs: Sequence[tuple[Sequence[int], Sequence[int]]]) -> list[float]:
        """For each pair, the cosine of its two groups each embedded as one text (the group's
        sentences joined): a merge judged whole. What is not yet embedded is, at once."""
        keys = [((0, tuple(o)), (1, tuple(r))) for o, r in pairs]
        todo = sorted({k for pair in keys for k in pair if len(k[1]) > 1} - self._joined.keys())
        if todo:
            texts = [" ".join(self._texts[side][s] for s in group) for side, group in todo]
            self._joined.update(zip(todo, self._model.embed(texts), strict=True))

        def row(key: tuple[int, tuple[int, ...]]) -> NDArray[np.float32]:
            side, group = key
            if len(group) > 1:
                return self._joined[key]
            single: NDArray[np.float32] = (self._orig if side == 0 else self._rew)[group[0]]
            return single

        return [float(row(a) @ row(b)) for a, b in keys]

    def nearest(self, side: Side, s: int) -> int | None:
        """The other side's sentence nearest to sentence s of ``side`` by cosine, within the
        band around its place on the diagonal (None when the other side is empty)."""
        near = (self._near_o if side is Side.ORIGINAL else self._near_r)[s]
        return near[0][1] if near else None

    def new_numbers(self, side: Side, s: int, group: Sequence[int]) -> bool:
        """Sentence s of ``side`` states a number the other side's ``group`` does not (a
        sentence the rewrite left out, next to one it kept, usually does)."""
        mine, theirs = (
            (self._facts_o, self._facts_r)
            if side is Side.ORIGINAL
            else (
                self._facts_r,
                self._facts_o,
            )
        )
        return bool(mine[s][0] - frozenset().union(*(theirs[t][0] for t in group)))

    def margin(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        """The groups' cosine less the best cosine of a member with a sentence outside; 0
        when there is no sentence outside (a pair of one-sentence texts has no rival)."""
        rivals = [_best_outside(self._near_o[i], rewrite) for i in original]
        rivals += [_best_outside(self._near_r[j], original) for j in rewrite]
        known = [r for r in rivals if r is not None]
        return self.cosine(original, rewrite) - max(known) if known else 0.0

    def score(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        lexical = self.lexical.score(original, rewrite)
        c = self._combination
        cosine = self.cosine(original, rewrite)
        combined = c.bias + c.lexical * lexical + c.semantic * cosine
        if c.margin:
            combined += c.margin * self.margin(original, rewrite)
        if combined < self.thresholds.link or self._conflict(original, rewrite):
            # Below the link bar the aligner adds evidence of place (gaps between links,
            # neighbours of a link); the margin already holds it, being measured in the band.
            return lexical
        return max(lexical, min(1.0, combined))

    def coverage(self, original: Sequence[int], rewrite: Sequence[int]) -> float:
        return self.lexical.coverage(original, rewrite)

    def _conflict(self, original: Sequence[int], rewrite: Sequence[int]) -> bool:
        """Both sides state numbers or names the other does not: other facts on one topic,
        which sentence embeddings place close together. The model lifts no such pair."""
        a = [frozenset().union(*(self._facts_o[i][k] for i in original)) for k in (0, 1)]
        b = [frozenset().union(*(self._facts_r[j][k] for j in rewrite)) for k in (0, 1)]
        return any(bool(x - y) and bool(y - x) for x, y in zip(a, b, strict=True))

    def found_by_model(self, original: Sequence[int], rewrite: Sequence[int]) -> bool:
        """The model lifted this pair to the link bar from a lexical score below it."""
        lexical = self.lexical.score(original, rewrite)
        return lexical < self.thresholds.link <= self.score(original, rewrite)

    def candidates(self, limit: int) -> Iterable[tuple[int, int]]:
        if limit == self._search.lexical_candidates:
            lexical = self._lexical_pairs
        else:
            lexical = list(self.lexical.candidates(limit))
        pairs = set(lexical) | self._band_pairs()
        pairs |= {(i, j) for j, i in self._unlinked_pairs()}
        return sorted(pairs)

    def _band_pairs(self) -> set[tuple[int, int]]:
        """The nearest originals of each rewrite sentence near its place on the diagonal."""
        keep = self._search.neighbours
        return {(i, j) for j, near in enumerate(self._near_r) for _, i in near[:keep]}

    def _unlinked_pairs(self) -> set[tuple[int, int]]:
        """(rewrite, original): the nearest sentences of the other side for each sentence
        that the lexical pass leaves without a partner at the link bar, either way round."""
        search, n_o, n_r = self._search, len(self._orig), len(self._rew)
        if n_o * n_r <= search.full_pairs:
            every_o, every_r = np.ones(n_o, dtype=bool), np.ones(n_r, dtype=bool)
            pairs = set(self._nearest(self._rew, ~self._linked_r, self._orig, every_o, None))
            return pairs | {
                (j, i)
                for i, j in self._nearest(self._orig, ~self._linked_o, self._rew, every_r, None)
            }
        # Long pairs: unlinked with unlinked, near the diagonal.
        pairs = set(
            self._nearest(self._rew, ~self._linked_r, self._orig, ~self._linked_o, self._diagonal)
        )
        return pairs | {
            (j, i)
            for i, j in self._nearest(
                self._orig, ~self._linked_o, self._rew, ~self._linked_r, self._inverse
            )
        }

    def _nearest(
        self,
        side: NDArray[np.float32],
        wanted: NDArray[np.bool_],
        other: NDArray[np.float32],
        allowed: NDArray[np.bool_],
        centre: NDArray[np.float64] | None,
    ) -> list[tuple[int, int]]:
        """(s, t): for each wanted s, the nearest ``neighbours`` allowed sentences t of the
        other side; within ``window`` of ``centre[s]`` when a centre is given."""
        rows, columns = np.flatnonzero(wanted), np.flatnonzero(allowed)
        if not len(rows) or not len(columns):
            return []
        keep = self._search.neighbours
        out: list[tuple[int, int]] = []
        if centre is None:
            for start in range(0, len(rows), _CHUNK):
                chunk = rows[start : start + _CHUNK]
                cosines = side[chunk] @ other[columns].T
                for s, row in zip(chunk, cosines, strict=True):
                    out.extend((int(s), int(columns[t])) for t in _top(row, keep))
            return out
        window = self._search.window
        lows = np.searchsorted(columns, centre[rows] - window)
        highs = np.searchsorted(columns, centre[rows] + window, side="right")
        for s, lo, hi in zip(rows, lows, highs, strict=True):
            near = columns[lo:hi]
            if len(near):
                out.extend((int(s), int(near[t])) for t in _top(other[near] @ side[s], keep))
        return out


def _no_progress(share: float) -> None:
    pass


class _Embedding:
    """Embeds in slices of ``_SLICE`` sentences, telling ``progress`` between them: a book
    takes the model minutes, and the window's Cancel must be heard. Every text is sliced
    alike, so results do not depend on whether anyone listens."""

    def __init__(self, model: SentenceEncoder, total: int, progress: Callable[[float], None]):
        self.model, self.total, self.progress, self.done = model, max(1, total), progress, 0

    def rows(self, texts: Sequence[str]) -> NDArray[np.float32]:
        parts = []
        for start in range(0, len(texts), _SLICE):
            self.progress(self.done / self.total)
            part = texts[start : start + _SLICE]
            parts.append(self.model.embed(part))
            self.done += len(part)
        self.progress(self.done / self.total)
        return np.concatenate(parts) if parts else self.model.embed(texts)


def _inverse(diagonal: NDArray[np.float64], n_o: int) -> NDArray[np.float64]:
    """For each original sentence, its place on the rewrite's side of the diagonal."""
    if not len(diagonal):
        return np.zeros(n_o)
    order = np.argsort(diagonal, kind="stable")
    return np.interp(np.arange(n_o), diagonal[order], order.astype(np.float64))


def _band_neighbours(
    side: NDArray[np.float32],
    other: NDArray[np.float32],
    centre: NDArray[np.float64],
    search: Search,
) -> list[list[tuple[float, int]]]:
    """For each sentence, its nearest sentences of the other side within the band around its
    place ``centre[s]`` on the diagonal, as (cosine, index), nearest first."""
    if not len(side) or not len(other):
        return [[] for _ in side]
    out: list[list[tuple[float, int]]] = []
    keep = max(search.rivals, search.neighbours)
    for s in range(len(side)):
        middle = round(float(centre[s]))
        lo, hi = max(0, middle - search.band), min(len(other), middle + search.band + 1)
        if lo >= hi:  # the diagonal ran past the other side's end
            lo, hi = max(0, len(other) - search.band - 1), len(other)
        cosines = other[lo:hi] @ side[s]
        out.append([(float(cosines[k]), lo + k) for k in _top(cosines, keep)])
    return out


def _best_outside(near: list[tuple[float, int]], group: Sequence[int]) -> float | None:
    return next((c for c, t in near if t not in group), None)


def _facts(f: Features) -> tuple[frozenset[str], frozenset[str]]:
    return f.numbers, f.names


def _top(values: NDArray[np.float32], keep: int) -> list[int]:
    """Indices of the ``keep`` largest values, ties to the lower index (stable, deterministic)."""
    order = np.argsort(-values, kind="stable")
    return [int(k) for k in order[:keep]]
