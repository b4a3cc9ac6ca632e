"""The versioned JSON report: valid against its schema, and readable back."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from retold.engine.compare import compare
from retold.engine.serialize import (
    ReportFormatError,
    comparison_from_dict,
    comparison_to_dict,
)

SCHEMA = Path(__file__).resolve().parents[2] / "resources" / "schema" / "retold-report.schema.json"

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
