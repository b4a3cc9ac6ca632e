"""Our WordPiece gives the token ids of the model's own tokenizer (recorded in token_ids.json
with the Hugging Face `tokenizers` library, on our own strings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retold.semantic.weights import load_weights
from retold.semantic.wordpiece import WordPiece, basic_tokens, unicode_tokens

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


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_the_ascii_shortcut_splits_as_the_unicode_rules_do(text: str) -> None:
    assert basic_tokens(text) == unicode_tokens(text)


def test_words_seen_before_give_the_reference_ids_again() -> None:
    fresh = WordPiece(load_weights().vocabulary, max_tokens=256)
    texts = [str(case["text"]) for case in CASES]
    first = [fresh.encode(t) for t in texts]
    again = [fresh.encode(t) for t in texts]  # from the word cache
    assert first == again == [case["ids"] for case in CASES]
