"""Compare an original article with its rewrite: segment, align, diff, count."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import overload

from retold.engine.align import Cancelled, Match, align, in_order_chain
from retold.engine.evidence import add_evidence
from retold.engine.linking import LinkKinds, SentenceSpans, linked, match_link, merged_spans
from retold.engine.model import (
    Comparison,
    Document,
    Link,
    LinkKind,
    OptionValues,
    Span,
)
from retold.engine.model_scorer import ModelEvidence, evidence_of, make_scorer
from retold.engine.names_ahead import NamesAhead
from retold.engine.navigate import in_reading_order
from retold.engine.normalize import normalize_text
from retold.engine.options import CompareOptions
from retold.engine.scoring import SentenceScorer
from retold.engine.segment import segment_document
from retold.engine.stats import compute_stats

__all__ = ["STAGES", "Cancelled", "LinkKinds", "compare", "stage_at"]


def compare(
    original_text: str,
    rewrite_text: str,
    options: CompareOptions | None = None,
    *,
    original_name: str = "original",
    rewrite_name: str = "rewrite",
    original_sha256: str | None = None,
    rewrite_sha256: str | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Comparison:
    """Align ``rewrite_text`` with ``original_text``; raises ``Cancelled`` when asked to stop."""
    opts = options or CompareOptions()

    def report(fraction: float) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled
        if progress is not None:
            progress(fraction)

    report(0.0)
    split = _SEGMENTED * len(original_text) / max(1, len(original_text) + len(rewrite_text))
    original = _document(
        original_name, original_text, original_sha256, opts, lambda share: report(split * share)
    )
    report(split)
    rewrite = _document(
        rewrite_name,
        rewrite_text,
        rewrite_sha256,
        opts,
        lambda share: report(_at(split, _SEGMENTED, share)),
    )
    report(_SEGMENTED)
    # Links come at most one a sentence of the smaller side.
    most = min(len(original.sentences), len(rewrite.sentences))
    names = NamesAhead(original.text, rewrite.text, opts, most)
    try:
        return _aligned(original, rewrite, opts, report, names)
    finally:
        names.close()


def _aligned(
    original: Document,
    rewrite: Document,
    opts: CompareOptions,
    report: Callable[[float], None],
    names: NamesAhead,
) -> Comparison:
    """The comparison of the two segmented documents."""
    scorer, keys = _scorer_and_keys(original, rewrite, opts, report)
    report(_SCORER_READY)
    aligned = [_SCORER_READY]  # where the aligner has got to, on compare's scale
    matches = align(
        scorer,
        [s.index for s in original.sentences if not s.boilerplate],
        [s.index for s in rewrite.sentences if not s.boilerplate],
        opts.align,
        check=lambda: report(aligned[0]),
        keys=keys,
        progress=lambda share: aligned.__setitem__(0, _at(_SCORER_READY, _ALIGNED, share)),
    )
    del keys
    report(_ALIGNED)
    # What the rest needs of the scorer; the scorer itself (its feature tables) is let go
    # before the links are made, so that they can use its memory.
    kinds = LinkKinds(opts, scorer.thresholds)
    used = OptionValues({**opts.to_dict(), "evidence": evidence_of(scorer)})
    model = scorer if isinstance(scorer, ModelEvidence) else None
    del scorer
    chain = {id(m) for m in in_order_chain(matches)}
    found = linked(
        original,
        rewrite,
        matches,
        [id(m) not in chain for m in matches],
        kinds,
        lambda share: report(_at(_ALIGNED, _LINKED, share)),
        names.result,
    )
    del chain
    by_model = {(m.original, m.rewrite) for m in matches if m.by_model}
    links = _found_by_model(model, _with_unlinked(original, rewrite, matches, found), by_model)
    del matches, found
    report(_at(_LINKED, 1.0, _UNLINKED))
    stats = compute_stats(original, rewrite, links)
    report(_at(_LINKED, 1.0, _COUNTED))
    # The evidence the scorer used: a model's scorer falls back to the words on huge inputs.
    comparison = add_evidence(
        Comparison(original, rewrite, links, stats, used),
        progress=lambda share: report(_at(_LINKED, 1.0, _at(_COUNTED, 1.0, share))),
        facts_found=True,
    )
    report(1.0)
    return comparison


def _scorer_and_keys(
    original: Document,
    rewrite: Document,
    opts: CompareOptions,
    report: Callable[[float], None],
) -> tuple[SentenceScorer, tuple[SentenceTexts, SentenceTexts]]:
    """The pair's scorer and the sentences' normalised texts (the aligner's keys)."""
    texts = (SentenceTexts(original), SentenceTexts(rewrite))
    scorer = make_scorer(
        opts.scorer, *texts, lambda share: report(_at(_SEGMENTED, _SCORER_READY, share))
    )
    # The aligner's keys: the sentences normalised, each made when read (it reads each once).
    keys = (SentenceTexts(original, normalize_text), SentenceTexts(rewrite, normalize_text))
    return scorer, keys


class SentenceTexts(Sequence[str]):
    """A document's sentence texts by index, each cut from its text when read (and passed
    through ``transform``, if given): on a 50 MB pair, a list of them would be another copy
    of both texts beside the scorer's tables, held through the alignment."""

    __slots__ = ("_doc", "_transform")

    def __init__(self, doc: Document, transform: Callable[[str], str] | None = None) -> None:
        self._doc = doc
        self._transform = transform

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self._text(i) for i in range(len(self))[index]]
        return self._text(index)

    def __iter__(self) -> Iterator[str]:
        return map(self._text, range(len(self)))

    def __len__(self) -> int:
        return len(self._doc.sentences)

    def _text(self, index: int) -> str:
        text = self._doc.sentence_text(index)
        return text if self._transform is None else self._transform(text)


