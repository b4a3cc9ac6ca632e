"""The evidence label says which model, which weights and which runtime made the vectors."""

from __future__ import annotations

import re

import pytest

from retold.semantic.encoder import SentenceEncoder
from retold.semantic.scorer import Semantic, model_label, shared_encoder


def test_the_label_names_model_quantization_weights_and_runtime() -> None:
    encoder = shared_encoder()
    label = model_label(encoder)
    assert re.fullmatch(r"all-MiniLM-L6-v2 int8 [0-9a-f]{8} (onnxruntime|numpy)", label), label
    assert label.split()[2] in encoder.version  # the weights' hash, not the file's bytes
    assert label.endswith(encoder.runtime)
    assert Semantic().evidence == f"lexical + {label}"


def test_the_two_runtimes_get_different_labels_and_the_same_weights_hash() -> None:
    pytest.importorskip("onnxruntime", reason="onnxruntime has no wheel here: numpy alone")
    onnx, numpy = (model_label(SentenceEncoder(runtime=r)) for r in ("onnxruntime", "numpy"))
    assert onnx != numpy
    assert onnx.rsplit(" ", 1)[0] == numpy.rsplit(" ", 1)[0]
