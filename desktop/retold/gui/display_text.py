"""What a pane displays: a side's text with some ranges folded away, and the offset maps.

Qt-free. The engine speaks code-point offsets into ``Document.text``; a QTextDocument counts
UTF-16 code units, and "show only changes" replaces identical runs with a fold line. This maps
source offsets to displayed (Qt) positions and back, with bisect over precomputed tables.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence, Set
from dataclasses import dataclass

from retold.engine.model import Comparison, Document, LinkKind, Side
from retold.engine.navigate import Navigation, link_spans

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
LONGEST_BLOCK = 8000  # characters in one paragraph as Qt lays it out; a longer one is cut


def cut_long_paragraphs(text: str, longest: int = LONGEST_BLOCK) -> str:
    """``text`` with a paragraph longer than ``longest`` cut at spaces into parts no longer
    (a space becomes a break: positions stay). Qt lays a paragraph out in one go, and one of
    8,000 sentences froze the window for a quarter of a second; a cut shows as a short line."""
    cuts: list[int] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        while end - start > longest:
            cut = text.rfind(" ", start + longest // 2, start + longest)
            if cut < 0:  # no space to cut at (a URL, CJK text): left whole
                break
            cuts.append(cut)
            start = cut + 1
        start = end + 1
    if not cuts:
        return text
    parts, at = [], 0
    for cut in cuts:
        parts.append(text[at:cut])
        at = cut + 1
    parts.append(text[at:])
    return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class Fold:
    """A hidden source range shown as ``label`` (empty: hidden without trace).

    A labelled fold stands for ``sentences`` identical sentences; a click on it shows them.
    """

    source_start: int
    source_end: int
    label: str
    sentences: int = 0


class DisplayText:
    def __init__(self, text: str, folds: Sequence[Fold] = ()) -> None:
        self.source = text  # what the offsets count in, folded parts included
        pieces: list[str] = []
        self._seg_src: list[int] = []  # kept source segments: source start,
        self._seg_disp: list[int] = []  # display start,
        self._seg_len: list[int] = []  # length
        self.folds: list[tuple[int, Fold]] = []  # display start of each fold's label
        at, shown = 0, 0
        for fold in folds:
            self._keep(text, at, fold.source_start, shown, pieces)
            shown += fold.source_start - at
            self.folds.append((shown, fold))
            pieces.append(fold.label)
            shown += len(fold.label)
            at = fold.source_end
        self._keep(text, at, len(text), shown, pieces)
        # Qt reads "\r\n" as one break, which would shift every later position by one.
        self.text = cut_long_paragraphs("".join(pieces).replace("\r\n", " \n"))
        # Display offsets of astral characters: each takes two UTF-16 units in Qt.
        self._astral = [m.start() for m in _ASTRAL.finditer(self.text)]  # a C scan, not a loop
        self._astral_qt = [i + n for n, i in enumerate(self._astral)]
        self._fold_src = [fold.source_start for _, fold in self.folds]
        self._fold_disp = [shown for shown, _ in self.folds]

    def _keep(self, text: str, start: int, end: int, shown: int, pieces: list[str]) -> None:
        self._seg_src.append(start)
        self._seg_disp.append(shown)
        self._seg_len.append(end - start)
        pieces.append(text[start:end])

    def segments(self) -> list[tuple[int, int, int, str]]:
        """Each kept source range as (source start, display start, length, the label of the
        fold that follows it, "" after the last)."""
        labels = [fold.label for _shown, fold in self.folds] + [""]
        return list(zip(self._seg_src, self._seg_disp, self._seg_len, labels, strict=True))

    @property
    def qt_length(self) -> int:
        return len(self.text) + len(self._astral)

    def display_from_source(self, offset: int) -> int:
        i = bisect_right(self._fold_src, offset) - 1
        if i >= 0 and offset < self.folds[i][1].source_end and offset > self._fold_src[i]:
            return self.folds[i][0]
        i = max(bisect_right(self._seg_src, offset) - 1, 0)
        return self._seg_disp[i] + min(offset - self._seg_src[i], self._seg_len[i])

    def source_from_display(self, position: int) -> int:
        i = max(bisect_right(self._seg_disp, position) - 1, 0)
        inside = position - self._seg_disp[i]
        if inside <= self._seg_len[i]:
            return self._seg_src[i] + inside
        # Inside a fold label (it follows segment i): the fold's start.
        return self.folds[i][1].source_start

    def hidden(self, offset: int) -> bool:
        """True when the character at source ``offset`` is folded away."""
        i = bisect_right(self._fold_src, offset) - 1
        return i >= 0 and offset < self.folds[i][1].source_end

    def fold_hiding(self, offset: int) -> Fold | None:
        """The fold that hides the character at source ``offset``, if one does."""
        i = bisect_right(self._fold_src, offset) - 1
        return self.folds[i][1] if i >= 0 and offset < self.folds[i][1].source_end else None

    def fold_at(self, position: int) -> Fold | None:
        """The labelled fold whose label holds the character at Qt ``position``, if any."""
        if self._astral:
            position -= bisect_right(self._astral_qt, position - 1)
        i = bisect_right(self._fold_disp, position) - 1
        if i < 0:
            return None
        shown, fold = self.folds[i]
        return fold if position < shown + len(fold.label) else None

    def to_qt(self, offset: int) -> int:
        """Qt position of source code-point ``offset``."""
        return self.qt(self.display_from_source(offset))

    def qt(self, position: int) -> int:
        """Qt position of display (code-point) ``position``."""
        return position + bisect_right(self._astral, position - 1) if self._astral else position

    def from_qt(self, position: int) -> int:
        """Source offset at Qt position ``position`` (the middle of a pair counts as its start)."""
        if self._astral:
            position -= bisect_right(self._astral_qt, position - 1)
        return self.source_from_display(position)


def folds_for(
    document: Document,
    navigation: Navigation,
    side: Side,
    only_changes: bool,
    no_boilerplate: bool,
    expanded: Set[int] = frozenset(),
) -> list[Fold]:
    """Hidden ranges of one side: boilerplate (with its trailing space) and identical runs.

    Identical links in ``expanded`` (folds the reader opened) stay shown.
    """
    index = navigation.side(side)
    sentences = document.sentences
    folds: list[Fold] = []
    run: list[int] = []

    def close_run() -> None:
        if run:
            first, last = sentences[run[0]], sentences[run[-1]]
            noun = "sentence" if len(run) == 1 else "sentences"
            label = f"⋯ {len(run)} identical {noun} ⋯"
            folds.append(Fold(first.start, last.end, label, len(run)))
            run.clear()

    for i, sentence in enumerate(sentences):
        if no_boilerplate and sentence.boilerplate:
            close_run()
            folds.append(_boilerplate_fold(document, i, folds[-1].source_end if folds else 0))
            continue
        if folded(navigation, index.links[i], only_changes, expanded):
            run.append(i)
        else:
            close_run()
    close_run()
    return folds


def folded(navigation: Navigation, link: int, only_changes: bool, expanded: Set[int]) -> bool:
    """Whether "show only changes" folds link ``link`` away: identical, and not opened."""
    return (
        only_changes
        and link >= 0
        and navigation.links[link].kind is LinkKind.IDENTICAL
        and link not in expanded
    )


def _boilerplate_fold(document: Document, i: int, free_from: int) -> Fold:
    """Hide sentence ``i`` with the space on one side, keeping the paragraph breaks around it."""
    sentences, text = document.sentences, document.text
    sentence = sentences[i]
    if sentence.start == 0 or text[sentence.start - 1] == "\n":  # opens its paragraph
        following = sentences[i + 1].start if i + 1 < len(sentences) else len(text)
        return Fold(sentence.start, following, "")  # with the space or break after it
    previous_end = sentences[i - 1].end if i else 0
    return Fold(max(previous_end, free_from), sentence.end, "")


@dataclass(frozen=True, slots=True)
class StyleKey:
    """Everything that decides a run's format (the view caches one format per key)."""

    kind: LinkKind | None = None
    moved: bool = False
    change: str = ""  # "", "insert" (rewrite words), "delete" (original words), "soft-..."
    boilerplate: bool = False
    fold: bool = False
    fact: bool = False  # a changed fact: marked over the rest of the look


def style_runs(comparison: Comparison, side: Side) -> list[tuple[int, int, StyleKey]]:
    """Source ranges and their look, in paint order: later runs override earlier ones."""
    document = comparison.original if side is Side.ORIGINAL else comparison.rewrite
    runs: list[tuple[int, int, StyleKey]] = []
    words = "delete" if side is Side.ORIGINAL else "insert"
    for link in comparison.links:
        key = StyleKey(link.kind, link.moved)
        runs.extend((start, end, key) for start, end in link_spans(link, side))
        # A reworded link changes most words: marking each one struck through or bold would
        # bury the sentence, so there the words only get a fill.
        soft = "" if link.kind is LinkKind.EDITED else "soft-"
        changed = StyleKey(link.kind, link.moved, soft + words)
        for change in link.changes:
            span = change.original if side is Side.ORIGINAL else change.rewrite
            if span is not None and span[0] < span[1]:
                runs.append((span[0], span[1], changed))
    dim = StyleKey(boilerplate=True)  # last: boilerplate stays dim even when linked
    runs.extend((s.start, s.end, dim) for s in document.sentences if s.boilerplate)
    return runs
