"""Recognise page furniture: text a web page wraps around an article that is not its prose.

Sentences are flagged, never removed, so offsets stay valid and the user can still see them.
Most rules look at a whole line (furniture sits on lines of its own; the segmenter gives each
such line a paragraph of its own) and are anchored at both ends, so article prose that merely
mentions "subscribe" or a date is left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence

from retold.engine.model import Sentence
from retold.engine.protected import without_links

_MAX_LINE = 200  # furniture lines are short; a long line is prose whatever it starts with

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_TIME = r"\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?|[AP]M)(?:\s+[A-Z]{2,4})?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d\d-\d\d)"
_DATELINE = re.compile(
    rf"(?:(?:Updated|Published|Posted|Last updated|Modified)(?:\s+on)?:?\s*)?"
    rf"(?:{_DATE}(?:(?:,|\s+at|\s*[|·•-])?\s*{_TIME})?|{_TIME}(?:,?\s*{_DATE})?"
    rf"|\d+\s+(?:minutes?|hours?|days?)\s+ago)\.?",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"(?:By|Written by|Words by|Reporting by)\s+"
    r"(?!(?:The|A|An|Then|Now|This|That|These|Its|Their|His|Her|Our|Way|Far|All|Any|No)\b)"
    r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}){0,3}"
    r"(?:\s*(?:,|\||-|–)\s*[\w .,'’&-]{0,40})?"
)
# "Published Wed 11 Dec 2024 05.03 EST": a keyword, then only numbers and calendar words.
_DATE_KEYWORD = re.compile(r"(?:last )?(?:updated|published|posted|modified)(?: on)?:?\s", re.I)
_CALENDAR = (
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
    "august september october november december mon tue wed thu fri sat sun monday tuesday "
    "wednesday thursday friday saturday sunday on at am pm a m p st nd rd th"
)
_DATE_WORDS = frozenset(_CALENDAR.split())
# "Jane Doe is a reporter covering ...": an author note, recognised only at either end.
_AUTHOR_NOTE = re.compile(
    r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s+(?:is|was|has been|writes|covers|reports)\b"
    r"[^.]{0,100}\b(?:reporter|correspondent|writer|editor|columnist|contributor|journalist"
    r"|bureau chief|covers|covering|reports on|writes about)\b[^\n]{0,120}"
)
_EDGE_LINES = 4  # how many lines at the top or the bottom may hold an author note
# Whole lines that are navigation, sharing, paywall or advertising prompts.
_FURNITURE_LINE = re.compile(
    r"(?:advertisements?|sponsored(?: content)?|supported by|skip to (?:main )?content"
    r"|(?:previous|next|prev)(?: (?:post|article|story|page))?(?:\s*[|/·]?\s*"
    r"(?:previous|next)(?: (?:post|article|story|page))?)?"
    r"|share(?: this| full)?(?: article| story| post| page)?(?: on \w+)?"
    r"|(?:read|see|show) (?:more|less|all)(?:\b.{0,60})?|continue reading(?:\b.{0,60})?"
    r"|related(?: articles| stories| posts| content| coverage)?:?|related:.{0,160}"
    r"|(?:more|most) (?:from|in|on|popular|read|viewed|shared|commented)\b.{0,40}"
    r"|explore more\b.{0,60}|reuse this content|(?:view|open) (?:image )?in (?:gallery|app)"
    r"|follow (?:us|me)(?: on\b.{0,60})?|subscribe(?: now| today| here)?|sign (?:in|up)"
    r"|(?:subscribe|sign (?:in|up)|log ?in|register)(?: now| today| here)?"
    r" to (?:keep|continue|start) reading\b.{0,60}"
    r"|(?:click to )?(?:share|post|tweet|send)(?: this)?(?: (?:article|story|post|page))?"
    r" (?:on|to|via|by) (?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|telegram"
    r"|bluesky|threads|mastodon|e-?mail)\b(?:\s*\([^()]{0,40}\))?"
    r"|click to (?:print|e-?mail)\b(?:\s*\([^()]{0,40}\))?"
    r"|log ?in|log ?out|register|create (?:a )?(?:free )?account.{0,60}"
    r"|(?:subscribe|sign up)\b.{0,80}\b(?:newsletter|subscription|access|free)\b.{0,60}"
    r"|listen to this (?:article|story)\b.{0,40}|print(?: this)?(?: article)?|email"
    r"|comments?(?:\s*\(\d+\))?|leave a (?:comment|reply)|tags?:.{0,120}|filed under:?.{0,120}"
    r"|(?:photo|photograph|picture|image|video|illustration)(?: credit)?:.{0,160}"
    r"|credits?(?::|\.{2,}|…).{0,160}"
    r"|click here\b.{0,80}|\(?reporting by [^)]{0,160}\)?"
    r"|(?:accept|reject|manage)(?: all)? cookies.{0,60}|cookie (?:policy|settings|preferences)"
    r"|back to top|table of contents|home|menu|search|close)[\s.!:|>›»]*",
    re.IGNORECASE,
)
# Phrases specific enough to flag a sentence wherever it stands.
_FURNITURE_PHRASE = re.compile(
    r"preview view of this article|checking your access|(?:have|has) confirmed (?:your )?access"
    r"|full article content will load"
    r"|to continue reading,? (?:please )?(?:subscribe|sign in|log in)"
    r"|already a subscriber\?|this (?:article|content) is (?:only )?(?:available )?"
    r"(?:for|to) (?:paid )?subscribers"
    r"|\b(?:we|this (?:web)?site) uses? cookies\b.{0,200}\b(?:accept|consent|privacy|experience)"
    r"|^(?:©|\(c\)\s*\d{4}|copyright\b\s*(?:©\s*)?\d{4})|all rights reserved\.?$"
    r"|\bcontributed reporting(?: from [^.]{0,80})?\.$"
    r"|^this (?:article|story|post|piece) (?:was |is )?(?:originally|first) (?:published|appeared)",
    re.IGNORECASE,
)
# Every alternative of _FURNITURE_PHRASE contains one of these (in lower case).
_PHRASE_HINTS = (
    "access",
    "article",
    "subscri",
    "cookie",
    "©",
    "(c)",
    "copyright",
    "reserved",
    "contributed",
    "originally",
    "first published",
    "first appeared",
)
_NAV_WORDS = 6  # a navigation link or topic tag is at most this many words
_CLOSING = "\"'”’»)]"
_FINAL = frozenset(".!?…")
_HEADER_GAP = 3  # lines between the image or byline and the dateline that may be notes
_HEADER_LINE_WORDS = 40  # a caption or author note between an image and a dateline is short


def flag_boilerplate(text: str, sentences: Sequence[Sentence]) -> frozenset[int]:
    """Indices of the sentences that are page furniture rather than article prose."""
    return frozenset(boilerplate_kinds(text, sentences))


def boilerplate_kinds(
    text: str,
    sentences: Sequence[Sentence],
    progress: Callable[[float], None] | None = None,
) -> dict[int, str]:
    """The page furniture's sentences and, for each, what it is (one of ``KINDS``);
    ``progress`` hears the share done now and then (and may raise to stop)."""
    tell = progress or _quiet
    # The segmenter makes every line its own paragraph unless the line is wrapped prose.
    lines: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        lines.setdefault(sentence.paragraph, []).append(sentence)
    ordered = [lines[key] for key in sorted(lines)]
    kinds = [_line_kind(text[line[0].start : line[-1].end]) for line in ordered]
    tell(0.25)  # shares of the time on a long text
    phrases = _phrase_sentences(text, sentences)
    tell(0.7)
    for position, line in enumerate(ordered):
        if kinds[position] is None and all(s.index in phrases for s in line):
            kinds[position] = "phrase"
    _mark_tail_navigation(kinds, ordered, text)
    flagged = {i: _phrase_kind(text[sentences[i].start : sentences[i].end]) for i in phrases}
    for position, line in enumerate(ordered):
        if position % _TELL_EVERY == _TELL_EVERY - 1:
            tell(0.7 + 0.3 * position / len(ordered))
        if kinds[position] is None and (
            _is_header_note(kinds, position, ordered, text)
            or _is_author_note(ordered, position, text)
        ):
            kinds[position] = "note"
        kind = kinds[position]
        if kind is not None:
            chunk = text[line[0].start : line[-1].end]
            for s in line:
                flagged[s.index] = _reader_kind(kind, chunk, text[s.start : s.end])
    return flagged


def _quiet(share: float) -> None:
    """No one to tell."""


_TELL_EVERY = 8192  # lines looked at between two reports of progress

# What a reader is told each piece of furniture is.
KINDS = (
    "byline",
    "author note",
    "dateline",
    "paywall notice",
    "image",
    "caption",
    "navigation",
    "sharing",
    "advertising",
    "cookie notice",
    "copyright",
    "credit",
    "page furniture",
)
# Words that name a furniture line's kind, tried in order (the line is already known to be one).
_KIND_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (
            "paywall notice",
            r"preview view|access|subscri|sign (?:in|up)|log ?in|register"
            r"|keep reading|continue reading|create (?:a )?(?:free )?account|already a",
        ),
        ("cookie notice", r"cookie"),
        ("copyright", r"©|\(c\)|copyright|all rights reserved"),
        (
            "credit",
            r"contributed reporting|reporting by|originally|first (?:published|appeared)"
            r"|^credits?\b|photograph:|(?:photo|image|video|illustration)(?: credit)?:",
        ),
        ("advertising", r"advertis|sponsored|supported by"),
        (
            "sharing",
            r"share|tweet|facebook|twitter|whatsapp|linkedin|e-?mail|print|follow"
            r"|comment|leave a",
        ),
    )
)


def _phrase_kind(sentence: str) -> str:
    return _named_kind(sentence) or "page furniture"


def _named_kind(chunk: str) -> str | None:
    return next((kind for kind, words in _KIND_WORDS if words.search(chunk)), None)


def _reader_kind(kind: str, line: str, sentence: str) -> str:
    """The detector's kind of a line in a reader's words."""
    if kind in ("image", "dateline", "byline", "navigation"):
        return kind
    if kind == "note":
        # "Jane Doe traveled to ...": a note that starts with a name is about the author.
        return "author note" if _NAME_FIRST.match(line) else "caption"
    if kind == "phrase":
        return _phrase_kind(sentence)
    return _named_kind(line) or "navigation"


_NAME_FIRST = re.compile(r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]*){1,3}\s+[a-z]")


def _mark_tail_navigation(kinds: list[str | None], lines: list[list[Sentence]], text: str) -> None:
    """Below the last prose line, short unpunctuated lines next to furniture are links too
    (topic tags such as "Wildlife" under "Explore more on these topics")."""
    last_prose = next(  # looked for from the end: the last one is all that matters
        (p for p in reversed(range(len(kinds))) if kinds[p] is None and _is_prose(lines[p], text)),
        -1,
    )
    tail = range(last_prose + 1, len(kinds))
    if not any(kinds[p] is not None for p in tail):
        return
    for p in tail:
        line = text[lines[p][0].start : lines[p][-1].end]
        if kinds[p] is None and not line.startswith("#"):
            kinds[p] = "navigation"


def _is_prose(line: list[Sentence], text: str) -> bool:
    chunk = text[line[0].start : line[-1].end]
    return not _at_most_words(chunk, _NAV_WORDS) or chunk.rstrip(_CLOSING)[-1:] in _FINAL


def _phrase_sentences(text: str, sentences: Sequence[Sentence]) -> set[int]:
    """Sentences holding a furniture phrase; the regex only runs where a hint word occurs."""
    lowered = text.lower()
    if len(lowered) != len(text):  # rare letters that change length when lowered
        candidates: Iterable[Sentence] = sentences
    else:
        starts = [s.start for s in sentences]
        found: dict[int, Sentence] = {}
        for hint in _PHRASE_HINTS:
            position = lowered.find(hint)
            while position >= 0:
                k = bisect_right(starts, position) - 1
                if k >= 0 and position < sentences[k].end:
                    found[k] = sentences[k]
                position = lowered.find(hint, position + 1)
        candidates = found.values()
    return {
        s.index for s in candidates if _FURNITURE_PHRASE.search(text[s.start : s.end]) is not None
    }


def _line_kind(line: str) -> str | None:
    """What kind of furniture a whole line is, or None for prose."""
    has_link = "](" in line or "http" in line or "www." in line
    rest = without_links(line) if has_link else line
    if not rest.strip(" .,;:|-–—•·"):
        return "image"
    if len(line) > _MAX_LINE:
        return None
    if _DATELINE.fullmatch(line) or _is_loose_dateline(line):
        return "dateline"
    if _BYLINE.fullmatch(line):
        return "byline"
    if _FURNITURE_LINE.fullmatch(line):
        return "furniture"
    return None


def _is_loose_dateline(line: str) -> bool:
    keyword = _DATE_KEYWORD.match(line)
    if keyword is None or len(line) > 80:
        return False
    rest = line[keyword.end() :]
    words = re.findall(r"[^\W\d_]+", rest)
    return any(c.isdigit() for c in rest) and all(
        w.lower() in _DATE_WORDS or (w.isupper() and len(w) <= 4) for w in words
    )


def _is_author_note(lines: list[list[Sentence]], position: int, text: str) -> bool:
    """An author's one-line note as the first or last line of an article-length page."""
    if len(lines) < 2 * _EDGE_LINES or len(lines[position]) != 1:
        return False
    if _EDGE_LINES <= position < len(lines) - _EDGE_LINES:
        return False
    sentence = lines[position][0]
    return _AUTHOR_NOTE.fullmatch(text, sentence.start, sentence.end) is not None


def _is_header_note(
    kinds: list[str | None], position: int, lines: list[list[Sentence]], text: str
) -> bool:
    """A short line in the page header, below an image or byline and above a dateline or byline.

    Captions, photo credits and author notes sit there, possibly several in a row.
    """
    if not _is_short(lines[position], text):
        return False
    up = range(position - 1, max(position - _HEADER_GAP, 0) - 1, -1)
    down = range(position + 1, min(position + _HEADER_GAP + 1, len(kinds)))
    return _reaches(kinds, lines, text, up, {"image", "byline"}) and _reaches(
        kinds, lines, text, down, {"dateline", "byline"}
    )


def _reaches(
    kinds: list[str | None],
    lines: list[list[Sentence]],
    text: str,
    positions: range,
    targets: set[str],
) -> bool:
    """Whether a line of a target kind comes first, past only short lines."""
    for p in positions:
        if kinds[p] in targets:
            return True
        if not _is_short(lines[p], text):
            return False
    return False


def _is_short(line: list[Sentence], text: str) -> bool:
    return _at_most_words(text[line[0].start : line[-1].end], _HEADER_LINE_WORDS)


def _at_most_words(chunk: str, limit: int) -> bool:
    return len(chunk.split(maxsplit=limit)) <= limit
