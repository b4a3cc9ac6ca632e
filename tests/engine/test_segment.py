"""Sentence and paragraph segmentation: tricky cases, the seed articles, invariants, speed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.engine.segment import segment_document, split_sentences
from tests.timing import growth


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "President-elect Donald J. Trump takes office next month.",
        "Treasury Secretary Janet L. Yellen spoke on Monday.",
        "The U.S.-China financial working group met in Nanjing.",
        "The U.S. is expected to raise concerns about excess production.",
        "Published Dec. 11, 2024, 5:03 a.m. ET by the desk.",
        "The vote is at 5 p.m. Monday in the Senate.",
        "Mr. Smith met Dr. Jones on St. Mark's Place at No. 5 on Jan. 3.",
        "The deal was worth $3.5 billion in total, and 2.5 percent more.",
        "Some fruits, e.g. apples, keep well, but others, i.e. berries, do not.",
        "He has lived in Paris, France; Rome, Italy; and Oslo.",
        "He has lived in Paris, France; Rome, Italy; and Oslo, Norway, for many years.",
        "Helium at 1.9 Kelvin (-271C; -456F) leaked into the collider tunnel.",
        "Acme Inc. Chief Executive Jane Roe said nothing.",
        "The U.S. Treasury Department said it would respond.",
        "See fig. 3 and pp. 12-14 of vol. 2 for details.",
        "Mail jane.Doe@example.com or use Node.Js and os.Path today.",
        "Shares of Apple.Inc rose in St.Louis trading.",
        "Visit https://example.com/a.b?c=d. for more, or www.example.org. today.",
    ],
)
def test_one_sentence(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said, "It is over." Then he left.', ['He said, "It is over."', "Then he left."]),
        ("He said, “It is over.” Then he left.", ["He said, “It is over.”", "Then he left."]),
        ("Is it? Yes! It is… Really.", ["Is it?", "Yes!", "It is…", "Really."]),
        ("Wait... Then go.", ["Wait...", "Then go."]),
        ('"Is it?" she asked. No.', ['"Is it?" she asked.', "No."]),
        ("It grew in the U.S. The rest fell.", ["It grew in the U.S.", "The rest fell."]),
        ("The meeting ends at 5 p.m. It resumes.", ["The meeting ends at 5 p.m.", "It resumes."]),
        (
            "Prices rose 3.5 percent. 2025 looks worse.",
            ["Prices rose 3.5 percent.", "2025 looks worse."],
        ),
        ("She left (quietly.) He stayed.", ["She left (quietly.)", "He stayed."]),
        ("今天下雨。明天晴天！", ["今天下雨。", "明天晴天！"]),
        ("It ended by 11 p.m. Former aides left.", ["It ended by 11 p.m.", "Former aides left."]),
        ('He told the Post. " The elder man', ['He told the Post. "', "The elder man"]),
        ("1. Mix the flour.\n2. Bake it.", ["1. Mix the flour.", "2. Bake it."]),
        ("Steps: 1. Mix it. 2. Bake it.", ["Steps: 1. Mix it.", "2. Bake it."]),
        ("He scored 3. Then he left.", ["He scored 3.", "Then he left."]),
        ("It took place . . Then it ended.", ["It took place . .", "Then it ended."]),
        ("and initiative.Jahanshahi, M. (1998).", ["and initiative.", "Jahanshahi, M. (1998)."]),
        # Glued to a quotation that opens the next sentence (scraped text lost the space).
        ('It was over."Yes," he said.', ["It was over.", '"Yes," he said.']),
        (
            'the Manchus."Historical Aspects" came out.',
            ["the Manchus.", '"Historical Aspects" came out.'],
        ),
        ('He said "stop."Then he left.', ['He said "stop."', "Then he left."]),
        ("It was over.“Yes,” he said.", ["It was over.", "“Yes,” he said."]),
        ("C'était fini.«Oui», dit-il.", ["C'était fini.", "«Oui», dit-il."]),
        (
            "Some fruits keep well; others, i.e. berries, do not.",
            ["Some fruits keep well;", "others, i.e. berries, do not."],
        ),
        (
            "They all went home; fine. Then they slept.",
            ["They all went home; fine.", "Then they slept."],
        ),
    ],
)
def test_splits(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_line_breaks_end_sentences_unless_wrapped() -> None:
    text = (
        "A Headline Without Stop\n###\n![alt. text. here](http://x.y/z.jpg)\n"
        "Body starts here\nand continues.\n- item one\n- item two"
    )
    assert sentences(text) == [
        "A Headline Without Stop",
        "###",
        "![alt. text. here](http://x.y/z.jpg)",
        "Body starts here\nand continues.",
        "- item one",
        "- item two",
    ]
    _, paragraphs = segment_document(text)
    assert len(paragraphs) == 6


def test_hard_wrapped_block_is_one_paragraph() -> None:
    text = (
        "It was a bright cold day in April, and the clocks were striking\n"
        "thirteen. Winston Smith, his chin nuzzled into his breast in an\n"
        "effort to escape the vile wind, slipped quickly through the glass.\n"
        "\n"
        "Second paragraph here."
    )
    found, paragraphs = segment_document(text)
    assert [s.paragraph for s in found] == [0, 0, 1]
    assert len(paragraphs) == 2
    assert text[found[1].start : found[1].end].startswith("Winston Smith")


def test_empty_and_blank() -> None:
    assert segment_document("") == ((), ())
    assert segment_document(" \n\t\n\u2028 ") == ((), ())


def test_seed_sentences_match_gold(shared: Path) -> None:
    """Every gold unit of the seeds is exactly one of our sentences (or a run of them)."""
    seeds = shared / "seeds"
    gold = json.loads((seeds / "gold-alignment.json").read_text(encoding="utf-8"))
    units: dict[str, list[str]] = {gold["original_file"]: [], gold["rewrite_file"]: []}
    for link in gold["links"]:
        for sentence in link["original"]:
            units[gold["original_file"]].append(sentence)
        units[gold["rewrite_file"]].extend(link["rewrite"])
    units[gold["original_file"]].extend(gold["original_only"])
    units[gold["rewrite_file"]].extend(gold["rewrite_only"])
    for name, expected in units.items():
        text = (seeds / name).read_text(encoding="utf-8")
        spans = split_sentences(text)
        starts, ends = {s for s, _ in spans}, {e for _, e in spans}
        for unit in expected:
            at = text.index(unit)
            assert at in starts and at + len(unit) in ends, unit


_ALPHABET = st.sampled_from(
    [*"ab .!?\n\n \"”’')(JUS…。x$3,-#[];“", "Mr", "U.S", "Dr", "The", "e.g"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_cover_every_non_space_char_once(text: str) -> None:
    found, paragraphs = segment_document(text)
    assert found == segment_document(text)[0]  # deterministic
    covered = [0] * len(text)
    previous_end = 0
    for index, sentence in enumerate(found):
        assert sentence.index == index
        assert previous_end <= sentence.start < sentence.end
        chunk = text[sentence.start : sentence.end]
        assert chunk == chunk.strip() and chunk
        p_start, p_end = paragraphs[sentence.paragraph]
        assert p_start <= sentence.start and sentence.end <= p_end
        for i in range(sentence.start, sentence.end):
            covered[i] += 1
        previous_end = sentence.end
    for i, char in enumerate(text):
        assert covered[i] == 1 or (char.isspace() and covered[i] == 0)


def test_speed_on_a_long_text() -> None:
    paragraph = (
        "Treasury Secretary Janet L. Yellen met Mr. Li in Beijing on Dec. 11, 2024. "
        "The U.S. and China agreed to talk again, officials said. “It is over,” he said. "
        "Would the talks go on? Nobody knew… The $3.5 billion deal was signed at 5 p.m. ET.\n\n"
    )
    assert len(segment_document(paragraph * 2000)[0]) == 6 * 2000  # about 100k words
    # Four times the text, about four times the time (quadratic would be sixteen).
    assert growth(lambda n: segment_document(paragraph * n), 500, 2000, repeat=2) < 8


def test_long_runs_of_joined_lines_stay_linear() -> None:
    """Thousands of wrapped lines without a full stop used to rescan the paragraph each time."""
    found, paragraphs = segment_document(("word " * 50 + "\n") * 4000)  # 1 MB, one paragraph
    assert len(found) == len(paragraphs) == 1
    assert growth(lambda n: segment_document(("word " * 50 + "\n") * n), 1000, 4000) < 8


def test_many_glued_quotes_in_one_paragraph_cost_linear_time() -> None:
    # no sentence ends here, so the sentence start never moves; quadratic would be 16 times
    assert growth(lambda n: split_sentences('ab."cd' * n), 10_000, 40_000) < 8


def test_progress_rises_and_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    from retold.engine import segment

    text = "\n\n".join(
        f"Paragraph {k} says a thing. Then another one, Mr. Lee said." for k in range(9)
    )
    text += "\n\nBy Jane Roe\n\nShare this article"
    monkeypatch.setattr(segment, "_REPORT_EVERY", 2)
    for boilerplate in (True, False):
        shares: list[float] = []
        found = segment_document(text, detect_boilerplate=boilerplate, progress=shares.append)
        assert found == segment_document(text, detect_boilerplate=boilerplate)
        assert shares == sorted(shares)
        assert len(shares) >= 5
        assert shares[0] > 0.0 and shares[-1] <= 1.0
