"""A person's corrections to an alignment, applied to the engine's result.

Corrections are applied in order, every time the pair is compared, so that they survive a change
of options or a newer engine:

- ``link`` makes exactly that link (several sentences on one side: a merge or a split). Its
  sentences leave the links they were in; what remains of those links is re-formed (word diff,
  kind and similarity as the engine forms any link); a side left with nothing makes the other
  side's sentences added or removed.
- ``unlink`` takes the given original sentences and rewrite sentences apart wherever a link joins
  them: they become removed and added, and the engine does not pair them again with anything
  else (a person said they do not belong together; re-pairing them would undo that silently).
  What remains of the link is re-formed as above. An unlink the engine already agrees with does
  nothing, and stays in force.

Links no correction touches are left exactly as the engine made them (``moved`` included).
A correction that does not fit the texts (a span out of range or off sentence boundaries, on
page furniture, or on text edited since it was made) is not applied and is returned with the
reason; the others still are.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from retold.engine.align import Match, in_order_chain
from retold.engine.compare import LinkKinds, link_for, sentence_spans
from retold.engine.evidence import add_evidence
from retold.engine.model import Comparison, Document, Link, LinkKind, Origin, Span
from retold.engine.navigate import in_reading_order
from retold.engine.options import CompareOptions
from retold.engine.stats import compute_stats


class Action(StrEnum):
    LINK = "link"
    UNLINK = "unlink"


@dataclass(frozen=True, slots=True)
class Correction:
    """One decision, by code-point spans into each side's text (whole sentences).

    ``check`` is ``fingerprint`` of the texts under the spans when the correction was made: a
    text edited since then is noticed instead of linking whatever now lies there.
    """

    action: Action
    original: tuple[Span, ...]
    rewrite: tuple[Span, ...]
    check: str | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """A correction that was not applied, and why (a phrase that ends a sentence)."""

    number: int  # its place in the list, from 1
    correction: Correction
    reason: str

    def message(self) -> str:
        """One sentence for the banner or stderr; spans by offsets (the text may not fit)."""
        c = self.correction
        where = f"original {_offsets(c.original)}, rewrite {_offsets(c.rewrite)}"
        return f"A hand-made {c.action.value} ({where}) was not applied: {self.reason}."


def _offsets(spans: Sequence[Span]) -> str:
    return ", ".join(f"{start}–{end}" for start, end in spans) or "none"


@dataclass(frozen=True, slots=True)
class Corrected:
    comparison: Comparison
    rejected: tuple[Rejected, ...] = ()


def fingerprint(original: str, rewrite: str, correction: Correction) -> str:
    """SHA-256 of the texts a correction's spans cover, both sides."""
    texts = [
        [text[s:e] for s, e in spans]
        for text, spans in (
            (original, correction.original),
            (rewrite, correction.rewrite),
        )
    ]
    return hashlib.sha256(json.dumps(texts, ensure_ascii=False).encode("utf-8")).hexdigest()


def correction_for(
    comparison: Comparison,
    action: Action,
    original_sentences: Sequence[int],
    rewrite_sentences: Sequence[int],
) -> Correction:
    """The correction of these sentences (indices into each side), with its check."""
    spans = (
        sentence_spans(comparison.original, sorted(set(original_sentences))),
        sentence_spans(comparison.rewrite, sorted(set(rewrite_sentences))),
    )
    unchecked = Correction(action, *spans)
    check = fingerprint(comparison.original.text, comparison.rewrite.text, unchecked)
    return replace(unchecked, check=check)


def swapped(correction: Correction, original: str, rewrite: str) -> Correction:
    """The same decision with the sides swapped, checked against the swapped pair's texts
    (``original`` is the new original: the old rewrite). An unchecked one stays unchecked."""
    turned = Correction(correction.action, correction.rewrite, correction.original)
    if correction.check is None:
        return turned
    return replace(turned, check=fingerprint(original, rewrite, turned))


class _Misfit(Exception):
    """A correction does not fit the texts; the message says why."""


