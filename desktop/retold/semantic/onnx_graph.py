"""The MiniLM encoder as an ONNX graph, built in memory from the int8 model file.

onnxruntime runs it with its int8 matrix kernels (VNNI where the processor has it). The graph
is written here, as serialized ONNX protobuf, rather than shipped: both runtimes then read the
one model file, and neither the ``onnx`` package nor a second copy of the weights is needed.

Activations are quantized per token row (symmetric, one scale a row, zero point 128), not per
tensor as onnxruntime's own dynamic quantization does: a sentence's embedding then does not
depend on its batch-mates, nor on the number of threads (integer products are exact).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

from retold.semantic.weights import Layer, QuantizedMatrix, Weights

HEADS = 12
OPSET = 17  # LayerNormalization; ReduceMax still takes its axes as an attribute
IR_VERSION = 8
_EPS = 1e-12

# ONNX TensorProto data types and AttributeProto types (onnx.proto).
_TYPES = {
    np.dtype(np.float32): 1,
    np.dtype(np.uint8): 2,
    np.dtype(np.int8): 3,
    np.dtype(np.int64): 7,
}
_INT32 = 6
_ATTR_FLOAT, _ATTR_INT, _ATTR_INTS, _ATTR_TENSOR = 1, 2, 7, 4


# --- protobuf wire format: just what ONNX's messages use --------------------------------------


def _varint(value: int) -> bytes:
    value &= (1 << 64) - 1  # negative int64 as ten bytes of two's complement
    out = bytearray()
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _int(field: int, value: int) -> bytes:
    return _varint(field << 3) + _varint(value)


def _bytes(field: int, value: bytes | str) -> bytes:
    data = value.encode() if isinstance(value, str) else value
    return _varint(field << 3 | 2) + _varint(len(data)) + data


def _float(field: int, value: float) -> bytes:
    return _varint(field << 3 | 5) + struct.pack("<f", value)


def _tensor(name: str, array: NDArray[np.generic]) -> bytes:
    dims = b"".join(_int(1, d) for d in array.shape)
    raw = np.ascontiguousarray(array).tobytes()
    return dims + _int(2, _TYPES[array.dtype]) + _bytes(8, name) + _bytes(9, raw)


_Value = float | int | Sequence[int] | NDArray[np.generic]


def _attribute(name: str, value: _Value) -> bytes:
    head = _bytes(1, name)
    if isinstance(value, np.ndarray):
        return head + _bytes(5, _tensor("", value)) + _int(20, _ATTR_TENSOR)
    if isinstance(value, float):
        return head + _float(2, value) + _int(20, _ATTR_FLOAT)
    if isinstance(value, int):
        return head + _int(3, value) + _int(20, _ATTR_INT)
    return head + b"".join(_int(8, v) for v in value) + _int(20, _ATTR_INTS)


def _value_info(name: str, elem_type: int, dims: Iterable[str | int]) -> bytes:
    shape = b"".join(_bytes(1, _bytes(2, d) if isinstance(d, str) else _int(1, d)) for d in dims)
    tensor_type = _int(1, elem_type) + _bytes(2, shape)
    return _bytes(1, name) + _bytes(2, _bytes(1, tensor_type))


class _Graph:
    """Collects nodes and initializers; names every intermediate value uniquely."""

    def __init__(self) -> None:
        self.nodes: list[bytes] = []
        self.initializers: list[bytes] = []
        self._count = 0

    def const(self, name: str, array: NDArray[np.generic]) -> str:
        self.initializers.append(_tensor(name, array))
        return name

    def op(
        self, op_type: str, *inputs: str, outputs: int = 1, domain: str = "", **attributes: _Value
    ) -> list[str]:
        """Adds a node; returns the names of its ``outputs`` new values."""
        self._count += 1
        names = [f"{op_type}{self._count}_{k}" for k in range(outputs)]
        self.node(op_type, inputs, names, domain, attributes)
        return names

    def one(self, op_type: str, *inputs: str, domain: str = "", **attributes: _Value) -> str:
        """Adds a node with one output; returns its name."""
        self._count += 1
        name = f"{op_type}{self._count}"
        self.node(op_type, inputs, [name], domain, attributes)
        return name

    def node(
        self,
        op_type: str,
        inputs: Sequence[str],
        outputs: Sequence[str],
        domain: str = "",
        attributes: dict[str, _Value] | None = None,
    ) -> None:
        node = b"".join(_bytes(1, i) for i in inputs) + b"".join(_bytes(2, o) for o in outputs)
        node += _bytes(3, f"n{len(self.nodes)}") + _bytes(4, op_type)
        node += b"".join(_bytes(5, _attribute(k, v)) for k, v in (attributes or {}).items())
        if domain:
            node += _bytes(7, domain)
        self.nodes.append(node)

    def model(self, inputs: list[bytes], outputs: list[bytes]) -> bytes:
        graph = b"".join(_bytes(1, n) for n in self.nodes) + _bytes(2, "minilm")
        graph += b"".join(_bytes(5, t) for t in self.initializers)
        graph += b"".join(_bytes(11, i) for i in inputs) + b"".join(_bytes(12, o) for o in outputs)
        opsets = _bytes(8, _int(2, OPSET)) + _bytes(8, _bytes(1, "com.microsoft") + _int(2, 1))
        return _int(1, IR_VERSION) + opsets + _bytes(2, "retold") + _bytes(7, graph)


# --- the encoder ------------------------------------------------------------------------------


def encoder_model(weights: Weights) -> bytes:
    """Inputs: ``embedded`` (tokens, 384) float32, the embedding layer's output for a batch
    padded to (batch, length) and flattened, and ``mask`` (batch, length) int32, 1 for a real
    token. Output ``hidden`` (tokens, 384): the last layer's token vectors."""
    g = _Graph()
    width = weights.norm[0].shape[0]
    x = "embedded"
    g.const("zero_point", np.array(128, dtype=np.uint8))
    g.const("one", np.array(1.0, dtype=np.float32))
    g.const("column", np.array([1], dtype=np.int64))
    g.const("flat", np.array([-1, width], dtype=np.int64))
    g.const("width", np.array([width], dtype=np.int64))
    three = g.one("Concat", g.one("Shape", "mask"), "width", axis=0)  # (batch, length, width)
    # QuantizeLinear's zero points a row: (rows,), all 128
    rows = g.one("Shape", g.one("ReduceMax", x, axes=[1], keepdims=0))
    row_zero_points = g.one("ConstantOfShape", rows, value=np.array([128], dtype=np.uint8))
    for n, layer in enumerate(weights.layers):
        x = _layer(g, f"l{n}.", layer, x, three, row_zero_points)
    g.node("Identity", [x], ["hidden"])
    inputs = [
        _value_info("embedded", 1, ("tokens", width)),
        _value_info("mask", _INT32, ("batch", "length")),
    ]
    return g.model(inputs, [_value_info("hidden", 1, ("tokens", width))])


