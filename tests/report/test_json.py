"""The JSON report is the engine's schema, UTF-8 and indented, with text left readable."""

from __future__ import annotations

import json

import jsonschema

from retold.engine.model import Comparison
from retold.engine.serialize import comparison_from_dict
from retold.report.json_report import render_json
from retold.resources import resource_path


def test_json_follows_the_schema_and_reads_back(comparison: Comparison) -> None:
    text = render_json(comparison)
    data = json.loads(text)
    schema = json.loads(resource_path("schema", "retold-report.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    again = comparison_from_dict(data)
    assert again.original.text == comparison.original.text
    assert [link.kind for link in again.links] == [link.kind for link in comparison.links]
    assert again.stats == comparison.stats
    assert "“relieved”" in text  # ensure_ascii=False keeps curly quotes readable
    assert text.startswith('{\n  "')  # indent 2
