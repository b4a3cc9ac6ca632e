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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from retold.engine.model import Document, Fact, Link, LinkKind, Span

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DATE = re.compile(
    rf"(?P<md>\b(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b)"
    rf"|(?P<dm>\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})(?!\w))"
    rf"|(?P<month>\b(?P<m3>{_MONTH})(?!\w))"
    rf"|(?P<year>(?<![\w.,$€£-])(?:1[6-9]\d\d|20\d\d)(?![\w,]|\.\d))"
    rf"|(?P<weekday>\b{_WEEKDAY}\b)"
    r"|(?P<time>\b\d{1,2}(?::\d\d)?\s*(?:[ap]\.m\.|[ap]m\b)|\b\d{1,2}:\d\d\b)"
)


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
_NUMBER_WORD = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?<![\w.,/-])[$€£]?\s?(?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w-]|[.,]\d)"
    rf"|\b(?P<word>(?:{'|'.join(_TENS)})-(?:{'|'.join(_SMALL[1:10])})|{_NUMBER_WORD})\b",
    re.IGNORECASE,
)
_SCALE_AFTER = re.compile(r"\s+(hundred|thousand|million|billion|trillion)\b", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"\s?%|\s+per\s?cent\b|\s+percent\b", re.IGNORECASE)
_NOT_A_COUNT = re.compile(r"\b(?:no|any|every|some|the|this|that|each|which)\s+$", re.IGNORECASE)

# Names: capitalised words and acronyms; "of" may join them ("Bank of England").
_NAME_WORD = r"(?:[A-Z]\.){2,}|[A-Z][\w’'.]*[\w’']|[A-Z]\.?"
_NAME = re.compile(rf"(?<![\w’'])(?:{_NAME_WORD})(?:\s+(?:{_NAME_WORD}))*")
_ALIASES = {
    "united states": "US", "us": "US", "america": "US", "american": "US", "americans": "US",
    "usa": "US", "united kingdom": "UK", "uk": "UK", "britain": "UK", "great britain": "UK",
    "british": "UK", "united nations": "UN", "un": "UN", "european union": "EU", "eu": "EU",
}  # fmt: skip
# Capitalised at the start of a sentence or as titles, not names by themselves.
_NOT_NAMES = frozenset(
    _split(
        "the a an in on at it its he she they we i you this that these those there their his "
        "her our my your but and or so yet if when while after before as since although though "
        "however meanwhile also still then now some many most other others one both all each "
        "such what which who why how where not nor for with without from to under over during "
        "despite because instead even only last earlier later today here thus indeed moreover "
        "furthermore nevertheless nonetheless additionally addition according recently mr mrs "
        "ms dr prof president secretary senator sen rep gov minister chancellor judge general "
        "officials official chief director chairman chairwoman mayor king queen prince "
        "princess pope monday tuesday wednesday thursday friday saturday sunday january "
        "february march april june july august september october november december no nobody "
        "none nothing never yes every another much few several"
    )
) | frozenset(_MONTHS)
_NEGATIONS = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|nowhere|neither|nor|without|unless|cannot|unable"
    r"|(?:stop|cease|fail|refuse|decline|den(?:y|ie))(?:s|d|ed|ped)?|lack(?:s|ed)?)\b|n[’']t\b",
    re.IGNORECASE,
)
# Quotations: curly double quotes, straight double quotes, or curly single quotes at word edges.
_QUOTE = re.compile(r"“([^“”]+)”|\"([^\"]+)\"|(?<![\w’])‘([^‘’]+?)’(?!\w)")
_QUOTE_MIN_WORDS = 3
REPORTED = "a quotation retold as reported speech"
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@dataclass(frozen=True, slots=True)
class _Item:
    """One fact found on one side: its kind, what it compares as, and where it is."""

    kind: str
    key: str
    span: Span


def with_facts(original: Document, rewrite: Document, links: Sequence[Link]) -> tuple[Link, ...]:
    """``links``, each match link with the facts the rewrite changed in it."""
    known = document_names(original.text)
    proper = proper_words(original.text) | proper_words(rewrite.text)
    return tuple(
        replace(link, facts=find_facts(original.text, link.original, rewrite.text, link.rewrite,
                                       known, proper))
        if link.is_match and link.kind is not LinkKind.IDENTICAL
        else link
        for link in links
    )  # fmt: skip


