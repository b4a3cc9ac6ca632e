"""The lexical features of every sentence of a pair of documents, as flat integer arrays.

Stems, character 3-grams, numbers, names and quotations are interned once per pair to integer
ids. Each side keeps, sentence after sentence, its stems with their occurrences and its other
features ("sets": grams and anchors, one id space with a range per kind), with CSR offsets.
Nothing is held per sentence as a Python object: a 5 MB side is a few arrays.

Word weights are IDF x occurrences in fixed point (integers in units of ``2**-scale``), so that
every sum of weights is exact: it does not depend on the order of its terms, hence neither on
the hash seed nor on whether it was summed by numpy or by Python. The rounding to the unit is
below 1e-12 of a weight.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain, count
from typing import Any

import numpy as np
from numpy.typing import NDArray

from retold.engine.normalize import (
    STOPWORDS,
    normalize_quotes,
    plain_words,
    stem,
    stem_all,
    words,
)

# Kinds of set features, in the order of their id ranges.
GRAM, NUMBER, NAME, QUOTE = range(4)
KINDS = 4

NUMBER_PATTERN = re.compile(r"\d+(?:[.,]\d+)*")
# A capitalised word not preceded by a word character or an apostrophe (the capital first:
# the regex engine then skips ahead to the next capital).
CAPITALISED_PATTERN = re.compile(r"[A-Z](?<![\w'][A-Z])[\w'-]*")
QUOTED_PATTERN = re.compile(r'"([^"]{6,}?)"')
_BEFORE_NAME = " \"'("  # what may stand between a sentence start and its first word
_AFTER_STOP = re.compile(r"[.:!?][ \"'(]*(?=[A-Z])")
_DEDUPE_CELLS = 1 << 21  # cells of the table that finds each sentence's distinct grams
_MAX_SCALE = 40  # fixed-point bits of a weight, fewer when the documents are huge
_BLOCK = 8192  # sentences whose texts and words are read at a time
_ROWS = 1 << 18  # sentences, or rows of features, of the arrays made at a time
# Where build() is, as shares of its time on 50 MB a side: the words and anchors read, then
# the stems counted (the rest is each side's arrays).
_READ, _STEMMED = 0.75, 0.85
_Ints = NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class SideFeatures:
    """One side's sentences: ``stem_ids[stem_offsets[s]:stem_offsets[s + 1]]`` are sentence
    s's stems (``stem_counts`` their occurrences), likewise its set features."""

    stem_ids: NDArray[np.int32]
    stem_counts: NDArray[np.int32]
    stem_offsets: _Ints
    set_ids: NDArray[np.int32]
    set_offsets: _Ints
    mass: _Ints  # each sentence's word weight, sum of IDF x occurrences (fixed point)
    sizes: NDArray[np.int32]  # (sentences, KINDS): set features of each kind

    def __len__(self) -> int:
        return len(self.mass)


@dataclass(frozen=True, slots=True)
class PairFeatures:
    """Both sides, with what their ids mean."""

    original: SideFeatures
    rewrite: SideFeatures
    idf: _Ints  # per stem id: its weight of one occurrence (fixed point)
    df: NDArray[np.int32]  # per stem id: sentences of either side holding it
    stop: NDArray[np.bool_]  # per stem id: a function word
    kind_starts: _Ints  # set ids of kind k are kind_starts[k] <= id < kind_starts[k + 1]


