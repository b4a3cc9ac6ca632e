"""Compare an original article with its rewrite: segment, align, diff, count."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from retold.engine.align import Cancelled, Match, align, in_order_chain
from retold.engine.evidence import add_evidence
from retold.engine.inline import word_diff
from retold.engine.model import Comparison, Document, Link, LinkKind, OptionValues, Span
from retold.engine.model_scorer import ModelEvidence, evidence_of, make_scorer
from retold.engine.navigate import in_reading_order
from retold.engine.normalize import normalize_text
from retold.engine.options import CompareOptions
from retold.engine.scoring import SentenceScorer, Thresholds
from retold.engine.segment import segment_document
from retold.engine.stats import compute_stats

__all__ = ["Cancelled", "compare"]


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
    original = _document(original_name, original_text, original_sha256, opts)
    rewrite = _document(rewrite_name, rewrite_text, rewrite_sha256, opts)
    report(0.1)
    original_texts = [original.sentence_text(s.index) for s in original.sentences]
    rewrite_texts = [rewrite.sentence_text(s.index) for s in rewrite.sentences]
    scorer = make_scorer(
        opts.scorer, original_texts, rewrite_texts, lambda share: report(0.1 + 0.15 * share)
    )
    report(0.25)
    aligned = [0.25]  # where the aligner has got to, on compare's scale
    matches = align(
        scorer,
        [s.index for s in original.sentences if not s.boilerplate],
        [s.index for s in rewrite.sentences if not s.boilerplate],
        opts.align,
        check=lambda: report(aligned[0]),
        keys=(
            [normalize_text(t) for t in original_texts],
            [normalize_text(t) for t in rewrite_texts],
        ),
        progress=lambda share: aligned.__setitem__(0, 0.25 + 0.35 * share),
    )
    report(0.6)
    links = _links(original, rewrite, matches, _Kinds(opts, scorer.thresholds), report)
    links = _found_by_model(scorer, links)
    report(1.0)
    stats = compute_stats(original, rewrite, links)
    # The evidence the scorer used: a model's scorer falls back to the words on huge inputs.
    used = OptionValues({**opts.to_dict(), "evidence": evidence_of(scorer)})
    return add_evidence(Comparison(original, rewrite, links, stats, used))


@dataclass(frozen=True, slots=True)
class _Kinds:
    """What decides a link's kind: the compare options and the scorer's thresholds."""

    options: CompareOptions
    thresholds: Thresholds


def _found_by_model(scorer: SentenceScorer, links: tuple[Link, ...]) -> tuple[Link, ...]:
    """Links the scorer's model made where the words alone would not, marked as such."""
    if not isinstance(scorer, ModelEvidence):
        return links
    return tuple(
        replace(link, found_by_model=True)
        if link.is_match
        and link.kind is not LinkKind.IDENTICAL
        and scorer.found_by_model(link.original_sentences, link.rewrite_sentences)
        else link
        for link in links
    )


def _document(name: str, text: str, sha256: str | None, opts: CompareOptions) -> Document:
    sentences, paragraphs = segment_document(text, detect_boilerplate=opts.detect_boilerplate)
    return Document(name, text, sentences, paragraphs, sha256)


def _links(
    original: Document,
    rewrite: Document,
    matches: Sequence[Match],
    kinds: _Kinds,
    report: Callable[[float], None],
) -> tuple[Link, ...]:
    chain = {id(m) for m in in_order_chain(matches)}
    links: list[Link] = []
    for k, match in enumerate(matches):
        if k % 64 == 0:
            report(0.6 + 0.35 * k / max(1, len(matches)))
        links.append(_match_link(original, rewrite, match, id(match) not in chain, kinds))
    linked_o = {i for m in matches for i in m.original}
    linked_r = {j for m in matches for j in m.rewrite}
    for s in original.sentences:
        if not s.boilerplate and s.index not in linked_o:
            links.append(Link(LinkKind.REMOVED, (s.index,), (), (s.span,), (), 0.0))
    for s in rewrite.sentences:
        if not s.boilerplate and s.index not in linked_r:
            links.append(Link(LinkKind.ADDED, (), (s.index,), (), (s.span,), 0.0))
    return in_reading_order(links)


def _spans(doc: Document, indices: Sequence[int]) -> tuple[Span, ...]:
    """Sentence spans, consecutive sentences merged into one span."""
    spans: list[Span] = []
    last = -2
    for i in indices:
        s = doc.sentences[i]
        if spans and i == last + 1:
            spans[-1] = (spans[-1][0], s.end)
        else:
            spans.append(s.span)
        last = i
    return tuple(spans)


def _match_link(
    original: Document, rewrite: Document, match: Match, moved: bool, kinds: _Kinds
) -> Link:
    opts, edited_threshold = kinds.options, kinds.thresholds.edited
    o_spans, r_spans = _spans(original, match.original), _spans(rewrite, match.rewrite)
    o_text = " ".join(original.text[s:e] for s, e in o_spans)
    r_text = " ".join(rewrite.text[s:e] for s, e in r_spans)
    # One span per sentence, so that no kept run or change crosses the end of a sentence.
    o_sentences = [original.sentences[i].span for i in match.original]
    r_sentences = [rewrite.sentences[j].span for j in match.rewrite]
    diff = word_diff(original.text, o_sentences, rewrite.text, r_sentences, opts.diff_timeout)
    if normalize_text(o_text) == normalize_text(r_text):
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


# ``corrections.py`` re-forms the links a person's corrections touch as compare() forms them.
link_for = _match_link
LinkKinds = _Kinds
sentence_spans = _spans
