"""Warnings about the comparison itself, and the verbatim figures in the stats."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from retold.engine.compare import compare
from retold.engine.serialize import comparison_from_dict, comparison_to_dict

SCHEMA = Path(__file__).resolve().parents[2] / "resources" / "schema" / "retold-report.schema.json"

ARTICLE = [
    "The river rose two metres overnight and flooded the lower town.",
    "Hundreds of families left their homes before dawn on Sunday.",
    "The mayor opened three schools as shelters for the night.",
    "Volunteers brought blankets, food and dry clothes to the schools.",
    "Engineers said the old dike had given way near the mill.",
    "Repairs could take most of the summer, they warned.",
    "Insurers expect claims to reach record levels this year.",
    "The council will meet on Friday to plan the rebuilding.",
]


def kinds(original: str, rewrite: str) -> set[str]:
    return {w.kind for w in compare(original, rewrite).warnings}


def test_original_cut_short_is_warned_with_how_much_comes_after() -> None:
    original = "\n".join(ARTICLE[:3])
    comparison = compare(original, "\n".join(ARTICLE))
    warning = next(w for w in comparison.warnings if w.kind == "original_truncated")
    figures = dict(warning.figures)
    assert figures["rewrite_sentences_after"] == 5 and figures["reason"] == "early end"
    assert 0.5 < float(figures["rewrite_share_after"]) < 0.8
    assert "5 sentences of the rewrite" in warning.message
    assert "rewrite_truncated" not in {w.kind for w in comparison.warnings}


def test_a_paywall_notice_alone_marks_the_original_as_a_preview() -> None:
    original = "You have a preview view of this article.\n" + "\n".join(ARTICLE)
    assert "original_truncated" in kinds(original, "\n".join(ARTICLE))


def test_rewrite_cut_short() -> None:
    found = kinds("\n".join(ARTICLE), "\n".join(ARTICLE[:3]))
    assert "rewrite_truncated" in found and "original_truncated" not in found


def test_little_in_common() -> None:
    other = "Tomatoes need sun and water. Prune them in July. Pick them when red and soft."
    assert "little_in_common" in kinds("\n".join(ARTICLE), other)
    assert kinds("\n".join(ARTICLE), "\n".join(ARTICLE)) == set()


def test_verbatim_figures_in_stats() -> None:
    original = "\n".join(ARTICLE[:2])
    # The first sentence is kept whole (11 words), the second retold in new words.
    rewrite = ARTICLE[0] + "\nFamilies by the hundred fled in the dark early that Sunday."
    comparison = compare(original, rewrite)
    stats = comparison.stats
    assert stats.verbatim_min_words == 6 and stats.longest_verbatim_words == 11
    assert abs(stats.verbatim_share - 11 / 21) < 1e-9
    assert abs(stats.retold_share - 10 / 21) < 1e-9
    assert comparison.longest_verbatim is not None
    (start, end), _rewrite = comparison.longest_verbatim
    assert original[start:end] == ARTICLE[0]


def test_new_fields_validate_and_round_trip() -> None:
    comparison = compare("\n".join(ARTICLE[:3]), "\n".join(ARTICLE).replace("three", "five"))
    report = json.loads(json.dumps(comparison_to_dict(comparison)))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    assert report["warnings"][0]["kind"] == "original_truncated"
    assert any(link.get("facts") for link in report["links"])
    assert comparison_from_dict(report) == comparison


def test_a_report_without_the_new_fields_still_reads() -> None:
    report = json.loads(json.dumps(comparison_to_dict(compare(ARTICLE[0], ARTICLE[0]))))
    del report["warnings"], report["longest_verbatim"]
    for side in ("original", "rewrite"):
        del report[side]["boilerplate_kinds"]
    for link in report["links"]:
        del link["facts"]
    for name in ("verbatim_share", "longest_verbatim_words", "verbatim_min_words", "retold_share"):
        del report["stats"][name]
    jsonschema.validate(report, json.loads(SCHEMA.read_text(encoding="utf-8")))
    old = comparison_from_dict(report)
    assert old.warnings == () and old.stats.verbatim_min_words == 0
