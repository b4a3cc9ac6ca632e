"""What every report says in words beside its figures: warnings about the comparison, what was
kept word for word, the page furniture, the facts changed, the options, and how to read it.

Worked out once here, so the text, HTML and PDF reports (and the window) say the same thing.
"""

from __future__ import annotations

from collections import Counter

from retold.engine.model import Comparison, Document
from retold.report.rows import (
    BY_MODEL,
    evidence_fallback,
    evidence_used,
    furniture_lines,
    percent,
)
from retold.scorer_choice import FALLBACK


def warning_lines(comparison: Comparison) -> list[str]:
    return [warning.message for warning in comparison.warnings]


def verbatim_line(comparison: Comparison) -> str:
    """Kept word for word, apart from retold in new words; the longest run quoted."""
    stats = comparison.stats
    if not stats.verbatim_min_words:
        return ""  # a report written before the figure was added
    line = (
        f"Kept word for word: {percent(stats.verbatim_share)} of the original's prose words, "
        f"in runs of at least {stats.verbatim_min_words} identical words. "
        f"Retold in new words: {percent(stats.retold_share)} (in linked sentences, but not "
        "word for word)."
    )
    run = comparison.longest_verbatim
    if run is not None and stats.longest_verbatim_words:
        words = stats.longest_verbatim_words
        line += f" The longest run, {words} words: “{longest_quote(comparison)}”."
    return line


def longest_quote(comparison: Comparison, limit: int = 300) -> str:
    run = comparison.longest_verbatim
    if run is None:
        return ""
    start, end = run[0]
    quoted = " ".join(comparison.original.text[start:end].split())
    return quoted if len(quoted) <= limit else quoted[: limit - 1].rstrip() + "…"


def furniture_line(comparison: Comparison, *, hidden: bool) -> str:
    """How much page furniture each side has, by kind; whether this report left it out."""
    sides = [
        (label, _furniture_kinds(document))
        for label, document in (
            ("the original", comparison.original),
            ("the rewrite", comparison.rewrite),
        )
    ]
    total = sum(sum(kinds.values()) for _label, kinds in sides)
    if not total:
        return "Page furniture: none found on either side."
    parts = []
    for label, kinds in sides:
        count = sum(kinds.values())
        if count:
            detail = ", ".join(f"{n} {kind}" for kind, n in kinds.most_common())
            parts.append(f"{label} {_lines(count)} ({detail})")
        else:
            parts.append(f"{label} none")
    where = (
        f"left out of this report: {_lines(total)}"
        if hidden
        else "shown dimmed in place, each labelled with its kind"
    )
    return f"Page furniture ({where}; never counted in the figures): {'; '.join(parts)}."


def _furniture_kinds(document: Document) -> Counter[str]:
    return Counter(
        document.sentences[line[0]].furniture or "page furniture"
        for line in furniture_lines(document)
    )


def _lines(count: int) -> str:
    return f"{count} line" if count == 1 else f"{count} lines"


def facts_line(comparison: Comparison) -> str:
    kinds = Counter(fact.kind for link in comparison.links for fact in link.facts)
    total = sum(kinds.values())
    if not total:
        return "Fact changes inside linked sentences: none found."
    detail = ", ".join(f"{n} {kind}" for kind, n in kinds.most_common())
    return (
        f"Fact changes inside linked sentences: {total} ({detail}); each row with one is "
        f"marked {FACT_MARK} and says what changed."
    )


FACT_MARK = "⚑"


def fact_notes(comparison: Comparison, index: int) -> list[str]:
    """ "number: 2010 became 2017" for each fact of link ``index``."""
    return [f"{fact.kind}: {fact.note}" for fact in comparison.links[index].facts]


