"""What every report shows, worked out once: rows in reading order and marked-up text.

Rows keep the engine's link order, which is the reading order the window shows too: the rewrite's,
with each removed link after the link of the original sentence before it. Text is split into
``Piece``s, each marked or not, so the HTML, PDF and text writers only decide how to draw a mark.
"""

from __future__ import annotations

from dataclasses import dataclass

from retold.engine.model import ChangeKind, Comparison, Document, Link, LinkKind, Origin, Span

ELLIPSIS = " … "  # between sentences of one group that are not adjacent


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    marked: bool  # deleted on the original side, inserted on the rewrite side


@dataclass(frozen=True, slots=True)
class Row:
    number: int  # 1-based position in the report
    link: Link
    original: tuple[Piece, ...]
    rewrite: tuple[Piece, ...]
    boilerplate: bool

    @property
    def kind(self) -> LinkKind:
        return self.link.kind


def report_rows(comparison: Comparison, *, hide_boilerplate: bool = False) -> list[Row]:
    rows: list[Row] = []
    for link in comparison.links:  # the engine gives them in reading order
        boilerplate = is_boilerplate(comparison, link)
        if boilerplate and hide_boilerplate:
            continue
        rows.append(
            Row(
                number=len(rows) + 1,
                link=link,
                original=side_pieces(comparison.original, link.original, _marks(link, True)),
                rewrite=side_pieces(comparison.rewrite, link.rewrite, _marks(link, False)),
                boilerplate=boilerplate,
            )
        )
    return rows


def is_boilerplate(comparison: Comparison, link: Link) -> bool:
    """True when every sentence of the link, on both sides, is page furniture."""
    sentences = [comparison.original.sentences[i] for i in link.original_sentences]
    sentences += [comparison.rewrite.sentences[i] for i in link.rewrite_sentences]
    return bool(sentences) and all(sentence.boilerplate for sentence in sentences)


def side_pieces(
    document: Document, spans: tuple[Span, ...], marks: list[Span]
) -> tuple[Piece, ...]:
    """The text of ``spans``, split where ``marks`` start and end."""
    pieces: list[Piece] = []
    for number, (start, end) in enumerate(spans):
        if number:
            pieces.append(Piece(ELLIPSIS, False))
        cursor = start
        for mark_start, mark_end in sorted(marks):
            mark_start, mark_end = max(mark_start, start), min(mark_end, end)
            if mark_start >= mark_end or mark_start < cursor:
                continue
            if mark_start > cursor:
                pieces.append(Piece(document.text[cursor:mark_start], False))
            pieces.append(Piece(document.text[mark_start:mark_end], True))
            cursor = mark_end
        if cursor < end:
            pieces.append(Piece(document.text[cursor:end], False))
    return tuple(pieces)


def _marks(link: Link, original: bool) -> list[Span]:
    """Spans of words only on this side: deleted from the original, inserted in the rewrite."""
    wanted = ChangeKind.DELETE if original else ChangeKind.INSERT
    spans: list[Span] = []
    for change in link.changes:
        if change.kind not in (wanted, ChangeKind.REPLACE):
            continue
        span = change.original if original else change.rewrite
        if span is not None:
            spans.append(span)
    return spans


def plain(pieces: tuple[Piece, ...]) -> str:
    return "".join(piece.text for piece in pieces)


def sentence_numbers(indices: tuple[int, ...]) -> str:
    """1-based sentence numbers, runs collapsed: (6, 7, 8, 10) → "7–9, 11"."""
    runs: list[list[int]] = []
    for index in indices:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return ", ".join(
        f"{run[0] + 1}" if len(run) == 1 else f"{run[0] + 1}–{run[-1] + 1}" for run in runs
    )


def moved_note(link: Link) -> str:
    """Where a moved link came from, e.g. "moved: from original sentence 7"."""
    if not link.moved or not link.original_sentences:
        return ""
    noun = "sentence" if len(link.original_sentences) == 1 else "sentences"
    return f"moved: from original {noun} {sentence_numbers(link.original_sentences)}"


SET_BY_HAND = "set by hand"  # how every report marks a link a person made or took apart


def set_by_hand(link: Link) -> bool:
    return link.origin is Origin.MANUAL


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"


KIND_LABELS: dict[LinkKind, str] = {
    LinkKind.IDENTICAL: "Identical",
    LinkKind.EDITED: "Edited",
    LinkKind.REWORDED: "Reworded",
    LinkKind.ADDED: "Added",
    LinkKind.REMOVED: "Removed",
}

KIND_HELP: dict[LinkKind, str] = {
    LinkKind.IDENTICAL: "the same sentence, apart from spacing and quote marks",
    LinkKind.EDITED: "a few words changed; deleted words struck through, new words underlined",
    LinkKind.REWORDED: "the same content in mostly new wording; changed words tinted",
    LinkKind.ADDED: "only in the rewrite",
    LinkKind.REMOVED: "only in the original; shown where it stood",
}