@dataclass(frozen=True, slots=True)
class _Bounds:
    """One side's sentence starts and ends, looked up once for all corrections."""

    document: Document
    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, document: Document) -> _Bounds:
        sentences = document.sentences
        return cls(document, [s.start for s in sentences], [s.end for s in sentences])


def _sentences(bounds: _Bounds, spans: Sequence[Span], side: str) -> tuple[int, ...]:
    """The sentences the spans cover exactly, or ``_Misfit``."""
    if not spans:
        raise _Misfit(f"it names no {side} sentence")
    document, starts, ends = bounds.document, bounds.starts, bounds.ends
    found: set[int] = set()
    for start, end in spans:
        if not 0 <= start < end <= len(document.text):
            raise _Misfit(
                f"the {side} span {start}–{end} is outside the text "
                f"({len(document.text)} characters)"
            )
        first, last = bisect_left(starts, start), bisect_left(ends, end)
        if (
            first >= len(starts)
            or starts[first] != start
            or last >= len(ends)
            or (ends[last] != end)
        ):
            raise _Misfit(f"the {side} span {start}–{end} does not begin and end with sentences")
        covered = range(first, last + 1)
        if any(document.sentences[i].boilerplate for i in covered):
            raise _Misfit(f"the {side} span {start}–{end} holds page furniture (boilerplate)")
        found.update(covered)
    return tuple(sorted(found))


@dataclass(eq=False, slots=True)
class _Group:
    """A link being corrected: its sentences, who made it, and the engine's link if untouched."""

    original: set[int]
    rewrite: set[int]
    origin: Origin
    link: Link | None = None
    serial: int = 0  # the order groups are made in: the order links are re-formed in


class _Links:
    """Every link as a group, with each sentence's group, changed one correction at a time."""

    def __init__(self, links: Sequence[Link]) -> None:
        self._groups: dict[int, _Group] = {}  # by serial, in order
        self._serials = itertools.count()
        self.of_original: dict[int, _Group] = {}
        self.of_rewrite: dict[int, _Group] = {}
        for link in links:
            self._add(
                _Group(set(link.original_sentences), set(link.rewrite_sentences), link.origin, link)
            )

    @property
    def groups(self) -> list[_Group]:
        return list(self._groups.values())

    def _add(self, group: _Group) -> None:
        group.serial = next(self._serials)
        self._groups[group.serial] = group
        for i in group.original:
            self.of_original[i] = group
        for j in group.rewrite:
            self.of_rewrite[j] = group

    def _alone(self, original: set[int], rewrite: set[int], origin: Origin) -> None:
        for i in sorted(original):
            self._add(_Group({i}, set(), origin))
        for j in sorted(rewrite):
            self._add(_Group(set(), {j}, origin))

    def _take(self, group: _Group, original: set[int], rewrite: set[int]) -> None:
        """Take sentences out of ``group``; a remainder with one side left falls apart."""
        if not (group.original & original or group.rewrite & rewrite):
            return
        group.original -= original
        group.rewrite -= rewrite
        group.link = None  # re-formed from what remains
        if not (group.original and group.rewrite):  # one side left: its sentences stand alone
            del self._groups[group.serial]
            self._alone(group.original, group.rewrite, group.origin)

    def link(self, original: set[int], rewrite: set[int]) -> None:
        for group in self._touching(original, rewrite):
            self._take(group, original, rewrite)
        self._add(_Group(set(original), set(rewrite), Origin.MANUAL))

    def unlink(self, original: set[int], rewrite: set[int]) -> None:
        for group in self._touching(original, rewrite):
            if group.original & original and group.rewrite & rewrite:
                apart_o, apart_r = group.original & original, group.rewrite & rewrite
                self._take(group, apart_o, apart_r)
                self._alone(apart_o, apart_r, Origin.MANUAL)

    def _touching(self, original: set[int], rewrite: set[int]) -> list[_Group]:
        found = {id(g): g for g in (self.of_original.get(i) for i in original) if g is not None}
        found |= {id(g): g for g in (self.of_rewrite.get(j) for j in rewrite) if g is not None}
        return sorted(found.values(), key=lambda g: g.serial)  # in a stable order


