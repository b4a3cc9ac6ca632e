"""Hand-made comparisons for the view tests (no engine needed)."""

from __future__ import annotations

from collections.abc import Sequence

from retold.engine.model import (
    Change,
    ChangeKind,
    Comparison,
    Document,
    Link,
    LinkKind,
    Sentence,
    Span,
    Stats,
)

# (kind, original sentence indices, rewrite sentence indices, moved, word changes)
# A word change is (kind, original words or "", rewrite words or ""), found inside the link.
LinkSpec = tuple[LinkKind, tuple[int, ...], tuple[int, ...], bool, Sequence[tuple[str, str, str]]]


def document(
    name: str, paragraphs: Sequence[Sequence[str]], boilerplate: Sequence[int] = ()
) -> Document:
    """Sentences joined by spaces, paragraphs by blank lines."""
    text, sentences, spans = "", list[Sentence](), list[Span]()
    for number, paragraph in enumerate(paragraphs):
        if number:
            text += "\n\n"
        start = len(text)
        for i, sentence in enumerate(paragraph):
            if i:
                text += " "
            index = len(sentences)
            sentences.append(
                Sentence(index, len(text), len(text) + len(sentence), number, index in boilerplate)
            )
            text += sentence
        spans.append((start, len(text)))
    return Document(name, text, tuple(sentences), tuple(spans))


def _merge(document: Document, indices: tuple[int, ...]) -> tuple[Span, ...]:
    spans: list[Span] = []
    for i in indices:
        s = document.sentences[i]
        if spans and document.text[spans[-1][1] : s.start].strip() == "":
            spans[-1] = (spans[-1][0], s.end)
        else:
            spans.append(s.span)
    return tuple(spans)


def _find(document: Document, spans: tuple[Span, ...], words: str) -> Span | None:
    if not words:
        return None
    for start, end in spans:
        at = document.text.find(words, start, end)
        if at >= 0:
            return (at, at + len(words))
    raise ValueError(f"{words!r} not in link")


def comparison(original: Document, rewrite: Document, specs: Sequence[LinkSpec]) -> Comparison:
    links = []
    for kind, left, right, moved, changes in specs:
        ospans, rspans = _merge(original, left), _merge(rewrite, right)
        made = tuple(
            Change(ChangeKind(k), _find(original, ospans, o), _find(rewrite, rspans, r))
            for k, o, r in changes
        )
        similarity = {"identical": 1.0, "edited": 0.85, "reworded": 0.55}.get(kind, 0.0)
        links.append(Link(kind, left, right, ospans, rspans, similarity, moved, made))
    stats = Stats(100, 100, 0.7, 0.3, 0.2, 0.2, 0.3, 0.25, 1, 1, 1, len(links))
    return Comparison(original, rewrite, tuple(links), stats)


def sample() -> Comparison:
    """Every kind, a merge, a move, word changes, boilerplate and an emoji (astral) character."""
    original = document(
        "original.txt",
        [
            [
                "Subscribe to read more.",
                "The river rose fast on Monday.",
                "Crews worked all night.",
            ],
            ["The mayor praised the crews.", "She said the barrier held 😀 well."],
            ["Funding came from the state.", "A second grant followed.", "Costs were high."],
            ["The old report is gone."],
        ],
        boilerplate=[0],
    )
    rewrite = document(
        "rewrite.txt",
        [
            ["The river rose fast on Monday.", "Crews toiled through the night."],
            ["The state paid, and a grant followed.", "Costs were very high."],
            ["Officials praised the workers 😀 loudly.", "She said the barrier held 😀 well."],
            ["Readers should stay alert."],
        ],
    )
    specs: list[LinkSpec] = [
        (LinkKind.REMOVED, (0,), (), False, ()),
        (LinkKind.IDENTICAL, (1,), (0,), False, ()),
        (LinkKind.EDITED, (2,), (1,), False, [("replace", "worked all", "toiled through the")]),
        (LinkKind.REWORDED, (3,), (4,), True, [("replace", "The mayor", "Officials")]),
        (LinkKind.IDENTICAL, (4,), (5,), True, ()),
        (LinkKind.EDITED, (5, 6), (2,), False, [("delete", "Funding came from", "")]),
        (LinkKind.EDITED, (7,), (3,), False, [("insert", "", "very ")]),
        (LinkKind.REMOVED, (8,), (), False, ()),
        (LinkKind.ADDED, (), (6,), False, ()),
    ]
    return comparison(original, rewrite, specs)


def long_pair(paragraphs: int, per_paragraph: int = 5) -> Comparison:
    """A large pair with links of every kind, for timing the view."""
    kinds = [LinkKind.IDENTICAL, LinkKind.EDITED, LinkKind.REWORDED, LinkKind.IDENTICAL]
    oparas, rparas, specs = [], [], []
    n = 0
    for p in range(paragraphs):
        words = "says some twenty words about the flood barrier and the town council vote."
        oparas.append([f"Sentence {n + i} of the original {words}" for i in range(per_paragraph)])
        rparas.append([f"Sentence {n + i} of the rewrite {words}" for i in range(per_paragraph)])
        for i in range(per_paragraph):
            kind = kinds[(n + i) % len(kinds)]
            changes = [("replace", "original", "rewrite")] if kind is not LinkKind.IDENTICAL else []
            specs.append((kind, (n + i,), (n + i,), p % 7 == 3, changes))
        n += per_paragraph
    return comparison(document("o", oparas), document("r", rparas), specs)


def with_additions(paragraphs: int, every: int = 4) -> Comparison:
    """Identical paragraphs, with an added (rewrite-only) paragraph after every ``every``th.

    Line-by-line scrolling drifts apart on this pair; alignment-based scrolling does not.
    """
    filler = "An inserted paragraph that only the rewrite has, long enough to wrap over lines."
    oparas: list[list[str]] = []
    rparas: list[list[str]] = []
    specs: list[LinkSpec] = []
    rn = 0
    for p in range(paragraphs):
        oparas.append([f"Paragraph {p} says the same thing on both sides of the comparison."])
        rparas.append(list(oparas[-1]))
        specs.append((LinkKind.IDENTICAL, (p,), (rn,), False, []))
        rn += 1
        if p % every == every - 1:
            rparas.append([filler, filler, filler])
            specs.append((LinkKind.ADDED, (), (rn, rn + 1, rn + 2), False, []))
            rn += 3
    return comparison(document("o", oparas), document("r", rparas), specs)