def build(
    original: Sequence[str],
    rewrite: Sequence[str],
    language: str,
    stop_weight: float,
    progress: Callable[[float], None] | None = None,
) -> PairFeatures:
    """Features of both sides, ids shared between them; ``progress`` is told the share done
    (and may raise to stop)."""
    report = progress or _no_progress
    total = len(original) + len(rewrite)
    # Ids in order of first appearance, a new word getting the next number (all in C).
    vocab: defaultdict[str, int] = defaultdict(count().__next__)
    anchor_vocab: list[defaultdict[str, int]] = [
        defaultdict(count().__next__) for _ in range(KINDS - 1)
    ]
    # Each side's words and anchors, a block of sentences at a time, so that only a block's
    # texts and words stand as Python objects: the rest are ids in arrays.
    word_ids, anchors = [], []
    read = 0
    for side in (original, rewrite):
        id_blocks, len_blocks = [], []
        found: list[tuple[list[_Ints], list[_Ints]]] = [([], []) for _ in range(KINDS - 1)]
        for s0 in range(0, len(side), _BLOCK):
            plains = [normalize_quotes(t) for t in side[s0 : s0 + _BLOCK]]
            block_ids, block_lens = _token_ids([plain_words(p) for p in plains], vocab)
            id_blocks.append(block_ids)
            len_blocks.append(block_lens)
            for kind, (owner, values) in enumerate(_anchors(plains, language)):
                found[kind][0].append(owner + s0)
                found[kind][1].append(_ids_of(values, anchor_vocab[kind]))
            read += len(plains)
            report(_READ * read / max(1, total))
        word_ids.append((_joined(id_blocks), _joined(len_blocks)))
        anchors.append([(_joined(owners), _joined(values)) for owners, values in found])
    word_list = list(vocab)
    del vocab
    stems: dict[str, int] = {}
    word_stem = np.fromiter(
        (stems.setdefault(s, len(stems)) for s in stem_all(word_list, language)),
        dtype=np.int64,
        count=len(word_list),
    )
    content = np.fromiter((w not in STOPWORDS for w in word_list), dtype=np.bool_)
    gram_codes, gram_offsets = _word_grams(word_list, content)
    del word_list
    gram_vocab, gram_of_code = _unique_inverse(gram_codes)
    del gram_codes
    sizes = [len(gram_vocab), *map(len, anchor_vocab)]
    del anchor_vocab
    kind_starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)

    stem_rows = [_sentence_stems(ids, lens, word_stem) for ids, lens in word_ids]
    df = np.zeros(len(stems), dtype=np.int32)
    for _, stem_ids, _ in stem_rows:
        df += np.bincount(stem_ids, minlength=len(stems)).astype(np.int32)
    stop = np.fromiter((s in STOPWORDS for s in stems), dtype=np.bool_, count=len(stems))
    tokens_total = sum(len(ids) for ids, _ in word_ids)
    idf = _fixed_idf(df, stop, total, stop_weight, tokens_total)
    report(_STEMMED)
    sides = []
    while word_ids:  # each side's words let go once its arrays are made
        (ids, lens), stem_row, side_anchors = word_ids.pop(0), stem_rows.pop(0), anchors.pop(0)
        owners, set_ids = [], []
        owner, gram = _sentence_grams(ids, lens, gram_offsets, gram_of_code)
        owners.append(owner)
        set_ids.append(gram)
        for kind, (owner, local) in enumerate(side_anchors):
            ids_k = local + int(kind_starts[kind + 1])
            width = int(kind_starts[-1])
            keys: _Ints = unique(owner * width + ids_k)  # each anchor once per sentence
            owners.append(keys // width)
            set_ids.append(keys % width)
        sides.append(_side(len(lens), stem_row, idf, owners, set_ids))
        report(_STEMMED + (1.0 - _STEMMED) * len(sides) / 2)
    return PairFeatures(sides[0], sides[1], idf, df, stop, kind_starts)


def _no_progress(share: float) -> None:
    """No one to tell."""


def _joined(parts: list[_Ints]) -> _Ints:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def _ids_of(values: list[str], vocab: defaultdict[str, int]) -> _Ints:
    """Each value's id, a new value getting the next number."""
    return np.fromiter(map(vocab.__getitem__, values), np.int64, len(values))


def _token_ids(sentences: list[list[str]], vocab: defaultdict[str, int]) -> tuple[_Ints, _Ints]:
    lens = np.fromiter(map(len, sentences), dtype=np.int64, count=len(sentences))
    flat = chain.from_iterable(sentences)
    ids = np.fromiter(map(vocab.__getitem__, flat), dtype=np.int64, count=int(lens.sum()))
    return ids, lens


def _sentence_stems(
    ids: _Ints, lens: _Ints, word_stem: _Ints
) -> tuple[_Ints, NDArray[np.int32], NDArray[np.int32]]:
    """Offsets per sentence of its distinct stems, with each stem's id and occurrences, by
    sentence and stem id, a block of sentences at a time (their keys sorted block by block
    are sorted: a key's sentence comes first)."""
    width = max(1, len(word_stem))
    token_starts = _offsets(lens)
    rows, stems, counts = [], [], []
    for s0 in range(0, len(lens), _ROWS):
        s1 = min(len(lens), s0 + _ROWS)
        sentence = np.repeat(np.arange(s0, s1, dtype=np.int64), lens[s0:s1])
        words = ids[token_starts[s0] : token_starts[s1]]
        keys, found = _unique_counts(sentence * width + word_stem[words])
        rows.append(np.bincount(keys // width - s0, minlength=s1 - s0))
        stems.append((keys % width).astype(np.int32))
        counts.append(found.astype(np.int32))
    empty = np.zeros(0, dtype=np.int32)
    return (
        _offsets(_joined(rows)),
        np.concatenate(stems) if stems else empty,
        np.concatenate(counts) if counts else empty,
    )


def _offsets(lengths: NDArray[Any]) -> _Ints:
    """CSR offsets of rows of these lengths."""
    return np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)


def _word_grams(word_list: list[str], content: NDArray[np.bool_]) -> tuple[_Ints, _Ints]:
    """Codes of the 3-grams of each content word padded with '#' (three code points in one
    integer), with offsets per word (a function word has none)."""
    lengths = np.fromiter(map(len, word_list), dtype=np.int64, count=len(word_list))
    per_word = np.where(content, lengths, 0)  # a padded word of n code points has n grams
    offsets = np.concatenate([[0], np.cumsum(per_word)]).astype(np.int64)
    chosen = [w for w, c in zip(word_list, content.tolist(), strict=True) if c]
    if not chosen:
        return np.zeros(0, dtype=np.int64), offsets
    padded = "".join(f"#{w}#" for w in chosen)
    points = np.frombuffer(padded.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cp = points.astype(np.int64)
    codes = (cp[:-2] << 42) | (cp[1:-1] << 21) | cp[2:]
    # Drop the two windows that straddle each boundary between padded words.
    ends = np.cumsum(lengths[content] + 2)[:-1]
    keep = np.ones(len(codes), dtype=np.bool_)
    keep[ends - 2] = False
    keep[ends - 1] = False
    return codes[keep], offsets


def _sentence_grams(
    ids: _Ints, lens: _Ints, gram_offsets: _Ints, gram_of_code: _Ints
) -> tuple[_Ints, _Ints]:
    """(sentence, gram id) of each sentence's distinct grams (the union of its content words'
    grams: a function word has none), by sentence, a block of sentences at a time."""
    gram_width = max(1, int(gram_of_code.max()) + 1) if len(gram_of_code) else 1
    block = max(1, _DEDUPE_CELLS // gram_width)  # sentences the table holds at once
    # Entry numbers in 32 bits where they fit: half the table, half the memory traffic.
    per_word = np.diff(gram_offsets)
    entries = int(np.bincount(ids, minlength=len(per_word)) @ per_word) if len(ids) else 0
    numbers = np.int32 if entries < 1 << 31 else np.int64
    table = np.zeros(min(len(lens), block) * gram_width, dtype=numbers)
    token_starts = np.concatenate([[0], np.cumsum(lens)]).astype(np.int64)
    owners, grams = [], []
    for s0 in range(0, len(lens), block):
        s1 = min(len(lens), s0 + block)
        words = ids[token_starts[s0] : token_starts[s1]]
        count = gram_offsets[words + 1] - gram_offsets[words]
        gram = gram_of_code[ranges(gram_offsets[words], count)]
        owner = np.repeat(np.repeat(np.arange(s1 - s0, dtype=np.int64), lens[s0:s1]), count)
        # Each gram once per sentence, without sorting: every entry writes its own number
        # into the cell of its (sentence, gram), and the entry whose number stays is kept.
        cells = owner * gram_width + gram
        number = np.arange(len(cells), dtype=numbers)
        table[cells] = number
        keep = table[cells] == number
        owners.append((owner[keep] + s0).astype(np.int32))
        grams.append(gram[keep].astype(np.int32))
    if not owners:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    owner_rows = np.concatenate(owners)
    owners.clear()  # the blocks let go before the grams' are joined
    return owner_rows, np.concatenate(grams)


def _anchors(plains: list[str], language: str) -> list[tuple[_Ints, list[str]]]:
    """Per kind (numbers, names, quotes): the anchors of all sentences, with the sentence of
    each (in order)."""
    numbers = [NUMBER_PATTERN.findall(p) for p in plains]
    quoted = [QUOTED_PATTERN.findall(p) if p.count('"') > 1 else [] for p in plains]
    found = [
        (_owners(numbers), [n.replace(",", "") for n in chain.from_iterable(numbers)]),
        names(plains, language),
        (_owners(quoted), [" ".join(words(q)) for q in chain.from_iterable(quoted)]),
    ]
    return found


def _owners(rows: list[list[str]]) -> _Ints:
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    return np.repeat(np.arange(len(rows), dtype=np.int64), lengths)


def names(plains: list[str], language: str) -> tuple[_Ints, list[str]]:
    """Stems of capitalised words that are not the first word of their sentence (nor after a
    full stop, colon, question or exclamation mark: capitalised for grammar) nor function
    words, with the sentence of each: one pass over the side's text."""
    joined = "\n".join(plains)  # a separator that ends a word and is no quote or bracket
    found = [(m.start(), m.group()) for m in CAPITALISED_PATTERN.finditer(joined)]
    if not found:
        return np.zeros(0, dtype=np.int64), []
    places = np.fromiter((k for k, _ in found), dtype=np.int64, count=len(found))
    lengths = np.fromiter(map(len, plains), dtype=np.int64, count=len(plains))
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]]).astype(np.int64)
    # Where a capital follows only spaces, quotes and brackets since the sentence began or
    # since a full stop (or colon, question or exclamation mark) of the same sentence.
    lead = [len(p) - len(p.lstrip(_BEFORE_NAME)) for p in plains]
    grammar = [m.end() for m in _AFTER_STOP.finditer(joined)]
    capitalised = np.concatenate([starts + np.asarray(lead, dtype=np.int64), grammar])
    keep = ~np.isin(places, capitalised)
    owner = np.searchsorted(starts, places[keep], side="right") - 1
    words_kept = [w.casefold() for (_, w), k in zip(found, keep.tolist(), strict=True) if k]
    named = [w not in STOPWORDS for w in words_kept]
    stems = [stem(w, language) for w, n in zip(words_kept, named, strict=True) if n]
    return owner[np.asarray(named, dtype=np.bool_)], stems


def _fixed_idf(
    df: NDArray[np.int32], stop: NDArray[np.bool_], total: int, stop_weight: float, tokens: int
) -> _Ints:
    """IDF of each stem, ``log((N + 1) / (df + 0.5)) + 1`` (a function word's times
    ``stop_weight``), in fixed point: as many bits as keep every sum of weights in int64."""
    table = {int(n): math.log((total + 1) / (n + 0.5)) + 1.0 for n in unique(df).tolist()}
    value = np.array([table[n] for n in df.tolist()], dtype=np.float64)
    value = np.where(stop, value * stop_weight, value)
    biggest = math.log((total + 1) / 1.5) + 1.0
    headroom = 62 - math.ceil(math.log2(max(2.0, (tokens + 1) * biggest)))
    scale = min(_MAX_SCALE, headroom)
    return np.rint(np.ldexp(value, scale)).astype(np.int64)


def _side(
    n: int,
    stem_row: tuple[_Ints, NDArray[np.int32], NDArray[np.int32]],
    idf: _Ints,
    owners: list[_Ints],
    set_ids: list[_Ints],
) -> SideFeatures:
    """One side's arrays from its stems (offsets per sentence, stem ids, occurrences) and,
    per kind, its (sentence, set id) rows, each sorted by sentence. Rows a block at a time:
    a 50 MB side has tens of millions of grams, and each temporary array of them is 160 MB."""
    stem_offsets, stem_ids, counts = stem_row
    sentences = np.arange(n + 1)
    mass = np.zeros(n, dtype=np.int64)
    for s0 in range(0, n, _ROWS):
        s1 = min(n, s0 + _ROWS)
        lo, hi = int(stem_offsets[s0]), int(stem_offsets[s1])
        weights = idf[stem_ids[lo:hi]] * counts[lo:hi]
        cumulative = np.concatenate([[0], np.cumsum(weights)]).astype(np.int64)
        mass[s0:s1] = (
            cumulative[stem_offsets[s0 + 1 : s1 + 1] - lo] - cumulative[stem_offsets[s0:s1] - lo]
        )
    sizes = np.stack([np.bincount(o, minlength=n)[:n] for o in owners], axis=1).astype(np.int32)
    set_offsets = np.concatenate([[0], np.cumsum(sizes.sum(axis=1))]).astype(np.int64)
    # Each sentence's sets by kind: kind k of sentence s starts after its kinds before k.
    before = set_offsets[:-1, None] + np.cumsum(sizes, axis=1) - sizes
    ids = np.zeros(int(set_offsets[-1]), dtype=np.int32)
    for kind, (owner, found) in enumerate(zip(owners, set_ids, strict=True)):
        first = np.searchsorted(owner, sentences[:-1])  # owner is sorted: each one's first row
        for r0 in range(0, len(owner), _ROWS):
            r1 = min(len(owner), r0 + _ROWS)
            row = owner[r0:r1]
            ids[before[row, kind] + np.arange(r0, r1) - first[row]] = found[r0:r1]
    return SideFeatures(stem_ids, counts, stem_offsets, ids, set_offsets, mass, sizes)


def ranges(starts: _Ints, counts: _Ints) -> _Ints:
    """Concatenation of ``range(start, start + count)`` for each pair, without a loop."""
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(counts)
    shift = np.repeat(starts - (ends - counts), counts)
    out: _Ints = np.arange(total, dtype=np.int64) + shift
    return out


def unique(keys: NDArray[Any]) -> NDArray[Any]:
    """Distinct keys, sorted (by a sort: numpy's own ``unique`` hashes, slower here)."""
    ordered = np.sort(keys)
    if not len(ordered):
        return ordered
    keep = np.empty(len(ordered), dtype=np.bool_)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def _unique_counts(keys: _Ints) -> tuple[_Ints, _Ints]:
    """Distinct keys (sorted) and how often each occurs."""
    ordered = np.sort(keys)
    if not len(ordered):
        return ordered, ordered
    starts = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))
    return ordered[starts], np.diff(np.concatenate([starts, [len(ordered)]]))


def _unique_inverse(keys: _Ints) -> tuple[_Ints, _Ints]:
    """Distinct keys (sorted) and each key's index among them."""
    found = unique(keys)
    return found, np.searchsorted(found, keys).astype(np.int64)
