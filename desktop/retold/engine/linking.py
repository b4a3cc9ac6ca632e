"""Links of the aligner's matches, with their word diffs and their facts: one stage over
chunks of matches, run in this process or, for a long pair, in a pool of processes.

A link depends only on its own match and the two texts, so the chunks and the number of
workers cannot change a result: the chunks' links are put back in the matches' order.

Two kinds of pool. Where the caller may fork (``engine/forking.py``: Linux, its main thread
alone, no daemon, no Qt; the command line, a script), its workers are forked from it: they
start in milliseconds with the pair and its names already found, and share the caller's
memory (its objects frozen out of their garbage collections, so the pages stay shared: 5 MB a
side took 275 MB in all, PSS, with two processes or one). Any other caller (the window
compares on a worker thread, and forking Qt's threads is unsafe), or a system without a safe
fork, gets fresh interpreters from a ``forkserver``; they cost about 0.3 s to start, each
holds its own copy of the pair, and they import the caller's main module, so only a caller
that says it guards it (``CompareOptions.fresh_workers``: the command line) gets them, and
only for a long pair.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from retold.engine.align import Match
from retold.engine.facts import FactFinder
from retold.engine.forking import can_fork, frozen_heap, start_child
from retold.engine.inline import word_diff
from retold.engine.model import Document, Link, LinkKind, Span
from retold.engine.normalize import normalize_text
from retold.engine.options import CompareOptions
from retold.engine.scoring import Thresholds

CHUNK = 256  # matches per chunk: progress and cancelling come at this pace
_NAMES = 0.1  # the share of the stage that finding the texts' names takes, in one process


@dataclass(frozen=True, slots=True)
class LinkKinds:
    """What decides a link's kind: the compare options and the scorer's thresholds."""

    options: CompareOptions
    thresholds: Thresholds


@dataclass(frozen=True, slots=True)
class _Pair:
    """What the stage reads of the two documents: their texts and sentence spans."""

    original: str
    original_sentences: Sequence[Span]
    rewrite: str
    rewrite_sentences: Sequence[Span]
    kinds: LinkKinds


# One match of a chunk: original sentences, rewrite sentences, similarity, moved.
_Job = tuple[tuple[int, ...], tuple[int, ...], float, bool]


class _Stage:
    """The stage in one process: the pair, and its names found once for every chunk."""

    def __init__(self, pair: _Pair, facts: FactFinder) -> None:
        self.pair = pair
        self.facts = facts

    def links(self, jobs: Sequence[_Job]) -> list[Link]:
        pair = self.pair
        return [
            self.facts.with_facts(
                match_link(
                    pair.original,
                    pair.original_sentences,
                    pair.rewrite,
                    pair.rewrite_sentences,
                    Match(o, r, similarity),
                    moved,
                    pair.kinds,
                )
            )
            for o, r, similarity, moved in jobs
        ]


def linked(
    original: Document,
    rewrite: Document,
    matches: Sequence[Match],
    moved: Sequence[bool],
    kinds: LinkKinds,
    report: Callable[[float], None],
    names: Callable[[Callable[[float], None]], FactFinder] | None = None,
) -> list[Link]:
    """Each match as a link with its changes, kept runs and facts, in the matches' order;
    ``report`` is told the share done after each chunk (and may raise to stop). ``names``
    gives the texts' names when they were begun elsewhere (``NamesAhead.result``)."""
    pair = _Pair(
        original.text,
        [s.span for s in original.sentences],
        rewrite.text,
        [s.span for s in rewrite.sentences],
        kinds,
    )
    jobs = [
        (m.original, m.rewrite, m.similarity, flag) for m, flag in zip(matches, moved, strict=True)
    ]
    chunks = [jobs[k : k + CHUNK] for k in range(0, len(jobs), CHUNK)]
    method, workers = _pool(kinds.options, len(jobs))
    report(0.0)
    # The texts' names first (found here with their progress, or read from the process that
    # found them beside the aligner), then given to the workers: on 50 MB a side, a tenth of
    # this stage, which no worker would report.
    find = names or (lambda tell: FactFinder(pair.original, pair.rewrite, tell))
    facts = find(lambda share: report(_NAMES * share))
    stage = _Stage(pair, facts)
    report(_NAMES)
    if workers <= 1:
        found: list[Link] = []
        for k, chunk in enumerate(chunks):
            found += stage.links(chunk)
            report(_NAMES + (1.0 - _NAMES) * (k + 1) / len(chunks))
        return found
    return _shared(stage, chunks, method, workers - 1, report)


