"""Our WordPiece gives the token ids of the model's own tokenizer (recorded in token_ids.json
with the Hugging Face `tokenizers` library, on our own strings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retold.semantic.weights import load_weights
from retold.semantic.wordpiece import WordPiece, basic_tokens

CASES = json.loads(
    (Path(__file__).resolve().parent / "data" / "token_ids.json").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def tokenizer() -> WordPiece:
    return WordPiece(load_weights().vocabulary, max_tokens=256)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"][:30])
def test_same_ids_as_the_reference_tokenizer(tokenizer: WordPiece, case: dict[str, object]) -> None:
    assert tokenizer.encode(str(case["text"])) == case["ids"]


def test_basic_tokens_lower_case_strip_accents_and_split_punctuation() -> None:
    assert basic_tokens("Café, «Zürich»!") == ["cafe", ",", "«", "zurich", "»", "!"]
