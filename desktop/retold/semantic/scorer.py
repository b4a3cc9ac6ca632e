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

from retold.engine import feature_table
from retold.engine.feature_table import NUMBER_PATTERN, unique
from retold.engine.model import Side
from retold.engine.normalize import normalize_quotes
from retold.engine.scoring import Group, IndexPairs, SentencePairs, SentenceScorer, Thresholds
from retold.engine.similarity import LexicalOptions, LexicalScorer
from retold.semantic.band import Rivals, band_neighbours, best_outside, cosines, inverse, top
from retold.semantic.embedding import embed_sides
from retold.semantic.encoder import SentenceEncoder

_CHUNK = 512  # rows of the other side scored at once when searching all of it
_FEW = 16  # fewer pairs than this are scored one by one (the arrays' fixed cost)


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
            return LexicalScorer(original, rewrite, self.lexical, progress=progress)
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
        self._orig, self._rew = embed_sides(model, (original, rewrite), progress or _no_progress)
        self._model, self._texts = model, (list(original), list(rewrite))
        self._joined: dict[tuple[int, tuple[int, ...]], NDArray[np.float32]] = {}
        self._combination = factory.combination
        self._search = search = factory.search
        self._band = search.band, max(search.rivals, search.neighbours)
        self._lexical_pairs = _index_pairs(self.lexical.candidates(self._search.lexical_candidates))
        self._linked_o, self._linked_r, diagonal = self._lexical_links()
        # Each side's place on the other's: rewrite -> original, and original -> rewrite.
        self._diagonal, self._inverse = diagonal, inverse(diagonal, len(self._orig))
        self._near_r = band_neighbours(self._rew, self._orig, diagonal, *self._band)
        self._near_o = band_neighbours(self._orig, self._rew, self._inverse, *self._band)
        self._rivals_r, self._rivals_o = Rivals(self._near_r), Rivals(self._near_o)
        language = factory.lexical.language
        self._facts_o = side_facts(original, language)
        self._facts_r = side_facts(rewrite, language)

    def _lexical_links(self) -> tuple[NDArray[np.bool_], NDArray[np.bool_], NDArray[np.float64]]:
        """Sentences with a lexical partner at the link bar, and for each rewrite sentence its
        place on the original's side: interpolated between those links, in rewrite order."""
        n_o, n_r = len(self._orig), len(self._rew)
        best = np.zeros(n_r)
        where = np.zeros(n_r, dtype=np.int64)
        linked_o = np.zeros(n_o, dtype=bool)
        bar = self.thresholds.link
        pairs = self._lexical_pairs
        scores = self.lexical.score_pairs(SentencePairs(pairs.original, pairs.rewrite))
        for i, j, score in zip(
            pairs.original.tolist(), pairs.rewrite.tolist(), scores, strict=True
        ):
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
        a = self._orig[list(original)].sum(axis=0, keepdims=True)
        b = self._rew[list(rewrite)].sum(axis=0, keepdims=True)
        return float(cosines(a, b)[0])

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
        rivals = [best_outside(self._near_o[i], rewrite) for i in original]
        rivals += [best_outside(self._near_r[j], original) for j in rewrite]
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

    def score_pairs(self, pairs: Sequence[tuple[Group, Group]]) -> list[float]:
        """``score`` of each pair, exactly: pairs of single sentences (nearly all the
        aligner asks for) with numpy, the words' part by the lexical scorer's own batch."""
        if not isinstance(pairs, SentencePairs):
            pairs = _sentence_pairs(pairs) or pairs
        if not isinstance(pairs, SentencePairs) or len(pairs) < _FEW:
            return [self.score(o, r) for o, r in pairs]
        i, j = pairs.original, pairs.rewrite
        lexical, combined = self._combined(pairs)
        lifted = np.minimum(1.0, combined)
        scores = np.where(combined < self.thresholds.link, lexical, np.maximum(lexical, lifted))
        out: list[float] = scores.tolist()
        for k in np.flatnonzero(combined >= self.thresholds.link).tolist():
            if self._conflict((int(i[k]),), (int(j[k]),)):
                out[k] = float(lexical[k])
        return out

    def model_scores(self, pairs: SentencePairs) -> list[float]:
        """The combination's own score of each pair of single sentences, in [0, 1]: neither
        raised to the words' score nor dropped to it below the link bar, so that a pair whose
        words were all replaced is told from one that shares nothing but the topic. The words'
        score where both state facts the other does not (as ``score`` lifts no such pair)."""
        if not len(pairs):
            return []
        lexical, combined = self._combined(pairs)
        out: list[float] = np.clip(combined, 0.0, 1.0).tolist()
        for k in range(len(out)):
            if self._conflict((int(pairs.original[k]),), (int(pairs.rewrite[k]),)):
                out[k] = float(lexical[k])
        return out

    def _combined(self, pairs: SentencePairs) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """The words' score and the combination's (unclipped) of each single-sentence pair."""
        i, j = pairs.original, pairs.rewrite
        lexical = np.asarray(self.lexical.score_pairs(pairs), dtype=np.float64)
        cosine = cosines(self._orig[i], self._rew[j])
        c = self._combination
        combined = c.bias + c.lexical * lexical + c.semantic * cosine
        if c.margin:
            combined += c.margin * self._margins(i, j, cosine)
        return lexical, combined

    def coverage_pairs(self, pairs: Sequence[tuple[Group, Group]]) -> list[float]:
        return self.lexical.coverage_pairs(pairs)

    def _margins(
        self, i: NDArray[np.int64], j: NDArray[np.int64], cosine: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """``margin`` of each single-sentence pair (i[k],), (j[k],), as ``margin`` finds it."""
        rival_o, has_o = self._rivals_o.outside(i, j)
        rival_r, has_r = self._rivals_r.outside(j, i)
        best = np.where(
            has_o & has_r, np.maximum(rival_o, rival_r), np.where(has_o, rival_o, rival_r)
        )
        return np.where(has_o | has_r, cosine - best, 0.0)

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
        """The lexical candidates, the band's and the unlinked sentences', each once, in
        order (as arrays: a book has some 50,000)."""
        if limit == self._search.lexical_candidates:
            lexical = self._lexical_pairs
        else:
            lexical = _index_pairs(self.lexical.candidates(limit))
        found = [*self._band_pairs(), *((i, j) for j, i in self._unlinked_pairs())]
        more = np.array(found, dtype=np.int64).reshape(-1, 2)
        width = len(self._rew) + 1
        keys = unique(
            np.concatenate(
                [lexical.original * width + lexical.rewrite, more[:, 0] * width + more[:, 1]]
            )
        )
        return IndexPairs(keys // width, keys % width)

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
                    out.extend((int(s), int(columns[t])) for t in top(row, keep))
            return out
        window = self._search.window
        lows = np.searchsorted(columns, centre[rows] - window)
        highs = np.searchsorted(columns, centre[rows] + window, side="right")
        for s, lo, hi in zip(rows, lows, highs, strict=True):
            near = columns[lo:hi]
            if len(near):
                out.extend((int(s), int(near[t])) for t in top(other[near] @ side[s], keep))
        return out


def _no_progress(share: float) -> None:
    pass


def _index_pairs(pairs: Iterable[tuple[int, int]]) -> IndexPairs:
    """Candidate pairs as arrays (the lexical scorer gives them so already)."""
    if isinstance(pairs, IndexPairs):
        return pairs
    found = np.array(list(pairs), dtype=np.int64).reshape(-1, 2)
    return IndexPairs(found[:, 0].copy(), found[:, 1].copy())


def _sentence_pairs(pairs: Sequence[tuple[Group, Group]]) -> SentencePairs | None:
    """Pairs of single sentences as ``SentencePairs``; None when a group has several."""
    if any(len(o) != 1 or len(r) != 1 for o, r in pairs):
        return None
    original = np.fromiter((o[0] for o, _ in pairs), dtype=np.int64, count=len(pairs))
    rewrite = np.fromiter((r[0] for _, r in pairs), dtype=np.int64, count=len(pairs))
    return SentencePairs(original, rewrite)


def side_facts(texts: Sequence[str], language: str) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Each sentence's numbers and names, as ``features`` finds them, in one pass over the
    side (``features`` of each sentence would look for names a sentence at a time)."""
    plains = [normalize_quotes(t) for t in texts]
    numbers = [frozenset(n.replace(",", "") for n in NUMBER_PATTERN.findall(p)) for p in plains]
    owners, stems = feature_table.names(plains, language)
    names: list[set[str]] = [set() for _ in plains]
    for owner, name in zip(owners.tolist(), stems, strict=True):
        names[owner].add(name)
    return [(n, frozenset(m)) for n, m in zip(numbers, names, strict=True)]
