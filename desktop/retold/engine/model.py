"""Plain, frozen data that the engine produces and every consumer reads.

Every span is a half-open pair of code-point offsets ``(start, end)`` into the decoded text of
one side (``Document.text``), so the window, the reports and a scorer all point at the same
characters.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

Span = tuple[int, int]


class Side(StrEnum):
    """One of the two documents of a comparison."""

    ORIGINAL = "original"
    REWRITE = "rewrite"

    @property
    def other(self) -> Side:
        return Side.REWRITE if self is Side.ORIGINAL else Side.ORIGINAL


class LinkKind(StrEnum):
    """How a group of rewrite sentences relates to a group of original sentences."""

    IDENTICAL = "identical"  # same after normalising whitespace and quote marks
    EDITED = "edited"  # a few words changed
    REWORDED = "reworded"  # same content, mostly new wording
    ADDED = "added"  # rewrite only
    REMOVED = "removed"  # original only


class Origin(StrEnum):
    """Who decided a link: the aligner, or a person correcting it (``engine/corrections.py``)."""

    ENGINE = "engine"
    MANUAL = "manual"  # set by hand


class ChangeKind(StrEnum):
    """A word-level change inside a link."""

    INSERT = "insert"  # words only in the rewrite
    DELETE = "delete"  # words only in the original
    REPLACE = "replace"  # original words replaced by rewrite words


@dataclass(frozen=True, slots=True)
class Change:
    """One word-level change; ``original`` is None for an insert, ``rewrite`` for a delete."""

    kind: ChangeKind
    original: Span | None
    rewrite: Span | None


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact the rewrite changed inside a link (``retold.engine.facts``): a number, a date, a
    name, a negation or a quotation; a span is None where that side has nothing to point at."""

    kind: str  # "number", "date", "name", "negation", "quote"
    original: Span | None
    rewrite: Span | None
    note: str  # in words, e.g. "2010 became 2017"


# Words kept as they were inside a link: a run of the original and the equal run of the rewrite.
KeptRun = tuple[Span, Span]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of one document, by offsets into ``Document.text``."""

    index: int
    start: int
    end: int
    paragraph: int
    boilerplate: bool = False
    furniture: str = ""  # what kind of page furniture a boilerplate sentence is ("byline")

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass(frozen=True, slots=True)
class Document:
    """One side of a comparison: its decoded text and its structure."""

    name: str
    text: str
    sentences: tuple[Sentence, ...]
    paragraphs: tuple[Span, ...]
    sha256: str | None = None  # of the file's bytes, when the text came from a file

    @property
    def boilerplate(self) -> tuple[Span, ...]:
        return tuple(s.span for s in self.sentences if s.boilerplate)

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.text[sentence.start : sentence.end]


@dataclass(frozen=True, slots=True)
class Link:
    """A group of rewrite sentences and the group of original sentences it retells.

    ``added`` links have no original sentences, ``removed`` links no rewrite sentences.
    Sentence indices are in document order; spans are the sentences' spans, merged where
    sentences are adjacent.
    """

    kind: LinkKind
    original_sentences: tuple[int, ...]
    rewrite_sentences: tuple[int, ...]
    original: tuple[Span, ...]
    rewrite: tuple[Span, ...]
    similarity: float
    moved: bool = False
    changes: tuple[Change, ...] = ()
    kept: tuple[KeptRun, ...] = ()  # runs of words kept as they were, in order
    origin: Origin = Origin.ENGINE
    facts: tuple[Fact, ...] = ()  # facts the rewrite changed, for match links
    # Linked mainly by a sentence model: the words alone score it below the link threshold.
    found_by_model: bool = False

    @property
    def is_match(self) -> bool:
        """True for links that join both sides (identical, edited, reworded)."""
        return bool(self.original_sentences) and bool(self.rewrite_sentences)


@dataclass(frozen=True, slots=True)
class Stats:
    """Summary figures, computed on prose only (boilerplate left out)."""

    original_chars: int  # non-space prose characters of the original
    rewrite_chars: int
    reused_share: float  # share of the original's prose that is linked (any match kind)
    identical_share: float  # share of the original's prose per kind
    edited_share: float
    reworded_share: float
    removed_share: float
    new_share: float  # share of the rewrite's prose that is added
    moved: int  # number of moved links
    merged: int  # links joining several original sentences into fewer rewrite sentences
    split: int  # links splitting original sentences into more rewrite sentences
    links: int  # number of match links
    manual: int = 0  # links set by hand (of any kind: an unlinked sentence is one too)
    # Words of the original's prose the rewrite keeps in runs of at least
    # ``verbatim_min_words`` identical words (``retold.engine.verbatim``); 0 in older reports.
    verbatim_share: float = 0.0
    longest_verbatim_words: int = 0
    verbatim_min_words: int = 0
    retold_share: float = 0.0  # of the original's prose words: linked, but not kept word for word


@dataclass(frozen=True, slots=True)
class ComparisonWarning:
    """Something about the comparison itself that changes how its figures read
    (``retold.engine.warnings``), e.g. an original that is only a preview."""

    kind: str  # "original_truncated", "rewrite_truncated", "little_in_common", ...
    message: str  # one or two plain sentences
    figures: tuple[tuple[str, int | float | str], ...] = ()  # what the message says, as data


class OptionValues(Mapping[str, object]):
    """The options a comparison was made with, by name: read-only, as the result it explains."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, object] | None = None) -> None:
        self._values = dict(values or {})

    def __getitem__(self, key: str) -> object:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"OptionValues({self._values!r})"


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of comparing an original with its rewrite (its JSON report is
    ``retold.engine.serialize.comparison_to_dict``)."""

    original: Document
    rewrite: Document
    links: tuple[Link, ...]
    stats: Stats
    options: Mapping[str, object] = field(default_factory=OptionValues)
    warnings: tuple[ComparisonWarning, ...] = ()
    longest_verbatim: KeptRun | None = None  # the longest run kept word for word, if any
