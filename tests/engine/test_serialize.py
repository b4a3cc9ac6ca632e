"""The versioned JSON report: valid against its schema, and readable back."""

from __future__ import annotations

import json

import jsonschema
import pytest

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
    """Written link by link, the report is byte for byte what json.dumps gives of the dict."""
    comparison = compare(original, rewrite)
    whole = json.dumps(comparison_to_dict(comparison), indent=2, ensure_ascii=False) + "\n"
    assert "".join(comparison_json(comparison)) == whole
    assert b"".join(json_pieces(comparison)) == whole.encode("utf-8")
