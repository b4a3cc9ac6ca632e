"""Link groups of rewrite sentences to groups of original sentences.

1. Candidate pairs come from the scorer's inverted index of rare words (no all-pairs matrix).
2. The best pairs at or above the scorer's link threshold are accepted greedily, best first, each
   sentence used once: this is order-free, so a moved sentence is still found. A pair grown
   by an adjacent sentence that scores clearly better (a merge or split) competes here too,
   so that half of it is not taken first by a slightly better pair elsewhere.
3. Each link grows by adjacent unlinked sentences on either side while the group covers the
   words of both sides better: merges and splits up to ``AlignOptions.max_group``.
4. Between consecutive in-order links, leftover sentences are tried against each other with
   the position as extra evidence (a slightly lower bar, lower still for the one sentence a
   side that two links sandwich), still one sentence per link.
5. A sentence still alone next to an in-order link joins it when the grown group scores about
   as well: a merge or split whose extra sentence shares too few words to grow the link in 3.
6. With a scorer that embeds groups whole (``WholeGroups``, the sentence model), merges and
   splits whose parts share too few words for 2, 3 or 5, judged whole: two free neighbours
   nearest to the same free sentence of the other side are linked to it when the pair scores
   at the link bar and their joined text is closer to it than either half; then a free
   sentence next to a link joins it when the link's two sides, each embedded as one joined
   text, come closer with it.
7. With such a scorer, in a pair already largely linked on both sides, the gaps between
   consecutive in-order links once more: a free sentence of each side that are each other's
   nearest among the gap's free sentences by the model's own score (not cut at the link bar)
   are linked when it reaches a lower bar: sentences whose words were all replaced, which
   the words' score of step 4 cannot see. The texts' start and end bound a gap too; a gap
   with one free sentence on a side links a pair next to the same link (or end) on both
   sides at a lower bar still; and each link splits its gap, so this repeats until a round
   links nothing. Then the links grow as in step 6, the new ones included.
A link is ``moved`` when it is not on the longest chain of links in order on both sides.
Every bar is a share of the scorer's link threshold, so the aligner knows no similarity scale.

Each step asks its scores in batches (``score_pairs``; a ``ScoreCache`` holds what a step that
decides one link after another will ask), which a ``BatchScorer`` counts with arrays and any
other scorer one by one: the decisions, and so the links, are the same either way.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from retold.engine.model import Side
from retold.engine.options import AlignOptions
from retold.engine.scored_pairs import Candidate, ScoredPairs, pairs_to_score, rank
from retold.engine.scoring import (
    ScoreCache,
    SentencePairs,
    SentenceScorer,
    score_pairs,
)


class Cancelled(Exception):
    """The caller asked to stop."""


@runtime_checkable
class WholeGroups(Protocol):
    """A scorer that can judge a group whole: the semantic one embeds its sentences joined."""

    def joined_cosines(
        self, pairs: Sequence[tuple[Sequence[int], Sequence[int]]]
    ) -> list[float]: ...

    def nearest(self, side: Side, s: int) -> int | None: ...

    def new_numbers(self, side: Side, s: int, group: Sequence[int]) -> bool: ...

    def model_scores(self, pairs: SentencePairs) -> list[float]: ...


@dataclass(frozen=True, slots=True)
class Match:
    """Original and rewrite sentence indices (sorted) of one link, and their similarity."""

    original: tuple[int, ...]
    rewrite: tuple[int, ...]
    similarity: float
    # Linked on the model's own score where the words' is below every bar (step 7): the
    # link says so, as one the model lifted to the bar does.
    by_model: bool = False


def _quiet(share: float) -> None:
    """No one to tell."""


def align(
    scorer: SentenceScorer,
    original_prose: Sequence[int],
    rewrite_prose: Sequence[int],
    options: AlignOptions | None = None,
    check: Callable[[], None] = lambda: None,
    keys: tuple[Sequence[str], Sequence[str]] | None = None,
    progress: Callable[[float], None] = lambda share: None,
) -> list[Match]:
    """Match groups, in rewrite order; ``*_prose`` are the sentences that may be linked.

    ``keys`` (normalised sentence texts of each side) let equal sentences be linked first,
    whatever their score: a sentence of punctuation alone has no words to score. ``check``
    may raise to stop; ``progress`` hears the share of the work done (by the time each step
    takes on a long pair: scoring the candidates is most of it).
    """

    def done(share: float) -> None:
        progress(share)
        check()

    opts = options or AlignOptions()
    state = _State(scorer, list(original_prose), list(rewrite_prose), opts)
    if keys is not None:
        _link_equal(state, keys)
    free = (
        [s for s in state.orig_order if s not in state.orig_link],
        [s for s in state.rew_order if s not in state.rew_link],
    )
    candidates = scorer.candidates(opts.candidates_per_sentence)
    i, j, width = pairs_to_score(state.orig_order, state.rew_order, free, candidates, opts.band)
    done(0.2)
    sims = np.zeros(len(i))
    batch = 4096  # pairs scored between two progress reports
    for start in range(0, len(i), batch):
        stop = min(len(i), start + batch)
        sims[start:stop] = score_pairs(scorer, SentencePairs(i[start:stop], j[start:stop]))
        done(0.2 + 0.45 * stop / len(i))
    order = np.lexsort((j, i, -sims))  # best first, then by indices
    scored = ScoredPairs(sims[order], i[order], j[order], j * width + i, sims, width)
    state.scored = scored
    done(0.65)
    merges = sorted(state.merges(scored), key=rank)
    done(0.8)
    threshold = state.link_threshold
    for sim, group_o, group_r in heapq.merge(scored.above(threshold), merges, key=rank):
        if sim < threshold:
            break
        if state.free(group_o, group_r):
            state.add(Match(group_o, group_r, sim))
    done(0.82)
    state.grow_all(lambda share: done(0.82 + 0.08 * share))
    done(0.9)
    state.fill_gaps(lambda share: done(0.9 + 0.08 * share))
    done(0.98)
    state.attach_orphans(lambda share: done(0.98 + 0.02 * share))
    if isinstance(scorer, WholeGroups):
        state.link_whole(scorer)
        state.grow_whole(scorer)
        if state.link_near(scorer):
            state.grow_whole(scorer)  # the links made on the model's score grow as others did
    return sorted(state.matches(), key=lambda m: (m.rewrite[0], m.original[0]))


def _link_equal(state: _State, keys: tuple[Sequence[str], Sequence[str]]) -> None:
    """Link sentences with the same normalised text, k-th occurrence to k-th occurrence."""
    waiting: dict[str, list[int]] = {}
    for j in reversed(state.rew_order):
        if key := keys[1][j]:  # read once: a key may be made when it is read
            waiting.setdefault(key, []).append(j)
    for i in state.orig_order:
        stack = waiting.get(keys[0][i])
        if stack:
            state.add(Match((i,), (stack.pop(),), 1.0))


class _State:
    """Links under construction, with who is linked to what."""

    # Links grown, or sentences looked at, between two reports of progress (its pace, not a
    # tunable of the alignment: no module-level number is).
    TELL_EVERY = 4096

    def __init__(
        self,
        scorer: SentenceScorer,
        original: list[int],
        rewrite: list[int],
        options: AlignOptions,
    ) -> None:
        self.cache = ScoreCache(scorer)
        self.options = options
        self.link_threshold = scorer.thresholds.link
        self.orig_order = original
        self.rew_order = rewrite
        self.orig_pos = {s: k for k, s in enumerate(original)}
        self.rew_pos = {s: k for k, s in enumerate(rewrite)}
        self.orig_link: dict[int, int] = {}
        self.rew_link: dict[int, int] = {}
        self.links: dict[int, Match] = {}
        self.scored: ScoredPairs | None = None  # the candidate pairs, once scored
        self._next = 0

    def add(self, match: Match) -> int:
        key = self._next
        self._next += 1
        self._set(key, match)
        return key

    def _set(self, key: int, match: Match) -> None:
        self.links[key] = match
        for i in match.original:
            self.orig_link[i] = key
        for j in match.rewrite:
            self.rew_link[j] = key

    def free(self, original: tuple[int, ...], rewrite: tuple[int, ...]) -> bool:
        return not any(i in self.orig_link for i in original) and not any(
            j in self.rew_link for j in rewrite
        )

    def merges(self, scored: ScoredPairs) -> list[Candidate]:
        """Two sentences of one side and one of the other that together score clearly better
        than the pair alone: such a merge competes with single pairs from the start, so that
        one half of it is not taken by a weaker pair elsewhere."""
        opts = self.options
        bar = opts.grow_part * self.link_threshold
        best_o: set[int] = set()  # sentences whose best pair has been seen (scored is sorted)
        best_r: set[int] = set()
        pairs: list[Match] = []
        for sim, (i,), (j,) in scored.above(bar):
            # Only a sentence's best pair is worth growing, and only if a merge can beat it.
            firsts = i not in best_o or j not in best_r
            best_o.add(i)
            best_r.add(j)
            if firsts and sim + opts.merge_gain <= 1.0:
                pairs.append(Match((i,), (j,), sim))
        # Each test below is asked of all pairs at once, then read in the order of the rules.
        cache = self.cache
        grown = self._passing_parts(pairs, scored, bar)
        groups = [(m, _with(m, side, s)) for m, side, s in grown]
        cache.coverages((m.original, m.rewrite) for m, _ in groups)
        cache.coverages((g.original, g.rewrite) for _, g in groups)
        groups = [
            (m, g)
            for m, g in groups
            if cache.coverage(g.original, g.rewrite)
            > cache.coverage(m.original, m.rewrite) + opts.grow_cover
        ]
        cache.scores((g.original, g.rewrite) for _, g in groups)
        out: list[Candidate] = []
        for m, g in groups:
            group_sim = cache.score(g.original, g.rewrite)
            if group_sim >= m.similarity + opts.merge_gain:
                out.append((group_sim, g.original, g.rewrite))
        cache.clear()
        return out

    def _scores(self, pairs: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> None:
        """Score these pairs at once, reading those scored with the candidates."""
        if self.scored is not None:
            self.cache.remember(*self.scored.known(pairs))
        self.cache.scores(pairs)

    def _passing_parts(
        self, pairs: list[Match], scored: ScoredPairs, bar: float
    ) -> list[tuple[Match, Side, int]]:
        """(pair, side, sentence) for each sentence next to a single pair's, on either side
        (linked or not), that scores at least ``bar`` with the other side of the pair: all
        of them scored at once, as arrays."""
        if not pairs:
            return []
        own = {
            Side.ORIGINAL: np.array([m.original[0] for m in pairs], dtype=np.int64),
            Side.REWRITE: np.array([m.rewrite[0] for m in pairs], dtype=np.int64),
        }
        rows, sides, nexts, part_o, part_r = [], [], [], [], []
        for side, order, pos in (
            (Side.ORIGINAL, self.orig_order, self.orig_pos),
            (Side.REWRITE, self.rew_order, self.rew_pos),
        ):
            at = np.array([pos[s] for s in own[side].tolist()], dtype=np.int64)
            sentences = np.asarray(order, dtype=np.int64)
            for k in (at - 1, at + 1):
                ok = (k >= 0) & (k < len(order))
                found = sentences[k[ok]]
                rows.append(np.flatnonzero(ok))
                sides += [side] * len(found)
                nexts.append(found)
                mine = side is Side.ORIGINAL
                part_o.append(found if mine else own[Side.ORIGINAL][ok])
                part_r.append(own[Side.REWRITE][ok] if mine else found)
        o, r = np.concatenate(part_o), np.concatenate(part_r)
        sims, known = scored.lookup(o, r)
        todo = np.flatnonzero(~known)
        if len(todo):
            sims[todo] = score_pairs(self.cache.scorer, SentencePairs(o[todo], r[todo]))
        keep = np.flatnonzero(sims >= bar).tolist()
        row, nexts_all = np.concatenate(rows).tolist(), np.concatenate(nexts).tolist()
        return [(pairs[row[k]], sides[k], nexts_all[k]) for k in keep]

    def matches(self) -> list[Match]:
        return list(self.links.values())

    def grow_all(self, done: Callable[[float], None] = _quiet) -> None:
        """Grow each link by its neighbours, best first; ``done`` hears the share done (and
        may raise to stop)."""
        keys = sorted(self.links, key=lambda k: -self.links[k].similarity)
        self._guess_growth([self.links[k] for k in keys])
        done(0.5)  # the guesses scored at once: about half of the time
        for n, key in enumerate(keys):
            while self._grow_once(key):
                pass
            if n % self.TELL_EVERY == self.TELL_EVERY - 1:
                done(0.5 + 0.5 * n / len(keys))
        self.cache.clear()

    def _guess_growth(self, matches: list[Match]) -> None:
        """Score at once what ``_grow_once`` will ask of each link as it stands now."""
        cache = self.cache
        opts = self.options
        tries = [
            (m, side, s)
            for m in matches
            for side in Side
            if len(_group(m, side)) < opts.max_group
            for s in self._free_neighbours(side, _group(m, side))
        ]
        self._scores([self._part(side, s, m) for m, side, s in tries])
        bar = opts.grow_part * self.link_threshold
        tries = [t for t in tries if cache.score(*self._part(t[1], t[2], t[0])) >= bar]
        grown = [_with(m, side, s) for m, side, s in tries]
        cache.coverages((m.original, m.rewrite) for m, _, _ in tries)
        cache.coverages((g.original, g.rewrite) for g in grown)
        cache.scores((g.original, g.rewrite) for g in grown)

    def _grow_once(self, key: int) -> bool:
        """Add the adjacent free sentence that best completes the group, if one does: the grown
        group must cover both sides' words clearly better than the group did."""
        match = self.links[key]
        best: tuple[float, Match] | None = None
        limit = self.options.max_group
        cache = self.cache
        covered: float | None = None  # asked only of a link with a neighbour worth trying
        opts = self.options
        for side in Side:
            group = _group(match, side)
            if len(group) >= limit:
                continue
            for s in self._free_neighbours(side, group):
                grown = _with(match, side, s)
                if cache.score(*self._part(side, s, match)) < opts.grow_part * self.link_threshold:
                    continue
                if covered is None:
                    covered = cache.coverage(match.original, match.rewrite)
                if cache.coverage(grown.original, grown.rewrite) <= covered + opts.grow_cover:
                    continue
                sim = cache.score(grown.original, grown.rewrite)
                if best is None or sim > best[0]:
                    best = (sim, Match(grown.original, grown.rewrite, sim))
        if best is None:
            return False
        self._set(key, best[1])
        return True

    @staticmethod
    def _part(side: Side, s: int, match: Match) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The pair of sentence s alone with the other side of a link."""
        if side is Side.ORIGINAL:
            return (s,), match.rewrite
        return match.original, (s,)

    def _free_neighbours(self, side: Side, group: tuple[int, ...]) -> list[int]:
        order, pos, linked = (
            (self.orig_order, self.orig_pos, self.orig_link)
            if side is Side.ORIGINAL
            else (self.rew_order, self.rew_pos, self.rew_link)
        )
        out = []
        for k in (pos[group[0]] - 1, pos[group[-1]] + 1):
            if 0 <= k < len(order) and order[k] not in linked:
                out.append(order[k])
        return out

    def fill_gaps(self, done: Callable[[float], None] = _quiet) -> None:
        """Pair leftovers that sit between the same two in-order links on both sides;
        ``done`` hears the share done at each gap (and may raise to stop)."""
        chain = in_order_chain(self.matches())
        bounds = [(-1, -1)]
        bounds += [(self.orig_pos[m.original[0]], self.rew_pos[m.rewrite[0]]) for m in chain]
        ends = [(-1, -1)] + [
            (self.orig_pos[m.original[-1]], self.rew_pos[m.rewrite[-1]]) for m in chain
        ]
        opts = self.options
        bar = opts.gap_factor * self.link_threshold
        stops = [*bounds[1:], (len(self.orig_order), len(self.rew_order))]
        gaps: list[tuple[list[int], list[int], float]] = []
        for (o_lo, r_lo), (o_hi, r_hi) in zip(ends, stops, strict=True):
            free_o = [s for s in self.orig_order[o_lo + 1 : o_hi] if s not in self.orig_link]
            free_r = [s for s in self.rew_order[r_lo + 1 : r_hi] if s not in self.rew_link]
            if not free_o or not free_r or max(len(free_o), len(free_r)) > opts.gap_max:
                continue
            # One sentence alone on each side between two links: its place says a lot.
            sandwiched = o_lo >= 0 and o_hi < len(self.orig_order) and r_hi < len(self.rew_order)
            alone = sandwiched and len(free_o) == len(free_r) == 1
            gaps.append((free_o, free_r, opts.gap_alone * self.link_threshold if alone else bar))
        done(0.3)  # the gaps found
        # Gaps hold different sentences: linking in one changes nothing in another.
        self._scores([((i,), (j,)) for o, r, _ in gaps for i in o for j in r])
        for n, (free_o, free_r, gap_bar) in enumerate(gaps):
            done(0.7 + 0.3 * n / len(gaps))  # their pairs scored at once: 0.3 to 0.7
            scored = sorted(
                ((self.cache.score((i,), (j,)), i, j) for i in free_o for j in free_r),
                key=lambda t: (-t[0], t[1], t[2]),
            )
            for sim, i, j in scored:
                if sim < gap_bar:
                    break
                if i not in self.orig_link and j not in self.rew_link:
                    self.add(Match((i,), (j,), sim))
        self.cache.clear()

    def attach_orphans(self, done: Callable[[float], None] = _quiet) -> None:
        """A sentence left alone between links joins the neighbouring link it fits (``done``
        hears the share done now and then, and may raise to stop).

        In "A. B. C." retold as "A'. B+C'.", B has no partner of its own, and alone it may
        score little against B+C' (a few shared words); but added to the link C-(B+C') it
        explains words the link left unexplained, so the group scores about as well as C
        alone. Only links in order on both sides take orphans.
        """
        in_order = {id(m) for m in in_order_chain(self.matches())}
        chain = {key for key, m in self.links.items() if id(m) in in_order}
        opts = self.options
        bar = opts.grow_part * self.link_threshold
        sides = (
            (Side.ORIGINAL, self.orig_order, self.orig_link),
            (Side.REWRITE, self.rew_order, self.rew_link),
        )
        self._guess_orphans(sides, chain, bar)
        done(0.6)  # the guesses scored at once: most of the time
        cache = self.cache
        total = max(1, len(self.orig_order) + len(self.rew_order))
        seen = 0
        for side, order, linked in sides:
            for k, s in enumerate(order):
                seen += 1
                if seen % self.TELL_EVERY == 0:
                    done(0.6 + 0.4 * seen / total)
                if s in linked:
                    continue
                best: tuple[float, int, Match] | None = None
                for key in self._orphan_links(order, linked, k, side, chain):
                    match = self.links[key]
                    if cache.score(*self._part(side, s, match)) < bar:
                        continue
                    grown = _with(match, side, s)
                    sim = cache.score(grown.original, grown.rewrite)
                    if sim >= match.similarity - opts.attach_drop and (
                        best is None or sim > best[0]
                    ):
                        best = (sim, key, Match(grown.original, grown.rewrite, sim))
                if best is not None:
                    self._set(best[1], best[2])
        cache.clear()

    def link_whole(self, scorer: WholeGroups) -> None:
        """Link two free neighbours to the free sentence of the other side that both are
        nearest to, when the three score at the link bar and the two joined are closer to
        it than either alone: a merge or split none of whose parts reaches the bar alone."""
        tries: list[tuple[Match, Match, Match]] = []  # the group, and each half alone
        for side, order, linked, other, other_pos in (
            (Side.ORIGINAL, self.orig_order, self.orig_link, self.rew_link, self.rew_pos),
            (Side.REWRITE, self.rew_order, self.rew_link, self.orig_link, self.orig_pos),
        ):
            for a, b in itertools.pairwise(order):
                t = scorer.nearest(side, a)  # any sentence: it may be boilerplate, not prose
                if a in linked or b in linked or t is None or t not in other_pos or t in other:
                    continue
                if scorer.nearest(side, b) == t:
                    lone = Match((t,), (t,), 0.0)  # t's side is kept, the other replaced
                    half_a, half_b = _set_group(lone, side, (a,)), _set_group(lone, side, (b,))
                    tries.append((_with(half_a, side, b), half_a, half_b))
        if not tries:
            return
        self._scores([self._sides(g) for g, _, _ in tries])
        joined = scorer.joined_cosines([self._sides(m) for t in tries for m in t])
        ranked = sorted(
            (-self.cache.score(*self._sides(g)), g.original, g.rewrite, k)
            for k, (g, _, _) in enumerate(tries)
        )
        gain = self.options.whole_gain
        for neg, original, rewrite, k in ranked:
            whole, alone_a, alone_b = joined[3 * k : 3 * k + 3]
            if -neg < self.link_threshold:
                break
            if whole >= max(alone_a, alone_b) + gain and self.free(original, rewrite):
                self.add(Match(original, rewrite, -neg))
        self.cache.clear()

    def grow_whole(self, scorer: WholeGroups) -> None:
        """A free sentence next to a link joins it when the link's sides, each embedded as one
        text, come clearly closer with it, and the grown link scores at the link bar (on one
        topic, written apart, a link grown by closeness alone covers more than was taken).
        Judged whole, not part by part: the part of a merge alone is far from the sentence it
        came into (it says half of it), as is a sentence of another story on the topic; but
        joined to its other half it completes the sentence, while the other story's takes the
        joined text away from it. A link below the bar (linked on its place in steps 4 and 7)
        that the sentence lifts to the bar grows when the joined cosine does not fall; one
        linked on the model's own score (step 7) grows on the gain alone, the model's word
        being what linked it."""
        opts = self.options
        for _ in range(opts.max_group - 1):  # each round grows a link by one sentence at most
            # Only a sentence whose nearest sentence of the other side is in the link, and
            # which states no number that side does not.
            tries = [
                (key, side, s)
                for key, m in sorted(self.links.items())
                for side in Side
                if len(_group(m, side)) < opts.max_group
                for s in self._free_neighbours(side, _group(m, side))
                if scorer.nearest(side, s) in _group(m, side.other)
                and not scorer.new_numbers(side, s, _group(m, side.other))
            ]
            grown = [_with(self.links[key], side, s) for key, side, s in tries]
            before = scorer.joined_cosines([self._sides(self.links[key]) for key, _, _ in tries])
            after = scorer.joined_cosines([self._sides(g) for g in grown])
            ranked = sorted(
                range(len(tries)),
                key=lambda k: (before[k] - after[k], tries[k][0], tries[k][1] is Side.REWRITE),
            )
            grew: set[int] = set()
            for k in ranked:
                key, side, s = tries[k]
                gain = after[k] - before[k]
                # A link below the bar (made on its place) that s lifts to it need only not
                # be taken further away by s.
                lifts = gain >= 0 and self.links[key].similarity < self.link_threshold
                if gain < opts.whole_gain and not lifts:
                    continue
                linked = self.orig_link if side is Side.ORIGINAL else self.rew_link
                if key in grew or s in linked:
                    continue
                g = grown[k]
                sim = self.cache.score(*self._sides(g))
                # The grown link stands at the bar, whole; or it was linked on the model's
                # own score (step 7), which the clear gain confirms.
                by_model = self.links[key].by_model and sim < self.link_threshold
                if sim >= self.link_threshold or (by_model and gain >= opts.whole_gain):
                    self._set(key, Match(g.original, g.rewrite, sim, by_model=by_model))
                    grew.add(key)
            if not grew:
                break
        self.cache.clear()

    def link_near(self, scorer: WholeGroups) -> bool:
        """Between two consecutive in-order links, link a free sentence of each side that are
        each other's nearest among the gap's free sentences by the model's own score, when it
        reaches ``AlignOptions.near_bar`` of the link bar: a sentence whose words were all
        replaced, which the words' score (all ``fill_gaps`` weighs below the link bar) cannot
        see. Only in a pair already largely linked on both sides (``near_linked``): there the
        gap's place says the two are one sentence retold; in a pair of two stories on one
        topic, or a paragraph blended in from another, every gap would find a nearest.

        The texts' start and end bound a gap too (before the first link, after the last). A
        gap with one free sentence on a side says more: when it is next to a link (or to a
        text's start or end) and its nearest is next to the same one on the other side, the
        pair is linked at the lower ``near_lone``. Each pair linked splits its gap, so this
        is done again until a round links nothing. Whether anything was linked."""
        if self._linked_share() < self.options.near_linked:
            return False
        linked = False
        while self._link_near_once(scorer):
            linked = True
        return linked

    def _link_near_once(self, scorer: WholeGroups) -> bool:
        """One round of ``link_near``: whether it linked anything."""
        opts = self.options
        chain = in_order_chain(self.matches())
        if not chain:
            return False
        n_o, n_r = len(self.orig_order), len(self.rew_order)
        # Each link's first and last place on each side, between the texts' start and end.
        bounds = [(-1, -1, -1, -1)]
        bounds += [
            (
                self.orig_pos[m.original[0]],
                self.orig_pos[m.original[-1]],
                self.rew_pos[m.rewrite[0]],
                self.rew_pos[m.rewrite[-1]],
            )
            for m in chain
        ]
        bounds.append((n_o, n_o, n_r, n_r))
        gaps: list[tuple[list[int], list[int]]] = []
        beside: set[tuple[int, int]] = set()  # pairs next to the same bound on both sides
        for a, b in itertools.pairwise(bounds):
            o_lo, o_hi, r_lo, r_hi = a[1], b[0], a[3], b[2]
            free_o = [s for s in self.orig_order[o_lo + 1 : o_hi] if s not in self.orig_link]
            free_r = [s for s in self.rew_order[r_lo + 1 : r_hi] if s not in self.rew_link]
            if not free_o or not free_r or max(len(free_o), len(free_r)) > opts.gap_max:
                continue
            gaps.append((free_o, free_r))
            if min(len(free_o), len(free_r)) == 1:
                for po, pr in ((o_lo + 1, r_lo + 1), (o_hi - 1, r_hi - 1)):
                    if o_lo < po < o_hi and r_lo < pr < r_hi:
                        beside.add((self.orig_order[po], self.rew_order[pr]))
        if not gaps:
            return False
        pairs = [(i, j) for free_o, free_r in gaps for i in free_o for j in free_r]
        o = np.array([i for i, _ in pairs], dtype=np.int64)
        r = np.array([j for _, j in pairs], dtype=np.int64)
        model = dict(zip(pairs, scorer.model_scores(SentencePairs(o, r)), strict=True))
        bar = opts.near_bar * self.link_threshold
        lone_bar = opts.near_lone * self.link_threshold
        found = [
            (i, j)
            for gap in gaps
            for i, j in _mutual_nearest(*gap, model)
            if model[i, j] >= bar or ((i, j) in beside and model[i, j] >= lone_bar)
        ]
        self._scores([((i,), (j,)) for i, j in found])
        for i, j in found:  # each sentence is in one mutual pair at most
            self.add(Match((i,), (j,), self.cache.score((i,), (j,)), by_model=True))
        self.cache.clear()
        return bool(found)

    def _linked_share(self) -> float:
        """The smaller of the two sides' shares of sentences linked (1 when a side is empty)."""
        shares = [
            len(linked) / len(order)
            for order, linked in (
                (self.orig_order, self.orig_link),
                (self.rew_order, self.rew_link),
            )
            if order
        ]
        return min(shares, default=1.0)

    @staticmethod
    def _sides(match: Match) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return match.original, match.rewrite

    def _orphan_links(
        self, order: list[int], linked: dict[int, int], k: int, side: Side, chain: set[int]
    ) -> Iterator[int]:
        """Keys of the in-order links next to position k that may take one more sentence."""
        for n in (k - 1, k + 1):
            if not 0 <= n < len(order) or order[n] not in linked:
                continue
            key = linked[order[n]]
            if key in chain and len(_group(self.links[key], side)) < self.options.max_group:
                yield key

    def _guess_orphans(
        self,
        sides: tuple[tuple[Side, list[int], dict[int, int]], ...],
        chain: set[int],
        bar: float,
    ) -> None:
        """Score at once what ``attach_orphans`` will ask, as the links stand now."""
        cache = self.cache
        tries = [
            (side, s, self.links[key])
            for side, order, linked in sides
            for k, s in enumerate(order)
            if s not in linked
            for key in self._orphan_links(order, linked, k, side, chain)
        ]
        self._scores([self._part(side, s, m) for side, s, m in tries])
        grown = [
            _with(m, side, s) for side, s, m in tries if cache.score(*self._part(side, s, m)) >= bar
        ]
        cache.scores((g.original, g.rewrite) for g in grown)


def _mutual_nearest(
    free_o: list[int], free_r: list[int], score: dict[tuple[int, int], float]
) -> list[tuple[int, int]]:
    """Pairs (i, j) where j is i's best-scoring sentence among ``free_r`` and i is j's among
    ``free_o`` (ties to the earlier sentence)."""
    best_r = {i: max(free_r, key=lambda j: (score[i, j], -j)) for i in free_o}
    best_o = {j: max(free_o, key=lambda i: (score[i, j], -i)) for j in free_r}
    return [(i, j) for i, j in best_r.items() if best_o[j] == i]


def _group(match: Match, side: Side) -> tuple[int, ...]:
    return match.original if side is Side.ORIGINAL else match.rewrite


def _set_group(match: Match, side: Side, group: tuple[int, ...]) -> Match:
    if side is Side.ORIGINAL:
        return Match(group, match.rewrite, match.similarity)
    return Match(match.original, group, match.similarity)


def _with(match: Match, side: Side, s: int) -> Match:
    return _set_group(match, side, tuple(sorted((*_group(match, side), s))))


def in_order_chain(matches: Sequence[Match]) -> list[Match]:
    """The longest chain of matches in order on both sides (links off it are 'moved')."""
    ordered = sorted(matches, key=lambda m: (m.original[0], m.rewrite[0]))
    tails: list[int] = []  # smallest rewrite position ending a chain of each length
    tail_idx: list[int] = []
    prev: list[int] = [-1] * len(ordered)
    for k, m in enumerate(ordered):
        r = m.rewrite[0]
        p = bisect.bisect_left(tails, r)
        prev[k] = tail_idx[p - 1] if p else -1
        if p == len(tails):
            tails.append(r)
            tail_idx.append(k)
        else:
            tails[p] = r
            tail_idx[p] = k
    chain: list[Match] = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(ordered[k])
        k = prev[k]
    return chain[::-1]
