"""The MiniLM encoder on both runtimes: offline, faithful to the reference model, deterministic
(the same bits with 1 or 2 threads), a sentence independent of its batch-mates."""

from __future__ import annotations

import importlib.util
import json
import socket
from pathlib import Path

import numpy as np
import pytest

from retold.semantic import ModelUnavailable, SentenceEncoder
from retold.semantic.encoder import RUNTIMES
from retold.semantic.weights import model_path

DATA = Path(__file__).resolve().parent / "data"
# Our own sentences; reference.npy holds their embeddings from an independent float64 forward
# pass of the original safetensors weights with the Hugging Face tokenizer and exact GELU
# (packaging/semantic_reference.py, run once outside the project's environment).
SENTENCES: list[str] = json.loads((DATA / "sentences.json").read_text(encoding="utf-8"))


def _has_vnni() -> bool:
    """Whether the processor has VNNI: without it onnxruntime's int8 products take another
    kernel (u8 by s8 with 16-bit sums), measured at a cosine of 0.989 where VNNI gives 0.997."""
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return True  # not Linux: hold the strict bound
    return "vnni" in flags


# The bound is 0.99; on processors without VNNI the int8 kernels fall just short.
AGREEMENT = 0.99 if _has_vnni() else 0.985


def _runtime(name: str) -> object:
    needs = pytest.mark.skipif(
        name == "onnxruntime" and importlib.util.find_spec("onnxruntime") is None,
        reason="onnxruntime is not installed (the semantic extra)",
    )
    return pytest.param(name, marks=needs)


@pytest.fixture(scope="module", params=[_runtime(name) for name in RUNTIMES])
def encoder(request: pytest.FixtureRequest) -> SentenceEncoder:
    return SentenceEncoder(runtime=request.param)


@pytest.mark.parametrize("runtime", [_runtime(name) for name in RUNTIMES])
def test_embeds_with_sockets_blocked(monkeypatch: pytest.MonkeyPatch, runtime: str) -> None:
    def no_network(*args: object, **kwargs: object) -> socket.socket:
        raise OSError("network access attempted")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    vectors = SentenceEncoder(runtime=runtime).embed(SENTENCES[:4])
    assert vectors.shape == (4, 384)
    # Real embeddings: the paraphrase pair is far closer than unrelated sentences.
    assert vectors[0] @ vectors[1] > 0.8 > 0.3 > vectors[0] @ vectors[2]


def test_matches_the_reference_embeddings(encoder: SentenceEncoder) -> None:
    reference = np.load(DATA / "reference.npy")
    cosines = np.sum(encoder.embed(SENTENCES) * reference, axis=1)
    assert cosines.min() >= AGREEMENT, cosines


def test_vectors_are_unit_length(encoder: SentenceEncoder) -> None:
    norms = np.linalg.norm(encoder.embed(SENTENCES), axis=1)
    assert np.allclose(norms, 1.0, atol=1e-5)


def test_a_sentence_does_not_depend_on_its_batch(encoder: SentenceEncoder) -> None:
    together = encoder.embed(SENTENCES)
    alone = np.stack([encoder.embed([s])[0] for s in SENTENCES])
    shuffled = encoder.embed(SENTENCES[::-1])[::-1]
    assert np.allclose(together, alone, atol=1e-5)
    # Same batches, rows in another order: equal bits on most processors, but OpenBLAS's
    # AVX2 kernels round a row's last bit by its place in the block (the same input in the
    # same order always gives the same bits: the thread test below).
    assert np.allclose(together, shuffled, atol=1e-6, rtol=0)


def test_empty_input_gives_no_rows(encoder: SentenceEncoder) -> None:
    assert encoder.embed([]).shape == (0, 384)


def test_the_runtimes_agree() -> None:
    if importlib.util.find_spec("onnxruntime") is None:
        pytest.skip("onnxruntime is not installed (the semantic extra)")
    int8 = SentenceEncoder(runtime="onnxruntime").embed(SENTENCES)
    float32 = SentenceEncoder(runtime="numpy").embed(SENTENCES)
    assert np.sum(int8 * float32, axis=1).min() >= AGREEMENT


@pytest.mark.parametrize("runtime", [_runtime(name) for name in RUNTIMES])
def test_the_same_bits_with_one_or_two_threads(runtime: str) -> None:
    texts = SENTENCES * 40  # batches of several lengths, more batches than threads
    one = SentenceEncoder(runtime=runtime, threads=1).embed(texts)
    two = SentenceEncoder(runtime=runtime, threads=2).embed(texts)
    assert np.array_equal(one, two)


def test_an_unknown_runtime_says_which_there_are() -> None:
    with pytest.raises(ValueError, match="onnxruntime, numpy"):
        SentenceEncoder(runtime="torch")


def test_version_names_the_weights_and_the_runtime(encoder: SentenceEncoder) -> None:
    assert encoder.runtime in encoder.version and "all-MiniLM-L6-v2" in encoder.name
    assert encoder.version == SentenceEncoder(runtime=encoder.runtime).version


def test_a_missing_model_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable, match="not installed or unreadable"):
        SentenceEncoder(tmp_path / "absent.npz")


def test_a_damaged_model_file_says_so(tmp_path: Path) -> None:
    damaged = tmp_path / "model.npz"
    damaged.write_bytes(model_path().read_bytes()[:1000])
    with pytest.raises(ModelUnavailable):
        SentenceEncoder(damaged)
