"""The protobuf writer behind the in-memory ONNX graph (the graph itself is checked by
onnxruntime loading it, in test_encoder.py)."""

from __future__ import annotations

import pytest

from retold.semantic.onnx_graph import _bytes, _int, _varint


@pytest.mark.parametrize(
    ("value", "encoded"),
    [(0, b"\x00"), (1, b"\x01"), (127, b"\x7f"), (128, b"\x80\x01"), (300, b"\xac\x02")],
)
def test_varints_as_protobuf_writes_them(value: int, encoded: bytes) -> None:
    assert _varint(value) == encoded


def test_a_negative_int64_takes_ten_bytes_of_twos_complement() -> None:
    assert _varint(-1) == b"\xff" * 9 + b"\x01"


def test_fields_carry_their_number_and_wire_type() -> None:
    assert _int(1, 150) == b"\x08\x96\x01"  # protobuf's own example
    assert _bytes(2, "testing") == b"\x12\x07testing"
