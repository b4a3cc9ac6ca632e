"""A hand-built Comparison that exercises every kind of row, built without the engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from retold.engine.model import (
    Change,
    ChangeKind,
    Comparison,
    Document,
    Link,
    LinkKind,
    Sentence,
    Stats,
)
from retold.sources.model import Source

ORIGINAL = [
    "By Jane Doe, Staff Writer.",
    "The council approved the flood barrier on Tuesday.",
    "It will cost 4 million euros.",
    "Work starts in March.",
    "Residents said they felt “relieved” after years of floods.",
    "The mayor thanked engineers <script>alert(1)</script> for their work.",
]
REWRITE = [
    "By Jane Doe, Staff Writer.",
    "On Tuesday the council gave its approval to the flood barrier.",
    "Residents said they felt relieved after years of flooding.",
    "The project will cost 4 million euros.",
    "Experts say barriers like this <img src=x onerror=alert(2)> save lives.",
    "The mayor thanked engineers <script>alert(1)</script> for their work.",
]


def make_document(name: str, sentences: list[str], boilerplate: set[int]) -> Document:
    text = " ".join(sentences)
    built: list[Sentence] = []
    start = 0
    for index, sentence in enumerate(sentences):
        built.append(Sentence(index, start, start + len(sentence), 0, index in boilerplate))
        start += len(sentence) + 1
    return Document(name, text, tuple(built), ((0, len(text)),), sha256="ab" * 32)


def span(document: Document, index: int) -> tuple[int, int]:
    return document.sentences[index].span


def word(document: Document, index: int, needle: str) -> tuple[int, int]:
    """The span of ``needle`` inside sentence ``index``."""
    sentence = document.sentences[index]
    at = document.text.index(needle, sentence.start, sentence.end)
    return (at, at + len(needle))


def build_comparison() -> Comparison:
    original = make_document("original.txt", ORIGINAL, {0})
    rewrite = make_document("rewrite.txt", REWRITE, {0})
    o, r = original, rewrite

    def link(
        kind: LinkKind, oi: tuple[int, ...], ri: tuple[int, ...], sim: float, **kw: object
    ) -> Link:
        return Link(
            kind,
            oi,
            ri,
            tuple(span(o, i) for i in oi),
            tuple(span(r, i) for i in ri),
            sim,
            **kw,  # type: ignore[arg-type]
        )

    links = (
        link(LinkKind.IDENTICAL, (0,), (0,), 1.0),
        link(LinkKind.REWORDED, (1,), (1,), 0.52),
        link(
            LinkKind.EDITED,
            (4,),
            (2,),
            0.86,
            moved=True,
            changes=(
                Change(ChangeKind.DELETE, word(o, 4, "“relieved”"), None),
                Change(ChangeKind.INSERT, None, word(r, 2, "relieved")),
                Change(ChangeKind.REPLACE, word(o, 4, "floods"), word(r, 2, "flooding")),
            ),
        ),
        link(
            LinkKind.EDITED,
            (2,),
            (3,),
            0.8,
            changes=(Change(ChangeKind.REPLACE, word(o, 2, "It"), word(r, 3, "The project")),),
        ),
        link(LinkKind.REMOVED, (3,), (), 0.0),
        link(LinkKind.ADDED, (), (4,), 0.0),
        link(LinkKind.IDENTICAL, (5,), (5,), 1.0),
    )
    stats = Stats(
        original_chars=230,
        rewrite_chars=260,
        reused_share=0.9,
        identical_share=0.3,
        edited_share=0.35,
        reworded_share=0.25,
        removed_share=0.1,
        new_share=0.2,
        moved=1,
        merged=0,
        split=0,
        links=5,
    )
    options = {"link_threshold": 0.35, "edited_threshold": 0.75}
    return Comparison(original, rewrite, links, stats, options)


def build_sources(comparison: Comparison) -> tuple[Source, Source]:
    return (
        Source(
            "original.txt",
            comparison.original.text,
            "text",
            Path("/data/original.txt"),
            size=1234,
            sha256="ab" * 32,
            modified=1_700_000_000.0,
            encoding="utf-8",
            metadata={"title": "Council approves <b>barrier</b>"},
        ),
        Source(
            "rewrite.txt",
            comparison.rewrite.text,
            "text",
            Path("/data/rewrite.txt"),
            size=2345,
            sha256="cd" * 32,
            modified=1_700_086_400.0,
        ),
    )


@pytest.fixture
def comparison() -> Comparison:
    return build_comparison()


@pytest.fixture
def sources(comparison: Comparison) -> tuple[Source, Source]:
    return build_sources(comparison)
