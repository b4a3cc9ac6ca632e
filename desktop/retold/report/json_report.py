"""The JSON report: exactly the engine's versioned schema (``serialize.comparison_to_dict``).

File facts (format, size, modification time) stay out: the schema
(``resources/schema/retold-report.schema.json``) forbids extra top-level fields, and each
document already carries its file's SHA-256. The HTML, PDF and text reports show the file facts.
"""

from __future__ import annotations

import json

from retold.engine.model import Comparison
from retold.engine.serialize import comparison_to_dict


def render_json(comparison: Comparison) -> str:
    return json.dumps(comparison_to_dict(comparison), indent=2, ensure_ascii=False) + "\n"