def _layer(g: _Graph, p: str, layer: Layer, x: str, three: str, zero_points: str) -> str:
    qkv = _matmul(g, p + "qkv", x, layer.qkv, zero_points)
    g.const(p + "split", np.array([layer.qkv.q.shape[1] // 3] * 3, dtype=np.int64))
    q, k, v = (
        g.one("Reshape", t, three) for t in g.op("Split", qkv, p + "split", outputs=3, axis=1)
    )
    context = g.one(
        "MultiHeadAttention", q, k, v, "", "mask", domain="com.microsoft", num_heads=HEADS
    )
    attended = _matmul(
        g, p + "attention", g.one("Reshape", context, "flat"), layer.attention, zero_points
    )
    x = _norm(g, p + "attention_norm", g.one("Add", x, attended), layer.attention_norm)
    hidden = g.one(
        "Gelu",
        _matmul(g, p + "intermediate", x, layer.intermediate, zero_points),
        domain="com.microsoft",
    )
    out = _matmul(g, p + "output", hidden, layer.output, zero_points)
    return _norm(g, p + "output_norm", g.one("Add", x, out), layer.output_norm)


def _matmul(g: _Graph, name: str, x: str, matrix: QuantizedMatrix, zero_points: str) -> str:
    """``x @ w + b`` with x quantized to uint8 a row at a time (zero point 128), w int8 a
    column at a time. A smoothed matrix gets ``x / smooth``."""
    if matrix.smooth is not None:
        x = g.one("Mul", x, g.const(name + ".smooth", (1.0 / matrix.smooth).astype(np.float32)))
    peak = g.one("ReduceMax", g.one("Abs", x), axes=[1], keepdims=0)
    g.const(name + ".floor", np.array(1e-30, dtype=np.float32))
    g.const(name + ".levels", np.array(127.0, dtype=np.float32))
    scale = g.one("Div", g.one("Max", peak, name + ".floor"), name + ".levels")  # (rows,)
    quantized = g.one("QuantizeLinear", x, scale, zero_points, axis=0)
    product = g.one(
        "MatMulIntegerToFloat",
        quantized,
        g.const(name + ".w", matrix.q),
        "one",
        g.const(name + ".scale", matrix.scale),
        "zero_point",
        domain="com.microsoft",
    )
    row_scale = g.one("Unsqueeze", scale, "column")
    return g.one("Add", g.one("Mul", product, row_scale), g.const(name + ".bias", matrix.bias))


def _norm(
    g: _Graph, name: str, x: str, params: tuple[NDArray[np.float32], NDArray[np.float32]]
) -> str:
    gamma = g.const(name + ".weight", params[0])
    beta = g.const(name + ".bias", params[1])
    return g.one("LayerNormalization", x, gamma, beta, axis=-1, epsilon=_EPS)
