"""Facts a rewrite changed inside a link: numbers, dates, names, negations and quotations.

A fact is flagged only when it was replaced, never when a detail was merely dropped or added
(rewrites drop details all the time; a report that cries wolf is not read). Equivalent wordings
compare equal: "10 percent" and "10%", "five" and "5", "Dec. 11" and "December 11",
"Donald J. Trump" and "Trump", "the U.S." and "the United States". A negation is flagged when
the two sides' counts of negating words differ in parity ("no sign that they stopped" and "they
went on" agree). A quotation is flagged when the rewrite turns it into reported speech or
changes words inside the quotation marks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from retold.engine.fact_names import (
    NameTable,
    Shapes,
    Words,
    alternatives,
    document_names,
    prefiltered,
    proper_words,
    replaced_names,
    starts_sentence,
)
from retold.engine.fact_speech import REPORTED, changed_negations, changed_quotes
from retold.engine.model import Document, Fact, Link, LinkKind, Span

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (  # a dot only after an abbreviation: in "on 1 March." it ends the sentence
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DATE_BODY = (
    rf"(?P<md>\b(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b)"
    rf"|(?P<dm>\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})(?!\w))"
    rf"|(?P<month>\b(?P<m3>{_MONTH})(?!\w))"
    rf"|(?P<year>(?<![\w.,$€£-])(?:1[6-9]\d\d|20\d\d)(?![\w,]|\.\d))"
    rf"|(?P<weekday>\b{_WEEKDAY}\b)"
    r"|(?P<time>\b\d{1,2}(?::\d\d)?\s*(?:[ap]\.m\.|[ap]m\b)|\b\d{1,2}:\d\d\b)"
)
# Every date opens with a digit or the capital of a month or a weekday.
_DATE = prefiltered(r"[JFMASONDTW\d]", _DATE_BODY)
# Where there is no digit, only a month or a weekday can be found: these two alone.
_DATE_WORDS = prefiltered(
    r"[JFMASONDTW]", rf"(?P<month>\b(?P<m3>{_MONTH})(?!\w))|(?P<weekday>\b{_WEEKDAY}\b)"
)
_DIGIT = re.compile(r"\d")


def _split(words: str) -> list[str]:
    return words.split()


_SMALL = _split(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = _split("twenty thirty forty fifty sixty seventy eighty ninety")
_WORD_VALUES = {w: float(k) for k, w in enumerate(_SMALL)} | {
    w: float(20 + 10 * k) for k, w in enumerate(_TENS)
}
_WORD_VALUES |= {"dozen": 12.0, "hundred": 100.0, "thousand": 1e3}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER_WORD = alternatives(_WORD_VALUES)
_DIGITS_BODY = (
    r"(?<![\w.,/-])[$€£]?\s?(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w-]|[.,]\d)"
)
_WORD_BODY = rf"\b(?P<word>{alternatives(_TENS)}-{alternatives(_SMALL[1:10])}|{_NUMBER_WORD})\b"
# A number opens with a currency sign, a digit (maybe after one space) or a number word.
_NUMBER_START = "".join(sorted({w[0] for w in _WORD_VALUES}))
_NUMBER = prefiltered(
    rf"[$€£\d]|\s\d|\b[{_NUMBER_START}]", f"{_DIGITS_BODY}|{_WORD_BODY}", re.IGNORECASE
)
# Where there is no digit, only a number word can be found: the second half alone.
_NUMBER_WORDS = prefiltered(rf"\b[{_NUMBER_START}]", _WORD_BODY, re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_SCALE_AFTER = re.compile(r"\s+(hundred|thousand|million|billion|trillion)\b", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"\s?%|\s+per\s?cent\b|\s+percent\b", re.IGNORECASE)
_NOT_A_COUNT = re.compile(r"\b(?:no|any|every|some|the|this|that|each|which)\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Item:
    """One fact found on one side: its kind, what it compares as, and where it is."""

    kind: str
    key: str
    span: Span


def with_facts(
    original: Document,
    rewrite: Document,
    links: Sequence[Link],
    progress: Callable[[float], None] | None = None,
) -> tuple[Link, ...]:
    """``links``, each match link with the facts the rewrite changed in it; ``progress`` is
    told the share of links done every so often."""
    finder = FactFinder(original.text, rewrite.text)
    found = []
    for k, link in enumerate(links):
        if progress is not None and k % 256 == 0:
            progress(k / len(links))
        found.append(finder.with_facts(link))
    return tuple(found)


def _quiet(share: float) -> None:
    """No one to tell."""


class FactFinder:
    """The facts of the links of one pair of texts, each text's names found once for all."""

    def __init__(
        self, original: str, rewrite: str, progress: Callable[[float], None] | None = None
    ) -> None:
        """``progress`` hears the share of the texts' names found (and may raise to stop)."""
        # The two texts mostly name the same people: each name is worked out once for both.
        shapes = Shapes()
        tell = progress or _quiet
        split = len(original) / max(1, len(original) + len(rewrite))
        self.names = (
            NameTable(original, shapes, lambda share: tell(split * share)),
            NameTable(rewrite, shapes, lambda share: tell(split + (1.0 - split) * share)),
        )
        self.known = Words(document_names(self.names[0]))
        self.proper = proper_words(self.names[0]) | proper_words(self.names[1])

    def with_facts(self, link: Link) -> Link:
        """``link`` with the facts the rewrite changed in it (a match link that is not
        identical; any other is returned as it is)."""
        if not link.is_match or link.kind is LinkKind.IDENTICAL:
            return link
        facts = _find_facts(self.names, link.original, link.rewrite, self.known, self.proper)
        return replace(link, facts=facts) if facts != link.facts else link


