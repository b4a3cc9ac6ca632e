"""Negations and quotations in facts (``retold.engine.facts``): a claim turned into its
opposite, and a quotation retold as reported speech or with its words changed."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from retold.engine.fact_names import WORD, prefiltered
from retold.engine.model import Fact, Span

_NEGATIONS_BODY = (
    r"\b(?:not|no|never|none|nobody|nothing|nowhere|neither|nor|without|unless"
    r"|cannot|unable"
    r"|(?:stop|cease|fail|refuse|decline|den(?:y|ie))(?:s|d|ed|ped)?|lack(?:s|ed)?)\b|n[’']t\b"
)
# Every cue opens with one of these letters.
_NEGATIONS = prefiltered("[ncwusfrdl]", _NEGATIONS_BODY, re.IGNORECASE)
# Quotations: curly double quotes, straight double quotes, or curly single quotes at word edges.
# At most this long, so that many quote marks left open cost linear time, not quadratic.
_QUOTE = re.compile(r"“([^“”]{1,1000})”|\"([^\"]{1,1000})\"|(?<![\w’])‘([^‘’]{1,1000}?)’(?!\w)")
_QUOTE_MARK = re.compile('[“"‘]')  # what a quotation opens with
_QUOTE_MIN_WORDS = 3
REPORTED = "a quotation retold as reported speech"
_MAX_QUOTES = 100  # per side of a link, each compared with each: a sentence has a few


def changed_negations(
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
    pool = Counter((_cue_word(other, span), _next_word(other, span)) for span in theirs)
    cues = [(span, _cue_word(text, span), _next_word(text, span)) for span in mine]
    unpaired = []
    for span, word, after in cues:
        if pool[(word, after)]:
            pool[(word, after)] -= 1
        else:
            unpaired.append((span, word))
    words = Counter[str]()
    for (word, _after), count in pool.items():
        words[word] += count
    left = []
    for span, word in unpaired:
        if words[word]:
            words[word] -= 1
        else:
            left.append(span)
    return left


def _next_word(text: str, span: Span) -> str:
    match = WORD.search(text, span[1], span[1] + 40)
    return match.group().lower() if match else ""


def _cue_word(text: str, span: Span) -> str:
    word = text[span[0] : span[1]].lower().replace("’", "'")
    return "not" if word in ("n't", "cannot") else word


# --- quotations ---------------------------------------------------------------------------


def _quotations(text: str, spans: Sequence[Span]) -> list[tuple[Span, tuple[str, ...]]]:
    found = []
    for start, end in spans:
        if _QUOTE_MARK.search(text, start, end) is None:
            continue  # what most sentences have: no quotation can open in them
        for match in _QUOTE.finditer(text, start, end):
            words = tuple(w.lower().replace("’", "'") for w in WORD.findall(match.group()))
            if len(words) >= _QUOTE_MIN_WORDS:
                found.append((match.span(), words))
    return found[:_MAX_QUOTES]


def changed_quotes(
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
