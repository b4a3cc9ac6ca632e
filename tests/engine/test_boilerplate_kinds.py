"""Each piece of page furniture is named by its kind; the kinds change no decision."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.engine.boilerplate import KINDS, boilerplate_kinds, flag_boilerplate
from retold.engine.segment import segment_document


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("By Jane Doe", "byline"),
        ("Dec. 11, 2024, 5:03 a.m. ET", "dateline"),
        ("You have a preview view of this article while we are checking your access.",
         "paywall notice"),
        ("Subscribe to keep reading", "paywall notice"),
        ("![A table with flags.](https://static.example.com/images/a.jpg)", "image"),
        ("Previous Post Next Post", "navigation"),
        ("Share this article", "sharing"),
        ("Advertisement", "advertising"),
        ("Accept all cookies", "cookie notice"),
        ("© 2024 The Example Times. All rights reserved.", "copyright"),
        ("Photograph: Jane Doe/Getty Images", "credit"),
    ],
)  # fmt: skip
def test_kind_of_a_furniture_line(line: str, kind: str) -> None:
    text = f"A first sentence of prose stands here.\n{line}\nAnother sentence of prose follows."
    sentences, _ = segment_document(text)
    found = {s.furniture for s in sentences if s.boilerplate}
    assert found == {kind}


def test_header_notes_tell_an_author_from_a_caption() -> None:
    text = (
        "![Flags on a table.](https://example.com/a.jpg)\n"
        "Officials meet in a hall in the capital.\n"
        "Jane Doe reported from the capital for this story.\n"
        "Dec. 11, 2024\n"
        "The talks began on Monday and went on late into the night, officials said.\n"
    )
    sentences, _ = segment_document(text)
    kinds = [s.furniture for s in sentences if s.boilerplate]
    assert kinds == ["image", "caption", "author note", "dateline"]


LINES = st.sampled_from(
    [
        "By Jane Doe",
        "Read more",
        "The council met on Tuesday and voted for the plan.",
        "Share on WhatsApp",
        "Dec. 11, 2024",
        "It was late; the vote went on anyway.",
        "Jane Doe is a reporter covering city hall.",
        "Photograph: John Roe",
        "Explore more on these topics",
        "Wildlife",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=12))
def test_kinds_flag_exactly_what_the_detector_flags(lines: list[str]) -> None:
    text = "\n".join(lines)
    sentences, _ = segment_document(text, detect_boilerplate=False)
    kinds = boilerplate_kinds(text, sentences)
    assert frozenset(kinds) == flag_boilerplate(text, sentences)
    assert set(kinds.values()) <= set(KINDS)