def apply_corrections(
    comparison: Comparison,
    corrections: Sequence[Correction],
    options: CompareOptions | None = None,
    *,
    texts_edited: bool = False,
) -> Corrected:
    """``comparison`` (the engine's) with ``corrections`` applied, and those that do not fit.

    ``texts_edited``: the texts were changed since the corrections were made (a saved file
    edited by hand), so a correction without a ``check`` cannot be trusted.
    """
    if not corrections:
        return Corrected(comparison)
    original, rewrite = comparison.original, comparison.rewrite
    bounds = _Bounds.of(original), _Bounds.of(rewrite)
    links = _Links(comparison.links)
    rejected: list[Rejected] = []
    for number, correction in enumerate(corrections, 1):
        try:
            _check(original.text, rewrite.text, correction, texts_edited)  # says most
            sentences_o = _sentences(bounds[0], correction.original, "original")
            sentences_r = _sentences(bounds[1], correction.rewrite, "rewrite")
        except _Misfit as misfit:
            rejected.append(Rejected(number, correction, str(misfit)))
            continue
        if correction.action is Action.LINK:
            links.link(set(sentences_o), set(sentences_r))
        else:
            links.unlink(set(sentences_o), set(sentences_r))
    corrected = _formed(comparison, links.groups, options or CompareOptions())
    return Corrected(corrected, tuple(rejected))


def _check(original: str, rewrite: str, correction: Correction, texts_edited: bool) -> None:
    if correction.check is not None:
        if correction.check != fingerprint(original, rewrite, correction):
            raise _Misfit("the text it links was edited after it was made")
    elif texts_edited:
        raise _Misfit("the texts were edited after it was made, and it carries no check")


def _formed(comparison: Comparison, groups: Sequence[_Group], opts: CompareOptions) -> Comparison:
    """Links of the groups: untouched ones as they were, the others formed as compare() does."""
    original, rewrite = comparison.original, comparison.rewrite
    keys = {
        id(g): (tuple(sorted(g.original)), tuple(sorted(g.rewrite)))
        for g in groups
        if g.original and g.rewrite
    }
    chain = {
        (m.original, m.rewrite) for m in in_order_chain([Match(*k, 0.0) for k in keys.values()])
    }
    changed = [keys[id(g)] for g in groups if g.link is None and id(g) in keys]
    scores = _scores(comparison, changed, opts)
    kinds = LinkKinds(opts, opts.scorer.thresholds)
    links: list[Link] = []
    for group in groups:
        if group.link is not None:
            links.append(group.link)
        elif id(group) in keys:
            key = keys[id(group)]
            match = Match(*key, scores[key])
            link = link_for(original, rewrite, match, key not in chain, kinds)
            links.append(replace(link, origin=group.origin))
        else:
            links.append(_alone_link(original, rewrite, group))
    ordered = in_reading_order(links)
    stats = compute_stats(original, rewrite, ordered)
    # Verbatim figures, facts and warnings follow the corrected links.
    return add_evidence(replace(comparison, links=ordered, stats=stats))


Pair = tuple[tuple[int, ...], tuple[int, ...]]


def _scores(
    comparison: Comparison, pairs: Sequence[Pair], opts: CompareOptions
) -> dict[Pair, float]:
    """The scorer's similarity of each re-formed group (the scorer is made only if needed)."""
    if not pairs:
        return {}
    original, rewrite = comparison.original, comparison.rewrite
    scorer = opts.scorer(
        [original.sentence_text(s.index) for s in original.sentences],
        [rewrite.sentence_text(s.index) for s in rewrite.sentences],
    )
    return {(o, r): scorer.score(o, r) for o, r in pairs}


def _alone_link(original: Document, rewrite: Document, group: _Group) -> Link:
    if group.original:
        (i,) = group.original
        return Link(
            LinkKind.REMOVED, (i,), (), (original.sentences[i].span,), (), 0.0, origin=group.origin
        )
    (j,) = group.rewrite
    return Link(
        LinkKind.ADDED, (), (j,), (), (rewrite.sentences[j].span,), 0.0, origin=group.origin
    )
