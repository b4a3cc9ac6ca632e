"""What a comparison adds as evidence once it is aligned: the facts changed in each link and
the warnings about the comparison itself. A pure last stage over the aligned comparison."""

from __future__ import annotations

from dataclasses import replace

from retold.engine.facts import with_facts
from retold.engine.model import Comparison
from retold.engine.warnings import comparison_warnings


def add_evidence(comparison: Comparison) -> Comparison:
    original, rewrite = comparison.original, comparison.rewrite
    links = with_facts(original, rewrite, comparison.links)
    warnings = comparison_warnings(original, rewrite, links, comparison.stats)
    return replace(comparison, links=links, warnings=warnings)
