"""The versioned JSON report: valid against its schema, and readable back."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.engine.compare import compare
from retold.engine.serialize import (
    ReportFormatError,
    comparison_from_dict,
    comparison_json,
    comparison_to_dict,
)
from retold.report.json_report import json_pieces
from retold.resources import resource_path

SCHEMA = resource_path("schema", "retold-report.schema.json")

ORIGINAL = (
    "Senior Treasury officials met in Nanjing on Tuesday. They discussed the excess production "
    "of green energy technology.\n\nThe talks ended without a joint statement."
)
REWRITE = (
    "Treasury officials met in Nanjing on Tuesday. The talks ended with no joint statement.\n\n"
    "Critics called the meeting a waste of time."
)


def test_report_validates_against_schema() -> None:
    report = comparison_to_dict(compare(ORIGINAL, REWRITE))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(json.dumps(report)), schema)
    assert report["version"] == 1
    kinds = {link["kind"] for link in report["links"]}  # type: ignore[index]
    assert {"added", "removed"} <= kinds


def test_round_trip_gives_the_same_comparison() -> None:
    comparison = compare(ORIGINAL, REWRITE, original_sha256="ab" * 32)
    data = json.loads(json.dumps(comparison_to_dict(comparison)))
    assert comparison_from_dict(data) == comparison


def test_unknown_version_is_refused() -> None:
    data = comparison_to_dict(compare(ORIGINAL, REWRITE))
    data["version"] = 99
    with pytest.raises(ReportFormatError):
        comparison_from_dict(data)
    data["version"] = 1
    del data["links"]
    with pytest.raises(ReportFormatError):
        comparison_from_dict(data)


def test_a_report_written_before_kept_runs_reads_back_without_them() -> None:
    data = comparison_to_dict(compare(ORIGINAL, REWRITE))
    links = data["links"]
    assert isinstance(links, list) and any(link["kept"] for link in links)
    for link in links:
        del link["kept"]
    back = comparison_from_dict(json.loads(json.dumps(data)))
    assert all(link.kept == () for link in back.links)
    assert [link.changes for link in back.links] == [
        link.changes for link in compare(ORIGINAL, REWRITE).links
    ]


@pytest.mark.parametrize(
    ("original", "rewrite"),
    [
        ("", ""),
        ("A lone sentence. “Quoted,” she said.", ""),
        ("", "Only in the rewrite, with ünïcödé and a tab\tinside."),
        (
            "Prices rose 4 percent in 2010. The mayor, Ana Ruiz, said no. Mr. Lee left.",
            "Prices rose 7 percent in 2017. Mayor Carla Brandt said yes. A new line\nhere.",
        ),
    ],
)
def test_the_json_in_pieces_is_the_json_of_the_whole(original: str, rewrite: str) -> None:
    """Written link by link, the report holds exactly the data of the dict, and its pieces
    make the whole text."""
    comparison = compare(original, rewrite)
    text = "".join(comparison_json(comparison))
    assert json.loads(text) == json.loads(json.dumps(comparison_to_dict(comparison)))
    assert b"".join(json_pieces(comparison)) == text.encode("utf-8")
    assert text.endswith("}\n") and "\\u00" not in text  # text left readable, not escaped


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Ann met Bo.", "It rose 4%.", "Wir gehen. ", "\u201cOk,\u201d he said.\n\n"]
        ),
        max_size=6,
    ),
    st.lists(
        st.sampled_from(["Ann saw Bo.", "It rose 5%.", "Wir gehen. ", "Quoi\t?\n"]), max_size=6
    ),
)
def test_any_report_reads_back_as_its_dict(original: list[str], rewrite: list[str]) -> None:
    comparison = compare(" ".join(original), " ".join(rewrite))
    data = json.loads("".join(comparison_json(comparison)))
    assert data == json.loads(json.dumps(comparison_to_dict(comparison)))
    assert comparison_from_dict(data) == comparison


def test_the_report_has_a_link_a_line() -> None:
    """Top-level fields, each document's fields and each link stand on lines of their own (a
    diff of two reports reads link by link); lines hold no line break of the texts."""
    comparison = compare(ORIGINAL, REWRITE)
    lines = "".join(comparison_json(comparison)).splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert sum(line.startswith('  "') for line in lines) == 10  # the top-level fields
    assert sum(line.startswith('    "text": ') for line in lines) == 2  # each document's
    first = lines.index('  "links": [') + 1
    links = [json.loads(line.rstrip(",")) for line in lines[first : lines.index("  ],", first)]]
    assert links == json.loads(json.dumps(comparison_to_dict(comparison)))["links"]


def test_the_json_tells_its_progress_and_is_the_same_in_pieces_of_any_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from retold.engine import serialize
    from retold.report import json_report

    comparison = compare(ORIGINAL * 3, REWRITE * 3)
    text = "".join(comparison_json(comparison))
    monkeypatch.setattr(serialize, "_REPORT_EVERY", 1)
    monkeypatch.setattr(json_report, "_PIECE", 40)  # a document's text is a piece of its own
    shares: list[float] = []
    assert b"".join(json_pieces(comparison, shares.append)) == text.encode("utf-8")
    assert shares == sorted(shares) and shares[-1] == 1.0
    # The start, each document made and written, each link, the end.
    assert len(shares) == 1 + 4 + len(comparison.links) + 1
