"""The evidence terms: what survives a retelling is counted, what any text has is not."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from retold.archive.features import fingerprint, term_key, term_keys, terms


def test_content_words_names_and_numbers_are_terms_and_function_words_are_not() -> None:
    found = terms("In 2023 the council of Harlow paid 1,400,000 dollars; Okafor's crews worked.")
    assert {"#:2023", "#:1400000", "n:harlow", "n:okafor", "w:council", "w:crew"} <= found
    assert not {t for t in found if t in ("w:the", "w:of", "w:in")}
    assert "n:in" not in found  # a capital that opens the sentence names nothing


def test_a_capital_after_a_sentence_end_is_not_a_name_but_one_inside_is() -> None:
    assert "n:then" not in terms("She left.” Then it rained.")
    assert "n:then" not in terms("Line one\nThen line two")
    assert "n:paris" in terms("They flew to Paris.")


def test_typographic_apostrophes_give_the_same_terms() -> None:
    assert terms("Okafor\u2019s crew didn\u2019t stop") == terms("Okafor's crew didn't stop")


def test_keys_are_stable_across_processes_and_the_fingerprint_is_fixed() -> None:
    # blake2b, not Python's salted hash: an index built in one process is read in another
    assert term_key("n:okafor") == term_key("n:okafor")
    assert term_key("n:okafor") != term_key("w:okafor")
    assert fingerprint() == fingerprint() and len(fingerprint()) == 16


@given(st.text(max_size=300))
def test_keys_are_the_sorted_distinct_hashes_of_the_terms(text: str) -> None:
    keys = term_keys(text)
    assert keys == sorted(set(keys))
    assert set(keys) == {term_key(t) for t in terms(text)}
    assert all(-(2**63) <= k < 2**63 for k in keys)


@given(st.text(max_size=200), st.text(max_size=200))
def test_the_terms_of_two_paragraphs_are_those_of_each(first: str, second: str) -> None:
    joined = terms(first + "\n\n" + second)
    assert {t for t in terms(first) | terms(second) if not t.startswith("n:")} <= joined
