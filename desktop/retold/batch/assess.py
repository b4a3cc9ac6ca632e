"""Assess stage: one suspect against one original, a pure function from records to a row.

Runs the engine's comparison (``retold.engine.compare``), counts the verbatim runs, gathers the
evidence and scores it. The same function runs in-process, in a process pool and on a cluster.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from retold.batch.features import features
from retold.batch.records import Assessment, SourceRecord
from retold.batch.score import DECISION, score
from retold.engine.compare import compare
from retold.engine.model import Comparison
from retold.engine.model_scorer import LEXICAL
from retold.engine.options import CompareOptions
from retold.engine.verbatim import MIN_RUN_WORDS, verbatim
from retold.report.rows import evidence_used

# Triage and the archive's find and scan compare by the words alone (the engine's ``compare``
# with the lexical scorer, not ``retold.compare``): the score was fitted on lexical comparisons,
# and a sentence model read over every suspect would take minutes. Their reports say so, and
# each row's ``evidence`` names what its comparison weighed.
EVIDENCE_LINE = (
    "Evidence: lexical (the words each suspect shares with the original, and their forms)."
)


def evidence_line(rows: Iterable[Assessment]) -> str:
    """What the rows' comparisons weighed, as a report's line: ``EVIDENCE_LINE`` when (as
    always today) the words alone; every other evidence named should a row have used one."""
    used = sorted({row.evidence for row in rows if row.evidence is not None} - {LEXICAL})
    if not used:
        return EVIDENCE_LINE
    return f"Evidence: {'; '.join(used)} (the words, and a sentence model's reading of meaning)."


@dataclass(frozen=True, slots=True)
class AssessOptions:
    """How a suspect is compared and counted; the defaults are those the score was fitted with."""

    # One process a pair: a batch spreads its suspects over the cores itself.
    compare: CompareOptions = field(default_factory=lambda: CompareOptions(workers=1))
    min_run_words: int = MIN_RUN_WORDS  # the N of "runs of at least N identical words"


def assess(
    original: SourceRecord, suspect: SourceRecord, options: AssessOptions | None = None
) -> Assessment:
    """The triage row of ``suspect``; an unreadable suspect gives an error row (never raises
    for a bad suspect). ``original`` must be readable."""
    if original.text is None:
        raise ValueError(f"the original cannot be used: {original.error}")
    if suspect.text is None:
        return Assessment.failed(suspect)
    opts = options or AssessOptions()
    comparison = compare(
        original.text,
        suspect.text,
        opts.compare,
        original_name=original.name,
        rewrite_name=suspect.name,
        original_sha256=original.sha256,
        rewrite_sha256=suspect.sha256,
    )
    return assessment_of(comparison, suspect, opts)


def assessment_of(
    comparison: Comparison, suspect: SourceRecord, options: AssessOptions | None = None
) -> Assessment:
    """The row for a comparison already made (the window has one for each pair it shows)."""
    opts = options or AssessOptions()
    kept = verbatim(comparison, opts.min_run_words)
    value = round(score(features(comparison, kept)), 4)  # the verdict is the rounded score's
    matches = [link for link in comparison.links if link.is_match]
    return Assessment(
        name=suspect.name,
        path=suspect.path,
        sha256=suspect.sha256,
        score=value,
        derived=value >= DECISION,
        reused=round(comparison.stats.reused_share, 4),
        new=round(comparison.stats.new_share, 4),
        verbatim=round(kept.share, 4),
        longest_run_words=kept.longest_words,
        linked=sum(len(link.rewrite_sentences) for link in matches),
        moved=sum(len(link.rewrite_sentences) for link in matches if link.moved),
        evidence=evidence_used(comparison),
    )
