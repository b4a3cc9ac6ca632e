"""What every report shows, worked out once: rows in reading order and marked-up text.

Rows keep the engine's link order, which is the reading order the window shows too: the rewrite's,
with each removed link after the link of the original sentence before it. Text is split into
``Piece``s, each marked or not, so the HTML, PDF and text writers only decide how to draw a mark.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from retold.engine.model import ChangeKind, Comparison, Document, Link, LinkKind, Origin, Span
from retold.scorer_choice import FALLBACK

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
    furniture: str = ""  # a line of page furniture of this kind ("byline"), in no link
    original_where: str = ""  # its sentences as a person counts them: "7", "7–9, 11"
    rewrite_where: str = ""
    moved: str = ""  # "moved: from original sentence 7", for a moved link

    @property
    def kind(self) -> LinkKind:
        return self.link.kind

    @property
    def label(self) -> str:
        """What the row is: its link's kind, or the furniture's ("Byline")."""
        return self.furniture.capitalize() if self.furniture else KIND_LABELS[self.link.kind]


def report_rows(comparison: Comparison, *, hide_boilerplate: bool = False) -> list[Row]:
    """The links in reading order, with the page furniture in place unless it is hidden."""
    links = [
        link
        for link in comparison.links
        if not (hide_boilerplate and is_boilerplate(comparison, link))
    ]
    links = join_clauses(comparison.original, comparison.rewrite, links)
    placed = (
        [(link, "") for link in links] if hide_boilerplate else with_furniture(comparison, links)
    )
    o_numbers, r_numbers = numbering(comparison.original), numbering(comparison.rewrite)
    rows: list[Row] = []
    for link, furniture in placed:
        o_where = sentence_numbers(link.original_sentences, o_numbers)
        rows.append(
            Row(
                number=len(rows) + 1,
                link=link,
                original=side_pieces(comparison.original, link.original, _marks(link, True)),
                rewrite=side_pieces(comparison.rewrite, link.rewrite, _marks(link, False)),
                boilerplate=bool(furniture) or is_boilerplate(comparison, link),
                furniture=furniture,
                original_where=o_where,
                rewrite_where=sentence_numbers(link.rewrite_sentences, r_numbers),
                moved=moved_note(link, o_where),
            )
        )
    return rows


def furniture_lines(document: Document) -> list[tuple[int, ...]]:
    """The page furniture as lines: boilerplate sentences of one paragraph and one kind."""
    lines: list[list[int]] = []
    for s in document.sentences:
        if not s.boilerplate:
            continue
        before = document.sentences[lines[-1][-1]] if lines else None
        if before and before.paragraph == s.paragraph and before.furniture == s.furniture:
            lines[-1].append(s.index)
        else:
            lines.append([s.index])
    return [tuple(line) for line in lines]


def hidden_lines(comparison: Comparison) -> tuple[int, int]:
    """How many lines of furniture ``hide_boilerplate`` leaves out: (original, rewrite)."""
    return len(furniture_lines(comparison.original)), len(furniture_lines(comparison.rewrite))


def with_furniture(comparison: Comparison, links: list[Link]) -> list[tuple[Link, str]]:
    """``links`` (each with "") and each line of furniture with its kind, in place: a rewrite
    line before the first link that starts after it, an original line after the link of the
    original sentence before it (where removed sentences stand). A line of furniture is in no
    link of the comparison: it gets a link of its own here, as added or removed, to be drawn."""
    holder: dict[int, int] = {}  # original sentence -> position of its link
    linked: set[int] = set()  # rewrite sentences in a link (a hand-made report may link furniture)
    for position, link in enumerate(links):
        holder.update(dict.fromkeys(link.original_sentences, position))
        linked.update(link.rewrite_sentences)
    keyed: list[tuple[tuple[int, int, int], Link, str]] = [
        ((position, 0, 0), link, "") for position, link in enumerate(links)
    ]
    firsts = [link.rewrite_sentences[0] if link.rewrite_sentences else -1 for link in links]
    for line in furniture_lines(comparison.rewrite):
        if linked.issuperset(line):
            continue
        position = next((p for p, first in enumerate(firsts) if first > line[0]), len(links))
        link = Link(LinkKind.ADDED, (), line, (), _joined(comparison.rewrite, line), 0.0)
        keyed.append(((position, -1, line[0]), link, _kind(comparison.rewrite, line)))
    for line in furniture_lines(comparison.original):
        if line[0] in holder:
            continue
        position = next((holder[i] for i in range(line[0] - 1, -1, -1) if i in holder), -1)
        link = Link(LinkKind.REMOVED, line, (), _joined(comparison.original, line), (), 0.0)
        keyed.append(((position, 1, line[0]), link, _kind(comparison.original, line)))
    return [(link, kind) for _key, link, kind in sorted(keyed, key=lambda item: item[0])]


def _joined(document: Document, line: tuple[int, ...]) -> tuple[Span, ...]:
    return ((document.sentences[line[0]].start, document.sentences[line[-1]].end),)


def _kind(document: Document, line: tuple[int, ...]) -> str:
    return document.sentences[line[0]].furniture or "page furniture"  # older reports: no kind


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


def numbering(document: Document) -> tuple[int, ...]:
    """Each unit's sentence number as a person counts (from 1). The engine cuts a sentence at
    a semicolon between clauses (a rewrite often tells them apart); the clause after it is
    still part of its sentence and keeps that sentence's number."""
    numbers: list[int] = []
    count = 0
    for s in document.sentences:
        before = document.sentences[s.index - 1] if s.index else None
        continues = (
            before is not None
            and before.paragraph == s.paragraph
            and document.text[before.end - 1 : before.end] == ";"
        )
        if not continues:
            count += 1
        numbers.append(count)
    return tuple(numbers)


