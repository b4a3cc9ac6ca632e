"""Split a document into paragraphs and sentences, by code-point offsets.

A fast regex finds candidate sentence ends; a few rules about the word before and the word
after decide (abbreviations, initials, acronyms such as "U.S." or "a.m."). Line breaks end a
sentence unless the line is plainly wrapped prose, because article text pasted or extracted
from the web puts headings, image lines and datelines on lines of their own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import pairwise

from retold.engine.boilerplate import boilerplate_kinds
from retold.engine.model import Sentence, Span
from retold.engine.protected import protected_spans

# Every line separator str.splitlines knows, so a paragraph never hides one.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CLOSERS = "\"'”’»)\\]」』）"
# A run of sentence-final marks and the closing quotes or brackets after it; a straight quote
# standing alone after the marks also closes the sentence (tokenised news text: 'Post. " The').
_END = re.compile(rf"[.!?…。！？]+[{_CLOSERS}]*(?:[ \t]+[\"'](?=\s))?|;(?=\s)")
# A semicolon between two clauses of at least this many words ends a unit: the clauses of
# "A; B" are often rewritten as two sentences, or one of them dropped.
_CLAUSE_WORDS = 3
_CLAUSE_END = re.compile(rf";|[.!?…]+[{_CLOSERS}]*(?=\s+[^\s\w]*[A-Z0-9]|\s*$)")
_CLAUSE_LOOKBACK = 2000  # characters before a semicolon searched for an open bracket or quote
_CJK_END = frozenset("。！？")
_NEVER = 1 << 62  # larger than any offset
# Spans no sentence may end inside (image markdown, links, bare URLs, e-mail addresses) hold
# one of these: plain prose skips the search.
_PROTECTED_HINTS = ("](", "://", "www.", "@")
_LIST_MARKER = re.compile(r"(?:[-*•+–—]\s|\d{1,3}[.)]\s|#|!\[|>)")
_FINAL_MARKS = frozenset(".!?…:;。！？")
_OPENERS = "\"'“‘«([{"
_GLUED_OPENERS = '"“‘«'  # quotes that may open a sentence glued to the one before
# Where segment_document() is, as shares of its time on a long text: the paragraphs found,
# then the sentences split (the rest finds the boilerplate), told every so many paragraphs.
_PARAGRAPHS, _SPLIT = 0.15, 0.7
_REPORT_EVERY = 2048


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Never end a sentence: titles before a name, and Latin abbreviations followed by more text.
_TITLES = _words(
    "mr mrs ms messrs dr prof sen sens rep reps gov gen lt col sgt capt cmdr adm maj rev hon "
    "fr pres supt det insp vs v cf viz approx ca e.g i.e"
)
# Do not end a sentence when a number follows: "No. 5", "Dec. 11", "p. 12", "Fig. 3".
_BEFORE_NUMBER = _words(
    "no nos vol vols fig figs p pp art sec ch ed eq ref op tel pt "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
# Often inside a sentence, sometimes at its end: end only before a reliable sentence opener.
_AMBIGUOUS = (
    _words("inc ltd co corp jr sr bros llc plc etc st ave blvd rd dept univ assn est al mt ft")
    | _BEFORE_NUMBER
)
# Words that begin sentences far more often than they follow "U.S." or an initial.
_OPENER_WORDS = _words(
    "The A An In On At It Its He She They We I You This That These Those There Their His Her "
    "Our My Your But And Or So Yet If When While After Before As Since Although Though However "
    "Meanwhile Also Still Then Now Some Many Most Other Others One Both All Each Such What "
    "Which Who Why How Where Not Nor For With Without From To Under Over During Despite "
    "Because Instead Even Only Last Earlier Later Today Yesterday Tomorrow Here Thus Indeed "
    "Moreover Furthermore Nevertheless Nonetheless Yes No"
)
# Words that go on after "5 p.m.": days, months, time zones.
_AFTER_TIME = _words(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept "
    "Oct Nov Dec Eastern Pacific Central Mountain Atlantic Greenwich"
)
_LIST_NUMBER = re.compile(r"\d{1,3}|[A-Za-z]|[IVXivx]{1,4}")
_ALNUM = re.compile(r"[^\W_]")
_WORD = re.compile(r"[^\W\d_]+")


def segment_document(
    text: str,
    *,
    detect_boilerplate: bool = True,
    progress: Callable[[float], None] | None = None,
) -> tuple[tuple[Sentence, ...], tuple[Span, ...]]:
    """The sentences of ``text`` in order and its paragraph spans; ``progress`` is told the
    share done now and then (a 50 MB text takes several seconds) and may raise to stop.

    Every non-space character lies in exactly one sentence; sentence spans are stripped.
    """
    report = progress or _no_progress
    paragraphs = tuple(_paragraphs(text))
    report(_PARAGRAPHS)
    sentences: list[Sentence] = []
    split_share = (_SPLIT if detect_boilerplate else 1.0) - _PARAGRAPHS
    for number, (start, end) in enumerate(paragraphs):
        for s_start, s_end in _split_paragraph(text, start, end):
            sentences.append(Sentence(len(sentences), s_start, s_end, number))
        if number % _REPORT_EVERY == _REPORT_EVERY - 1:
            report(_PARAGRAPHS + split_share * end / len(text))
    if detect_boilerplate and sentences:
        report(_SPLIT)
        flagged = boilerplate_kinds(
            text, sentences, lambda share: report(_SPLIT + (1.0 - _SPLIT) * share)
        )
        sentences = [
            Sentence(s.index, s.start, s.end, s.paragraph, True, flagged[s.index])
            if s.index in flagged
            else s
            for s in sentences
        ]
    return tuple(sentences), paragraphs


def _no_progress(share: float) -> None:
    """No one to tell."""


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of ``text`` without boilerplate detection (a convenience for callers)."""
    sentences, _ = segment_document(text, detect_boilerplate=False)
    return [s.span for s in sentences]


