"""The compact model file: int8 matrices with row scales, read with numpy alone.

Written at build time by ``packaging/export_semantic_model.py``; shipped as package data (and
in the bundle). Nothing is ever downloaded: a missing file is ``ModelUnavailable``.
"""

from __future__ import annotations

import hashlib
import json
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

MODEL_FILE = "all-MiniLM-L6-v2-int8.npz"
LAYERS = 6

Matrix = NDArray[np.float32]


class ModelUnavailable(Exception):
    """The model file is not installed (or not readable)."""


@dataclass(frozen=True, slots=True)
class QuantizedMatrix:
    """A linear layer: int8 (inputs, outputs), ready for ``x @ q``, one scale per output."""

    q: NDArray[np.int8]
    scale: Matrix
    bias: Matrix
    smooth: Matrix | None = None  # x @ q is (x / smooth) @ (smooth * w): see the export

    def dequantized(self) -> Matrix:
        w = self.q.astype(np.float32) * self.scale
        return w if self.smooth is None else w / self.smooth[:, None]


@dataclass(frozen=True, slots=True)
class Layer:
    """One transformer block."""

    qkv: QuantizedMatrix  # query, key and value side by side
    attention: QuantizedMatrix
    attention_norm: tuple[Matrix, Matrix]
    intermediate: QuantizedMatrix
    output: QuantizedMatrix
    output_norm: tuple[Matrix, Matrix]


@dataclass(frozen=True, slots=True)
class Weights:
    word: NDArray[np.int8]  # (vocabulary, 384): dequantized a row at a time, when used
    word_scale: Matrix
    position: Matrix  # (max tokens, 384), the token-type embedding already added
    norm: tuple[Matrix, Matrix]
    layers: tuple[Layer, ...]
    vocabulary: tuple[str, ...]
    meta: dict[str, object]
    sha256: str  # of the arrays: which exact weights


def model_path() -> Path:
    """Where the model file is: beside this module, or in the frozen bundle."""
    bundle_root = getattr(sys, "_MEIPASS", None)  # set by PyInstaller
    if bundle_root is not None:
        return Path(bundle_root) / "retold" / "semantic" / "data" / MODEL_FILE
    return Path(__file__).resolve().parent / "data" / MODEL_FILE


def load_weights(path: Path | None = None) -> Weights:
    path = path or model_path()
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    except (OSError, EOFError, ValueError, KeyError, zipfile.BadZipFile) as error:
        # numpy calls anything that is not an array file "pickled data" and suggests loading
        # it unsafely: never; say only that it is not a model file.
        why = "not a model file" if "pickle" in str(error) else str(error)
        raise ModelUnavailable(
            f"the sentence model is not installed or unreadable ({path}): {why}"
        ) from None
    try:
        return _weights(arrays, _digest(arrays))
    except KeyError as error:
        raise ModelUnavailable(f"the sentence model file {path} lacks {error}") from None
    except (ValueError, TypeError, IndexError, AttributeError) as error:  # arrays not ours
        raise ModelUnavailable(f"the sentence model file {path} is damaged: {error}") from None


def _digest(arrays: dict[str, NDArray[np.generic]]) -> str:
    """Of the arrays' names, types and contents (the zip file's own bytes carry dates)."""
    digest = hashlib.sha256()
    for name in sorted(arrays):
        digest.update(f"{name} {arrays[name].dtype.str} {arrays[name].shape}\n".encode())
        digest.update(np.ascontiguousarray(arrays[name]).data)
    return digest.hexdigest()


def _dense(arrays: dict[str, NDArray[np.generic]], smooth: str, *keys: str) -> QuantizedMatrix:
    """The stored (outputs, inputs) matrices of ``keys``, transposed and side by side."""
    return QuantizedMatrix(
        q=np.ascontiguousarray(np.concatenate([arrays[k] for k in keys]).astype(np.int8).T),
        scale=np.concatenate([_vector(arrays, k + ".scale") for k in keys]),
        bias=np.concatenate([_vector(arrays, k + ".bias") for k in keys]),
        smooth=_vector(arrays, smooth) if smooth in arrays else None,
    )


def _vector(arrays: dict[str, NDArray[np.generic]], key: str) -> Matrix:
    return arrays[key].astype(np.float32)


def _weights(arrays: dict[str, NDArray[np.generic]], digest: str) -> Weights:
    layers = []
    for n in range(LAYERS):
        p = f"layer{n}."
        layers.append(
            Layer(
                qkv=_dense(arrays, p + "qkv.smooth", p + "query", p + "key", p + "value"),
                attention=_dense(arrays, p + "attention.smooth", p + "attention"),
                attention_norm=_norm(arrays, p + "attention_norm"),
                intermediate=_dense(arrays, p + "intermediate.smooth", p + "intermediate"),
                output=_dense(arrays, p + "output.smooth", p + "output"),
                output_norm=_norm(arrays, p + "output_norm"),
            )
        )
    vocabulary = bytes(arrays["vocabulary"]).decode("utf-8").split("\n")
    if vocabulary and not vocabulary[-1]:
        vocabulary.pop()  # the file ends with a newline
    return Weights(
        word=arrays["word"].astype(np.int8),
        word_scale=_vector(arrays, "word.scale"),
        position=_vector(arrays, "position") + _vector(arrays, "token_type"),
        norm=_norm(arrays, "norm"),
        layers=tuple(layers),
        vocabulary=tuple(vocabulary),
        meta=_meta(arrays),
        sha256=digest,
    )


def _meta(arrays: dict[str, NDArray[np.generic]]) -> dict[str, object]:
    meta = json.loads(bytes(arrays["meta"]).decode("utf-8"))
    if not isinstance(meta, dict):
        raise ValueError(f"its meta is a JSON {type(meta).__name__}, not an object")
    return meta


def _norm(arrays: dict[str, NDArray[np.generic]], key: str) -> tuple[Matrix, Matrix]:
    return _vector(arrays, key + ".weight"), _vector(arrays, key + ".bias")
