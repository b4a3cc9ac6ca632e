"""Names in facts (``retold.engine.facts``): people, places and organisations, compared so that
"Donald J. Trump" and "Trump", "the U.S." and "the United States", "China" and "Chinese" agree,
while a name replaced ("Lisbon" as "Madrid", "Hans Redeker" as "Carl Redeker") does not."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Container, Iterable, Sequence
from typing import NamedTuple

from retold.engine.model import Fact, Span

# Words, with an apostrophe inside ("don't"), as quotations and names are compared.
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def prefiltered(first: str, body: str, flags: int = 0) -> re.Pattern[str]:
    """``body`` behind a lookahead for what its matches open with: the engine passes over any
    other position at once, where it would try every alternative (the same matches)."""
    return re.compile(f"(?={first})(?:{body})", flags)


def alternatives(words: Iterable[str]) -> str:
    """A pattern for any of ``words``, as the tree of their shared beginnings: the engine
    reads a letter once where it would try every word in turn. The same match as
    ``"|".join(words)`` wherever what follows lets only one of them end there (a word
    boundary, for words of letters)."""
    tails: dict[str, list[str]] = {}
    ends = False
    for word in sorted(set(words)):
        if word:
            tails.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    branches = [re.escape(first) + alternatives(rest) for first, rest in tails.items()]
    tree = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if not branches:
        return ""
    return f"(?:{tree})?" if ends else tree


def _split(words: str) -> list[str]:
    return words.split()


# Names: capitalised words and acronyms; "of" may join them ("Bank of England").
_NAME_WORD = r"(?:[A-Z]\.){2,}|[A-Z][\w’'.]*[\w’']|[A-Z]\.?"
_NAME_BODY = rf"(?<![\w’'])(?:{_NAME_WORD})(?:\s+(?:{_NAME_WORD}))*"
# The same pattern with its first capital read before the look behind (and taken out of the
# first word's alternatives): a pattern that opens with a character class lets the engine
# skip at once to the next capital, where the body would look behind every character.
_NAME = re.compile(
    rf"[A-Z](?<![\w’'][A-Z])(?:\.(?:[A-Z]\.)+|[\w’'.]*[\w’']|\.?)(?:\s+(?:{_NAME_WORD}))*"
)
_NON_SPACE = re.compile(r"\S+")
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
        "february march april june july august september october november december jan feb mar "
        "apr jun jul aug sep sept oct nov dec no nobody "
        "none nothing never yes every another much few several"
    )
) | frozenset(_split("jan feb mar apr jun jul aug sep sept oct nov dec"))


def document_names(text: str | NameTable) -> frozenset[str]:
    """The words of every name in ``text``, canonical: what ``find_facts`` calls known names."""
    table = text if isinstance(text, NameTable) else NameTable(text)
    lower = _lower(table.text)
    # A name's words depend only on its text and whether it opens a sentence: each once.
    return frozenset(w for name in table.distinct for w in name.words_in(lower, None))


def proper_words(text: str | NameTable) -> frozenset[str]:
    """Words written with a capital inside a sentence somewhere in ``text``: names. A word
    capitalised only where it opens a sentence ("Construction began") is taken for one only
    when ``text`` capitalises it elsewhere too."""
    return (text if isinstance(text, NameTable) else NameTable(text)).proper


class _Found(NamedTuple):
    """A name ``_NAME`` finds, with what its words compare as."""

    span: Span  # from its first word that is not a title
    words: frozenset[str]  # canonical, its first word counted
    # Without its first word, when that word opens a sentence and may be a common word
    # capitalised there ("Officials said"); None when the first word always counts.
    without_first: frozenset[str] | None
    first: str  # the first word, lower case: what decides between the two

    def words_in(
        self, lower_words: Container[str], proper: frozenset[str] | None
    ) -> frozenset[str]:
        """Its words, where ``lower_words`` are the words written in lower case around it and
        ``proper`` (when known) the words capitalised inside a sentence anywhere."""
        return _words_in(self, lower_words, proper)


def _words_in(
    name: _Found | _Shape, lower_words: Container[str], proper: frozenset[str] | None
) -> frozenset[str]:
    if name.without_first is None:
        return name.words
    first = name.first
    if (proper is not None and first not in proper) or first in lower_words:
        return name.without_first  # "Construction began": a word that opens a sentence
    return name.words


_TELL_EVERY = 1 << 16  # names found between two reports of progress


class NameTable:
    """The names of one text, found once: ``_NAME`` over the whole text, and a span's names
    taken from them. A span's own scan differs only at its edges, where a name runs in from
    before the span or on past its end (``_NAME`` has no lookahead, so a name ending inside
    the span is what the span's scan finds there); there the span is scanned itself.

    A name's words depend only on its text and on whether it opens a sentence, and a long text
    names the same people again and again: each such pair is worked out once, in ``shapes``
    (which the tables of a pair may share), and a name is kept as the index of its shape."""

    def __init__(
        self,
        text: str,
        shapes: Shapes | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> None:
        self.text = text
        self.shapes = shapes if shapes is not None else Shapes()
        self.starts, self.ends, self.kinds = array("q"), array("q"), array("q")
        index = self.shapes.index
        for n, match in enumerate(_NAME.finditer(text)):
            start, end = match.span()
            if progress is not None and n % _TELL_EVERY == _TELL_EVERY - 1:
                progress(start / len(text))  # a 50 MB text's names take seconds
            self.starts.append(start)
            self.ends.append(end)
            self.kinds.append(index(match.group(), starts_sentence(text, start)))
        mine = [self.shapes.found[k] for k in dict.fromkeys(self.kinds)]
        self.proper = frozenset(w for shape in mine for w in shape.proper)
        # Spans aside, what ``all`` holds without its repeats.
        self.distinct = [shape.at(0, 0) for shape in mine]

    def all(self) -> list[_Found]:
        return self.in_span(0, len(self.text))

    def in_span(self, start: int, end: int) -> list[_Found]:
        """The names ``_NAME.finditer(text, start, end)`` finds, in order."""
        starts, ends, text = self.starts, self.ends, self.text
        k = bisect_left(starts, start)
        if k and ends[k - 1] > start:  # a name runs in from before the span
            return [self._of(m) for m in _NAME.finditer(text, start, end)]
        first = k
        while k < len(starts) and ends[k] <= end:
            k += 1
        shapes = self.shapes.found
        found = [shapes[self.kinds[n]].at(starts[n], ends[n]) for n in range(first, k)]
        if k < len(starts) and starts[k] < end:  # a name runs on past the span's end
            found += [self._of(m) for m in _NAME.finditer(text, starts[k], end)]
        return found

    def shapes_in(self, start: int, end: int) -> list[tuple[Span, _Found | _Shape]]:
        """``in_span``'s names as their spans and shapes (which tell their words), without
        a name made for each."""
        starts, ends, kinds, shapes = self.starts, self.ends, self.kinds, self.shapes.found
        k = bisect_left(starts, start)
        if k and ends[k - 1] > start:  # a name runs in from before the span
            return [(name.span, name) for name in self.in_span(start, end)]
        found: list[tuple[Span, _Found | _Shape]] = []
        while k < len(starts) and ends[k] <= end:
            shape = shapes[kinds[k]]
            found.append(((starts[k] + shape.skip, ends[k]), shape))
            k += 1
        if k < len(starts) and starts[k] < end:  # a name runs on past the span's end
            tail = map(self._of, _NAME.finditer(self.text, starts[k], end))
            found += [(name.span, name) for name in tail]
        return found

    def _of(self, match: re.Match[str]) -> _Found:
        start, end = match.span()
        k = self.shapes.index(match.group(), starts_sentence(self.text, start))
        return self.shapes.found[k].at(start, end)


class Shapes:
    """The shapes of the names of one or more texts, each worked out once, by index."""

    def __init__(self) -> None:
        self.found: list[_Shape] = []
        self.known: dict[tuple[str, bool], int] = {}

    def index(self, name: str, initial: bool) -> int:
        k = self.known.get((name, initial))
        if k is None:
            k = self.known[(name, initial)] = len(self.found)
            self.found.append(_shape(name, initial))
        return k


class _Shape(NamedTuple):
    """What a name's text and opening decide: its words, and its span but for its offset."""

    proper: tuple[str, ...]  # its words capitalised inside a sentence (``proper_words``)
    skip: int  # characters before its first word that is not a title
    words: frozenset[str]
    without_first: frozenset[str] | None
    first: str

    def words_in(
        self, lower_words: Container[str], proper: frozenset[str] | None
    ) -> frozenset[str]:
        """Its names' words (``_Found.words_in``)."""
        return _words_in(self, lower_words, proper)

    def at(self, start: int, end: int) -> _Found:
        """The name found from ``start`` to ``end``."""
        return _Found((start + self.skip, end), self.words, self.without_first, self.first)


def _shape(name: str, initial: bool) -> _Shape:
    split = name.replace("-", " ").split()
    found = _name(split, initial, name)
    proper = tuple(_bare(w) for w in split[initial:])
    return _Shape(proper, found.span[0], found.words, found.without_first, found.first)


def _bare(word: str) -> str:
    return _without_possessive(word.strip(".")).lower().replace(".", "")


def _without_possessive(word: str) -> str:
    """``word`` without a final "'s", "’s", "'" or "’" (as ``re.sub(r"['’]s?$", "", word)``
    on a word without line breaks, at a string method's cost)."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word[:-1] if word.endswith(("'", "’")) else word


def _lower(text: str) -> set[str]:
    """Words that appear in lower case somewhere in ``text``: common words, not names."""
    return {w for w in set(WORD.findall(text)) if w[0].islower()}  # each distinct word once


_LOOK_BACK = 80  # characters looked at before a word: a bounded look keeps long texts linear


def starts_sentence(text: str, position: int) -> bool:
    """Whether the word at ``position`` opens a sentence (only spaces, or an end mark, before)."""
    # Most words follow one space or none: what the rest would say, read at once.
    if position > 1 and text[position - 1] == " " and not text[position - 2].isspace():
        return text[position - 2] in ".!?"
    if position and not text[position - 1].isspace():
        return text[position - 1] in ".!?"
    before = text[max(0, position - _LOOK_BACK) : position].rstrip()
    return not before or before[-1] in ".!?"


def replaced_names(
    original: NameTable,
    o_spans: Sequence[Span],
    rewrite: NameTable,
    r_spans: Sequence[Span],
    known: Words,
    proper: frozenset[str],
    *,
    quick: bool = True,
) -> list[Fact]:
    """A name on one side that shares no word with any name of the other, on both sides; or a
    name whose words are partly replaced ("Hans Redeker" told as "Carl Redeker"), where words
    merely dropped ("Donald J. Trump" as "Trump") or added are no change. ``known`` holds the
    original article's names (``Words(document_names(...))``). Without ``quick``, every pair
    of names is compared even where the words of the rewrite's are all the original's."""
    common = _CommonWords(original.text, o_spans, rewrite.text, r_spans)
    o_names = _name_phrases(original, o_spans, common, proper)
    if not o_names:
        return []  # a replacement pairs a name of each side
    r_names = _name_phrases(rewrite, r_spans, common, proper)
    if not r_names:
        return []
    o_exact = {w for _span, words in o_names for w in words}
    if quick and all(words <= o_exact for _span, words in r_names):
        # Each rewrite name shares its words with the original's: none is left over to pair
        # with an original name, and none has a word the original never names.
        return []
    o_words = Words(o_exact)
    r_words = Words(w for _span, words in r_names for w in words)
    known_words = known
    left_o = [(span, words) for span, words in o_names if not r_words.shares(words)]
    left_r = [
        (span, words)
        for span, words in r_names
        if not o_words.shares(words) and not known_words.shares(words)
    ]
    pairs = list(zip(left_o, left_r, strict=False))
    pairs += _partly_replaced(o_names, r_names, o_words, known_words)
    facts = []
    for (o_span, _o), (r_span, _r) in pairs:
        before = " ".join(original.text[o_span[0] : o_span[1]].split())
        after = " ".join(rewrite.text[r_span[0] : r_span[1]].split())
        facts.append(Fact("name", o_span, r_span, f"{before} became {after}"))
    return facts


_Name = tuple[Span, frozenset[str]]


# Pairs of distinct names compared for a partial replacement, at most (a sentence has a few).
_MAX_PAIRS = 10_000


def _partly_replaced(
    o_names: list[_Name], r_names: list[_Name], o_words: Words, known: Words
) -> list[tuple[_Name, _Name]]:
    """Rewrite names that share a word with an original name but put a word the original
    never names where that name has one the rewrite lacks."""
    o_unique = list({words: (span, words) for span, words in reversed(o_names)}.values())[::-1]
    r_unique = list({words: (span, words) for span, words in reversed(r_names)}.values())[::-1]
    if len(o_unique) * len(r_unique) > _MAX_PAIRS:
        return []
    found = []
    for r_name in r_unique:
        mine = Words(r_name[1])
        shared = [o for o in o_unique if mine.shares(o[1])]
        if not shared:
            continue
        o_name = max(shared, key=lambda o: sum(mine.has(w) for w in o[1]))
        theirs = Words(o_name[1])
        new = [w for w in r_name[1] if not theirs.has(w)]
        lost = [w for w in o_name[1] if not mine.has(w)]
        if lost and new and not any(o_words.has(w) or known.has(w) for w in new):
            found.append((o_name, r_name))
    return found


class Words:
    """Words to look a word up in, by ``_same_word``: at once, or among those of its first
    four letters (the least two forms of one word share)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.exact = set(words)
        self.by_start: dict[str, list[str]] = {}
        for word in self.exact:
            if len(word) >= 4:
                self.by_start.setdefault(word[:4], []).append(word)

    def has(self, word: str) -> bool:
        if word in self.exact:
            return True
        return len(word) >= 4 and any(_same_word(word, o) for o in self.by_start.get(word[:4], ()))

    def shares(self, words: Iterable[str]) -> bool:
        return any(self.has(w) for w in words)


class _CommonWords(Container[str]):
    """The words in lower case in a link's text (``_lower``), found the first time a name
    opening a sentence asks (most links have none)."""

    def __init__(
        self, original: str, o_spans: Sequence[Span], rewrite: str, r_spans: Sequence[Span]
    ) -> None:
        self.parts = ((original, o_spans), (rewrite, r_spans))
        self.found: set[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self.found is None:
            # A word the text does not hold, even inside another, is none of its words (the
            # join adds only spaces): most words asked about, found without splitting it.
            if isinstance(word, str) and all(
                t.find(word, s, e) < 0 for t, spans in self.parts for s, e in spans
            ):
                return False
            self.found = _lower(" ".join(t[s:e] for t, spans in self.parts for s, e in spans))
        return word in self.found


def _name_phrases(
    table: NameTable,
    spans: Sequence[Span],
    lower_words: Container[str],
    proper: frozenset[str] | None,
) -> list[tuple[Span, frozenset[str]]]:
    """Each name as its span and its words, canonical ("U.S." and "United States" are "US")."""
    phrases = []
    for start, end in spans:
        for span, name in table.shapes_in(start, end):
            words = name.words_in(lower_words, proper)
            if words:
                phrases.append((span, words))
    return phrases


def _without_titles(name: str) -> int:
    """Where a name starts from its first word that is not a title ("Mayor Ana Ruiz")."""
    for word in _NON_SPACE.finditer(name):
        if word.group().strip(".").lower() not in _NOT_NAMES:
            return word.start()
    return 0


def _name(split: list[str], initial: bool, name: str) -> _Found:
    """A name's words, canonical, with and without a first word that opens a sentence; its
    span as found at offset 0."""
    raw = [_without_possessive(w.strip(".")) for w in split]
    span = (_without_titles(name), len(name))
    phrase = " ".join(raw).lower().replace(".", "")
    if phrase in _ALIASES:
        return _Found(span, frozenset({_ALIASES[phrase]}), None, "")
    rest: set[str] = set()  # every canonical word but the first, and two-word aliases
    first = ""
    for k, word in enumerate(raw):
        if k + 1 < len(raw):
            pair = f"{word} {raw[k + 1]}".lower()
            if pair in _ALIASES:
                rest.add(_ALIASES[pair])
        lowered = word.lower().replace(".", "")
        if len(lowered) < 2 or lowered in _NOT_NAMES:
            continue  # initials, titles and sentence openers
        if k == 0:
            first = lowered
        else:
            rest.add(_ALIASES.get(lowered, lowered))
    if not first:
        return _Found(span, frozenset(rest), None, "")
    words = frozenset(rest | {_ALIASES.get(first, first)})
    return _Found(span, words, frozenset(rest) if initial else None, first)


def _same_word(a: str, b: str) -> bool:
    """Equal, or one a form of the other ("China", "Chinese"; "Russia", "Russian")."""
    if a == b:
        return True
    shortest = min(len(a), len(b))
    prefix = 0
    while prefix < shortest and a[prefix] == b[prefix]:
        prefix += 1
    return shortest >= 4 and prefix >= max(4, shortest - 3)
