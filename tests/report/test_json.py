"""The JSON report is the engine's schema, UTF-8 and indented, with text left readable."""

from __future__ import annotations

import json

from retold.engine.model import Comparison
from retold.engine.serialize import comparison_to_dict
from retold.report.json_report import render_json


def test_json_is_the_engine_dict(comparison: Comparison) -> None:
    text = render_json(comparison)
    assert json.loads(text) == json.loads(json.dumps(comparison_to_dict(comparison)))
    assert "“relieved”" in text  # ensure_ascii=False keeps curly quotes readable
    assert text.startswith('{\n  "')  # indent 2
