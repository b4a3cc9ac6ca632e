"""The shortcuts of the name facts (``retold.engine.fact_names``) give what the full search
gives, on random sentences built of names, titles and common words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from retold.engine.fact_names import (
    NameTable,
    Shapes,
    Words,
    proper_words,
    replaced_names,
    starts_sentence,
)

# Names, titles, openers, common words and marks, a sentence of them drawn at random.
_NAMES = ("Hans Redeker", "Carl", "Ana Ruiz", "Mayor", "President", "Donald J. Trump", "U.S.")
_PLACES = ("United States", "America", "China", "Chinese", "Russia", "Russian", "Lisbon")
_OTHERS = ("Madrid", "Bank of England", "Officials", "officials", "said", "the", "The")
_MARKS = ("Construction", "construction", "began in a", "’s", "O’Neil", "Lee’s", "X.", ".", ",")
_PIECES = (*_NAMES, *_PLACES, *_OTHERS, *_MARKS, "-", "and")
_SENTENCES = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14).map(" ".join)


def _text(sentences: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Sentences joined into one text, and each sentence's span."""
    text, spans = "", []
    for sentence in sentences:
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence + " "
    return text, spans


@settings(max_examples=300, deadline=None)
@given(st.lists(_SENTENCES, min_size=1, max_size=3), st.lists(_SENTENCES, min_size=1, max_size=3))
def test_the_quick_name_search_finds_what_the_full_one_finds(
    originals: list[str], rewrites: list[str]
) -> None:
    original, o_spans = _text(originals)
    rewrite, r_spans = _text(rewrites)
    shapes = Shapes()
    tables = NameTable(original, shapes), NameTable(rewrite, shapes)
    proper = proper_words(tables[0]) | proper_words(tables[1])
    known = Words(["trump", "lisbon"])
    for o, r in ((o_spans, r_spans), (o_spans[:1], r_spans[-1:])):
        quick = replaced_names(tables[0], o, tables[1], r, known, proper)
        full = replaced_names(tables[0], o, tables[1], r, known, proper, quick=False)
        assert quick == full


@settings(max_examples=300, deadline=None)
@given(st.lists(_SENTENCES, min_size=1, max_size=4), st.integers(0, 40), st.integers(0, 40))
def test_a_spans_shapes_are_its_names(sentences: list[str], cut: int, length: int) -> None:
    """Also where a span cuts a name: then the span is scanned itself."""
    text, _spans = _text(sentences)
    table = NameTable(text)
    start = min(cut, len(text))
    end = min(len(text), start + length)
    names = table.in_span(start, end)
    shapes = table.shapes_in(start, end)
    assert [span for span, _shape in shapes] == [name.span for name in names]
    for proper in (None, table.proper):
        assert [s.words_in({"officials"}, proper) for _span, s in shapes] == [
            n.words_in({"officials"}, proper) for n in names
        ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .!?\n\t", max_size=100), st.integers(0, 100))
def test_a_word_opens_a_sentence_after_an_end_mark_or_nothing(text: str, at: int) -> None:
    position = min(at, len(text))
    before = text[max(0, position - 80) : position].rstrip()
    assert starts_sentence(text, position) == (not before or before[-1] in ".!?")