def _shared(
    stage: _Stage,
    chunks: list[list[_Job]],
    method: str,
    helpers: int,
    report: Callable[[float], None],
) -> list[Link]:
    """The chunks' links, made by this process and a pool of ``helpers`` together: the pool
    takes chunks from the end, this process from the start, each doing the next one the pool
    has not begun (a chunk's links cost more to send back than to make, so the fewer that
    travel the better; the two meet wherever the load lets each get to)."""
    context = multiprocessing.get_context(method)
    # A forked worker inherits the stage as it is; a fresh one is sent it.
    pool = ProcessPoolExecutor(helpers, mp_context=context, initializer=_start, initargs=(stage,))
    made: list[list[Link] | None] = [None] * len(chunks)
    count = 0

    def done() -> None:
        nonlocal count
        count += 1
        report(_NAMES + (1.0 - _NAMES) * count / len(chunks))

    try:
        # The first submit forks the workers.
        with frozen_heap():
            futures = {k: pool.submit(_run, chunks[k]) for k in reversed(range(len(chunks)))}
        for k, chunk in enumerate(chunks):
            if futures[k].cancel():  # not begun by the pool: made here
                made[k] = stage.links(chunk)
                done()
        for k in range(len(chunks)):
            if made[k] is None:
                try:
                    made[k] = futures[k].result()
                except BrokenProcessPool:  # a worker died (killed, out of memory): made here
                    made[k] = stage.links(chunks[k])
                done()
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)  # cancelled: the workers stop soon
        raise
    pool.shutdown()  # idle workers end at once; reaped, their time counts as this process's
    return [link for links in made if links is not None for link in links]


def _pool(options: CompareOptions, matches: int) -> tuple[str, int]:
    """The start method and number of processes for ``matches`` links (1: no pool)."""
    if matches < options.fork_from:
        return "", 1
    if can_fork():
        method = "fork"
    elif matches >= options.parallel_from and options.fresh_workers:
        # spawn where there is no forkserver (Windows): a fresh interpreter too, only slower.
        has_server = "forkserver" in multiprocessing.get_all_start_methods()
        method = "forkserver" if has_server else "spawn"
    else:
        return "", 1
    return method, max(1, min(wanted_processes(options), -(-matches // CHUNK)))


def wanted_processes(options: CompareOptions) -> int:
    """Processes the options ask for: their number, or the cores not already busy."""
    return options.workers if options.workers is not None else _free_cores()


def _free_cores() -> int:
    """Cores that other work does not keep busy, by the load average; at least one. On a
    machine whose cores are all taken a pool only adds its own cost (measured: 5 MB a side on
    2 cores under a load of 8, 32 s for the links with 2 workers, 22 s with one)."""
    cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average (Windows): take every core
        return cores
    # The load counts this process too, once it has run a few seconds (a comparison, or the
    # runs before it in one program): one unit of it is taken to be ours.
    return max(1, cores - round(max(0.0, load - 1.0)))


_STAGE: list[_Stage] = []  # the stage of a worker process, set up once by _start


def _start(stage: _Stage) -> None:
    start_child()  # Ctrl+C, SIGTERM, ending with the caller: engine/forking.py
    _STAGE[:] = [stage]


def _run(chunk: Sequence[_Job]) -> list[Link]:
    return _STAGE[0].links(chunk)


class SentenceSpans(Sequence[Span]):
    """A document's sentence spans by index, read from its sentences (no copy)."""

    def __init__(self, doc: Document) -> None:
        self.sentences = doc.sentences

    def __getitem__(self, index: int) -> Span:  # type: ignore[override]
        return self.sentences[index].span

    def __len__(self) -> int:
        return len(self.sentences)


def merged_spans(sentences: Sequence[Span], indices: Sequence[int]) -> tuple[Span, ...]:
    """Sentence spans, consecutive sentences merged into one span."""
    spans: list[Span] = []
    last = -2
    for i in indices:
        span = sentences[i]
        if spans and i == last + 1:
            spans[-1] = (spans[-1][0], span[1])
        else:
            spans.append(span)
        last = i
    return tuple(spans)


def match_link(
    original: str,
    original_sentences: Sequence[Span],
    rewrite: str,
    rewrite_sentences: Sequence[Span],
    match: Match,
    moved: bool,
    kinds: LinkKinds,
) -> Link:
    """The link of one match: its kind, word changes and kept runs (facts come after)."""
    opts, edited_threshold = kinds.options, kinds.thresholds.edited
    o_spans = merged_spans(original_sentences, match.original)
    r_spans = merged_spans(rewrite_sentences, match.rewrite)
    # One span per sentence, so that no kept run or change crosses the end of a sentence.
    o_sentences = [original_sentences[i] for i in match.original]
    r_sentences = [rewrite_sentences[j] for j in match.rewrite]
    diff = word_diff(original, o_sentences, rewrite, r_sentences, opts.diff_timeout)
    if diff.same_characters and _joined(original, o_spans) == _joined(rewrite, r_spans):
        return Link(
            LinkKind.IDENTICAL,
            match.original,
            match.rewrite,
            o_spans,
            r_spans,
            1.0,
            moved,
            kept=diff.kept,
        )
    kept = min(diff.kept_original, diff.kept_rewrite)
    # Edited: a few words changed. Most words kept, or a high score with over half kept.
    edited = kept >= edited_threshold or (
        match.similarity >= edited_threshold and kept >= opts.edited_kept
    )
    kind = LinkKind.EDITED if edited else LinkKind.REWORDED
    # 1.0 is kept for identical links; anchors can lift a near-copy's score to the cap.
    similarity = round(min(opts.max_similarity, max(0.0, match.similarity)), 4)
    return Link(
        kind,
        match.original,
        match.rewrite,
        o_spans,
        r_spans,
        similarity,
        moved,
        diff.changes,
        diff.kept,
    )


def _joined(text: str, spans: Sequence[Span]) -> str:
    """The spans' text, normalised as the identical test compares it."""
    return normalize_text(" ".join(text[s:e] for s, e in spans))