def evidence_line(comparison: Comparison) -> str:
    """Which evidence linked the sentences: the words alone, or also a sentence model."""
    used = evidence_used(comparison)
    if used == "lexical":
        why = evidence_fallback(comparison)
        lexical = "Evidence: lexical (the words the sentences share and their forms)."
        return f"{lexical} {why}" if why else lexical
    found = sum(1 for link in comparison.links if link.found_by_model)
    return (
        f"Evidence: {used} (the words, and an on-device sentence model's reading of meaning); "
        f"{found} {'link was' if found == 1 else 'links were'} found mainly by the model, "
        f"each marked “{BY_MODEL}”."
    )


def evidence_lines(comparison: Comparison, *, hidden: bool) -> list[str]:
    """Every sentence a summary gives beside its figures, warnings first."""
    lines = [*warning_lines(comparison), verbatim_line(comparison)]
    lines += [furniture_line(comparison, hidden=hidden), facts_line(comparison)]
    lines.append(evidence_line(comparison))
    return [line for line in lines if line]


def options_in_words(comparison: Comparison) -> str:
    """The engine options as a sentence; options this version does not know are listed."""
    options = dict(comparison.options)
    parts = []
    if "link_threshold" in options:
        parts.append(
            f"sentences are linked from a similarity of {options.pop('link_threshold')} "
            "(0 shares nothing, 1 is the same sentence)"
        )
    if "edited_threshold" in options:
        parts.append(
            f"a link counts as edited rather than reworded from {options.pop('edited_threshold')}"
        )
    if "max_group" in options:
        parts.append(f"up to {options.pop('max_group')} sentences on a side may form one group")
    if "detect_boilerplate" in options:
        found = options.pop("detect_boilerplate")
        parts.append(
            "page furniture was looked for" if found else "page furniture was not looked for"
        )
    if "diff_timeout" in options:
        parts.append(f"each word comparison had {options.pop('diff_timeout')} s at most")
    options.pop("evidence", None)  # stated with the figures ("Evidence"), as is
    options.pop(FALLBACK, None)  # why the model was not used
    parts += [f"{str(k).replace('_', ' ')}: {v}" for k, v in options.items()]
    if not parts:
        return "Options: the defaults."
    text = "; ".join(parts)
    return f"Options: {text[0].upper()}{text[1:]}."


HOW_TO_READ: list[tuple[str, str]] = [
    (
        "Rows",
        "Each row is a linked group: sentences of the rewrite and the sentences of the original "
        "they retell, in the order of the rewrite. Sentences are numbered from 1 on each side.",
    ),
    (
        "Similarity",
        "How alike the two sides of a row are, from 0 (no words or wording in common) to 1 "
        "(the same sentence). It measures shared words and word forms; with a sentence model "
        "(see Evidence) also closeness of meaning, on the same scale. A row linked mainly by "
        "the model, with few words in common, says so.",
    ),
    (
        "Reused",
        "The share of the original's prose (its non-space characters, page furniture left out) "
        "that is in a linked group, whatever its kind.",
    ),
    (
        "New",
        "The share of the rewrite's prose linked to nothing in the original. When the original "
        "is a preview or an excerpt, new text may retell the part that is missing: see the "
        "warnings.",
    ),
    (
        "Kinds",
        "Identical: the same sentence. Edited: a few words changed. Reworded: the same content "
        "in mostly new words. Added: only in the rewrite. Removed: only in the original. "
        "Moved: told in another place.",
    ),
    (
        "Kept word for word",
        "Words of the original the rewrite keeps in runs of identical words, whatever the kind "
        "of the row: a reworded row can still copy long runs.",
    ),
    (
        "Fact changes",
        "Numbers, dates, names, negations and quotations that a linked sentence changed. "
        "Equivalent wordings (10 percent and 10%, Dec. 11 and December 11) are not changes.",
    ),
    (
        "Page furniture",
        "Lines a web page puts around an article (bylines, datelines, paywall notices, images, "
        "navigation). They are shown dimmed with their kind and never counted in the figures.",
    ),
]
