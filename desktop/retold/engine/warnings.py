"""Warnings about the comparison itself: cases where its figures do not mean what they seem to.

A paywalled preview compared with a full rewrite makes most of the rewrite look "new", though it
retells the part of the article the preview cut off; two unrelated texts give figures that mean
nothing; a rewrite without the original's byline is the first thing an author wants to know.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from retold.engine.model import ComparisonWarning, Document, Link, Stats
from retold.engine.stats import sentence_chars

# The side that stops must end within this much of its prose after its last linked sentence,
TAIL_SLACK = 0.10
# while the other side goes on for at least this many sentences and this share of its prose.
MIN_TAIL_SENTENCES = 2
MIN_TAIL_SHARE = 0.15
# Fewer links than this, or less of the original reused, and the figures say little.
FEW_LINKS = 3
LITTLE_REUSED = 0.15
CREDITS = ("byline", "author note")  # furniture that names who wrote the article


def comparison_warnings(
    original: Document,
    rewrite: Document,
    links: Sequence[Link],
    stats: Stats,
    progress: Callable[[float], None] | None = None,
) -> tuple[ComparisonWarning, ...]:
    """The warnings; ``progress`` hears the share done now and then (on 50 MB a side, seconds:
    each sentence's characters are counted)."""
    tell = progress or _quiet
    o_chars = sentence_chars(original)
    tell(0.35)
    chars = (o_chars, sentence_chars(rewrite))  # counted once per side
    tell(0.7)
    found = [
        *_truncated(original, rewrite, links, chars, original_side=True),
        *_truncated(rewrite, original, links, chars[::-1], original_side=False),
        *_little_in_common(original, rewrite, stats),
        *_dropped_furniture(original, rewrite),
    ]
    return tuple(found)


def _quiet(share: float) -> None:
    """No one to tell."""


def _prose_chars(chars: list[int], indices: Sequence[int]) -> int:
    return sum(chars[i] for i in indices)


def _tail(document: Document, last_linked: int) -> list[int]:
    """Prose sentences after the last linked one."""
    return [s.index for s in document.sentences if not s.boilerplate and s.index > last_linked]


def _truncated(
    short: Document,
    long: Document,
    links: Sequence[Link],
    chars: tuple[list[int], list[int]],
    *,
    original_side: bool,
) -> list[ComparisonWarning]:
    """``short`` looks cut off: a paywall notice (original only), or it stops near its last
    linked sentence while ``long`` goes on well past its own (``chars``: each sentence's
    non-space characters, short's then long's)."""
    matches = [link for link in links if link.is_match]

    def sentences(link: Link, of_short: bool) -> tuple[int, ...]:
        return link.original_sentences if of_short == original_side else link.rewrite_sentences

    paywall = original_side and any(s.furniture == "paywall notice" for s in short.sentences)
    prose_short = [s.index for s in short.sentences if not s.boilerplate]
    prose_long = [s.index for s in long.sentences if not s.boilerplate]
    if not matches or not prose_short or not prose_long:
        return []
    last_short = max(i for link in matches for i in sentences(link, True))
    last_long = max(j for link in matches for j in sentences(link, False))
    short_tail, long_tail = _tail(short, last_short), _tail(long, last_long)
    long_total = _prose_chars(chars[1], prose_long)
    tail_chars = _prose_chars(chars[1], long_tail)
    share = tail_chars / long_total if long_total else 0.0
    stops = (
        _prose_chars(chars[0], short_tail) <= TAIL_SLACK * _prose_chars(chars[0], prose_short)
        and len(long_tail) >= MIN_TAIL_SENTENCES
        and share >= MIN_TAIL_SHARE
    )
    if not (stops or paywall):
        return []
    here, there = ("original", "rewrite") if original_side else ("rewrite", "original")
    reasons = []
    if paywall:
        reasons.append("it carries a paywall notice")
    if stops:
        reasons.append(f"it stops where the {there} goes on")
    message = f"The {here} looks like a preview or an excerpt: {' and '.join(reasons)}."
    if stops:
        message += (
            f" {len(long_tail)} sentences of the {there} ({round(share * 100)} % of its prose) "
            f"come after its last sentence linked to the {here}'s end"
        )
        message += (
            ": they may retell the part the original leaves out, so do not take them for the "
            "rewriter's own work."
            if original_side
            else ": the rewrite may retell only part of the original."
        )
    figures: list[tuple[str, int | float | str]] = [
        (
            "reason",
            "paywall notice and early end"
            if paywall and stops
            else "paywall notice"
            if paywall
            else "early end",
        ),
        (f"{there}_sentences_after", len(long_tail) if stops else 0),
        (f"{there}_share_after", round(share, 4) if stops else 0.0),
    ]
    kind = "original_truncated" if original_side else "rewrite_truncated"
    return [ComparisonWarning(kind, message, tuple(figures))]


def _little_in_common(
    original: Document, rewrite: Document, stats: Stats
) -> list[ComparisonWarning]:
    prose = [s for s in original.sentences if not s.boilerplate]
    if not prose or not any(not s.boilerplate for s in rewrite.sentences):
        return []
    if stats.links >= FEW_LINKS and stats.reused_share >= LITTLE_REUSED:
        return []
    message = (
        f"The two texts have little in common ({stats.links} linked "
        f"{'group' if stats.links == 1 else 'groups'}, {round(stats.reused_share * 100)} % of "
        "the original reused): the figures say little, and the rewrite may not come from this "
        "original."
    )
    figures = (("links", stats.links), ("reused_share", round(stats.reused_share, 4)))
    return [ComparisonWarning("little_in_common", message, figures)]


def _dropped_furniture(original: Document, rewrite: Document) -> list[ComparisonWarning]:
    """A byline (or author note) or dateline the original has and the rewrite lacks."""
    found = []
    for kinds, label, warning in (
        (CREDITS, "byline", "byline_dropped"),
        (("dateline",), "dateline", "dateline_dropped"),
    ):
        theirs = [s for s in original.sentences if s.furniture in kinds]
        if not theirs or any(s.furniture in kinds for s in rewrite.sentences):
            continue
        quoted = " ".join(original.sentence_text(theirs[0].index).split())
        if len(quoted) > 80:
            quoted = quoted[:78].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        message = f"The rewrite drops the original's {label} (“{quoted}”)."
        found.append(ComparisonWarning(warning, message, (("original_sentence", theirs[0].index),)))
    return found
