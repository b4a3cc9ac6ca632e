"""Sentence embeddings from all-MiniLM-L6-v2: tokens, the embedding layer, six transformer
blocks, mean pooling and L2 normalisation, as sentence-transformers computes them.

The blocks run on onnxruntime's int8 kernels when onnxruntime is installed (the semantic
extra), else in numpy float32 (slower; the same model file). Sentences are sorted by length and
batched, so that padding stays small; a pad token is masked out of attention and of the mean,
and activations are quantized a token at a time, so a sentence's embedding does not depend on
its batch-mates beyond float rounding, nor on the number of threads.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from retold.semantic.numpy_runtime import layer_norm
from retold.semantic.weights import Matrix, ModelUnavailable, Weights, load_weights, model_path
from retold.semantic.wordpiece import WordPiece

RUNTIMES = ("onnxruntime", "numpy")
# Padded tokens a batch. Small batches, whose activations stay in the processor's cache, are
# faster a core than big ones (512 tokens: 350 sentences a CPU-second on onnxruntime, 4096:
# 260; numpy 126 and 107), and a call has batches enough for every thread.
_BATCH_TOKENS = 512


class Runtime(Protocol):
    name: str
    parallel: int  # batches run at once, each on its own thread

    def forward(self, embedded: Matrix, mask: Matrix) -> Matrix: ...


def default_runtime() -> str:
    return "onnxruntime" if importlib.util.find_spec("onnxruntime") else "numpy"


class SentenceEncoder:
    """Embeds sentences as unit vectors of 384 floats; loads the model file once.

    ``runtime``: "onnxruntime" or "numpy" (default: onnxruntime where installed). ``threads``:
    how many batches run at once, each on one thread (default: one a processor core).
    ``name`` says which model, ``version`` which exact weights, recipe and runtime made the
    vectors: two encoders with the same ``version`` give the same vectors.
    """

    def __init__(
        self, path: Path | None = None, *, runtime: str | None = None, threads: int | None = None
    ) -> None:
        self._weights: Weights = load_weights(path)
        self.runtime = runtime or default_runtime()
        if self.runtime not in RUNTIMES:
            raise ValueError(f"unknown runtime {runtime!r}: choose one of {', '.join(RUNTIMES)}")
        try:
            self._tokenizer = WordPiece(self._weights.vocabulary, len(self._weights.position))
            self.dimensions = int(self._weights.word.shape[1])
            self._runtime = _make_runtime(self.runtime, self._weights, threads)
            self.embed(["A sentence."])  # arrays that do not fit together fail here, not later
        except ImportError:
            raise
        except Exception as error:  # a damaged file fails in numpy or onnxruntime, any way
            first_line = str(error).strip().partition("\n")[0][:200]
            if isinstance(error, KeyError):
                first_line = f"it lacks {error}"
            raise ModelUnavailable(
                f"the sentence model file {path or model_path()} does not work: {first_line}"
            ) from None
        meta = self._weights.meta
        self.name = f"{meta.get('model', '?')} ({meta.get('quantization', '?')})"
        recipe = meta.get("recipe", "int8-rows")
        self.version = f"{recipe} {self._weights.sha256[:12]}, {self._runtime.name}"

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """One row per text, L2-normalised (an empty text gets the [CLS] [SEP] embedding)."""
        return self.embed_tokens(self.tokens(texts))

    def tokens(self, texts: Sequence[str]) -> list[list[int]]:
        """Each text's token ids, as ``embed`` feeds them to the model (at most 256)."""
        return [self._tokenizer.encode(t) for t in texts]

    def embed_tokens(self, ids: Sequence[list[int]]) -> NDArray[np.float32]:
        """``embed`` of texts already made ``tokens``: a caller that sorts them by length
        first (so that batches carry little padding) does not tokenize twice."""
        out = np.zeros((len(ids), self.dimensions), dtype=np.float32)
        batches = self._batches(ids)

        def run(batch: list[int]) -> None:
            out[batch] = self._forward([ids[k] for k in batch], len(ids[batch[-1]]))

        # Batches do not depend on the number of threads, nor a batch on its thread: the same
        # bits with one or several.
        if self._runtime.parallel > 1 and len(batches) > 1:
            # BLAS held to one thread for the whole run: a limit set and undone inside each
            # batch's thread is process-wide, so one batch could lift it under another's feet
            # (different bits with 1 or 2 threads, seen with OpenBLAS on AVX2).
            with (
                threadpool_limits(limits=1, user_api="blas"),
                ThreadPoolExecutor(min(self._runtime.parallel, len(batches))) as pool,
            ):
                list(pool.map(run, batches))
        else:
            for batch in batches:
                run(batch)
        return out

    def _batches(self, ids: Sequence[list[int]]) -> list[list[int]]:
        """Indices of ``ids`` in batches of similar length, ``_BATCH_TOKENS`` padded at most
        (a longer sentence alone)."""
        limit = _BATCH_TOKENS
        order = sorted(range(len(ids)), key=lambda k: (len(ids[k]), k))
        batches: list[list[int]] = []
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and len(ids[order[end]]) * (end + 1 - start) <= limit:
                end += 1
            batches.append(order[start:end])
            start = end
        return batches

    def _forward(self, batch: list[list[int]], length: int) -> Matrix:
        w = self._weights
        ids = np.full((len(batch), length), self._tokenizer.pad, dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, seq in enumerate(batch):
            ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1.0
        x = w.word[ids].astype(np.float32) * w.word_scale[ids][..., None]
        x = layer_norm(x + w.position[:length], w.norm).reshape(len(batch) * length, -1)
        hidden = self._runtime.forward(np.ascontiguousarray(x, dtype=np.float32), mask)
        tokens = hidden.reshape(len(batch), length, -1)
        pooled = (tokens * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: Matrix = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return result


def _make_runtime(name: str, weights: Weights, threads: int | None) -> Runtime:
    if name == "onnxruntime":
        from retold.semantic.ort_runtime import OrtRuntime  # only with the semantic extra

        return OrtRuntime(weights, threads)
    if name == "numpy":
        from retold.semantic.numpy_runtime import NumpyRuntime

        return NumpyRuntime(weights, threads)
    raise ValueError(f"unknown runtime {name!r}: choose one of {', '.join(RUNTIMES)}")
