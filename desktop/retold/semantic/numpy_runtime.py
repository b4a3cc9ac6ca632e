"""The transformer blocks in numpy float32: the fallback where onnxruntime is not installed.

About 2.5 times slower a core than onnxruntime's int8 kernels (benchmarks/README.md), and
closer to the float model (float activations; the tanh form of GELU).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from retold.semantic.weights import Layer, Matrix, QuantizedMatrix, Weights

HEADS = 12
_NORM_EPS = 1e-12
_GELU_C = float(np.sqrt(2.0 / np.pi))


@dataclass(frozen=True, slots=True)
class _Dense:
    w: Matrix
    b: Matrix


@dataclass(frozen=True, slots=True)
class _FloatLayer:
    qkv: _Dense
    attention: _Dense
    attention_norm: tuple[Matrix, Matrix]
    intermediate: _Dense
    output: _Dense
    output_norm: tuple[Matrix, Matrix]


def _float_layer(layer: Layer) -> _FloatLayer:
    def dense(m: QuantizedMatrix) -> _Dense:
        return _Dense(np.ascontiguousarray(m.dequantized()), m.bias)

    return _FloatLayer(
        dense(layer.qkv),
        dense(layer.attention),
        layer.attention_norm,
        dense(layer.intermediate),
        dense(layer.output),
        layer.output_norm,
    )


class NumpyRuntime:
    """``hidden = forward(embedded, mask)`` with numpy's BLAS."""

    name = f"numpy {np.__version__}"

    def __init__(self, weights: Weights, threads: int | None = None) -> None:
        self._layers = [_float_layer(layer) for layer in weights.layers]
        self.parallel = threads or os.cpu_count() or 1

    def forward(self, embedded: Matrix, mask: Matrix) -> Matrix:
        """(tokens, width) rows of a (batch, length) padded batch, ``mask`` 1 on real tokens."""
        # Masked keys get a large negative score: their softmax weight is exactly zero.
        key_bias = ((1.0 - mask.astype(np.float32)) * -1e9)[:, None, None, :]
        x = embedded
        # Batches run on threads of their own; waking BLAS threads for each of its small
        # products would cost more than they do (60 times the work for one sentence, measured
        # on 2 busy cores).
        with threadpool_limits(limits=1, user_api="blas"):
            for layer in self._layers:
                x = _block(x, layer, key_bias, mask.shape[0])
        return x


def _block(x: Matrix, layer: _FloatLayer, key_bias: Matrix, batch: int) -> Matrix:
    """One transformer block on the (batch * length, width) token rows."""
    width = x.shape[1]
    length, head = x.shape[0] // batch, width // HEADS
    qkv = (x @ layer.qkv.w + layer.qkv.b).reshape(batch, length, 3, HEADS, head)
    # Contiguous heads: numpy's batched matmul is slow on strided views.
    q, k, v = (np.ascontiguousarray(qkv[:, :, n].transpose(0, 2, 1, 3)) for n in range(3))
    scores = (q @ k.transpose(0, 1, 3, 2)) * np.float32(1.0 / np.sqrt(head)) + key_bias
    scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
    scores /= scores.sum(axis=-1, keepdims=True)
    context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, width)
    x = layer_norm(x + context @ layer.attention.w + layer.attention.b, layer.attention_norm)
    hidden = _gelu(x @ layer.intermediate.w + layer.intermediate.b)
    return layer_norm(x + hidden @ layer.output.w + layer.output.b, layer.output_norm)


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


def layer_norm(x: Matrix, params: tuple[Matrix, Matrix]) -> Matrix:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    result: Matrix = centred / np.sqrt(variance + _NORM_EPS) * params[0] + params[1]
    return result
