"""What a comparison adds as evidence once it is aligned: the verbatim figures, the facts
changed in each link and the warnings about the comparison itself. A pure last stage."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from retold.engine.facts import with_facts
from retold.engine.model import Comparison
from retold.engine.verbatim import Prose, verbatim
from retold.engine.warnings import comparison_warnings


def add_evidence(
    comparison: Comparison,
    progress: Callable[[float], None] | None = None,
    *,
    facts_found: bool = False,
) -> Comparison:
    """``comparison`` with its evidence; ``progress`` is told the share done as it goes.
    With ``facts_found`` its links already hold their facts (compare() finds them with the
    word diffs)."""
    original, rewrite = comparison.original, comparison.rewrite
    # Shares of the time on 50 MB a side: the words counted, the verbatim runs found, with the
    # facts still to find (or found: the warnings are the rest).
    counted, runs = (0.3, 0.75) if facts_found else (0.1, 0.2)
    tell = progress or _no_progress
    prose = Prose.of(comparison)
    tell(counted)
    kept = verbatim(
        comparison, prose=prose, progress=lambda share: tell(counted + (runs - counted) * share)
    )
    tell(runs)
    linked = {i for link in comparison.links if link.is_match for i in link.original_sentences}
    linked_words = sum(prose.original_words[i] for i in linked)
    total = kept.original_words
    stats = replace(
        comparison.stats,
        verbatim_share=kept.share,
        longest_verbatim_words=kept.longest_words,
        verbatim_min_words=kept.min_words,
        retold_share=max(0, linked_words - kept.kept_words) / total if total else 0.0,
    )
    longest = (kept.longest.original, kept.longest.rewrite) if kept.longest else None
    if facts_found:
        links = comparison.links
    else:
        links = with_facts(
            original,
            rewrite,
            comparison.links,
            None if progress is None else lambda share: progress(runs + (_FACTS - runs) * share),
        )
    warned = runs if facts_found else _FACTS
    warnings = comparison_warnings(
        original, rewrite, links, stats, lambda share: tell(warned + (1.0 - warned) * share)
    )
    return replace(
        comparison, links=links, stats=stats, warnings=warnings, longest_verbatim=longest
    )


_FACTS = 0.95  # where the facts are found, when they are looked for here (the warnings follow)


def _no_progress(share: float) -> None:
    """No one to tell."""