# Where each stage ends on the progress scale, as shares of the time a long pair takes, so
# that an estimate of the time left holds from the start: processor seconds of 50 MB a side,
# where a wait is long enough to want one (a 100k-word pair spends more of its time in links).
_SEGMENTED, _SCORER_READY, _ALIGNED, _LINKED = 0.11, 0.33, 0.43, 0.83
# The last stage's steps, as shares of it: the unlinked sentences added, the figures counted
# (the evidence is the rest).
_UNLINKED, _COUNTED = 0.18, 0.33
# The stages by where each starts on that scale, named for a progress line.
STAGES = (
    (0.0, "finding sentences"),
    (_SEGMENTED, "reading words"),
    (_SCORER_READY, "aligning"),
    (_ALIGNED, "diffing words"),
    (_LINKED, "counting evidence"),
)


def stage_at(fraction: float) -> str:
    """The stage of ``compare()`` that ``fraction`` of its progress falls in (a report at a
    stage's start means that stage has begun)."""
    return STAGES[max(0, bisect_right([start for start, _ in STAGES], fraction) - 1)][1]


def _at(start: float, end: float, share: float) -> float:
    return start + (end - start) * share


def _found_by_model(
    scorer: ModelEvidence | None,
    links: tuple[Link, ...],
    by_model: set[tuple[tuple[int, ...], tuple[int, ...]]],
) -> tuple[Link, ...]:
    """Links the scorer's model made where the words alone would not, marked as such: those
    it lifted to the link bar, and those the aligner linked on its score alone (``by_model``)."""
    if scorer is None:
        return links
    return tuple(
        replace(link, found_by_model=True)
        if link.is_match
        and link.kind is not LinkKind.IDENTICAL
        and (
            (link.original_sentences, link.rewrite_sentences) in by_model
            or scorer.found_by_model(link.original_sentences, link.rewrite_sentences)
        )
        else link
        for link in links
    )


def _document(
    name: str,
    text: str,
    sha256: str | None,
    opts: CompareOptions,
    progress: Callable[[float], None],
) -> Document:
    sentences, paragraphs = segment_document(
        text, detect_boilerplate=opts.detect_boilerplate, progress=progress
    )
    return Document(name, text, sentences, paragraphs, sha256)


def _with_unlinked(
    original: Document, rewrite: Document, matches: Sequence[Match], links: list[Link]
) -> tuple[Link, ...]:
    """The match links with a removed or added link for each prose sentence left out, in
    reading order."""
    linked_o = {i for m in matches for i in m.original}
    linked_r = {j for m in matches for j in m.rewrite}
    links = list(links)
    for s in original.sentences:
        if not s.boilerplate and s.index not in linked_o:
            links.append(Link(LinkKind.REMOVED, (s.index,), (), (s.span,), (), 0.0))
    for s in rewrite.sentences:
        if not s.boilerplate and s.index not in linked_r:
            links.append(Link(LinkKind.ADDED, (), (s.index,), (), (s.span,), 0.0))
    return in_reading_order(links)


def _spans(doc: Document, indices: Sequence[int]) -> tuple[Span, ...]:
    """Sentence spans, consecutive sentences merged into one span."""
    return merged_spans(SentenceSpans(doc), indices)


def _match_link(
    original: Document, rewrite: Document, match: Match, moved: bool, kinds: LinkKinds
) -> Link:
    """The link of one match as compare() forms it, before its facts are looked for."""
    return match_link(
        original.text, SentenceSpans(original), rewrite.text, SentenceSpans(rewrite), match,
        moved, kinds,
    )  # fmt: skip


# ``corrections.py`` re-forms the links a person's corrections touch as compare() forms them.
link_for = _match_link
sentence_spans = _spans