def sentence_numbers(indices: tuple[int, ...], numbers: tuple[int, ...] | None = None) -> str:
    """Sentence numbers from 1, runs collapsed: (6, 7, 8, 10) → "7–9, 11". With ``numbers``
    (from ``numbering``) two clauses of one sentence give its number once."""
    shown: list[int] = []
    for index in indices:
        number = numbers[index] if numbers is not None else index + 1
        if not shown or shown[-1] != number:
            shown.append(number)
    runs: list[list[int]] = []
    for number in shown:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]}" if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


def plural(where: str, noun: str = "sentence") -> str:
    """ "sentence 7", "sentences 7–9"."""
    return f"{noun}s {where}" if any(mark in where for mark in "–,") else f"{noun} {where}"


def moved_note(link: Link, where: str = "") -> str:
    """Where a moved link came from, e.g. "moved: from original sentence 7"."""
    if not link.moved or not link.original_sentences:
        return ""
    return f"moved: from original {plural(where or sentence_numbers(link.original_sentences))}"


SET_BY_HAND = "set by hand"  # how every report marks a link a person made or took apart


# How every report (and the window's tooltip) marks a link the sentence model made where the
# words alone would not have: few words in common, so a person should read it.
BY_MODEL = "found mainly by the sentence model"


def evidence_used(comparison: Comparison) -> str:
    """ "lexical", or "lexical + <model> <version>" (older reports: the words alone)."""
    return str(comparison.options.get("evidence", "lexical"))


def evidence_fallback(comparison: Comparison) -> str:
    """Why the sentence model, asked for, was not used (past its size cap, a damaged model
    file), in a sentence; "" when it was used or not asked for."""
    return str(comparison.options.get(FALLBACK, ""))


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


def join_clauses(original: Document, rewrite: Document, links: list[Link]) -> list[Link]:
    """Added (or removed) clauses of one sentence, cut at its semicolon for the alignment, in
    one row: the sentence reads whole where nothing of it is linked."""
    joined: list[Link] = []
    for link in links:
        last = joined[-1] if joined else None
        if last is not None and same_sentence(original, rewrite, last, link):
            o = last.original_sentences + link.original_sentences
            r = last.rewrite_sentences + link.rewrite_sentences
            o_spans = ((last.original[0][0], link.original[-1][1]),) if o else ()
            r_spans = ((last.rewrite[0][0], link.rewrite[-1][1]),) if r else ()
            joined[-1] = replace(last, original_sentences=o, rewrite_sentences=r,
                                 original=o_spans, rewrite=r_spans)  # fmt: skip
        else:
            joined.append(link)
    return joined


def same_sentence(original: Document, rewrite: Document, first: Link, then: Link) -> bool:
    """Whether ``then`` is the added (removed) clause after a semicolon of ``first``'s sentence."""
    if first.kind is not then.kind or first.kind not in (LinkKind.ADDED, LinkKind.REMOVED):
        return False
    document, a, b = (
        (rewrite, first.rewrite_sentences, then.rewrite_sentences)
        if first.kind is LinkKind.ADDED
        else (original, first.original_sentences, then.original_sentences)
    )
    before, after = document.sentences[a[-1]], document.sentences[b[0]]
    return (
        after.index == before.index + 1
        and after.paragraph == before.paragraph
        and document.text[before.end - 1 : before.end] == ";"
    )
