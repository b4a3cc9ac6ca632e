"""Sentence embeddings from all-MiniLM-L6-v2 with numpy alone: a 6-layer BERT forward pass,
mean pooling and L2 normalisation, as sentence-transformers computes them.

Sentences are sorted by length and batched, so that padding stays small; a pad token is
masked out of attention and of the mean, so a sentence's embedding does not depend on its
batch-mates beyond float rounding.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from retold.semantic.weights import Layer, Matrix, Weights, load_weights
from retold.semantic.wordpiece import WordPiece

HEADS = 12
_NORM_EPS = 1e-12
_GELU_C = float(np.sqrt(2.0 / np.pi))
_BATCH_TOKENS = 4096  # padded tokens a batch: big enough for fast matrix products
# Below this many tokens in a call, BLAS runs on one thread: waking threads for small matrix
# products cost 60 times the work on 2 busy cores (0.71 s against 0.012 s for one sentence).
_THREADED_TOKENS = 16384


class SentenceEncoder:
    """Embeds sentences as unit vectors of 384 floats; loads the model file once."""

    def __init__(self, path: Path | None = None) -> None:
        self._weights: Weights = load_weights(path)
        self._tokenizer = WordPiece(self._weights.vocabulary, len(self._weights.position))
        self.dimensions = int(self._weights.word.shape[1])
        meta = self._weights.meta
        self.name = f"{meta.get('model', '?')} ({meta.get('quantization', '?')})"

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """One row per text, L2-normalised (an empty text gets the [CLS] [SEP] embedding)."""
        ids = [self._tokenizer.encode(t) for t in texts]
        threads = None if sum(map(len, ids)) >= _THREADED_TOKENS else 1
        with threadpool_limits(limits=threads, user_api="blas"):
            return self._embed_ids(ids)

    def _embed_ids(self, ids: list[list[int]]) -> NDArray[np.float32]:
        out = np.zeros((len(ids), self.dimensions), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda k: (len(ids[k]), k))
        start = 0
        while start < len(order):
            longest = len(ids[order[start]])
            end = start + 1
            while end < len(order) and len(ids[order[end]]) * (end + 1 - start) <= _BATCH_TOKENS:
                end += 1
            batch = order[start:end]
            longest = len(ids[batch[-1]])
            out[batch] = self._forward([ids[k] for k in batch], longest)
            start = end
        return out

    def _forward(self, batch: list[list[int]], length: int) -> Matrix:
        w = self._weights
        ids = np.full((len(batch), length), self._tokenizer.pad, dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, seq in enumerate(batch):
            ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1.0
        x = w.word[ids].astype(np.float32) * w.word_scale[ids][..., None]
        x = _layer_norm(x + w.position[:length], w.norm).reshape(len(batch) * length, -1)
        # Masked keys get a large negative score: their softmax weight is exactly zero.
        key_bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        for layer in w.layers:
            x = _block(x, layer, key_bias, len(batch))
        tokens = x.reshape(len(batch), length, -1)
        pooled = (tokens * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: Matrix = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return result


def _block(x: Matrix, layer: Layer, key_bias: Matrix, batch: int) -> Matrix:
    """One transformer block on the (batch * length, width) token rows."""
    width = x.shape[1]
    length, head = x.shape[0] // batch, width // HEADS
    qkv = (x @ layer.qkv + layer.qkv_bias).reshape(batch, length, 3, HEADS, head)
    # Contiguous heads: numpy's batched matmul is slow on strided views.
    q, k, v = (np.ascontiguousarray(qkv[:, :, n].transpose(0, 2, 1, 3)) for n in range(3))
    scores = (q @ k.transpose(0, 1, 3, 2)) * np.float32(1.0 / np.sqrt(head)) + key_bias
    scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
    scores /= scores.sum(axis=-1, keepdims=True)
    context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, width)
    x = _layer_norm(x + context @ layer.attention + layer.attention_bias, layer.attention_norm)
    hidden = _gelu(x @ layer.intermediate + layer.intermediate_bias)
    return _layer_norm(x + hidden @ layer.output + layer.output_bias, layer.output_norm)


def _gelu(x: Matrix) -> Matrix:
    """The tanh form of GELU (numpy has no erf; it differs from BERT's by < 1e-3), in place."""
    inner = x * x
    inner *= np.float32(0.044715 * _GELU_C)
    inner += np.float32(_GELU_C)
    inner *= x
    np.tanh(inner, out=inner)
    inner += np.float32(1.0)
    inner *= x
    inner *= np.float32(0.5)
    return inner


def _layer_norm(x: Matrix, params: tuple[Matrix, Matrix]) -> Matrix:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    result: Matrix = centred / np.sqrt(variance + _NORM_EPS) * params[0] + params[1]
    return result
