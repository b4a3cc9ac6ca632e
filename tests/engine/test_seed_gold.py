"""The hand-made alignment of the seed articles: every gold link found, nothing else linked."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest

from retold.engine.compare import compare
from retold.engine.model import Comparison, Span


def _load_module(shared: Path) -> ModuleType:
    sys.path.insert(0, str(shared / "eval"))
    try:
        import load
    finally:
        sys.path.pop(0)
    return load


def _covered(text: str, unit: Span, spans: list[Span]) -> int:
    return sum(
        1 for s, e in spans for ch in text[max(unit[0], s) : min(unit[1], e)] if not ch.isspace()
    )


def _half(text: str, unit: Span, spans: list[Span]) -> bool:
    total = sum(1 for ch in text[unit[0] : unit[1]] if not ch.isspace())
    return 2 * _covered(text, unit, spans) >= total


def _joined(c: Comparison, u: Span, v: Span) -> bool:
    """The README's rule: links touching both cover half of u and half of v."""
    links = [
        link
        for link in c.links
        if link.is_match
        and _covered(c.original.text, u, list(link.original))
        and _covered(c.rewrite.text, v, list(link.rewrite))
    ]
    o = [span for link in links for span in link.original]
    r = [span for link in links for span in link.rewrite]
    return bool(links) and _half(c.original.text, u, o) and _half(c.rewrite.text, v, r)


@pytest.fixture
def seed(shared: Path) -> tuple[object, Comparison]:
    load = _load_module(shared)
    (pair,) = load.load("seed_nyt_treasury")
    return pair, compare(pair.original, pair.rewrite)


def test_every_gold_link_found_and_no_false_link(seed: tuple[object, Comparison]) -> None:
    pair, c = seed
    segments = pair.segments  # type: ignore[attr-defined]
    gold = {(s.orig, s.rew) for s in segments if s.orig and s.rew}
    units_o = sorted({s.orig for s in segments if s.orig})
    units_r = sorted({s.rew for s in segments if s.rew})
    found = {(u, v) for u in units_o for v in units_r if _joined(c, u, v)}
    assert found == gold


def test_removed_furniture_and_added_tail_are_not_linked(seed: tuple[object, Comparison]) -> None:
    pair, c = seed
    matched_o = [span for link in c.links if link.is_match for span in link.original]
    matched_r = [span for link in c.links if link.is_match for span in link.rewrite]
    for s in pair.segments:  # type: ignore[attr-defined]
        if s.orig and not s.rew:
            assert _covered(c.original.text, s.orig, matched_o) == 0
        if s.rew and not s.orig:
            assert _covered(c.rewrite.text, s.rew, matched_r) == 0


def test_boilerplate_is_never_linked(seed: tuple[object, Comparison]) -> None:
    _, c = seed
    boiler_o = {s.index for s in c.original.sentences if s.boilerplate}
    boiler_r = {s.index for s in c.rewrite.sentences if s.boilerplate}
    assert boiler_o, "the paywall notice and image line are furniture"
    for link in c.links:
        assert not boiler_o & set(link.original_sentences)
        assert not boiler_r & set(link.rewrite_sentences)


def test_the_merge_is_one_link(seed: tuple[object, Comparison]) -> None:
    _, c = seed
    assert c.stats.merged >= 1
    assert c.stats.moved == 0