def find_facts(
    original: str,
    original_spans: Sequence[Span],
    rewrite: str,
    rewrite_spans: Sequence[Span],
    known_names: frozenset[str] = frozenset(),
    proper: frozenset[str] | None = None,
) -> tuple[Fact, ...]:
    """Facts changed between ``original_spans`` of ``original`` and ``rewrite_spans``.

    A rewrite's name among ``known_names`` (the original article's, from ``document_names``)
    is not taken for a replacement: the rewrite names someone the article names elsewhere
    ("the Biden administration's warnings" told as "U.S. warnings").
    """
    shapes = Shapes()
    names = NameTable(original, shapes), NameTable(rewrite, shapes)
    if proper is None:
        proper = proper_words(names[0]) | proper_words(names[1])
    return _find_facts(names, original_spans, rewrite_spans, Words(known_names), proper)


def _find_facts(
    names: tuple[NameTable, NameTable],
    original_spans: Sequence[Span],
    rewrite_spans: Sequence[Span],
    known: Words,
    proper: frozenset[str],
) -> tuple[Fact, ...]:
    original, rewrite = names[0].text, names[1].text
    o_items = _items(original, original_spans)
    # A replacement pairs an item of each side: without one in the original, none.
    r_items = _items(rewrite, rewrite_spans) if o_items else []
    facts: list[Fact] = []
    for kind in ("number", "date"):
        facts += _replaced(kind, o_items, r_items, original, rewrite)
    facts += replaced_names(names[0], original_spans, names[1], rewrite_spans, known, proper)
    quotes = changed_quotes(original, original_spans, rewrite, rewrite_spans)
    # A negation inside a quotation retold as reported speech is told by that flag (its
    # words were bound to change: "areas where we don't agree" as "disagreements").
    retold = [f for f in quotes if f.note == REPORTED]
    quoted = [f.original for f in retold if f.original] + [f.rewrite for f in retold if f.rewrite]
    facts += [
        fact
        for fact in changed_negations(original, original_spans, rewrite, rewrite_spans)
        if not any(_inside(span, quoted) for span in (fact.original, fact.rewrite) if span)
    ]
    return tuple(facts + quotes)