def document_names(text: str) -> frozenset[str]:
    """The words of every name in ``text``, canonical: what ``find_facts`` calls known names."""
    phrases = _name_phrases(text, [(0, len(text))], _lower(text), None)
    return frozenset(w for _span, words in phrases for w in words)


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
    o_items = _items(original, original_spans)
    r_items = _items(rewrite, rewrite_spans)
    facts: list[Fact] = []
    for kind in ("number", "date"):
        facts += _replaced(kind, o_items, r_items, original, rewrite)
    if proper is None:
        proper = proper_words(original) | proper_words(rewrite)
    facts += _names(original, original_spans, rewrite, rewrite_spans, known_names, proper)
    quotes = _quotes(original, original_spans, rewrite, rewrite_spans)
    # A negation inside a quotation retold as reported speech is told by that flag (its
    # words were bound to change: "areas where we don't agree" as "disagreements").
    retold = [f for f in quotes if f.note == REPORTED]
    quoted = [f.original for f in retold if f.original] + [f.rewrite for f in retold if f.rewrite]
    facts += [
        fact
        for fact in _negation(original, original_spans, rewrite, rewrite_spans)
        if not any(_inside(span, quoted) for span in (fact.original, fact.rewrite) if span)
    ]
    return tuple(facts + quotes)


