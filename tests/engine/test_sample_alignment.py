"""The built-in sample pair against its hand-made alignment (desktop/retold/data/sample/gold.json).

Every user sees this pair first, so the engine must reproduce it: each gold link as one link
with the gold's grouping (merges and splits), the moved quote flagged, page furniture flagged
and never linked, and the removed and added sentences left unlinked.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from retold.engine.compare import compare
from retold.engine.model import Comparison, Document, LinkKind, Span
from retold.resources import resource_path, sample_paths


@dataclass(frozen=True)
class Sample:
    comparison: Comparison
    segments: list[dict[str, Any]]


@pytest.fixture(scope="module")
def sample() -> Sample:
    original, rewrite = (p.read_text(encoding="utf-8") for p in sample_paths())
    gold = json.loads(resource_path("sample", "gold.json").read_text(encoding="utf-8"))
    return Sample(compare(original, rewrite), gold["segments"])


def _span(item: list[int] | None) -> Span | None:
    return None if item is None else (item[0], item[1])


def _links(s: Sample) -> Iterator[dict[str, Any]]:
    return (seg for seg in s.segments if seg["orig"] and seg["rew"])


def _sentences_in(doc: Document, span: Span) -> list[int]:
    return [x.index for x in doc.sentences if span[0] <= x.start and x.end <= span[1]]


def test_gold_spans_are_runs_of_whole_sentences(sample: Sample) -> None:
    """The gold is written on our sentences, so each unit is one or more whole sentences."""
    c = sample.comparison
    for seg in sample.segments:
        for doc, key in ((c.original, "orig"), (c.rewrite, "rew")):
            span = _span(seg[key])
            if span is None:
                continue
            inside = _sentences_in(doc, span)
            assert inside, seg
            assert (doc.sentences[inside[0]].start, doc.sentences[inside[-1]].end) == span


def test_every_gold_link_is_one_link_with_the_gold_grouping(sample: Sample) -> None:
    c = sample.comparison
    found = {(link.original, link.rewrite) for link in c.links if link.is_match}
    gold = {((_span(seg["orig"]),), (_span(seg["rew"]),)) for seg in _links(sample)}
    assert not gold - found, "gold links missed or grouped otherwise"
    assert not found - gold, "links that are not in the gold"


def test_merges_and_splits(sample: Sample) -> None:
    c = sample.comparison
    by_span = {(link.original, link.rewrite): link for link in c.links if link.is_match}
    merges = splits = 0
    for seg in _links(sample):
        link = by_span[((_span(seg["orig"]),), (_span(seg["rew"]),))]
        if seg.get("merge"):
            merges += 1
            assert len(link.original_sentences) > len(link.rewrite_sentences)
        if seg.get("split"):
            splits += 1
            assert len(link.original_sentences) < len(link.rewrite_sentences)
    assert (c.stats.merged, c.stats.split) == (merges, splits) == (2, 1)


def test_the_moved_quote_is_flagged_and_nothing_else(sample: Sample) -> None:
    c = sample.comparison
    moved = {(link.original, link.rewrite) for link in c.links if link.moved}
    gold = {((_span(s["orig"]),), (_span(s["rew"]),)) for s in _links(sample) if s.get("moved")}
    assert moved == gold and len(gold) == 1


def test_kinds_and_similarity_scale(sample: Sample) -> None:
    c = sample.comparison
    by_span = {(link.original, link.rewrite): link for link in c.links if link.is_match}
    for seg in _links(sample):
        link = by_span[((_span(seg["orig"]),), (_span(seg["rew"]),))]
        if seg["kind"] == "identical":
            assert link.kind is LinkKind.IDENTICAL and link.similarity == 1.0
        elif seg["kind"] == "reworded":
            assert link.kind is LinkKind.REWORDED, seg  # new wording is never "edited"
        else:  # a few words changed: the line between edited and reworded is a judgement
            assert link.kind in (LinkKind.EDITED, LinkKind.REWORDED)
        if seg["kind"] != "identical":
            assert 0 < link.similarity <= 0.99  # shown with two decimals: never "1.00"


def test_furniture_is_flagged_and_prose_is_not(sample: Sample) -> None:
    c = sample.comparison
    for doc, key in ((c.original, "orig"), (c.rewrite, "rew")):
        furniture = {
            i
            for seg in sample.segments
            if seg.get("furniture") and seg[key]
            for i in _sentences_in(doc, (seg[key][0], seg[key][1]))
        }
        flagged = {s.index for s in doc.sentences if s.boilerplate}
        assert flagged == furniture


def test_removed_and_added_sentences(sample: Sample) -> None:
    c = sample.comparison
    for kind, doc, key in (
        (LinkKind.REMOVED, c.original, "orig"),
        (LinkKind.ADDED, c.rewrite, "rew"),
    ):
        gold = {
            i
            for seg in sample.segments
            if seg["label"] == kind.value and not seg.get("furniture")
            for i in _sentences_in(doc, (seg[key][0], seg[key][1]))
        }
        found = {
            i
            for link in c.links
            if link.kind is kind
            for i in (link.original_sentences or link.rewrite_sentences)
        }
        assert found == gold
