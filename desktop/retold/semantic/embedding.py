"""Both sides' sentence embeddings for the semantic scorer, each distinct input embedded once.

The model sees token ids, so sentences with the same ids (equal texts, or texts that differ
only in case or accents: the model is uncased) share one embedding; a book's rewrite repeats
a third of its sentences. The distinct ones are embedded shortest first, in slices of about
``_SLICE_TOKENS`` tokens with a progress report between two (a book takes the model a while,
and the window's Cancel must be heard), so that a batch holds sentences of one length and
carries little padding. Slices and batches depend on the sentences only: the same bits with
any number of threads, and whether anyone listens to the progress or not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from retold.semantic.encoder import SentenceEncoder

# Tokens embedded between two progress reports: about 300 sentences, a second of two cores.
_SLICE_TOKENS = 8192


def embed_sides(
    model: SentenceEncoder,
    sides: Sequence[Sequence[str]],
    progress: Callable[[float], None],
) -> list[NDArray[np.float32]]:
    """One array of rows per side, a row per sentence; ``progress`` hears the share of
    tokens embedded (it may raise to stop)."""
    texts = [t for side in sides for t in side]
    text_of: dict[str, int] = {}
    text_row = [text_of.setdefault(t, len(text_of)) for t in texts]
    ids_of: dict[tuple[int, ...], int] = {}
    id_row = [ids_of.setdefault(tuple(ids), len(ids_of)) for ids in model.tokens(list(text_of))]
    distinct = list(ids_of)
    vectors = np.zeros((len(distinct), model.dimensions), dtype=np.float32)
    order = sorted(range(len(distinct)), key=lambda k: (len(distinct[k]), k))
    total, done = max(1, sum(map(len, distinct))), 0
    for part in _slices(order, distinct):
        progress(done / total)
        vectors[part] = model.embed_tokens([list(distinct[k]) for k in part])
        done += sum(len(distinct[k]) for k in part)
    progress(1.0)
    rows = vectors[np.asarray([id_row[k] for k in text_row], dtype=np.int64)]
    bounds = np.cumsum([0, *map(len, sides)])
    return [rows[bounds[k] : bounds[k + 1]] for k in range(len(sides))]


def _slices(order: list[int], distinct: list[tuple[int, ...]]) -> list[list[int]]:
    """``order`` cut into runs of about ``_SLICE_TOKENS`` tokens (a longer sentence alone)."""
    slices: list[list[int]] = []
    part: list[int] = []
    tokens = 0
    for k in order:
        if part and tokens + len(distinct[k]) > _SLICE_TOKENS:
            slices.append(part)
            part, tokens = [], 0
        part.append(k)
        tokens += len(distinct[k])
    if part:
        slices.append(part)
    return slices