# --- paragraphs -------------------------------------------------------------------------------


def _lines(text: str) -> list[Span]:
    """Stripped spans of the non-blank lines, with (-1, -1) standing for a blank line."""
    spans: list[Span] = []
    pos = 0
    for match in _LINE_BREAK.finditer(text):
        spans.append(_strip(text, pos, match.start()))
        pos = match.end()
    spans.append(_strip(text, pos, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else (-1, -1)


def _paragraphs(text: str) -> list[Span]:
    """Runs of lines joined because the text is wrapped; blank lines always separate."""
    result: list[Span] = []
    block: list[Span] = []
    for line in [*_lines(text), (-1, -1)]:
        if line[0] >= 0:
            block.append(line)
            continue
        if block:
            result.extend(_block_paragraphs(text, block))
            block = []
    return result


def _block_paragraphs(text: str, block: list[Span]) -> list[Span]:
    hard_wrapped = _is_hard_wrapped(text, block)
    paragraphs: list[Span] = []
    start, end = block[0]
    for previous, line in pairwise(block):
        if _joins(text, start, previous, line, hard_wrapped):
            end = line[1]
        else:
            paragraphs.append((start, end))
            start, end = line
    paragraphs.append((start, end))
    return paragraphs


def _is_hard_wrapped(text: str, block: list[Span]) -> bool:
    """Lines of similar, moderate width, at least one of them plainly wrapped mid-sentence."""
    if len(block) < 2:
        return False
    widths = [end - start for start, end in block[:-1]]
    widest = max(widths)
    if not 40 <= widest <= 120 or min(widths) < 0.5 * widest:
        return False
    return any(
        not _ends_with_final(text, line) and text[following[0]].islower()
        for line, following in pairwise(block)
    )


def _joins(text: str, start: int, previous: Span, line: Span, hard_wrapped: bool) -> bool:
    """Whether ``line`` continues the paragraph from ``start`` whose last line is ``previous``."""
    if _LIST_MARKER.match(text, line[0]) or text.startswith(("#", "!["), start):
        return False
    if hard_wrapped:
        return True
    return text[line[0]].islower() and not _ends_with_final(text, previous)


def _ends_with_final(text: str, line: Span) -> bool:
    """Whether the line ends with sentence-final punctuation, maybe inside quotes or brackets."""
    end = line[1]
    while end > line[0] and text[end - 1] in _CLOSERS:
        end -= 1
    return end > line[0] and text[end - 1] in _FINAL_MARKS


# --- sentences --------------------------------------------------------------------------------


def _split_paragraph(text: str, start: int, end: int) -> list[Span]:
    paragraph = text[start:end]
    protected = (
        protected_spans(text, start, end)
        if any(hint in paragraph for hint in _PROTECTED_HINTS)
        else []
    )
    spans: list[Span] = []
    begin = start
    quotes = _QuoteParity(text)
    for match in _END.finditer(text, start, end):
        cut = match.end()
        if cut >= end or _inside(protected, match.start()):
            continue
        if text[cut - 1] == '"' and not text[cut].isspace() and quotes.even(begin, cut - 1):
            cut -= 1  # 'over."Yes,"': a quote glued to the next word opens the next sentence
        if _ends_sentence(text, match.start(), cut, (begin, end)):
            _append(text, spans, begin, cut)
            begin = cut
            while text[begin].isspace():
                begin += 1
    _append(text, spans, begin, end)
    return spans


def _append(text: str, spans: list[Span], start: int, end: int) -> None:
    """Add a sentence; a piece without a letter or digit (". ", "”") joins the one before."""
    if spans and _ALNUM.search(text, start, end) is None:
        spans[-1] = (spans[-1][0], end)
    else:
        spans.append((start, end))


def _inside(protected: list[Span], position: int) -> bool:
    """Whether ``position`` lies in one of the sorted, disjoint ``protected`` spans."""
    k = bisect_right(protected, (position, _NEVER)) - 1
    return k >= 0 and position < protected[k][1]


def _ends_sentence(text: str, mark: int, cut: int, sentence: Span) -> bool:
    """Decide whether the marks ``text[mark:cut]`` end the sentence begun at ``sentence[0]``."""
    after = text[cut]
    if text[mark] in _CJK_END:
        return True
    if text[mark] == ";":
        return _ends_clause(text, mark, sentence)
    if not after.isspace():
        return _glued(text, mark, cut, sentence[1])
    nxt = cut
    while text[nxt].isspace():  # the paragraph is stripped, so a non-space follows
        nxt += 1
    first = text[nxt]
    if first.islower():
        return False
    marks = text[mark:cut]
    if marks != ".":
        return True  # "?", "!", "…", "...", or a full stop inside closing quotes
    return _period_ends_sentence(text, mark, nxt, sentence)


def _ends_clause(text: str, mark: int, sentence: Span) -> bool:
    """A semicolon outside brackets and quotes, between two clauses of a few words each
    (not a list such as "Paris, France; Rome, Italy")."""
    before = text[max(sentence[0], mark - _CLAUSE_LOOKBACK) : mark]
    if before.count("(") > before.count(")") or before.count('"') % 2:
        return False
    if before.count("“") > before.count("”") or before.count("[") > before.count("]"):
        return False
    following = _CLAUSE_END.search(text, mark + 1, sentence[1])
    after = text[mark + 1 : following.start() if following else sentence[1]]
    clause = before[before.rfind(";") + 1 :]  # since the semicolon before, if any
    return _at_least_words(clause, _CLAUSE_WORDS) and _at_least_words(after, _CLAUSE_WORDS)


def _at_least_words(chunk: str, count: int) -> bool:
    return any(k >= count for k, _ in enumerate(_WORD.finditer(chunk), 1))


class _QuoteParity:
    """Whether the straight double quotes since a sentence began are even (none left open),
    counted incrementally: a paragraph of many glued quotes stays linear."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.begin = self.at = -1
        self.count = 0

    def even(self, begin: int, position: int) -> bool:
        if begin != self.begin or position < self.at:
            self.begin, self.at, self.count = begin, begin, 0
        self.count += self.text.count('"', self.at, position)
        self.at = position
        return self.count % 2 == 0


def _glued(text: str, mark: int, cut: int, end: int) -> bool:
    """ "initiative.Jahanshahi", 'Manchus."Historical': a word, marks, then a capitalised
    word (maybe after an opening quote), no space (text scraped from pages that lost line
    breaks); not "U.S.-China", "3.5", "e.g.The", "St.Louis", "Node.Js"."""
    if text[mark] not in ".?!" or text[mark + 1] in ".?!…":
        return False  # an ellipsis such as "Credit...Jane Roe" joins two parts
    quoted = text[cut] in _GLUED_OPENERS
    cut += quoted
    if cut + 1 >= end or not (text[cut].isupper() and text[cut + 1].islower()):
        return False
    start = mark
    while start > 0 and mark - start <= 40 and text[start - 1].isalpha():
        start -= 1
    word = text[start:mark]
    # A capitalised word before is a name only when a quote opens after it ("Node.Js" is one).
    return len(word) >= 3 and (word.islower() or (quoted and word[1:].islower()))


def _period_ends_sentence(text: str, mark: int, nxt: int, sentence: Span) -> bool:
    """A lone full stop followed by a non-lowercase character: look at the word before."""
    begin = mark
    while begin > sentence[0] and not text[begin - 1].isspace():
        begin -= 1
    token = text[begin:mark].lstrip(_OPENERS)
    # A list number has at most four characters (the length test only skips the regex).
    if len(token) <= 4 and _LIST_NUMBER.fullmatch(token) and _starts_item(text, begin, sentence[0]):
        return False  # "1. Mix the flour", "Steps: 2. Bake"
    lowered = token.lower()
    first = text[nxt]
    if not token or lowered in _TITLES:
        return not token
    if first.isdigit() and (lowered in _BEFORE_NUMBER or _is_initial_or_acronym(token)):
        return False
    timed = lowered in {"a.m", "p.m"}
    if not (timed or lowered in _AMBIGUOUS or _is_initial_or_acronym(token)):
        return True  # an ordinary word: the word after does not matter
    word_match = _WORD.match(text, nxt, sentence[1])
    word = word_match.group() if word_match else ""
    if timed:  # "at 5 p.m. Monday", "5 p.m. ET" go on; "by 11 p.m. Police"
        return word not in _AFTER_TIME and not (word.isupper() and len(word) <= 4)
    return word in _OPENER_WORDS


def _starts_item(text: str, token_start: int, sentence_start: int) -> bool:
    """Whether a list number stands first in its sentence or right after a colon."""
    before = token_start
    while before > sentence_start and text[before - 1].isspace():
        before -= 1
    return before == sentence_start or text[before - 1] == ":"


def _is_initial_or_acronym(token: str) -> bool:
    """ "J" (an initial), "U.S", "a.m", "e.g": letters separated by single full stops."""
    if "." not in token:  # most tokens: one part
        return len(token) == 1 and token.isalpha()
    parts = token.split(".")
    return all(len(part) == 1 and part.isalpha() for part in parts)
