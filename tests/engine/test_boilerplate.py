"""Page furniture is flagged; article prose never is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retold.engine.segment import segment_document


def flagged(text: str) -> list[str]:
    found, _ = segment_document(text)
    return [text[s.start : s.end] for s in found if s.boilerplate]


@pytest.mark.parametrize(
    "line",
    [
        "You have a preview view of this article while we are checking your access.",
        "When we have confirmed access, the full article content will load.",
        "![A table with flags.](https://static.example.com/images/a.jpg?quality=75)",
        "https://example.com/some/page",
        "By Jane Doe",
        "By Jane Doe and John Q. Public",
        "Dec. 11, 2024, 5:03 a.m. ET",
        "Updated 3:45 p.m. ET",
        "Published: March 3, 2023",
        "Previous Post Next Post",
        "Share this article",
        "Share full article",
        "Follow us on Twitter",
        "Advertisement",
        "Read more",
        "Subscribe",
        "Sign in",
        "We use cookies to improve your experience on our website.",
        "Accept all cookies",
        "© 2024 The Example Times. All rights reserved.",
        "Copyright 2023 Example Media",
        "Maria Lopez contributed reporting from Madrid.",
        "Published Wed 11 Dec 2024 05.03 EST",
        "Last modified on Tue 3 Dec 2024 10.05 GMT",
        "Photograph: Jane Doe/Getty Images",
        "(Reporting by Jane Doe; Editing by John Roe)",
        "This article was originally published on The Conversation.",
        "Click here to read the full report",
        "Subscribe to keep reading",
        "Sign in to continue reading this story",
        "Click to share on Facebook (Opens in new window)",
        "Share on WhatsApp",
    ],
)
def test_furniture_line_is_flagged(line: str) -> None:
    text = f"A first sentence of prose stands here.\n{line}\nAnother sentence of prose follows."
    found = flagged(text)
    assert found and all(chunk in line for chunk in found)
    assert "".join(found).replace(" ", "") == line.replace(" ", "")


@pytest.mark.parametrize(
    "line",
    [
        "Readers who subscribe to the paper were asked to sign in before voting.",
        "By the end of the year, Jane Doe had left.",
        "On Dec. 11, 2024, the officials met in Nanjing to talk about trade.",
        "The site uses cookies, the report said, to track its readers across the web.",
        "Share prices fell 3 percent on Monday.",
        "Subscribers to the paper said they would keep reading it.",
        "Share on Facebook, he urged the students, whatever you think of the plan.",
        "When you can wander without a pop-up asking you to accept cookies, consent changes.",
        "Next year the group will meet again.",
        "Follow the money, he said.",
        "Advertisement revenue fell by a third in 2023.",
        "Senior Treasury officials are holding a final round of talks.",
        "By The Numbers",
        "From Russia With Love",
        "Published in 1999, the book sold well.",
        "Updated figures show a 3 percent rise.",
        "Jane Doe is a reporter who was detained in Iran in 2019.",
    ],
)
def test_prose_is_not_flagged(line: str) -> None:
    assert flagged(f"Some prose comes first.\n{line}\nMore prose comes after.") == []


def test_note_between_image_and_dateline() -> None:
    text = (
        "![A photo](https://x.example/p.jpg)\n"
        "The author travelled with the minister twice.\n"
        "Jan. 5, 2025, 9:00 a.m. ET\n"
        "The article starts here and goes on."
    )
    assert flagged(text) == text.splitlines()[:3]


def test_header_notes_between_image_and_dateline() -> None:
    lines = [
        "A Headline About The Talks",
        "![Officials at a table](https://x.example/p.jpg)",
        "Officials met at a long table on Tuesday.",
        "Credit...Jane Roe/Example Images",
        "By Alan Doe",
        "Alan Doe reported from Nanjing, China.",
        "Dec. 11, 2024, 5:03 a.m. ET",
        "The talks began on Tuesday and went on all week.",
    ]
    assert flagged("\n".join(lines)) == lines[1:7]


PAGE = """Skip to main content
Menu
# Wolves return to western Poland as forests recover
Conservationists say the animals are thriving, but farmers are worried.
![A grey wolf in a forest clearing](https://i.example.com/wolf.jpg)
A grey wolf in the Drawsko forest. Photograph: Jan Kowalski/Reuters
Jane Doe in Warsaw
Tue 3 Dec 2024 10.05 GMT
Last modified on Tue 3 Dec 2024 12.40 GMT
Share
The first wolf was spotted in the area in 2001. Today there are more than 100 packs.
Farmers say they have lost sheep, and some want the animals culled.
“It was carnage,” said one farmer, who asked not to be named.
Related: Europe’s wolves are back. Can we learn to live with them?
Explore more on these topics
Wildlife
Poland
Reuse this content
Most viewed
© 2024 Example News & Media Limited. All rights reserved."""


def test_a_whole_page_keeps_only_headline_standfirst_and_body() -> None:
    found, _ = segment_document(PAGE)
    prose = [PAGE[s.start : s.end] for s in found if not s.boilerplate]
    assert prose == [
        "# Wolves return to western Poland as forests recover",
        "Conservationists say the animals are thriving, but farmers are worried.",
        "The first wolf was spotted in the area in 2001.",
        "Today there are more than 100 packs.",
        "Farmers say they have lost sheep, and some want the animals culled.",
        "“It was carnage,” said one farmer, who asked not to be named.",
    ]


def test_author_note_only_at_the_edges() -> None:
    note = "Jane Doe is a staff writer covering climate for the Daily Example."
    body = [f"Sentence number {k} of the article body." for k in range(10)]
    assert flagged("\n".join([*body, note])) == [note]
    assert flagged("\n".join([*body[:5], note, *body[5:]])) == []


def test_phrases_found_when_lowering_changes_the_length() -> None:
    text = "İİİ İstanbul rose.\nThe museum opened. © 2024 Example Media."
    assert flagged(text) == ["© 2024 Example Media."]


def test_detection_can_be_switched_off() -> None:
    found, _ = segment_document("Advertisement\nProse.", detect_boilerplate=False)
    assert not any(s.boilerplate for s in found)


def test_seed_furniture_and_gold_links(shared: Path) -> None:
    seeds = shared / "seeds"
    gold = json.loads((seeds / "gold-alignment.json").read_text(encoding="utf-8"))
    original = flagged((seeds / gold["original_file"]).read_text(encoding="utf-8"))
    rewrite = flagged((seeds / gold["rewrite_file"]).read_text(encoding="utf-8"))
    assert original == gold["original_only"]  # every removed unit of the original is furniture
    assert rewrite == ["Previous Post Next Post"]
    linked = {s for link in gold["links"] for s in link["original"] + link["rewrite"]}
    assert not linked & set(original + rewrite)