def _inside(span: Span, spans: list[Span]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def proper_words(text: str) -> frozenset[str]:
    """Words written with a capital inside a sentence somewhere in ``text``: names. A word
    capitalised only where it opens a sentence ("Construction began") is taken for one only
    when ``text`` capitalises it elsewhere too."""
    found: set[str] = set()
    for match in _NAME.finditer(text):
        words = match.group().replace("-", " ").split()
        skip = 1 if _starts_sentence(text, match.start()) else 0
        found.update(_bare(w) for w in words[skip:])
    return frozenset(found)


def _bare(word: str) -> str:
    return re.sub(r"['’]s?$", "", word.strip(".")).lower().replace(".", "")


def _lower(text: str) -> set[str]:
    """Words that appear in lower case somewhere in ``text``: common words, not names."""
    return {w for w in _WORD.findall(text) if w[0].islower()}


# --- numbers and dates -------------------------------------------------------------------


def _items(text: str, spans: Sequence[Span]) -> list[_Item]:
    items: list[_Item] = []
    for start, end in spans:
        dates = list(_dates(text, start, end))
        items += dates
        taken = [item.span for item in dates]
        for number in _numbers(text, start, end):
            if not any(s < number.span[1] and number.span[0] < e for s, e in taken):
                items.append(number)
    return items


def _dates(text: str, start: int, end: int) -> Iterator[_Item]:
    for match in _DATE.finditer(text, start, end):
        group = match.lastgroup
        if group in ("md", "dm"):
            month = match.group("m1") or match.group("m2")
            day = int(match.group("d1") or match.group("d2"))
            yield _Item("date", f"day {_month(month)}-{day}", match.span())
        elif group == "month":
            if match.group() == "May" and _starts_sentence(text, match.start()):
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
    digits = re.findall(r"\d+", clock)
    hour, minute = int(digits[0]), int(digits[1]) if len(digits) > 1 else 0
    if "p" in clock.lower() and hour < 12:
        hour += 12
    return f"{hour:02d}:{minute:02d}"


def _starts_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before[-1] in ".!?\n"


def _numbers(text: str, start: int, end: int) -> Iterator[_Item]:
    for match in _NUMBER.finditer(text, start, end):
        digits, word = match.group("digits"), match.group("word")
        if digits is not None:
            value = float(digits.replace(",", ""))
        else:
            lowered = word.lower()
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
    left_o = _unmatched(mine, theirs)
    left_r = _unmatched(theirs, mine)
    facts = []
    for o_item in left_o:
        sort = o_item.key.split(" ")[0]
        partner = next((r for r in left_r if r.key.split(" ")[0] == sort), None)
        if partner is None:
            continue
        left_r.remove(partner)
        before = " ".join(original[o_item.span[0] : o_item.span[1]].split())
        after = " ".join(rewrite[partner.span[0] : partner.span[1]].split())
        facts.append(Fact(kind, o_item.span, partner.span, f"{before} became {after}"))
    return facts


def _unmatched(items: list[_Item], others: list[_Item]) -> list[_Item]:
    pool = [other.key for other in others]
    left = []
    for item in items:
        if item.key in pool:
            pool.remove(item.key)
        else:
            left.append(item)
    return left


# --- names --------------------------------------------------------------------------------


def _names(
    original: str,
    o_spans: Sequence[Span],
    rewrite: str,
    r_spans: Sequence[Span],
    known: frozenset[str],
    proper: frozenset[str],
) -> list[Fact]:
    """A name on one side that shares no word with any name of the other, on both sides; or a
    name whose words are partly replaced ("Hans Redeker" told as "Carl Redeker"), where words
    merely dropped ("Donald J. Trump" as "Trump") or added are no change."""
    common = _lower(" ".join(t[s:e] for t, spans in ((original, o_spans), (rewrite, r_spans))
                             for s, e in spans))  # fmt: skip
    o_names = _name_phrases(original, o_spans, common, proper)
    r_names = _name_phrases(rewrite, r_spans, common, proper)
    o_words = {w for _span, words in o_names for w in words}
    r_words = {w for _span, words in r_names for w in words}
    left_o = [(span, words) for span, words in o_names if not _shares(words, r_words)]
    left_r = [
        (span, words)
        for span, words in r_names
        if not _shares(words, o_words) and not _shares(words, set(known))
    ]
    pairs = list(zip(left_o, left_r, strict=False))
    pairs += _partly_replaced(o_names, r_names, known | o_words)
    facts = []
    for (o_span, _o), (r_span, _r) in pairs:
        before = " ".join(original[o_span[0] : o_span[1]].split())
        after = " ".join(rewrite[r_span[0] : r_span[1]].split())
        facts.append(Fact("name", o_span, r_span, f"{before} became {after}"))
    return facts


_Name = tuple[Span, frozenset[str]]


def _partly_replaced(
    o_names: list[_Name], r_names: list[_Name], original_words: frozenset[str]
) -> list[tuple[_Name, _Name]]:
    """Rewrite names that share a word with an original name but put a word the original
    never names where that name has one the rewrite lacks."""
    found = []
    for r_name in r_names:
        shared = [o for o in o_names if _shares(o[1], set(r_name[1]))]
        if not shared:
            continue
        o_name = max(
            shared, key=lambda o: sum(_shares(frozenset({w}), set(r_name[1])) for w in o[1])
        )
        new = [w for w in r_name[1] if not _shares(frozenset({w}), set(o_name[1]))]
        lost = [w for w in o_name[1] if not _shares(frozenset({w}), set(r_name[1]))]
        if lost and new and not any(_shares(frozenset({w}), set(original_words)) for w in new):
            found.append((o_name, r_name))
    return found


def _name_phrases(
    text: str, spans: Sequence[Span], lower_words: set[str], proper: frozenset[str] | None
) -> list[tuple[Span, frozenset[str]]]:
    """Each name as its span and its words, canonical ("U.S." and "United States" are "US")."""
    phrases = []
    for start, end in spans:
        for match in _NAME.finditer(text, start, end):
            words = _name_words(text, match, lower_words, proper)
            if words:
                phrases.append((_without_titles(text, match), words))
    return phrases


def _without_titles(text: str, match: re.Match[str]) -> Span:
    """The span of a name from its first word that is not a title ("Mayor Ana Ruiz")."""
    start = match.start()
    for word in re.finditer(r"\S+", match.group()):
        if word.group().strip(".").lower() not in _NOT_NAMES:
            return (start + word.start(), match.end())
    return match.span()


def _name_words(
    text: str, match: re.Match[str], lower_words: set[str], proper: frozenset[str] | None
) -> frozenset[str]:
    raw = [w.strip(".") for w in match.group().replace("-", " ").split()]
    raw = [re.sub(r"['’]s?$", "", w) for w in raw]
    phrase = " ".join(raw).lower().replace(".", "")
    if phrase in _ALIASES:
        return frozenset({_ALIASES[phrase]})
    words = set()
    initial = _starts_sentence(text, match.start())
    for k, word in enumerate(raw):
        lowered = word.lower().replace(".", "")
        if len(lowered) < 2 or lowered in _NOT_NAMES:
            continue  # initials, titles and sentence openers
        if (
            k == 0
            and initial
            and (lowered in lower_words or (proper is not None and lowered not in proper))
        ):
            continue  # "Officials said", "Construction began": a word that opens a sentence
        words.add(_ALIASES.get(lowered, lowered))
    two = [" ".join(raw[k : k + 2]).lower() for k in range(len(raw) - 1)]
    words.update(_ALIASES[p] for p in two if p in _ALIASES)
    return frozenset(words)


def _shares(words: frozenset[str], others: set[str]) -> bool:
    return any(_same_word(w, o) for w in words for o in others)


def _same_word(a: str, b: str) -> bool:
    """Equal, or one a form of the other ("China", "Chinese"; "Russia", "Russian")."""
    if a == b:
        return True
    shortest = min(len(a), len(b))
    prefix = 0
    while prefix < shortest and a[prefix] == b[prefix]:
        prefix += 1
    return shortest >= 4 and prefix >= max(4, shortest - 3)


# --- negation -----------------------------------------------------------------------------


def _negation(
    original: str, o_spans: Sequence[Span], rewrite: str, r_spans: Sequence[Span]
) -> list[Fact]:
    o_cues = _cues(original, o_spans)
    r_cues = _cues(rewrite, r_spans)
    if len(o_cues) % 2 == len(r_cues) % 2:
        return []
    o_left = _unmatched_cues(o_cues, r_cues, original, rewrite)
    r_left = _unmatched_cues(r_cues, o_cues, rewrite, original)
    if len(r_cues) > len(o_cues):
        span = r_left[0] if r_left else r_cues[-1]
        word = rewrite[span[0] : span[1]]
        return [Fact("negation", o_left[0] if o_left else None, span, f"negation added: {word}")]
    span = o_left[0] if o_left else o_cues[-1]
    word = original[span[0] : span[1]]
    return [Fact("negation", span, r_left[0] if r_left else None, f"negation dropped: {word}")]


def _cues(text: str, spans: Sequence[Span]) -> list[Span]:
    return [m.span() for start, end in spans for m in _NEGATIONS.finditer(text, start, end)]


def _unmatched_cues(mine: list[Span], theirs: list[Span], text: str, other: str) -> list[Span]:
    """Cues of ``mine`` left over once each is paired with one of ``theirs``: first by the cue
    and the word after it ("not limit" with "not limit"), then by the cue alone."""
    pool = [(_cue_word(other, span), _next_word(other, span)) for span in theirs]
    cues = [(span, _cue_word(text, span), _next_word(text, span)) for span in mine]
    unpaired = []
    for span, word, after in cues:
        if (word, after) in pool:
            pool.remove((word, after))
        else:
            unpaired.append((span, word))
    words = [word for word, _after in pool]
    left = []
    for span, word in unpaired:
        if word in words:
            words.remove(word)
        else:
            left.append(span)
    return left


def _next_word(text: str, span: Span) -> str:
    match = _WORD.search(text, span[1], span[1] + 40)
    return match.group().lower() if match else ""


def _cue_word(text: str, span: Span) -> str:
    word = text[span[0] : span[1]].lower().replace("’", "'")
    return "not" if word in ("n't", "cannot") else word


# --- quotations ---------------------------------------------------------------------------


def _quotations(text: str, spans: Sequence[Span]) -> list[tuple[Span, tuple[str, ...]]]:
    found = []
    for start, end in spans:
        for match in _QUOTE.finditer(text, start, end):
            words = tuple(w.lower().replace("’", "'") for w in _WORD.findall(match.group()))
            if len(words) >= _QUOTE_MIN_WORDS:
                found.append((match.span(), words))
    return found


def _quotes(
    original: str, o_spans: Sequence[Span], rewrite: str, r_spans: Sequence[Span]
) -> list[Fact]:
    o_quotes = _quotations(original, o_spans)
    r_quotes = _quotations(rewrite, r_spans)
    facts = []
    used: set[int] = set()
    for o_span, o_words in o_quotes:
        best = max(
            range(len(r_quotes)),
            key=lambda k: _overlap(o_words, r_quotes[k][1]),
            default=None,
        )
        if best is None or _overlap(o_words, r_quotes[best][1]) < 0.5:
            telling = r_spans[0] if r_spans else None
            facts.append(Fact("quote", o_span, telling, REPORTED))
            continue
        used.add(best)
        if r_quotes[best][1] != o_words:
            note = "words changed inside the quotation marks"
            facts.append(Fact("quote", o_span, r_quotes[best][0], note))
    for k, (r_span, r_words) in enumerate(r_quotes):
        if k not in used and not any(_overlap(r_words, w) >= 0.5 for _s, w in o_quotes):
            telling = o_spans[0] if o_spans else None
            note = "words put in quotation marks that the original does not quote"
            facts.append(Fact("quote", telling, r_span, note))
    return facts


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Share of ``a``'s words found in ``b``."""
    if not a:
        return 0.0
    pool = set(b)
    return sum(1 for w in a if w in pool) / len(a)
