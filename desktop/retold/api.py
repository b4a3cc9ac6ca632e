"""Glue between sources and engine: compare two files or two loaded sources."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from retold.engine.corrections import Corrected, apply_corrections
from retold.engine.model import Comparison
from retold.engine.options import CompareOptions
from retold.savefile import SavedComparison
from retold.scorer_choice import chosen_options, compare
from retold.sources.loader import load_source
from retold.sources.model import Source


def compare_sources(
    original: Source,
    rewrite: Source,
    options: CompareOptions | None = None,
    *,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Comparison:
    return compare(
        original.text,
        rewrite.text,
        options,
        original_name=original.name,
        rewrite_name=rewrite.name,
        original_sha256=original.sha256,
        rewrite_sha256=rewrite.sha256,
        progress=progress,
        cancelled=cancelled,
    )


def compare_files(
    original: Path, rewrite: Path, options: CompareOptions | None = None
) -> Comparison:
    return compare_sources(load_source(original), load_source(rewrite), options)


def compare_saved(
    saved: SavedComparison,
    options: CompareOptions | None = None,
    *,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Corrected:
    """A saved comparison compared again, its corrections applied (and those that no longer fit)."""
    options = chosen_options(options)  # once: the corrections' groups are scored alike
    comparison = compare_sources(
        saved.original, saved.rewrite, options, progress=progress, cancelled=cancelled
    )
    return apply_corrections(
        comparison, saved.corrections, options, texts_edited=saved.texts_edited
    )