def _inside(span: Span, spans: list[Span]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


# --- numbers and dates -------------------------------------------------------------------


def _items(text: str, spans: Sequence[Span]) -> list[_Item]:
    items: list[_Item] = []
    for start, end in spans:
        digits = _DIGIT.search(text, start, end) is not None  # most sentences have none
        dates = list(_dates(text, start, end, digits))  # in order, none overlapping
        items += dates
        ends = [item.span[1] for item in dates]
        for number in _numbers(text, start, end, digits):
            k = bisect_right(ends, number.span[0])  # the first date ending after it starts
            if k == len(dates) or dates[k].span[0] >= number.span[1]:
                items.append(number)  # a number inside a date is the date's
    return items


def _dates(text: str, start: int, end: int, digits: bool = True) -> Iterator[_Item]:
    """The dates of ``text[start:end]``, which holds no digit unless ``digits``."""
    for match in (_DATE if digits else _DATE_WORDS).finditer(text, start, end):
        group = match.lastgroup
        if group in ("md", "dm"):
            month = match.group("m1") or match.group("m2")
            day = int(match.group("d1") or match.group("d2"))
            yield _Item("date", f"day {_month(month)}-{day}", match.span())
        elif group == "month":
            if match.group() == "May" and starts_sentence(text, match.start()):
                continue  # "May I ...": a verb
            yield _Item("date", f"month {_month(match.group())}", match.span())
        elif group == "year":
            yield _Item("date", f"year {match.group()}", match.span())
        elif group == "weekday":
            yield _Item("date", f"weekday {match.group().lower()}", match.span())
        elif group == "time":
            yield _Item("date", f"time {_time(match.group())}", match.span())


def _month(name: str) -> int:
    return _MONTHS[name.lower()[:3]]


def _time(clock: str) -> str:
    digits = _DIGITS.findall(clock)
    hour, minute = int(digits[0]), int(digits[1]) if len(digits) > 1 else 0
    if "p" in clock.lower() and hour < 12:
        hour += 12
    return f"{hour:02d}:{minute:02d}"


def _numbers(text: str, start: int, end: int, digits: bool = True) -> Iterator[_Item]:
    """The numbers of ``text[start:end]``, which holds no digit unless ``digits``."""
    for match in (_NUMBER if digits else _NUMBER_WORDS).finditer(text, start, end):
        if match.lastgroup == "digits":
            value = float(match.group("digits").replace(",", ""))
        else:
            lowered = match.group("word").lower()
            if lowered == "one" and (
                _NOT_A_COUNT.search(text, max(start, match.start() - 12), match.start())
                or text.startswith(" of", match.end())
            ):
                continue  # "no one", "one of them": not a count
            if "-" in lowered:
                tens, unit = lowered.split("-")
                value = _WORD_VALUES[tens] + _WORD_VALUES[unit]
            else:
                value = _WORD_VALUES[lowered]
        span_end = match.end()
        scale = _SCALE_AFTER.match(text, span_end, end)
        if scale is not None:
            value *= _SCALES[scale.group(1).lower()]
            span_end = scale.end()
        per = _PERCENT_AFTER.match(text, span_end, end)
        if per is not None:
            span_end = per.end()  # "10 percent" and "10%" compare as 10, and show whole
        yield _Item("number", f"value {value:g}", (match.start(), span_end))


def _replaced(
    kind: str, o_items: list[_Item], r_items: list[_Item], original: str, rewrite: str
) -> list[Fact]:
    """Items of ``kind`` on one side without an equal on the other, paired in order: a
    replacement. A date is only paired with a date of its own sort (a year with a year)."""
    mine = [i for i in o_items if i.kind == kind]
    theirs = [i for i in r_items if i.kind == kind]
    if not mine or not theirs:
        return []  # nothing to pair
    left_o = _unmatched(mine, theirs)
    left_r: dict[str, deque[_Item]] = {}
    for item in _unmatched(theirs, mine):
        left_r.setdefault(_sort(item), deque()).append(item)
    facts = []
    for o_item in left_o:
        waiting = left_r.get(_sort(o_item))
        if not waiting:
            continue
        partner = waiting.popleft()
        before = " ".join(original[o_item.span[0] : o_item.span[1]].split())
        after = " ".join(rewrite[partner.span[0] : partner.span[1]].split())
        facts.append(Fact(kind, o_item.span, partner.span, f"{before} became {after}"))
    return facts


def _sort(item: _Item) -> str:
    return item.key.split(" ")[0]  # "year", "day", "value"...


def _unmatched(items: list[_Item], others: list[_Item]) -> list[_Item]:
    """``items`` without an equal among ``others`` (each other item matches once)."""
    pool = Counter(other.key for other in others)
    left = []
    for item in items:
        if pool[item.key]:
            pool[item.key] -= 1
        else:
            left.append(item)
    return left
